/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state of one check of a cell's device tree (cell_dtb_check()),
 * shared by its parts: addresses (cell_dtb_check.c), interrupts
 * (cell_dtb_check_irq.c) and the PCI host (cell_dtb_check_pci.c).
 */
#ifndef CELLBLOCK_CELL_DTB_CHECKER_H
#define CELLBLOCK_CELL_DTB_CHECKER_H

#include "cell_dtb_parts.h"

/* The parts of the guest address space the cell may touch. */
struct cell_dtb_range {
	uint64_t first, last;
	int ram;	/* memory, not io: for memory nodes and the initrd */
};

struct cell_dtb_checker {
	const void *fdt;
	const struct cb_system_config *system;
	const struct cb_cell_config *cell;
	const struct cell_dtb_origin *origin;
	struct cell_dtb_range range[CB_MAX_REGIONS + CB_MAX_CPUS + 3];
	unsigned int range_count;
	char regions[640];	/* the cell's regions, for messages */
	char spis[256];		/* the cell's SPIs, for messages */
	unsigned int problems;
};

/**
 * cell_dtb_problem() - report one problem at @node, naming the file it
 * came from (through @property, for the merged /chosen and /aliases).
 */
void cell_dtb_problem(struct cell_dtb_checker *c, int node,
		      const char *property, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/** cell_dtb_check_interrupts() - @node's interrupts (cell_dtb_check_irq.c). */
void cell_dtb_check_interrupts(struct cell_dtb_checker *c, int node);

/** cell_dtb_is_gic() - whether @node is the GIC (its phandle or
 *  compatible). */
int cell_dtb_is_gic(const void *fdt, int node);

/**
 * cell_dtb_check_pci() - @node, a PCI host (device_type "pci") that is
 * not a fragment's, against the cell's virtual PCI host: reg, windows,
 * interrupt-map (cell_dtb_check_pci.c).
 */
void cell_dtb_check_pci(struct cell_dtb_checker *c, int node);

#endif /* CELLBLOCK_CELL_DTB_CHECKER_H */
