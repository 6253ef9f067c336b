/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts for cells: delivery through the GICv3 virtual CPU interface
 * (list registers) and the emulated distributor and redistributors that
 * let a cell configure only its own interrupt lines.
 */
#ifndef ASM_VGIC_H
#define ASM_VGIC_H

#include <asm/percpu.h>
#include <stdint.h>

struct cell;

/**
 * vgic_inject() - deliver @intid to the cell on this CPU, keeping the
 * priority its configuration gives. @hw: a physical interrupt, active until
 * the cell's EOI deactivates it. With no free list register the interrupt
 * waits in this CPU's queue; nothing is dropped.
 */
void vgic_inject(unsigned int intid, int hw);

struct percpu;

/** vgic_refill_queue() - the slow part of vgic_refill(). */
void vgic_refill_queue(struct percpu *pc);

/** vgic_refill() - move queued interrupts into free list registers. */
static inline void vgic_refill(void)
{
	struct percpu *pc = this_percpu();

	if (pc->virq_count || pc->underflow_irq)	/* rarely */
		vgic_refill_queue(pc);
}

/** vgic_reset_cpu() - clear the virtual interface for a fresh start. */
void vgic_reset_cpu(void);

/** vgic_cell_init() - register @cell's distributor and redistributors;
 * 0 or -1 (no room for emulated regions). */
int vgic_cell_init(struct cell *cell);

/** vgic_sgi_write() - the cell wrote ICC_SGI1R_EL1 with @value. */
void vgic_sgi_write(struct cell *cell, uint64_t value);

/** vgic_take_sgis() - inject the virtual SGIs other CPUs sent here. */
void vgic_take_sgis(void);

/** vgic_owns_spi() - whether @cell owns SPI @intid. */
int vgic_owns_spi(const struct cell *cell, unsigned int intid);

/** vgic_cell_reset() - disable and deactivate @cell's interrupt lines. */
void vgic_cell_reset(struct cell *cell);

#endif /* ASM_VGIC_H */
