// SPDX-License-Identifier: GPL-2.0-only
/*
 * The check of a cell's finished device tree against what the cell owns
 * (see cell_dtb_parts.h), so that its tree never describes hardware the
 * cell may not touch. Addresses are read as Linux reads them (Devicetree
 * Specification v0.4, 2.3.5 and 2.3.8): `reg` in the parent's
 * #address-cells and #size-cells (defaults 2 and 1), translated through
 * every bus's `ranges`; a bus without `ranges` (/cpus, I2C) has children
 * that are not memory-mapped and are not checked. What cannot be read
 * that way is refused. Interrupts are cell_dtb_check_irq.c's.
 */
#include "cell_dtb_checker.h"

#include "board_fdt.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A fragment's node, or a property it gave /chosen or /aliases, is the
   fragment's; anything else was generated. */
static const char *origin_of(const struct cell_dtb_checker *c, const char *path,
			     const char *property)
{
	const struct cell_dtb_origin *o = c->origin;
	int mine, theirs;

	if (!o->fragment || (theirs = fdt_path_offset(o->fragment, path)) < 0)
		return o->cell_label;
	mine = fdt_path_offset(o->base, path);
	if (mine < 0)
		return o->fragment_path;
	if (property && fdt_getprop(o->fragment, theirs, property, NULL) &&
	    !fdt_getprop(o->base, mine, property, NULL))
		return o->fragment_path;
	return o->cell_label;
}

