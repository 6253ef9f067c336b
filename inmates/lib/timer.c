// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The EL1 virtual timer: counter reads, absolute deadlines, and delays
 * spent in WFI (under -icount a busy loop would burn virtual time).
 */
#include <inmate/gic.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define CNTV_CTL_ENABLE 1u

uint64_t timer_counter(void)
{
	/* Without it the read may happen before earlier instructions. */
	isb();
	return read_sysreg(cntvct_el0);
}

uint64_t timer_frequency(void)
{
	return read_sysreg(cntfrq_el0) & 0xffffffff;
}

uint64_t timer_us_to_ticks(uint64_t us)
{
	uint64_t frequency = timer_frequency();

	/* In two parts, so us * frequency cannot overflow. */
	return us / 1000000 * frequency + us % 1000000 * frequency / 1000000;
}

void timer_arm(uint64_t deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

void timer_disarm(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

void timer_delay_us(uint64_t us)
{
	uint64_t deadline = timer_counter() + timer_us_to_ticks(us);
	uint64_t flags = irq_save();

	gic_enable(TIMER_VIRT_INTID);
	timer_arm(deadline);
	/* Masked, the pending timer IRQ ends WFI without being taken. */
	while (timer_counter() < deadline)
		wfi();
	timer_disarm();
	irq_restore(flags);
}
