// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Linux boot of a cell in a boot image (`cellblock image --linux`): its
 * options (--linux, --initrd, --bootargs, --dtb) and its layout, the one of
 * linux_layout.h, the device tree a CB_BLOB_DEVICE_TREE blob. All three in
 * the kernel's region, so they overlap nothing else the cell loads; the
 * image validator checks that again, with every payload.
 */
#include "image_build.h"

#include "cell_dtb.h"
#include "cell_dtb_parts.h"
#include "config_check.h"
#include "image_check.h"
#include "linux_layout.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL "cellblock image"

__attribute__((format(printf, 2, 3))) static int
refuse(const char *cell, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cellblock image: cell %s: ", cell);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static void print_config_problem(struct config_report *report,
				 const void *subject, const char *where,
				 const char *what)
{
	(void)report;
	(void)subject;
	fprintf(stderr, "cellblock image: %s: %s\n", where, what);
}

/*
 * A device tree given with --dtb gets the initrd's range and --bootargs in
 * its /chosen, as the generated one does (each replaces what it had), and
 * is held to the same rule: every reg and interrupt in it is the cell's.
 */
static int given_dtb(const struct cb_system_config *system,
		     const struct cb_cell_config *config, struct input *dtb,
		     const char *bootargs, uint64_t initrd_start,
		     uint64_t initrd_end)
{
	const struct cell_dtb_origin origin = { NULL, NULL, NULL, dtb->path };
	const char *cell = config->name;
	size_t size = dtb->size + 4096 + (bootargs ? strlen(bootargs) : 0);
	void *fdt = malloc(size);
	int node, err;

	if (!fdt)
		return refuse(cell, "out of memory");
	err = fdt_open_into(dtb->data, fdt, (int)size);
	if (err) {
		free(fdt);
		return refuse(cell, "--dtb %s is not a flattened device tree "
			      "(%s)", dtb->path, fdt_strerror(err));
	}
	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	err = node < 0 ? node : 0;
	if (!err && bootargs)
		err = fdt_setprop_string(fdt, node, "bootargs", bootargs);
	if (!err && initrd_end)
		err = fdt_setprop_u64(fdt, node, "linux,initrd-start",
				      initrd_start);
	if (!err && initrd_end)
		err = fdt_setprop_u64(fdt, node, "linux,initrd-end",
				      initrd_end);
	if (!err)
		err = fdt_pack(fdt);
	if (err) {
		free(fdt);
		return refuse(cell, "--dtb %s: cannot set /chosen (%s)",
			      dtb->path, fdt_strerror(err));
	}
	free(dtb->data);
	dtb->data = fdt;
	dtb->size = fdt_totalsize(fdt);
	if (cell_dtb_check(fdt, system, config, &origin))
		return refuse(cell, "--dtb %s describes what the cell does not "
			      "own (above)", dtb->path);
	return 0;
}

/* The kernel's inputs in this cell: the DTB after it, the initrd if any. */
static struct input *initrd_of(struct build *b, unsigned int kernel_at)
{
	unsigned int i;

	for (i = kernel_at + 1; i < b->count; i++) {
		if (b->input[i].kind == CB_BLOB_CELL_CONFIG)
			break;
		if (b->input[i].role == ROLE_INITRD)
			return &b->input[i];
	}
	return NULL;
}

