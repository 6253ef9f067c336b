// SPDX-License-Identifier: GPL-2.0-only
/*
 * The user's device-tree fragment: compiled with the generated tree's
 * labels defined, checked for what it may not do, and merged (see
 * cell_dtb_parts.h). The fragment is compiled on its own, so to let it
 * write `clocks = <&apb_pclk>` or `interrupt-parent = <&gic>` it is
 * included into a wrapper that appends two stand-in nodes carrying those
 * labels and the generated phandles; dtc then gives the fragment's own
 * nodes other phandles, and the stand-ins are dropped when merging.
 */
#include "cell_dtb_parts.h"

#include "dtc_run.h"
#include "file_io.h"

#include <errno.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LABELS_NODE "__cellblock_labels__"

/* The stand-ins, which must reach the merge as they were written. */
struct stand_in {
	const char *name;
	unsigned int property_count;
	uint32_t phandle;
};

static const struct stand_in stand_ins[] = {
	{ "intc", 3, CELL_DTB_GIC_PHANDLE },
	{ "apb-pclk", 2, CELL_DTB_CLOCK_PHANDLE },
};

static int write_wrapper(const char *wrapper, const char *real)
{
	char text[4096 + 512];
	int length;

	length = snprintf(text, sizeof(text),
		"/include/ \"%s\"\n"
		"/ {\n"
		"\t" LABELS_NODE " {\n"
		"\t\tgic: intc {\n"
		"\t\t\tinterrupt-controller;\n"
		"\t\t\t#interrupt-cells = <3>;\n"
		"\t\t\tphandle = <%u>;\n"
		"\t\t};\n"
		"\t\tapb_pclk: apb-pclk {\n"
		"\t\t\t#clock-cells = <0>;\n"
		"\t\t\tphandle = <%u>;\n"
		"\t\t};\n"
		"\t};\n"
		"};\n", real, CELL_DTB_GIC_PHANDLE, CELL_DTB_CLOCK_PHANDLE);
	if (length < 0 || (size_t)length >= sizeof(text))
		return -1;
	return file_write_atomic(wrapper, text, (size_t)length);
}

void *cell_dtb_fragment_load(const char *path)
{
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char dir[4096], wrapper[4096 + 300];
	char *real;
	void *fdt = NULL;

	if (access(path, R_OK) || !(real = realpath(path, NULL))) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	/* dtc's /include/ takes a quoted path with C escapes. */
	if (strpbrk(real, "\"\\\n") || strlen(real) >= 4096) {
		fprintf(stderr, "%s: cannot include a file whose path has "
			"quotes, backslashes or newlines (expected a plain "
			"path)\n", path);
		free(real);
		return NULL;
	}
	snprintf(dir, sizeof(dir), "%s/cellblock-fragment-XXXXXX", tmpdir);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "cellblock: temporary directory in %s: %s\n",
			tmpdir, strerror(errno));
		free(real);
		return NULL;
	}
	/* A fragment ending inside a node makes dtc report a syntax error at
	   the wrapper's next line, which then reads "end-of-FRAGMENT:2". */
	snprintf(wrapper, sizeof(wrapper), "%s/end-of-%.200s", dir, base);
	if (write_wrapper(wrapper, real) == 0)
		fdt = dtc_compile(wrapper);
	unlink(wrapper);
	rmdir(dir);
	free(real);
	return fdt;
}

