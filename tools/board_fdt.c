// SPDX-License-Identifier: GPL-2.0-only
/*
 * Board device-tree access (see board_fdt.h). The rules are the
 * Devicetree Specification v0.4's: 2.3.5 (#address-cells, #size-cells:
 * defaults 2 and 1), 2.3.8 (ranges: empty means identity, absent means
 * not memory-mapped), 2.4 (interrupt-parent, interrupts-extended,
 * interrupt-map), and the GICv3 binding (specifier: type 0 SPI, 1 PPI,
 * then the number).
 */
#include "board_fdt.h"

#include "file_io.h"

#include <cellblock/config.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *bfdt_load(const char *path)
{
	size_t size;
	void *fdt = file_read(path, &size);
	int err;

	if (!fdt)
		return NULL;
	err = size < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED
					       : fdt_check_full(fdt, size);
	if (err) {
		fprintf(stderr, "%s: not a usable flattened device tree (%s)\n",
			path, fdt_strerror(err));
		free(fdt);
		return NULL;
	}
	return fdt;
}

const char *bfdt_path(const void *fdt, int node, char *buf, size_t size)
{
	if (fdt_get_path(fdt, node, buf, (int)size) < 0)
		snprintf(buf, size, "?");
	return buf;
}

const char *bfdt_string(const void *fdt, int node, const char *name)
{
	int length;
	const char *s = fdt_getprop(fdt, node, name, &length);

	return s && length > 0 && memchr(s, '\0', (size_t)length) ? s : NULL;
}

int bfdt_enabled(const void *fdt, int node)
{
	const char *status = bfdt_string(fdt, node, "status");

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

unsigned int bfdt_cells(const void *fdt, int node, const char *name,
			unsigned int fallback)
{
	int length;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &length);

	return p && length == 4 ? fdt32_to_cpu(*p) : fallback;
}

uint64_t bfdt_number(const void *p, unsigned int count)
{
	const fdt32_t *cell = p;
	uint64_t value = 0;
	unsigned int i;

	for (i = 0; i < count; i++)
		value = value << 32 | fdt32_to_cpu(cell[i]);
	return value;
}

int bfdt_is_string(const void *fdt, int node, const char *name,
		   const char *value)
{
	const char *s = bfdt_string(fdt, node, name);

	return s && !strcmp(s, value);
}

/* Looks @address up in the `ranges` of @bus, whose parent is @parent. */
static int through_ranges(const void *fdt, int bus, int parent,
			  uint64_t *address)
{
	unsigned int child_cells = bfdt_cells(fdt, bus, "#address-cells", 2);
	unsigned int parent_cells = bfdt_cells(fdt, parent, "#address-cells", 2);
	unsigned int size_cells = bfdt_cells(fdt, bus, "#size-cells", 1);
	unsigned int entry = child_cells + parent_cells + size_cells;
	int length, i, count;
	const fdt32_t *p = fdt_getprop(fdt, bus, "ranges", &length);

	if (!p)
		return -1;
	if (!length)
		return 0;
	if (!entry || child_cells > 4 || parent_cells > 4 || size_cells > 2)
		return -1;
	count = length / (int)(4 * entry);
	for (i = 0; i < count; i++, p += entry) {
		uint64_t child = bfdt_number(p, child_cells);
		uint64_t base = bfdt_number(p + child_cells, parent_cells);
		uint64_t size = bfdt_number(p + child_cells + parent_cells,
					    size_cells);

		if (*address >= child && *address - child < size) {
			*address = base + (*address - child);
			return 0;
		}
	}
	return -1;
}

int bfdt_translate(const void *fdt, int bus, uint64_t address, uint64_t *out)
{
	int depth;

	for (depth = 0; bus > 0 && depth < 64; depth++) {
		int parent = fdt_parent_offset(fdt, bus);

		/* A PCI bus's children are config-space addresses. */
		if (parent < 0 || bfdt_is_string(fdt, bus, "device_type", "pci") ||
		    through_ranges(fdt, bus, parent, &address))
			return -1;
		bus = parent;
	}
	if (bus != 0)
		return -1;
	*out = address;
	return 0;
}

