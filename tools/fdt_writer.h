/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writing a flattened device tree front to back with libfdt's
 * sequential-write API, without checking every call: the first libfdt
 * error sticks and later calls do nothing, so a writer reads as the tree
 * it writes. The output's size is not known in advance, so a tree is
 * written by a function that fdt_writer_run() calls again with a bigger
 * buffer when the first ran out of room; such a function must therefore
 * print nothing (decide what to write first, then write it).
 */
#ifndef CELLBLOCK_FDT_WRITER_H
#define CELLBLOCK_FDT_WRITER_H

#include <stddef.h>
#include <stdint.h>

struct fdt_writer {
	void *fdt;
	int error;	/* the first libfdt error (negative), or 0 */
};

/**
 * fdt_writer_run() - call @write(@w, @context) on a fresh tree until it
 * fits, then finish and pack it.
 * @write: writes the root's properties and children; fdt_writer_run()
 *	opens and closes the root node around it.
 * Return: 0 with the malloc'ed tree in *@fdt (*@size bytes), or -1 after
 * printing the libfdt error.
 */
int fdt_writer_run(void (*write)(struct fdt_writer *w, const void *context),
		   const void *context, void **fdt, size_t *size);

/** fdt_writer_begin() - open child node @name of the current node. */
void fdt_writer_begin(struct fdt_writer *w, const char *name);

/** fdt_writer_beginf() - as fdt_writer_begin(), the name from @fmt. */
void fdt_writer_beginf(struct fdt_writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** fdt_writer_end() - close the current node. */
void fdt_writer_end(struct fdt_writer *w);

/** fdt_writer_property() - @length raw bytes (big-endian already). */
void fdt_writer_property(struct fdt_writer *w, const char *name,
			 const void *value, size_t length);

/** fdt_writer_empty() - a property without a value (`ranges;`). */
void fdt_writer_empty(struct fdt_writer *w, const char *name);

/** fdt_writer_u32() - one cell. */
void fdt_writer_u32(struct fdt_writer *w, const char *name, uint32_t value);

/** fdt_writer_u64() - two cells, high first. */
void fdt_writer_u64(struct fdt_writer *w, const char *name, uint64_t value);

/** fdt_writer_cells() - @count cells from host-order @cells. */
void fdt_writer_cells(struct fdt_writer *w, const char *name,
		      const uint32_t *cells, unsigned int count);

/** fdt_writer_string() - one string. */
void fdt_writer_string(struct fdt_writer *w, const char *name,
		       const char *value);

/** fdt_writer_strings() - a string list from the NULL-terminated @list. */
void fdt_writer_strings(struct fdt_writer *w, const char *name,
			const char *const *list);

#endif /* CELLBLOCK_FDT_WRITER_H */
