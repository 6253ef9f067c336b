// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI host half of the check of a cell's device tree (see
 * cell_dtb_checker.h). A PCI host's windows and interrupt-map are
 * accepted only as the description of the cell's own virtual PCI host
 * (cell_dtb_pci.c): its reg is the system's ECAM window, each `ranges`
 * entry is memory space inside the BARs of one of the cell's links at
 * the same PCI and CPU address, and each interrupt-map entry sends a
 * link device to its own INTx line (vpci.interrupt_base + device), a
 * virtual SPI of the cell. Whoever wrote the node (the generator, or the
 * user through `cellblock image --dtb`) is held to that; a fragment may
 * add no PCI host at all (cell_dtb_check.c).
 */
#include "cell_dtb_checker.h"

#include "board_fdt.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

struct pci_host {
	struct cell_dtb_link link[CB_LIMIT_CELL_LINKS];
	unsigned int count;
	char bars[CB_LIMIT_CELL_LINKS * 80]; /* the links' BARs, for
						messages */
};

static void describe_bars(struct pci_host *h)
{
	size_t used = 0;
	unsigned int i;

	h->bars[0] = '\0';
	for (i = 0; i < h->count && used < sizeof(h->bars); i++)
		used += (size_t)snprintf(
		    h->bars + used, sizeof(h->bars) - used,
		    "%s%.31s 0x%llx-0x%llx", i ? ", " : "",
		    h->link[i].link->name, (unsigned long long)h->link[i].start,
		    (unsigned long long)(h->link[i].start + h->link[i].size -
					 1));
}

static void check_cells(struct cell_dtb_checker *c, int node)
{
	static const struct {
		const char *name;
		unsigned int value;
	} want[] = {
	    {"#address-cells", 3}, {"#size-cells", 2}, {"#interrupt-cells", 1}};
	unsigned int i, got;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		got = bfdt_cells(c->fdt, node, want[i].name, 0);
		if (got != want[i].value)
			cell_dtb_problem(c, node, want[i].name,
					 "%s is %u (expected %u, as for "
					 "every PCI host)",
					 want[i].name, got, want[i].value);
	}
}

static void check_host_reg(struct cell_dtb_checker *c, int node)
{
	const struct cb_vpci_config *v = &c->system->vpci;
	uint64_t size = v->bus_count * CB_VPCI_BUS_SIZE, start = 0, span = 0;
	const fdt32_t *reg;
	int length;

	if (fdt_parent_offset(c->fdt, node) != 0) {
		cell_dtb_problem(c, node, "device_type",
				 "the PCI host is not a child of the root "
				 "(expected /pcie@%llx)",
				 (unsigned long long)v->ecam);
		return;
	}
	reg = fdt_getprop(c->fdt, node, "reg", &length);
	if (reg && length == 16) {
		start = bfdt_number(reg, 2);
		span = bfdt_number(reg + 2, 2);
	}
	if (!reg || length != 16 || start != v->ecam || span != size)
		cell_dtb_problem(c, node, "reg",
				 "reg is not the ECAM window of the virtual "
				 "PCI host (expected exactly <0x%llx 0x%llx>, "
				 "bus-count %u)",
				 (unsigned long long)v->ecam,
				 (unsigned long long)size, v->bus_count);
}

static const struct cell_dtb_link *bars_holding(const struct pci_host *h,
						uint64_t first, uint64_t last)
{
	unsigned int i;

	for (i = 0; i < h->count; i++)
		if (first >= h->link[i].start &&
		    last <= h->link[i].start + h->link[i].size - 1)
			return &h->link[i];
	return NULL;
}

static void check_ranges(struct cell_dtb_checker *c, int node,
			 const struct pci_host *h)
{
	const fdt32_t *p = fdt_getprop(c->fdt, node, "ranges", NULL);
	int length = 0, i, count;
	uint32_t space;
	uint64_t pci, cpu, size;

	if (p)
		fdt_getprop(c->fdt, node, "ranges", &length);
	if (!p || !length || length % 28) {
		cell_dtb_problem(c, node, "ranges",
				 "ranges (%d bytes) are not whole entries "
				 "(expected 7 cells each: PCI address, CPU "
				 "address, size; one per window)",
				 length);
		return;
	}
	count = length / 28;
	for (i = 0; i < count; i++, p += 7) {
		space = fdt32_to_cpu(p[0]) & CELL_DTB_PCI_SPACE_MASK;
		pci = bfdt_number(p + 1, 2);
		cpu = bfdt_number(p + 3, 2);
		size = bfdt_number(p + 5, 2);
		if (space != CELL_DTB_PCI_MEMORY32 &&
		    space != CELL_DTB_PCI_MEMORY64)
			cell_dtb_problem(c, node, "ranges",
					 "ranges entry %d is not memory "
					 "space (phys.hi 0x%x; expected "
					 "0x%x or 0x%x)",
					 i, fdt32_to_cpu(p[0]),
					 CELL_DTB_PCI_MEMORY32,
					 CELL_DTB_PCI_MEMORY64);
		else if (pci != cpu)
			cell_dtb_problem(c, node, "ranges",
					 "ranges entry %d maps PCI address "
					 "0x%llx to 0x%llx (expected the same "
					 "address: the BARs are where the "
					 "cell sees them)",
					 i, (unsigned long long)pci,
					 (unsigned long long)cpu);
		else if (!size || cpu + (size - 1) < cpu ||
			 !bars_holding(h, cpu, cpu + size - 1))
			cell_dtb_problem(c, node, "ranges",
					 "ranges entry %d 0x%llx of size "
					 "0x%llx is not inside the BARs of a "
					 "link of cell %s (expected inside "
					 "one of: %s)",
					 i, (unsigned long long)cpu,
					 (unsigned long long)size,
					 c->cell->name, h->bars);
	}
}