/* As Linux's of_irq_find_parent(): `interrupt-parent`, else the tree
   parent, until a node with #interrupt-cells (a controller or a nexus). */
int bfdt_interrupt_parent(const void *fdt, int node)
{
	int depth;

	for (depth = 0; node >= 0 && depth < 64; depth++) {
		int length;
		const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-parent",
					       &length);

		node = p && length == 4 ?
			fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p)) :
			fdt_parent_offset(fdt, node);
		if (node >= 0 && fdt_getprop(fdt, node, "#interrupt-cells", NULL))
			return node;
	}
	return -1;
}

/*
 * Controllers that forward a device's GIC specifier to the GIC unchanged
 * (a hierarchical irq domain with the GIC's own cells): NXP's GPC wakes
 * the SoC from low-power states on the same lines.
 */
static const char *const pass_through[] = {
	"fsl,imx8mq-gpc", "fsl,imx7d-gpc", "fsl,imx6q-gpc", "fsl,imx6sx-gpc",
	NULL,
};

static int passes_through(const void *fdt, int controller)
{
	const char *const *c;

	for (c = pass_through; *c; c++)
		if (!fdt_node_check_compatible(fdt, controller, *c))
			return 1;
	return 0;
}

uint32_t bfdt_gic_intid(uint32_t type, uint32_t number)
{
	if (type == 0 && number < CB_INTID_SPI_LIMIT - CB_INTID_SPI_FIRST)
		return CB_INTID_SPI_FIRST + number;
	if (type == 1 && number < 16)
		return CB_INTID_PPI_FIRST + number;
	return 0;
}

/* Whether @a and @b agree on every bit of @mask (@n cells each). */
static int masked_equal(const fdt32_t *a, const fdt32_t *b,
			const fdt32_t *mask, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint32_t m = mask ? fdt32_to_cpu(mask[i]) : ~0u;

		if ((fdt32_to_cpu(a[i]) & m) != (fdt32_to_cpu(b[i]) & m))
			return 0;
	}
	return 1;
}

/*
 * An interrupt nexus (a node with `interrupt-map` that is not itself a
 * controller, Devicetree spec 2.4.3): the child's unit address (its reg,
 * the nexus's #address-cells) and specifier, masked with
 * `interrupt-map-mask`, select an entry naming the next parent and its
 * specifier, written to @spec. Returns the next parent, or -1.
 */
static int through_nexus(const void *fdt, int node, int nexus,
			 fdt32_t *spec, unsigned int *cells)
{
	unsigned int unit = bfdt_cells(fdt, nexus, "#address-cells", 0);
	unsigned int child = unit + *cells, i = 0, total;
	int length, reg_length;
	const fdt32_t *map = fdt_getprop(fdt, nexus, "interrupt-map", &length);
	const fdt32_t *mask = fdt_getprop(fdt, nexus, "interrupt-map-mask",
					  NULL);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &reg_length);
	fdt32_t key[16];

	if (child > 16 || (unit && (!reg || reg_length < (int)(4 * unit))))
		return -1;
	memcpy(key, reg, 4 * unit);
	memcpy(key + unit, spec, 4 * *cells);
	for (total = (unsigned)length / 4; i + child + 1 <= total;) {
		int parent = fdt_node_offset_by_phandle(
			fdt, fdt32_to_cpu(map[i + child]));
		unsigned int parent_unit, parent_cells;

		if (parent < 0)
			return -1;
		parent_unit = bfdt_cells(fdt, parent, "#address-cells", 0);
		parent_cells = bfdt_cells(fdt, parent, "#interrupt-cells", 0);
		if (!parent_cells || parent_cells > 8 ||
		    i + child + 1 + parent_unit + parent_cells > total)
			return -1;
		if (masked_equal(map + i, key, mask, child)) {
			memcpy(spec, map + i + child + 1 + parent_unit,
			       4 * parent_cells);
			*cells = parent_cells;
			return parent;
		}
		i += child + 1 + parent_unit + parent_cells;
	}
	return -1;
}

