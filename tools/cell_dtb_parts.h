/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pieces of cell_dtb_build() (cell_dtb.h), one file each: the nodes
 * generated from the configs (cell_dtb_nodes.c, the PCI host in
 * cell_dtb_pci.c), the user's fragment merged into them
 * (cell_dtb_fragment.c) and the check of the result against what the
 * cell owns (cell_dtb_check*.c). The cell's links, as PCI devices, are
 * cell_dtb_links.c's.
 */
#ifndef CELLBLOCK_CELL_DTB_PARTS_H
#define CELLBLOCK_CELL_DTB_PARTS_H

#include "cell_dtb.h"
#include "fdt_writer.h"
#include "region_device.h"

#include <cellblock/ivshmem.h>
#include <cellblock/limits.h>

/* The generated tree's phandles; a fragment refers to them as &gic and
   &apb_pclk (cell_dtb_fragment.c defines the labels). */
#define CELL_DTB_GIC_PHANDLE 1u
#define CELL_DTB_CLOCK_PHANDLE 2u

/* The GIC's specifier: type (0 SPI, 1 PPI), number, flags (4: level high). */
#define CELL_DTB_SPI 0u
#define CELL_DTB_PPI 1u
#define CELL_DTB_LEVEL_HIGH 4u

/* The PCI host's `ranges` and `interrupt-map` (PCI Bus Binding to IEEE
   Std 1275-1994, 2.2.1.1 and 4.1.1): the space code of phys.hi (bits
   25:24; 2: 32-bit memory, 3: 64-bit memory), its device number (bits
   15:11), and INTA, the pin every link device uses. */
#define CELL_DTB_PCI_MEMORY32 0x02000000u
#define CELL_DTB_PCI_MEMORY64 0x03000000u
#define CELL_DTB_PCI_SPACE_MASK 0x03000000u
#define CELL_DTB_PCI_DEVICE_SHIFT 11
#define CELL_DTB_PCI_DEVICE_MASK 0xf800u
#define CELL_DTB_PCI_INTA 1u
#define CELL_DTB_PCI_PIN_MASK 7u

/* Console baud rate Linux is told; the emulated PL011 ignores it. */
#define CELL_DTB_STDOUT "serial0:115200n8"

/* An io region that describes its device (region_device.h). */
struct cell_dtb_device {
	const struct cb_memory_region *region;
	struct region_device device;	/* its strings point into the source */
};

/* One link of the cell: device @device of its PCI host, BAR 2 (the
   link's memory) at @start and BAR 0 (the register frame) right after
   it, @size bytes in all. */
struct cell_dtb_link {
	const struct cb_link *link;
	unsigned int device;
	unsigned int peer;		/* the cell's peer ID in the link */
	uint64_t start;
	uint64_t size;
};

/**
 * cell_dtb_links() - the links of @system that @cell is a peer of, in
 * device order, into @out (room for CB_LIMIT_CELL_LINKS).
 * Return: how many.
 */
unsigned int cell_dtb_links(const struct cb_system_config *system,
			    const struct cb_cell_config *cell,
			    struct cell_dtb_link *out);

/* Everything the generated nodes are written from. */
struct cell_dtb_input {
	const struct cb_system_config *system;
	const struct cb_cell_config *cell;
	const struct cell_dtb_options *options;
	struct cell_dtb_device device[CB_MAX_REGIONS];
	unsigned int device_count;
};

/**
 * cell_dtb_nodes_write() - the generated tree's root properties and nodes,
 * for fdt_writer_run(); @input is a struct cell_dtb_input.
 */
void cell_dtb_nodes_write(struct fdt_writer *w, const void *input);

/**
 * cell_dtb_pci_write() - the cell's virtual PCI host, /pcie@ECAM, when
 * the system has one and the cell is a peer of a link: nothing to write
 * otherwise (cell_dtb_pci.c).
 * Return: whether it wrote the node (/chosen then gets
 * linux,pci-probe-only: the link devices' BARs cannot move).
 */
int cell_dtb_pci_write(struct fdt_writer *w, const struct cell_dtb_input *in);

/**
 * cell_dtb_fragment_load() - compile the fragment @path with the labels
 * of the generated tree defined. Return: the tree, or NULL after dtc's
 * messages.
 */
void *cell_dtb_fragment_load(const char *path);

/**
 * cell_dtb_fragment_check() - whether @fragment can be merged into @base:
 * no node of a generated name (but /chosen and /aliases, whose properties
 * merge), no root property but matching #address-cells and #size-cells,
 * no /memreserve/, no overlay. Return: the number of problems printed.
 */
unsigned int cell_dtb_fragment_check(const void *base, const void *fragment,
				     const char *path);

/**
 * cell_dtb_fragment_merge() - @base with @fragment's nodes added (after
 * cell_dtb_fragment_check() found nothing); a property of /chosen or
 * /aliases that @base has keeps @base's value.
 * Return: 0 with the malloc'ed tree in *@out, or -1 after why.
 */
int cell_dtb_fragment_merge(const void *base, const void *fragment,
			    void **out, size_t *size);

/* Where a node of the merged tree came from, for messages. */
struct cell_dtb_origin {
	const void *base;		/* the generated tree */
	const void *fragment;		/* NULL: none */
	const char *fragment_path;
	const char *cell_label;		/* names the generated nodes */
};

/**
 * cell_dtb_check() - check @fdt against what @cell owns in @system (see
 * cell_dtb_build()). Return: the number of problems printed.
 */
unsigned int cell_dtb_check(const void *fdt,
			    const struct cb_system_config *system,
			    const struct cb_cell_config *cell,
			    const struct cell_dtb_origin *origin);

#endif /* CELLBLOCK_CELL_DTB_PARTS_H */
