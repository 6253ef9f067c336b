/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arm64 part of a cell: which SPIs it owns, for the distributor
 * emulation.
 */
#ifndef ASM_CELL_H
#define ASM_CELL_H

#include <stdint.h>

struct arch_cell {
	uint32_t spi_owned[1024 / 32];	/* bit per INTID */
	uint32_t spi_held[1024 / 32];	/* held active by an off CPU (irq.c) */
	uint32_t spi_latched[1024 / 32];	/* pended by the cell (irq.c) */
};

#endif /* ASM_CELL_H */