static unsigned int __attribute__((format(printf, 4, 5)))
problem(const char *path, const void *fdt, int node, const char *fmt, ...)
{
	char where[256];
	va_list ap;

	if (fdt_get_path(fdt, node, where, sizeof(where)) < 0)
		strcpy(where, "?");
	fprintf(stderr, "%s: %s: ", path, where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static unsigned int property_count(const void *fdt, int node)
{
	unsigned int count = 0;
	int offset;

	fdt_for_each_property_offset(offset, fdt, node)
		count++;
	return count;
}

/* A fragment writing into the stand-ins (a node of the same name) would
   see what it wrote dropped with them: refused instead. (dtc itself
   refuses `&gic { ... }`, since the labels come after the fragment.) */
static unsigned int check_stand_ins(const void *fragment, const char *path)
{
	int labels = fdt_subnode_offset(fragment, 0, LABELS_NODE), node;
	unsigned int i, problems = 0, children = 0;

	fdt_for_each_subnode(node, fragment, labels)
		children++;
	if (children != 2 || property_count(fragment, labels))
		problems += problem(path, fragment, labels, "this node is "
				    "cellblock's (expected another name)");

	for (i = 0; i < sizeof(stand_ins) / sizeof(stand_ins[0]); i++) {
		node = fdt_subnode_offset(fragment, labels, stand_ins[i].name);
		if (node < 0 || fdt_first_subnode(fragment, node) >= 0 ||
		    property_count(fragment, node) !=
			    stand_ins[i].property_count ||
		    fdt_get_phandle(fragment, node) != stand_ins[i].phandle)
			problems += problem(path, fragment, labels, "the "
				"fragment changes the stand-in of the "
				"generated node %s (expected the generated "
				"nodes left as they are: refer to them by "
				"label, do not amend them)", stand_ins[i].name);
	}
	return problems;
}

static unsigned int check_root_properties(const void *fragment,
					  const char *path)
{
	unsigned int problems = 0;
	int offset, length;

	fdt_for_each_property_offset(offset, fragment, 0) {
		const char *name;
		const fdt32_t *v = fdt_getprop_by_offset(fragment, offset,
							 &name, &length);
		uint32_t want = strcmp(name, "interrupt-parent") ?
					2 : CELL_DTB_GIC_PHANDLE;

		if ((!strcmp(name, "#address-cells") ||
		     !strcmp(name, "#size-cells") ||
		     !strcmp(name, "interrupt-parent")) &&
		    length == 4 && fdt32_to_cpu(*v) == want)
			continue;
		problems += problem(path, fragment, 0, "property '%s' cannot "
			"be set by a fragment (the root's properties are "
			"generated; expected only nodes, and #address-cells "
			"and #size-cells, if given, <2>)", name);
	}
	return problems;
}

static int merges(const char *name)
{
	return !strcmp(name, "chosen") || !strcmp(name, "aliases");
}

unsigned int cell_dtb_fragment_check(const void *base, const void *fragment,
				     const char *path)
{
	static const char *const overlay[] = { "__symbols__", "__fixups__",
					       "__local_fixups__", NULL };
	const char *const *o;
	unsigned int problems = check_stand_ins(fragment, path) +
				check_root_properties(fragment, path);
	int child, mine, sub;

	if (fdt_num_mem_rsv(fragment) > 0)
		problems += problem(path, fragment, 0, "%s", "the fragment has "
			"/memreserve/ entries (expected none: describe "
			"reserved memory in /reserved-memory, whose regs are "
			"checked)");
	for (o = overlay; *o; o++)
		if (fdt_subnode_offset(fragment, 0, *o) >= 0)
			problems += problem(path, fragment, 0, "the fragment "
				"is an overlay (it has /%s; expected a plain "
				"tree without /plugin/)", *o);
	fdt_for_each_subnode(child, fragment, 0) {
		const char *name = fdt_get_name(fragment, child, NULL);

		mine = fdt_subnode_offset(base, 0, name);
		if (mine < 0)
			continue;
		if (!merges(name)) {
			problems += problem(path, fragment, child, "%s",
				"the generated tree has a node of this name "
				"(expected a new name: only /chosen and "
				"/aliases merge with the generated ones)");
			continue;
		}
		fdt_for_each_subnode(sub, fragment, child)
			if (fdt_subnode_offset(base, mine,
					       fdt_get_name(fragment, sub,
							    NULL)) >= 0)
				problems += problem(path, fragment, sub, "%s",
					"the generated tree has a node of "
					"this name (expected a new name)");
	}
	return problems;
}

struct merge {
	const void *base;
	const void *fragment;
};

/* @node's properties, but those @other_node of @other has. */
static void copy_properties(struct fdt_writer *w, const void *fdt, int node,
			    const void *other, int other_node)
{
	int offset, length;

	fdt_for_each_property_offset(offset, fdt, node) {
		const char *name;
		const void *v = fdt_getprop_by_offset(fdt, offset, &name,
						      &length);

		if (v && (!other ||
			  !fdt_getprop(other, other_node, name, NULL)))
			fdt_writer_property(w, name, v, (size_t)length);
	}
}

static void copy_node(struct fdt_writer *w, const void *fdt, int node)
{
	int child;

	fdt_writer_begin(w, fdt_get_name(fdt, node, NULL));
	copy_properties(w, fdt, node, NULL, 0);
	fdt_for_each_subnode(child, fdt, node)
		copy_node(w, fdt, child);
	fdt_writer_end(w);
}

static void write_merged(struct fdt_writer *w, const void *context)
{
	const struct merge *m = context;
	int child, other, sub;

	copy_properties(w, m->base, 0, NULL, 0);
	fdt_for_each_subnode(child, m->base, 0) {
		const char *name = fdt_get_name(m->base, child, NULL);

		other = fdt_subnode_offset(m->fragment, 0, name);
		if (other < 0) {
			copy_node(w, m->base, child);
			continue;
		}
		/* /chosen or /aliases: what the tool sets wins. */
		fdt_writer_begin(w, name);
		copy_properties(w, m->base, child, NULL, 0);
		copy_properties(w, m->fragment, other, m->base, child);
		fdt_for_each_subnode(sub, m->base, child)
			copy_node(w, m->base, sub);
		fdt_for_each_subnode(sub, m->fragment, other)
			if (fdt_subnode_offset(m->base, child,
					       fdt_get_name(m->fragment, sub,
							    NULL)) < 0)
				copy_node(w, m->fragment, sub);
		fdt_writer_end(w);
	}
	fdt_for_each_subnode(child, m->fragment, 0) {
		const char *name = fdt_get_name(m->fragment, child, NULL);

		if (strcmp(name, LABELS_NODE) &&
		    fdt_subnode_offset(m->base, 0, name) < 0)
			copy_node(w, m->fragment, child);
	}
}

int cell_dtb_fragment_merge(const void *base, const void *fragment,
			    void **out, size_t *size)
{
	const struct merge m = { base, fragment };

	return fdt_writer_run(write_merged, &m, out, size);
}
