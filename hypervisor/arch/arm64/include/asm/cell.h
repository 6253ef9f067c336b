/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arm64 part of a cell: which SPIs it owns, for the distributor
 * emulation, and how it configured its virtual lines (vgic_virt.c).
 */
#ifndef ASM_CELL_H
#define ASM_CELL_H

#include <stdint.h>

#include <hv/vline.h>

/* A virtual line as the cell's distributor view shows it; its enable
   is a bit of arch_cell.vline_enabled. */
struct vgic_vline {
	volatile uint32_t latched;	/* pended by the cell (ISPENDR) */
	volatile uint32_t priority;	/* GICD_IPRIORITYR */
	volatile uint32_t target;	/* GICD_IROUTER: a CPU of the cell */
	volatile int32_t holder;	/* CPU whose list register has it, -1 */
};

struct arch_cell {
	uint32_t spi_owned[1024 / 32];	/* bit per INTID */
	uint32_t spi_held[1024 / 32];	/* held active by an off CPU (irq.c) */
	uint32_t spi_latched[1024 / 32];	/* pended by the cell (irq.c) */
	uint32_t spi_lent[1024 / 32];	/* of its own, lent by its lender */
	struct vgic_vline vline[VLINE_MAX];	/* cell->vline[i]'s */
	/* GICD_ISENABLER of the virtual lines, a bit per INTID as the cell
	   reads it, and the words of 32 INTIDs that hold a virtual line. */
	uint32_t vline_enabled[1024 / 32];
	uint32_t vline_words;
};

#endif /* ASM_CELL_H */
