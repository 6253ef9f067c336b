// SPDX-License-Identifier: GPL-2.0-only
/*
 * cell_dtb_build() (see cell_dtb.h): read the io regions' devices from the
 * cell's source, write the generated tree, merge the user's fragment, and
 * check the result against what the cell owns. Every step reports all of
 * its problems before the build gives up, so one run lists them all.
 */
#include "cell_dtb.h"
#include "cell_dtb_parts.h"

#include "dtc_run.h"
#include "dts_reader.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The node of the cell in its source: the root, or a system's root cell. */
static int cell_node(struct dts_reader *rd)
{
	int node;

	if (fdt_node_check_compatible(rd->fdt, 0, "cellblock,system"))
		return 0;
	node = fdt_subnode_offset(rd->fdt, 0, "root-cell");
	if (node < 0)
		dts_error(rd, 0, "is a system config without a root-cell "
			  "(expected the source of the cell)");
	return node;
}

/* The devices of the cell's io regions; returns the problem count. */
static unsigned int read_devices(struct cell_dtb_input *in, const char *path,
				 void **source)
{
	const struct cb_memory_region *r = cb_cell_regions(in->cell);
	struct dts_reader rd = { NULL, path, 0 };
	char name[CB_NAME_SIZE];
	int cell, memory, node;
	unsigned int i;

	*source = dtc_compile(path);
	if (!*source)
		return 1;
	rd.fdt = *source;
	if ((cell = cell_node(&rd)) < 0)
		return rd.error_count;
	if (dts_string(&rd, cell, "cell-name", 1, name, sizeof(name)) &&
	    strcmp(name, in->cell->name))
		dts_error(&rd, cell, "property 'cell-name' is \"%s\" (expected "
			  "\"%s\": the source of the cell whose tree is built)",
			  name, in->cell->name);
	if ((memory = dts_subnode(&rd, cell, "memory", 1)) < 0)
		return rd.error_count;
	for (i = 0; i < in->cell->region_count; i++) {
		struct cell_dtb_device *d = &in->device[in->device_count];

		if (!(r[i].flags & CB_REGION_IO))
			continue;
		node = fdt_subnode_offset(*source, memory, r[i].name);
		if (node < 0) {
			dts_error(&rd, memory, "has no region '%s' (expected "
				  "the source the cell was compiled from)",
				  r[i].name);
			continue;
		}
		d->region = &r[i];
		if (region_device_read(&rd, node, r[i].flags,
				       cb_cell_interrupts(in->cell),
				       in->cell->interrupt_count, &d->device))
			in->device_count++;
	}
	return rd.error_count;
}

/* @base with the fragment merged, into *@merged; the problem count. */
static unsigned int add_fragment(const char *path, const void *base,
				 void **fragment, void **merged)
{
	unsigned int problems;
	size_t size;

	*fragment = cell_dtb_fragment_load(path);
	if (!*fragment)
		return 1;
	/* Merged even so: the nodes that can be are then checked too. */
	problems = cell_dtb_fragment_check(base, *fragment, path);
	if (cell_dtb_fragment_merge(base, *fragment, merged, &size))
		problems++;
	return problems;
}

int cell_dtb_build(const struct cb_system_config *system,
		   const struct cb_cell_config *cell,
		   const struct cell_dtb_options *options,
		   void **dtb, size_t *size)
{
	static struct cell_dtb_input in;
	struct cell_dtb_origin origin = { NULL, NULL, options->fragment_path,
					  options->cell_source_path };
	void *source = NULL, *base = NULL, *fragment = NULL, *merged = NULL;
	unsigned int problems = 0;
	char label[CB_NAME_SIZE + 8];
	size_t base_size;

	memset(&in, 0, sizeof(in));
	in.system = system;
	in.cell = cell;
	in.options = options;
	snprintf(label, sizeof(label), "cell %s", cell->name);
	if (!origin.cell_label)
		origin.cell_label = label;
	if (options->cell_source_path)
		problems += read_devices(&in, options->cell_source_path,
					 &source);
	if (fdt_writer_run(cell_dtb_nodes_write, &in, &base, &base_size)) {
		problems++;
		goto out;
	}
	if (options->fragment_path)
		problems += add_fragment(options->fragment_path, base,
					 &fragment, &merged);
	origin.base = base;
	origin.fragment = fragment;
	if (merged || !options->fragment_path)
		problems += cell_dtb_check(merged ? merged : base, system, cell,
					   &origin);
	if (!problems) {
		void *done = merged ? merged : base;

		/* Invariant: the writer only ever makes whole trees. */
		if (fdt_check_full(done, fdt_totalsize(done))) {
			fprintf(stderr, "cellblock: internal error: the device "
				"tree of cell %s is corrupt\n", cell->name);
			problems++;
			goto out;
		}
		*dtb = done;
		*size = fdt_totalsize(done);
		if (done == merged)
			merged = NULL;
		else
			base = NULL;
	}
out:
	free(merged);
	free(base);
	free(fragment);
	free(source);
	return problems ? 1 : 0;
}