/* One interrupt-map entry at @p, of @cells cells; returns -1 if it cannot
   be read (the caller stops there). */
static int check_map_entry(struct cell_dtb_checker *c, int node,
			   const struct pci_host *h, unsigned int index,
			   const fdt32_t *p, unsigned int left)
{
	unsigned int device =
	    fdt32_to_cpu(p[0]) >> CELL_DTB_PCI_DEVICE_SHIFT & 0x1f;
	unsigned int parent_address, parent_cells, type, number, want;
	int gic;

	if (left < 5)
		return -1;
	gic = fdt_node_offset_by_phandle(c->fdt, fdt32_to_cpu(p[4]));
	if (gic < 0 || !cell_dtb_is_gic(c->fdt, gic)) {
		cell_dtb_problem(c, node, "interrupt-map",
				 "interrupt-map entry %u goes to phandle %u, "
				 "which is not the GIC (expected the GIC: the "
				 "INTx lines are SPIs)",
				 index, fdt32_to_cpu(p[4]));
		return -1;
	}
	parent_address = bfdt_cells(c->fdt, gic, "#address-cells", 0);
	parent_cells = bfdt_cells(c->fdt, gic, "#interrupt-cells", 0);
	if (parent_cells != 3 || parent_address > 3 ||
	    left < 5 + parent_address + parent_cells)
		return -1;
	type = fdt32_to_cpu(p[5 + parent_address]);
	number = fdt32_to_cpu(p[6 + parent_address]);
	if (device >= h->count) {
		cell_dtb_problem(c, node, "interrupt-map",
				 "interrupt-map entry %u is for device %u, "
				 "which is none of cell %s's links (expected "
				 "devices 0 to %u)",
				 index, device, c->cell->name, h->count - 1);
		return 0;
	}
	want = c->system->vpci.interrupt_base + device;
	if (type != CELL_DTB_SPI || number + CB_INTID_SPI_FIRST != want)
		cell_dtb_problem(c, node, "interrupt-map",
				 "interrupt-map entry %u sends device %u to "
				 "GIC interrupt type %u number %u (expected "
				 "SPI %u, INTID %u: vpci interrupt-base + "
				 "device)",
				 index, device, type, number,
				 want - CB_INTID_SPI_FIRST, want);
	return (int)(5 + parent_address + parent_cells);
}

static void check_map(struct cell_dtb_checker *c, int node,
		      const struct pci_host *h)
{
	int length, used;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "interrupt-map", &length);
	unsigned int at = 0, total, index = 0;

	if (!p)
		return;
	total = (unsigned int)length / 4;
	while (at < total) {
		used = check_map_entry(c, node, h, index++, p + at, total - at);
		if (used < 0) {
			cell_dtb_problem(c, node, "interrupt-map",
					 "interrupt-map entry %u cannot be "
					 "read (expected PCI address (3 "
					 "cells), pin (1), the GIC's phandle, "
					 "its #address-cells of zeros and "
					 "its 3-cell specifier)",
					 index - 1);
			return;
		}
		at += (unsigned int)used;
	}
}

void cell_dtb_check_pci(struct cell_dtb_checker *c, int node)
{
	static struct pci_host h;

	memset(&h, 0, sizeof(h));
	if (c->system->vpci.ecam)
		h.count = cell_dtb_links(c->system, c->cell, h.link);
	if (!h.count) {
		cell_dtb_problem(c, node, "device_type",
				 "device_type \"pci\": cell %s has no PCI "
				 "host (expected none: the system has no "
				 "vpci, or the cell is a peer of no link)",
				 c->cell->name);
		return;
	}
	describe_bars(&h);
	check_host_reg(c, node);
	check_cells(c, node);
	check_ranges(c, node, &h);
	check_map(c, node, &h);
}
