// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell's virtual PCI host in its device tree (see cell_dtb_parts.h):
 * the ECAM bridge the hypervisor emulates at the system config's vPCI
 * address, whose bus 0 holds the cell's links (include/cellblock/
 * ivshmem.h). The binding is Linux's pci-host-ecam-generic
 * (Documentation/devicetree/bindings/pci/host-generic-pci.yaml) and the
 * PCI Bus Binding to IEEE Std 1275-1994, facts only:
 *   - `ranges`: one memory window per link, covering its BAR 2 and the
 *     BAR 0 after it, PCI address = CPU address. The window is not
 *     prefetchable although BAR 2 is: Linux puts a BAR only in a window
 *     at least as strict as itself, and BAR 0 shares the window.
 *   - `interrupt-map`: INTA of device d to SPI vpci.interrupt_base + d,
 *     level high, a virtual line of the cell. No msi-parent: the device
 *     has no MSI, and the GIC the cell sees no ITS.
 * The BARs cannot move (the device keeps the addresses of the config),
 * so /chosen says linux,pci-probe-only and Linux keeps them as found.
 */
#include "cell_dtb_parts.h"

/* Child address (3 cells), parent address (2), size (2). */
#define RANGE_CELLS 7
/* Child unit address (3), pin (1), GIC phandle (1), the GIC's unit
   address (its #address-cells: 2, write_gic()), GIC specifier (3). */
#define MAP_CELLS 10

static void put_range(uint32_t *cells, const struct cell_dtb_link *l)
{
	uint64_t last = l->start + l->size - 1;

	cells[0] = last >> 32 ? CELL_DTB_PCI_MEMORY64 : CELL_DTB_PCI_MEMORY32;
	cells[1] = (uint32_t)(l->start >> 32);
	cells[2] = (uint32_t)l->start;
	cells[3] = cells[1];
	cells[4] = cells[2];
	cells[5] = (uint32_t)(l->size >> 32);
	cells[6] = (uint32_t)l->size;
}

static void put_map(uint32_t *cells, const struct cell_dtb_input *in,
		    const struct cell_dtb_link *l)
{
	cells[0] = l->device << CELL_DTB_PCI_DEVICE_SHIFT;
	cells[1] = 0;
	cells[2] = 0;
	cells[3] = CELL_DTB_PCI_INTA;
	cells[4] = CELL_DTB_GIC_PHANDLE;
	cells[5] = 0;
	cells[6] = 0;
	cells[7] = CELL_DTB_SPI;
	cells[8] =
	    in->system->vpci.interrupt_base + l->device - CB_INTID_SPI_FIRST;
	cells[9] = CELL_DTB_LEVEL_HIGH;
}

int cell_dtb_pci_write(struct fdt_writer *w, const struct cell_dtb_input *in)
{
	static const uint32_t mask[4] = {CELL_DTB_PCI_DEVICE_MASK, 0, 0,
					 CELL_DTB_PCI_PIN_MASK};
	const struct cb_vpci_config *vpci = &in->system->vpci;
	struct cell_dtb_link link[CB_LIMIT_CELL_LINKS];
	uint32_t ranges[RANGE_CELLS * CB_LIMIT_CELL_LINKS];
	uint32_t map[MAP_CELLS * CB_LIMIT_CELL_LINKS];
	uint32_t reg[4], bus_range[2] = {0, vpci->bus_count - 1};
	uint64_t ecam_size = vpci->bus_count * CB_VPCI_BUS_SIZE;
	unsigned int i, count;

	/* Without a link the bus is empty: no node, rather than a host
	   without windows, which Linux would complain about. */
	if (!vpci->ecam)
		return 0;
	count = cell_dtb_links(in->system, in->cell, link);
	if (!count)
		return 0;
	for (i = 0; i < count; i++) {
		put_range(ranges + RANGE_CELLS * i, &link[i]);
		put_map(map + MAP_CELLS * i, in, &link[i]);
	}
	reg[0] = (uint32_t)(vpci->ecam >> 32);
	reg[1] = (uint32_t)vpci->ecam;
	reg[2] = (uint32_t)(ecam_size >> 32);
	reg[3] = (uint32_t)ecam_size;
	fdt_writer_beginf(w, "pcie@%llx", (unsigned long long)vpci->ecam);
	fdt_writer_string(w, "compatible", "pci-host-ecam-generic");
	fdt_writer_string(w, "device_type", "pci");
	fdt_writer_u32(w, "#address-cells", 3);
	fdt_writer_u32(w, "#size-cells", 2);
	fdt_writer_u32(w, "#interrupt-cells", 1);
	fdt_writer_cells(w, "bus-range", bus_range, 2);
	fdt_writer_cells(w, "reg", reg, 4);
	fdt_writer_cells(w, "ranges", ranges, RANGE_CELLS * count);
	fdt_writer_cells(w, "interrupt-map-mask", mask, 4);
	fdt_writer_cells(w, "interrupt-map", map, MAP_CELLS * count);
	fdt_writer_end(w);
	return 1;
}
