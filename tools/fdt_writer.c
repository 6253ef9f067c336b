// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sequential device-tree writer (see fdt_writer.h).
 */
#include "fdt_writer.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A cell's tree is a few KiB; a fragment could add more, never this much. */
#define FIRST_SIZE 0x10000
#define LAST_SIZE 0x4000000

static void note(struct fdt_writer *w, int result)
{
	if (result < 0 && !w->error)
		w->error = result;
}

void fdt_writer_begin(struct fdt_writer *w, const char *name)
{
	if (!w->error)
		note(w, fdt_begin_node(w->fdt, name));
}

void fdt_writer_beginf(struct fdt_writer *w, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	fdt_writer_begin(w, name);
}

void fdt_writer_end(struct fdt_writer *w)
{
	if (!w->error)
		note(w, fdt_end_node(w->fdt));
}

void fdt_writer_property(struct fdt_writer *w, const char *name,
			 const void *value, size_t length)
{
	if (length > (size_t)INT32_MAX)
		note(w, -FDT_ERR_BADVALUE);
	if (!w->error)
		note(w, fdt_property(w->fdt, name, value, (int)length));
}

void fdt_writer_empty(struct fdt_writer *w, const char *name)
{
	fdt_writer_property(w, name, NULL, 0);
}

void fdt_writer_cells(struct fdt_writer *w, const char *name,
		      const uint32_t *cells, unsigned int count)
{
	fdt32_t be[512];	/* a GIC reg: 4 cells per frame, 65 frames */
	unsigned int i;

	if (count > sizeof(be) / sizeof(be[0])) {
		note(w, -FDT_ERR_BADVALUE);
		return;
	}
	for (i = 0; i < count; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	fdt_writer_property(w, name, be, count * sizeof(be[0]));
}

void fdt_writer_u32(struct fdt_writer *w, const char *name, uint32_t value)
{
	fdt_writer_cells(w, name, &value, 1);
}

void fdt_writer_u64(struct fdt_writer *w, const char *name, uint64_t value)
{
	uint32_t cells[2] = { (uint32_t)(value >> 32), (uint32_t)value };

	fdt_writer_cells(w, name, cells, 2);
}

void fdt_writer_string(struct fdt_writer *w, const char *name,
		       const char *value)
{
	fdt_writer_property(w, name, value, strlen(value) + 1);
}

void fdt_writer_strings(struct fdt_writer *w, const char *name,
			const char *const *list)
{
	char buf[512];
	size_t used = 0, length;

	for (; *list; list++) {
		length = strlen(*list) + 1;
		if (used + length > sizeof(buf)) {
			note(w, -FDT_ERR_BADVALUE);
			return;
		}
		memcpy(buf + used, *list, length);
		used += length;
	}
	fdt_writer_property(w, name, buf, used);
}

/* One attempt in a buffer of @size bytes; returns the libfdt error. */
static int attempt(struct fdt_writer *w, size_t size,
		   void (*write)(struct fdt_writer *, const void *),
		   const void *context)
{
	w->error = 0;
	note(w, fdt_create(w->fdt, (int)size));
	if (!w->error)
		note(w, fdt_finish_reservemap(w->fdt));
	fdt_writer_begin(w, "");
	write(w, context);
	fdt_writer_end(w);
	if (!w->error)
		note(w, fdt_finish(w->fdt));
	return w->error;
}

int fdt_writer_run(void (*write)(struct fdt_writer *w, const void *context),
		   const void *context, void **fdt, size_t *size)
{
	struct fdt_writer w = { NULL, 0 };
	size_t room;
	int error = -FDT_ERR_NOSPACE;

	for (room = FIRST_SIZE; room <= LAST_SIZE && error == -FDT_ERR_NOSPACE;
	     room *= 2) {
		free(w.fdt);
		w.fdt = malloc(room);
		if (!w.fdt) {
			perror("cellblock: device tree");
			return -1;
		}
		error = attempt(&w, room, write, context);
	}
	if (!error)
		error = fdt_pack(w.fdt);
	if (error) {
		fprintf(stderr, "cellblock: writing the device tree: %s\n",
			fdt_strerror(error));
		free(w.fdt);
		return -1;
	}
	*fdt = w.fdt;
	*size = fdt_totalsize(w.fdt);
	return 0;
}