static void add(const void *fdt, struct bfdt_irqs *out, int node,
		int controller, int gic, const fdt32_t *given,
		unsigned int cells)
{
	fdt32_t spec[8];
	uint32_t intid;
	unsigned int i, depth;

	if (cells > 8)
		return;
	memcpy(spec, given, 4 * cells);
	for (depth = 0; controller >= 0 && controller != gic && depth < 8;
	     depth++) {
		if (fdt_getprop(fdt, controller, "interrupt-map", NULL) &&
		    !fdt_getprop(fdt, controller, "interrupt-controller", NULL)) {
			int next = through_nexus(fdt, node, controller, spec,
						 &cells);

			node = controller;
			controller = next;
		} else if (passes_through(fdt, controller)) {
			controller = bfdt_interrupt_parent(fdt, controller);
		} else {
			break;
		}
	}
	if (controller != gic || controller < 0) {
		if (!out->not_gic++ && controller >= 0)
			bfdt_path(fdt, controller, out->other,
				  sizeof(out->other));
		return;
	}
	intid = cells >= 2 ? bfdt_gic_intid(fdt32_to_cpu(spec[0]),
					    fdt32_to_cpu(spec[1])) : 0;
	if (!intid) {
		out->unusable++;
		return;
	}
	for (i = 0; i < out->count; i++)
		if (out->intid[i] == intid)
			return;
	if (out->count < sizeof(out->intid) / sizeof(out->intid[0]))
		out->intid[out->count++] = intid;
}

static void from_interrupts(const void *fdt, int node, int gic,
			    struct bfdt_irqs *out)
{
	int length, controller = bfdt_interrupt_parent(fdt, node);
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", &length);
	unsigned int cells, i;

	if (!p)
		return;
	cells = controller >= 0 ? bfdt_cells(fdt, controller,
					     "#interrupt-cells", 0) : 0;
	if (!cells) {
		out->not_gic++;
		return;
	}
	for (i = 0; i + cells <= (unsigned)length / 4; i += cells)
		add(fdt, out, node, controller, gic, p + i, cells);
}

static void from_extended(const void *fdt, int node, int gic,
			  struct bfdt_irqs *out)
{
	int length;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts-extended",
				       &length);
	unsigned int i = 0, total = p ? (unsigned)length / 4 : 0;

	while (i < total) {
		int controller = fdt_node_offset_by_phandle(
			fdt, fdt32_to_cpu(p[i]));
		unsigned int cells = controller >= 0 ?
			bfdt_cells(fdt, controller, "#interrupt-cells", 0) : 0;

		if (!cells || i + 1 + cells > total) {
			out->not_gic++;
			return;
		}
		add(fdt, out, node, controller, gic, p + i + 1, cells);
		i += 1 + cells;
	}
}

/* interrupt-map: child unit address, child specifier, parent phandle,
   parent unit address (the parent's #address-cells, default 0 as Linux
   reads it), parent specifier. */
static void from_map(const void *fdt, int node, int gic, struct bfdt_irqs *out)
{
	int length;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-map", &length);
	unsigned int child = bfdt_cells(fdt, node, "#address-cells", 2) +
			     bfdt_cells(fdt, node, "#interrupt-cells", 1);
	unsigned int i = 0, total = p ? (unsigned)length / 4 : 0;

	while (p && i + child + 1 <= total) {
		int controller = fdt_node_offset_by_phandle(
			fdt, fdt32_to_cpu(p[i + child]));
		unsigned int unit, cells;

		if (controller < 0)
			return;
		unit = bfdt_cells(fdt, controller, "#address-cells", 0);
		cells = bfdt_cells(fdt, controller, "#interrupt-cells", 0);
		if (!cells || i + child + 1 + unit + cells > total)
			return;
		add(fdt, out, node, controller, gic, p + i + child + 1 + unit,
		    cells);
		i += child + 1 + unit + cells;
	}
}

void bfdt_irqs(const void *fdt, int node, int gic, struct bfdt_irqs *out)
{
	memset(out, 0, sizeof(*out));
	if (fdt_getprop(fdt, node, "interrupts-extended", NULL))
		from_extended(fdt, node, gic, out);
	else
		from_interrupts(fdt, node, gic, out);
	from_map(fdt, node, gic, out);
}
