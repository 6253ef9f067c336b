// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * IRQ dispatch by INTID to the handlers inmates register, and the WFI
 * wait that pairs with it.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "internal.h"

static irq_handler_t irq_handlers[GIC_INTID_SPECIAL];

void irq_set_handler(unsigned int intid, irq_handler_t handler)
{
	if (intid >= GIC_INTID_SPECIAL)
		runtime_panic("irq_set_handler: INTID %u is not below %u",
			      intid, GIC_INTID_SPECIAL);
	__atomic_store_n(&irq_handlers[intid], handler, __ATOMIC_RELEASE);
}

void irq_dispatch(void)
{
	uint32_t iar = gic_ack();
	unsigned int intid = gic_intid(iar);
	irq_handler_t handler;

	/* Spurious: the interrupt went away before we got here. */
	if (intid >= GIC_INTID_SPECIAL)
		return;
	handler = __atomic_load_n(&irq_handlers[intid], __ATOMIC_ACQUIRE);
	if (handler) {
		handler(intid);
	} else {
		/* Disabled, so one stray line does not become a storm. */
		gic_disable(intid);
		console_printf("inmate: cpu %u: IRQ %u has no handler, "
			       "disabled\n", cpu_index(), intid);
	}
	gic_eoi(iar);
}

void irq_wait(void)
{
	/* A pending IRQ ends WFI even while PSTATE.I masks it (ARM ARM
	 * D1.6.2), so one that came after the caller's check is not lost. */
	wfi();
	irq_unmask();
	irq_mask();
}
