// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Virtual-timer interrupt latency: the handler reads the counter first
 * thing and subtracts the compare value it programmed. The CPU sleeps in
 * WFI in between, as a real-time task waiting for its period does. Each
 * deadline lies a pseudo-random period..2*period-1 ticks after the
 * previous handler, so the deadlines fall at varied points of whatever the
 * other CPUs are doing (under load) rather than in lockstep with it.
 */
#include <stddef.h>

#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/timer.h>

#include "bench.h"

static struct bench_stats *timer_stats;
static uint64_t timer_deadline, timer_period;
static unsigned long timer_left;
static volatile bool timer_done;

static void timer_irq(unsigned int intid)
{
	uint64_t now = bench_counter();

	(void)intid;
	stats_add(timer_stats, now - timer_deadline);
	if (--timer_left == 0) {
		timer_disarm();
		timer_done = true;
		return;
	}
	timer_deadline = now + timer_period + bench_random() % timer_period;
	timer_arm(timer_deadline);
}

uint64_t timer_latency(struct bench_stats *s, unsigned long n,
		       uint64_t period)
{
	stats_init(s);
	if (!n)
		return bench_counter();
	timer_stats = s;
	timer_period = period;
	timer_left = n;
	timer_done = false;
	irq_set_handler(TIMER_VIRT_INTID, timer_irq);
	gic_enable(TIMER_VIRT_INTID);
	irq_mask();
	timer_deadline = bench_counter() + period;
	timer_arm(timer_deadline);
	while (!timer_done)
		irq_wait();
	irq_unmask();
	irq_set_handler(TIMER_VIRT_INTID, NULL);
	return bench_counter();
}

static volatile bool wait_done;

static void wait_irq(unsigned int intid)
{
	(void)intid;
	timer_disarm();
	wait_done = true;
}

/*
 * Under -icount a busy wait would take the other CPUs' time, so this
 * sleeps in WFI, woken by a timer interrupt that is taken and handled as
 * the measured ones are. Not timer_delay_us(), which waits with IRQs
 * masked and disarms the timer behind a pending interrupt: in a cell that
 * interrupt is still delivered afterwards, and the measurement would
 * count it as its first sample, before its deadline. interfere.c and
 * latency.c both wait with it.
 */
void bench_wait_until(uint64_t deadline)
{
	if (bench_counter() >= deadline)
		return;
	wait_done = false;
	irq_set_handler(TIMER_VIRT_INTID, wait_irq);
	gic_enable(TIMER_VIRT_INTID);
	irq_mask();
	timer_arm(deadline);
	while (!wait_done)
		irq_wait();
	irq_unmask();
	irq_set_handler(TIMER_VIRT_INTID, NULL);
}
