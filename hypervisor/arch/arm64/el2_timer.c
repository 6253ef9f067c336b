// SPDX-License-Identifier: GPL-2.0-only
/*
 * The EL2 physical timer, multiplexed (see el2_timer.h). Each CPU has its
 * own timer and slots, touched only by that CPU, so nothing here locks.
 * The timer's interrupt is a level: asserted while the counter is at or
 * past CVAL and the timer is enabled and unmasked (ARM ARM, "The Generic
 * Timer in AArch64 state", the timer condition), so the timer is
 * reprogrammed before its interrupt is deactivated, or it would be
 * signalled again at once.
 */
#include <asm/el2_timer.h>
#include <asm/gicv3.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/watchdog.h>

#define CNTHP_CTL_ENABLE (1u << 0)
#define CNTHP_CTL_IMASK (1u << 1)

static void set_timer(struct el2_timer *timer, uint64_t deadline)
{
	timer->set = deadline;
	if (deadline == EL2_TIMER_NEVER) {
		write_sysreg(cnthp_ctl_el2, CNTHP_CTL_IMASK);
		return;
	}
	write_sysreg(cnthp_cval_el2, deadline);
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
}

static uint64_t earliest(const struct el2_timer *timer)
{
	uint64_t first = timer->deadline[0];
	unsigned int slot;

	for (slot = 1; slot < EL2_TIMER_SLOTS; slot++)
		if (timer->deadline[slot] < first)
			first = timer->deadline[slot];
	return first;
}

void el2_timer_init_cpu(void)
{
	struct percpu *pc = this_percpu();
	unsigned int slot;

	for (slot = 0; slot < EL2_TIMER_SLOTS; slot++)
		pc->el2_timer.deadline[slot] = EL2_TIMER_NEVER;
	set_timer(&pc->el2_timer, EL2_TIMER_NEVER);
	isb();
	/* Masked until a slot is armed; enabled for good at the GIC. */
	mmio_write32(pc->sgi_base + GICD_ISENABLER, 1u << HV_PPI_EL2_TIMER);
}

void el2_timer_arm(enum el2_timer_slot slot, uint64_t deadline)
{
	struct el2_timer *timer = &this_percpu()->el2_timer;
	uint64_t old = timer->deadline[slot];

	timer->deadline[slot] = deadline;
	if (deadline < timer->set)
		set_timer(timer, deadline);
	else if (old == timer->set && deadline != old)
		set_timer(timer, earliest(timer));	/* it moved later */
}

void el2_timer_disarm(enum el2_timer_slot slot)
{
	struct el2_timer *timer = &this_percpu()->el2_timer;
	uint64_t next;

	if (timer->deadline[slot] == EL2_TIMER_NEVER)
		return;
	timer->deadline[slot] = EL2_TIMER_NEVER;
	next = earliest(timer);
	if (next != timer->set)
		set_timer(timer, next);
}

void el2_timer_take(void)
{
	struct percpu *pc = this_percpu();
	struct el2_timer *timer = &pc->el2_timer;
	uint64_t now = read_sysreg(cntpct_el0);
	unsigned int slot, due = 0;

	for (slot = 0; slot < EL2_TIMER_SLOTS; slot++)
		if (timer->deadline[slot] <= now) {
			due |= 1u << slot;
			timer->deadline[slot] = EL2_TIMER_NEVER;
		}
	set_timer(timer, earliest(timer));
	isb();	/* the timer's output follows before the deactivation */
	write_sysreg(ICC_DIR_EL1, HV_PPI_EL2_TIMER);
	/* EL2_TIMER_BOOT has no handler: its waiter reads the counter. */
	if (due & (1u << EL2_TIMER_RESAMPLE))
		irq_resample(pc);
	if (due & (1u << EL2_TIMER_WATCHDOG))
		watchdog_alarm(pc->cell);
}

void arch_watchdog_arm(uint64_t deadline)
{
	el2_timer_arm(EL2_TIMER_WATCHDOG, deadline);
}
