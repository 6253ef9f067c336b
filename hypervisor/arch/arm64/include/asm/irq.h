/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical interrupts at EL2 (irq.c): while a cell runs (trap_irq, from
 * the vectors) and while its CPU is off.
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

struct cell;

/**
 * irq_take_idle() - take every pending physical interrupt of this idle
 * CPU, so that none keeps it from its wait: the hypervisor's own are
 * handled, a cell's are held active (acknowledged, not deactivated), so a
 * level line that stays high cannot interrupt again, until the CPU enters
 * its cell (irq_release_held()).
 */
void irq_take_idle(void);

/**
 * irq_release_held() - this CPU enters @cell: deactivate the interrupts it
 * held while off, so that one still asserted is delivered now, and take
 * the cell's virtual lines that are pending for it (vgic_virt.c).
 */
void irq_release_held(struct cell *cell);

struct percpu;

/**
 * irq_resample() - if an SPI of this CPU's cell waits for its line to be
 * resampled (irq.c, level semantics), do it now: inject it if the line is
 * still asserted, else end it. Cheap when nothing waits.
 */
void irq_resample(struct percpu *pc);

/**
 * irq_drop_resampling() - this CPU leaves its cell: an SPI waiting for its
 * resample is deactivated (the cell's reset or the next start sees the
 * line as it is then).
 */
void irq_drop_resampling(void);

/**
 * irq_unhold_spi() - @cell routes SPI @intid elsewhere: if an off CPU
 * holds it, deactivate it, so the new target can take it.
 */
void irq_unhold_spi(struct cell *cell, unsigned int intid);

#endif /* ASM_IRQ_H */
