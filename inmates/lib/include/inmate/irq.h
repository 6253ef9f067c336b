/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * IRQ dispatch: the EL1 IRQ vector acknowledges the interrupt at the GIC,
 * calls the handler registered for its INTID with IRQs masked, and ends it
 * (EOI). Handlers do not nest.
 */
#ifndef INMATE_IRQ_H
#define INMATE_IRQ_H

typedef void (*irq_handler_t)(unsigned int intid);

/**
 * irq_set_handler() - call @handler for @intid (< 1020) on every CPU; NULL
 * removes it. An interrupt without a handler is reported on the console
 * and disabled. Does not enable the interrupt: see gic_enable().
 */
void irq_set_handler(unsigned int intid, irq_handler_t handler);

/**
 * irq_wait() - sleep in WFI until an interrupt arrives, let its handler
 * run, and return. Call with IRQs masked (irq_mask()) after checking the
 * condition the handler changes; returns with IRQs masked again. So a
 * wake-up between the check and the WFI is never lost:
 *
 *	irq_mask();
 *	while (!done)
 *		irq_wait();
 *	irq_unmask();
 */
void irq_wait(void);

#endif /* INMATE_IRQ_H */