static int place(struct build *b, unsigned int cell_at,
		 const struct cb_system_config *system,
		 const struct cb_cell_config *cell)
{
	unsigned int kernel_at = cell_at + 1;
	struct input *kernel, *dtb, *initrd;
	struct linux_file kernel_file, initrd_file;
	struct linux_place at;
	const char *source = NULL;

	while (b->input[kernel_at].role != ROLE_KERNEL)
		kernel_at++;
	kernel = &b->input[kernel_at];
	dtb = kernel + 1;
	initrd = initrd_of(b, kernel_at);
	kernel_file = (struct linux_file){ kernel->path, kernel->data,
					   kernel->size };
	if (initrd)
		initrd_file = (struct linux_file){ initrd->path, initrd->data,
						   initrd->size };
	if (linux_place(TOOL, cell, &kernel_file, initrd ? &initrd_file : NULL,
			&at))
		return 1;
	kernel->load_address = at.kernel;
	if (initrd)
		initrd->load_address = at.initrd_start;
	if (!dtb->path) {
		if (input_is_source(&b->input[cell_at]))
			source = b->input[cell_at].path;
		if (linux_generate_dtb(TOOL, system, cell, kernel->bootargs, &at,
				       source, &dtb->data, &dtb->size))
			return 1;
		dtb->path = "device-tree.dtb";	/* the blob's name */
	} else if (given_dtb(system, cell, dtb, kernel->bootargs,
			     at.initrd_start, at.initrd_end)) {
		return 1;
	}
	if (linux_place_dtb(TOOL, cell, &at, dtb->size))
		return 1;
	dtb->load_address = at.dtb;
	return 0;
}

/* ---- the command line ------------------------------------------------ */

/* --linux FILE: the kernel, and the device tree's place right after it
   (generated unless --dtb names a file). */
int parse_linux(const char *path, struct build *b)
{
	struct input *in = &b->input[b->count];

	if (!b->cells)
		return image_usage_error("--linux %s comes before any --cell (the "
				   "kernel belongs to the cell before it)",
				   path);
	if (b->kernel_at)
		return image_usage_error("--linux %s: the cell has a kernel already "
				   "(%s)", path, b->input[b->kernel_at].path);
	b->kernel_at = b->count;
	in[0] = (struct input){ .path = path, .kind = CB_BLOB_PAYLOAD,
				.role = ROLE_KERNEL };
	in[1] = (struct input){ .kind = CB_BLOB_DEVICE_TREE,
				.role = ROLE_DTB };
	b->count += 2;
	return 0;
}

/* --initrd, --bootargs, --dtb: parts of the current cell's --linux. */
int parse_linux_part(const char *option, const char *arg,
			    struct build *b)
{
	struct input *kernel = &b->input[b->kernel_at];
	struct input *dtb = kernel + 1;

	if (!b->kernel_at)
		return image_usage_error("%s %s does not follow a --linux in the "
				   "same cell", option, arg);
	if (!strcmp(option, "--bootargs")) {
		if (kernel->bootargs)
			return image_usage_error("--bootargs given twice for %s",
					   kernel->path);
		kernel->bootargs = arg;
	} else if (!strcmp(option, "--dtb")) {
		if (dtb->dtb_given)
			return image_usage_error("--dtb given twice for %s",
					   kernel->path);
		dtb->path = strcmp(arg, "auto") ? arg : NULL;
		dtb->dtb_given = 1;
	} else {
		unsigned int i;

		for (i = b->kernel_at; i < b->count; i++)
			if (b->input[i].role == ROLE_INITRD)
				return image_usage_error("--initrd given twice for "
						   "%s", kernel->path);
		b->input[b->count++] = (struct input){
			.path = arg, .kind = CB_BLOB_PAYLOAD,
			.role = ROLE_INITRD };
	}
	return 0;
}

/* ---- the layout ------------------------------------------------------ */

int linux_layout(struct build *b, unsigned int cell_at)
{
	struct config_report report = { print_config_problem, 0 };
	const struct cb_system_config *system;
	const struct cb_cell_config *cell;

	/* The configs' own problems are the validator's to report (later,
	   over the whole image); only a readable cell is laid out. */
	system = config_check_system(b->input[0].data, b->input[0].size,
				     &report);
	if (!system)
		return 1;
	cell = config_check_cell(system, b->input[cell_at].data,
				 b->input[cell_at].size, &report);
	if (!cell)
		return 1;
	return place(b, cell_at, system, cell);
}
