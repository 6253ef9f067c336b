/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The GIC's type registers as a cell reads them (vgic_id.c): what the
 * distributor and redistributors say about themselves, minus what a cell
 * cannot use, and redistributor frames that end where its CPUs do.
 */
#ifndef ASM_VGIC_ID_H
#define ASM_VGIC_ID_H

#include <stdint.h>

struct cell;

/** vgic_gicd_typer() - GICD_TYPER for a cell, from the hardware's @hw. */
uint32_t vgic_gicd_typer(uint32_t hw);

/**
 * vgic_gicr_typer() - what @cell reads from GICR_TYPER of CPU @cpu's
 * frame (a CPU the board has), an access of @size bytes at @in_frame
 * (GICR_TYPER, or its upper half at GICR_TYPER + 4).
 */
uint64_t vgic_gicr_typer(const struct cell *cell, unsigned int cpu,
			 uint64_t in_frame, unsigned int size);

#endif /* ASM_VGIC_ID_H */
