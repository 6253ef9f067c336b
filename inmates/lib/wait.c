// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * wait_change() (wait.h): WFI until a counter moves, bounded by the
 * virtual timer.
 */
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>
#include <inmate/wait.h>

static uint64_t wait_deadline[INMATE_MAX_CPUS];
static volatile bool wait_expired[INMATE_MAX_CPUS];

/*
 * A timer interrupt left pending by an earlier timer_delay_us() or wait
 * may still arrive: only a deadline that has passed ends this wait.
 */
static void wait_timer(unsigned int intid)
{
	unsigned int cpu = cpu_index();

	(void)intid;
	if (timer_counter() < wait_deadline[cpu])
		return;
	timer_disarm();
	wait_expired[cpu] = true;
}

void wait_init(void)
{
	irq_set_handler(TIMER_VIRT_INTID, wait_timer);
	gic_enable(TIMER_VIRT_INTID);
}

bool wait_change(volatile unsigned int *value, unsigned int seen,
		 uint64_t us)
{
	unsigned int cpu = cpu_index();
	uint64_t flags = irq_save();

	wait_expired[cpu] = false;
	wait_deadline[cpu] = timer_counter() + timer_us_to_ticks(us);
	timer_arm(wait_deadline[cpu]);
	while (*value == seen && !wait_expired[cpu])
		irq_wait();
	timer_disarm();
	irq_restore(flags);
	return *value != seen;
}
