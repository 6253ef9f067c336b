/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Typed, error-reporting access to the nodes and properties of a compiled
 * device tree (the output of dtc for a config source). Every reader reports
 * a problem as one line "FILE: /node/path: message" naming the property, the
 * value found and what was expected, counts it, and carries on, so one run
 * lists every mistake in a source file.
 */
#ifndef CELLBLOCK_DTS_READER_H
#define CELLBLOCK_DTS_READER_H

#include "config_names.h"

#include <stddef.h>
#include <stdint.h>

struct dts_reader {
	const void *fdt;
	const char *file;	/* source file named in messages */
	unsigned int error_count;
};

/** dts_error() - report a problem at @node (an fdt offset). */
void dts_error(struct dts_reader *rd, int node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * dts_check_names() - refuse properties and subnodes the schema lacks.
 * @properties, @children: NULL-terminated lists of allowed names (children
 *	match by name before any '@'); either may be NULL for "none", and
 *	@children may be DTS_ANY_CHILD for a container of named items.
 */
extern const char *const DTS_ANY_CHILD[];

void dts_check_names(struct dts_reader *rd, int node,
		     const char *const *properties, const char *const *children);

/** dts_subnode() - offset of child @name, or -1 (reported if @required). */
int dts_subnode(struct dts_reader *rd, int node, const char *name,
		int required);

/** dts_has() - whether @node has property @name. */
int dts_has(struct dts_reader *rd, int node, const char *name);

/**
 * dts_u64() - a number written as one 32-bit cell, two cells (high, low) or
 * /bits/ 64. Missing: reported if @required, else *@out = 0. Returns 1 if a
 * value was read.
 */
int dts_u64(struct dts_reader *rd, int node, const char *name, int required,
	    uint64_t *out);

/** dts_u32() - a number written as one 32-bit cell; as dts_u64(). */
int dts_u32(struct dts_reader *rd, int node, const char *name, int required,
	    uint32_t *out);

/**
 * dts_u32_list() - a list of 32-bit cells, at most @max of them.
 * Missing: *@count = 0 (reported if @required). Returns 1 if read.
 */
int dts_u32_list(struct dts_reader *rd, int node, const char *name,
		 int required, uint32_t *out, unsigned int max,
		 unsigned int *count);

/** dts_string() - a string that fits @size bytes with its NUL. */
int dts_string(struct dts_reader *rd, int node, const char *name, int required,
	       char *out, size_t size);

/** dts_enum() - a string naming one entry of @table. */
int dts_enum(struct dts_reader *rd, int node, const char *name, int required,
	     const struct config_name *table, uint32_t *out);

/** dts_flags() - a list of strings, each naming a bit in @table. */
int dts_flags(struct dts_reader *rd, int node, const char *name, int required,
	      const struct config_name *table, uint32_t *out);

#endif /* CELLBLOCK_DTS_READER_H */