void cell_dtb_problem(struct cell_dtb_checker *c, int node,
		      const char *property, const char *fmt, ...)
{
	char path[256];
	va_list ap;

	if (fdt_get_path(c->fdt, node, path, sizeof(path)) < 0)
		strcpy(path, "?");
	fprintf(stderr, "%s: %s: ", origin_of(c, path, property), path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->problems++;
}

static void own(struct cell_dtb_checker *c, uint64_t start, uint64_t size,
		int ram)
{
	if (!size || c->range_count == sizeof(c->range) / sizeof(c->range[0]))
		return;
	c->range[c->range_count].first = start;
	c->range[c->range_count].last = start + size - 1;
	c->range[c->range_count++].ram = ram;
}

static void append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* The regions, the emulated console, the GIC frames of the cell's CPUs
   and the vPCI ECAM: every page of its guest space it can reach. */
static void collect_owned(struct cell_dtb_checker *c)
{
	const struct cb_memory_region *r = cb_cell_regions(c->cell);
	const struct cb_gic_config *gic = &c->system->gic;
	const uint32_t *irq = cb_cell_interrupts(c->cell);
	unsigned int i;

	for (i = 0; i < c->cell->region_count; i++) {
		own(c, r[i].guest_start, r[i].size,
		    !(r[i].flags & CB_REGION_IO));
		append(c->regions, sizeof(c->regions), "%s%s 0x%llx-0x%llx",
		       i ? ", " : "", r[i].name,
		       (unsigned long long)r[i].guest_start,
		       (unsigned long long)(r[i].guest_start + r[i].size - 1));
	}
	if (c->cell->console.flags & CB_CELL_CONSOLE_EMULATED)
		own(c, c->cell->console.emulated, CB_CONSOLE_FRAME_SIZE, 0);
	own(c, gic->distributor, CB_GICD_SIZE, 0);
	/* A CPU's frame, and the padding after it up to the next CPU's
	   frame when that CPU is the cell's too: a region of the generated
	   tree spans a run of them. */
	for (i = 0; i < c->system->cpu_count; i++)
		if (c->cell->cpu_set >> i & 1)
			own(c,
			    gic->redistributor + i * gic->redistributor_stride,
			    i + 1 < c->system->cpu_count &&
			    (c->cell->cpu_set >> (i + 1) & 1) ?
			    gic->redistributor_stride : CB_GICR_SIZE, 0);
	if (c->system->vpci.ecam)
		own(c, c->system->vpci.ecam,
		    c->system->vpci.bus_count * CB_VPCI_BUS_SIZE, 0);
	for (i = 0; i < c->cell->interrupt_count; i++)
		append(c->spis, sizeof(c->spis), "%s%u", i ? ", " : "", irq[i]);
	if (!c->cell->interrupt_count)
		append(c->spis, sizeof(c->spis), "none");
}

/* Whether owned ranges (of memory, if @ram) cover first..last. */
static int covered(const struct cell_dtb_checker *c, uint64_t first,
		   uint64_t last, int ram)
{
	uint64_t at = first;
	unsigned int i;

	for (;;) {
		for (i = 0; i < c->range_count; i++)
			if ((!ram || c->range[i].ram) &&
			    c->range[i].first <= at && at <= c->range[i].last)
				break;
		if (i == c->range_count)
			return 0;
		if (c->range[i].last >= last)
			return 1;
		at = c->range[i].last + 1;
	}
}

/* Every bus from @bus up to the root has `ranges`. */
static int memory_mapped(const void *fdt, int bus)
{
	for (; bus > 0; bus = fdt_parent_offset(fdt, bus))
		if (!fdt_getprop(fdt, bus, "ranges", NULL))
			return 0;
	return bus == 0;
}

static int cells_usable(unsigned int address, unsigned int size)
{
	return address >= 1 && address <= 2 && size >= 1 && size <= 2;
}

/* One bus's `ranges`: first..last in its children's space to its
   parent's. Returns 0, or -1 after the problem (at @node). */
static int through(struct cell_dtb_checker *c, int node, int bus,
		   uint64_t *first, uint64_t *last)
{
	int up = fdt_parent_offset(c->fdt, bus), length, i, count;
	const fdt32_t *p = fdt_getprop(c->fdt, bus, "ranges", &length);
	unsigned int child = bfdt_cells(c->fdt, bus, "#address-cells", 2);
	unsigned int parent = bfdt_cells(c->fdt, up, "#address-cells", 2);
	unsigned int size = bfdt_cells(c->fdt, bus, "#size-cells", 1);
	unsigned int entry = child + parent + size;
	char bus_path[256];

	bfdt_path(c->fdt, bus, bus_path, sizeof(bus_path));
	if (!length)
		return 0; /* empty: the identity */
	if (!cells_usable(child, size) || parent < 1 || parent > 2 ||
	    length % (int)(4 * entry)) {
		cell_dtb_problem(
		    c, node, "reg",
		    "reg cannot be translated: the ranges "
		    "of %s (%d bytes, with #address-cells %u, the parent's "
		    "%u and #size-cells %u) cannot be read (expected whole "
		    "entries of child address, parent address and size, "
		    "of 1 or 2 cells each)",
		    bus_path, length, child, parent, size);
		return -1;
	}
	count = length / (int)(4 * entry);
	for (i = 0; i < count; i++, p += entry) {
		uint64_t from = bfdt_number(p, child);
		uint64_t to = bfdt_number(p + child, parent);
		uint64_t span = bfdt_number(p + child + parent, size);

		if (*first < from || *first - from >= span)
			continue;
		if (*last - from >= span || to + (*last - from) < to) {
			cell_dtb_problem(
			    c, node, "reg",
			    "reg 0x%llx-0x%llx crosses the "
			    "end of range 0x%llx-0x%llx of %s (expected "
			    "inside one range)",
			    (unsigned long long)*first,
			    (unsigned long long)*last, (unsigned long long)from,
			    (unsigned long long)(from + span - 1), bus_path);
			return -1;
		}
		*last = to + (*last - from);
		*first = to + (*first - from);
		return 0;
	}
	cell_dtb_problem(c, node, "reg",
			 "reg 0x%llx-0x%llx is in none of the ranges "
			 "of %s (expected an address the bus translates)",
			 (unsigned long long)*first, (unsigned long long)*last,
			 bus_path);
	return -1;
}

static void check_range(struct cell_dtb_checker *c, int node, uint64_t first,
			uint64_t last, int parent)
{
	int bus, ram = bfdt_is_string(c->fdt, node, "device_type", "memory");

	for (bus = parent; bus > 0; bus = fdt_parent_offset(c->fdt, bus))
		if (through(c, node, bus, &first, &last))
			return;
	if (covered(c, first, last, ram))
		return;
	cell_dtb_problem(c, node, "reg",
			 "reg 0x%llx-0x%llx is not %s of cell %s "
			 "(expected inside %s: %s%s)",
			 (unsigned long long)first, (unsigned long long)last,
			 ram ? "RAM" : "a region", c->cell->name,
			 ram ? "a region that is not io" : "its regions",
			 c->regions,
			 ram ? ""
			     : "; or its emulated console or the GIC "
			       "frames of its CPUs");
}

static void check_reg(struct cell_dtb_checker *c, int node)
{
	int length, parent = fdt_parent_offset(c->fdt, node), i;
	const fdt32_t *reg = fdt_getprop(c->fdt, node, "reg", &length);
	unsigned int address, size;
	char parent_path[256];

	if (!reg || parent < 0 || !memory_mapped(c->fdt, parent))
		return;
	address = bfdt_cells(c->fdt, parent, "#address-cells", 2);
	size = bfdt_cells(c->fdt, parent, "#size-cells", 1);
	bfdt_path(c->fdt, parent, parent_path, sizeof(parent_path));
	if (!cells_usable(address, size) || !length ||
	    length % (int)(4 * (address + size))) {
		cell_dtb_problem(
		    c, node, "reg",
		    "reg (%d bytes) cannot be read with "
		    "#address-cells %u and #size-cells %u of %s (expected "
		    "whole entries of 1 or 2 address cells and 1 or 2 size "
		    "cells)",
		    length, address, size, parent_path);
		return;
	}
	for (i = 0; i < length / (int)(4 * (address + size)); i++) {
		const fdt32_t *p = reg + i * (int)(address + size);
		uint64_t first = bfdt_number(p, address);
		uint64_t span = bfdt_number(p + address, size);

		if (span && first + (span - 1) < first) {
			cell_dtb_problem(
			    c, node, "reg",
			    "reg 0x%llx of size 0x%llx "
			    "wraps past the end of the address space",
			    (unsigned long long)first,
			    (unsigned long long)span);
			continue;
		}
		check_range(c, node, first, span ? first + span - 1 : first,
			    parent);
	}
}

static int read_u64(const void *v, int length, uint64_t *out)
{
	if (length == 4 || length == 8)
		*out = bfdt_number(v, (unsigned int)length / 4);
	return length == 4 || length == 8;
}

static void check_initrd(struct cell_dtb_checker *c)
{
	static const char *const name[] = {"linux,initrd-start",
					   "linux,initrd-end"};
	int chosen = fdt_path_offset(c->fdt, "/chosen"), length[2], i;
	const void *v[2];
	uint64_t value[2];

	if (chosen < 0)
		return;
	for (i = 0; i < 2; i++)
		v[i] = fdt_getprop(c->fdt, chosen, name[i], &length[i]);
	if (!v[0] && !v[1])
		return;
	for (i = 0; i < 2; i++)
		if (!v[i] || !read_u64(v[i], length[i], &value[i])) {
			cell_dtb_problem(
			    c, chosen, name[i],
			    "%s is %s (expected a "
			    "32- or 64-bit address, with %s)",
			    name[i], v[i] ? "not 4 or 8 bytes long" : "missing",
			    name[!i]);
			return;
		}
	if (value[0] >= value[1])
		cell_dtb_problem(
		    c, chosen, name[0],
		    "the initrd 0x%llx-0x%llx is empty "
		    "(expected linux,initrd-start below linux,initrd-end, "
		    "which is exclusive)",
		    (unsigned long long)value[0], (unsigned long long)value[1]);
	else if (!covered(c, value[0], value[1] - 1, 1))
		cell_dtb_problem(
		    c, chosen, name[0],
		    "the initrd 0x%llx-0x%llx is not "
		    "RAM of cell %s (expected inside a region that is not "
		    "io: %s)",
		    (unsigned long long)value[0],
		    (unsigned long long)(value[1] - 1), c->cell->name,
		    c->regions);
}

static int from_fragment(const struct cell_dtb_checker *c, int node)
{
	char path[256];

	if (!c->origin->fragment ||
	    fdt_get_path(c->fdt, node, path, sizeof(path)) < 0)
		return 0;
	return origin_of(c, path, NULL) == c->origin->fragment_path;
}

/*
 * A PCI host is the cell's virtual one, checked as such, unless a
 * fragment adds it: a fragment describes devices of the cell's regions,
 * and the vPCI host is generated. Any other interrupt nexus is refused.
 */
static void check_nexus(struct cell_dtb_checker *c, int node)
{
	int pci = bfdt_is_string(c->fdt, node, "device_type", "pci");

	if (pci && !from_fragment(c, node)) {
		cell_dtb_check_pci(c, node);
		return;
	}
	if (fdt_getprop(c->fdt, node, "interrupt-map", NULL))
		cell_dtb_problem(c, node, "interrupt-map",
				 "interrupt-map cannot be checked against the "
				 "cell's interrupts (expected none: give each "
				 "device its own interrupts)");
	if (pci)
		cell_dtb_problem(c, node, "device_type",
				 "device_type \"pci\": a fragment may not add "
				 "a PCI host (expected none: the cell's virtual "
				 "PCI host is generated, with its links)");
}

unsigned int cell_dtb_check(const void *fdt,
			    const struct cb_system_config *system,
			    const struct cb_cell_config *cell,
			    const struct cell_dtb_origin *origin)
{
	static struct cell_dtb_checker c;
	int node, depth = 0;

	memset(&c, 0, sizeof(c));
	c.fdt = fdt;
	c.system = system;
	c.cell = cell;
	c.origin = origin;
	collect_owned(&c);
	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		check_nexus(&c, node);
		check_reg(&c, node);
		cell_dtb_check_interrupts(&c, node);
	}
	check_initrd(&c);
	return c.problems;
}
