// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * ticker: periodic virtual timer interrupts at absolute deadlines
 * start + k * period, so lateness never accumulates. Each interrupt prints
 * `tick N cntvct=V` with the counter read first thing in the handler;
 * under -icount the spacing of V is exact and repeatable, which is what
 * the latency figures compare against.
 *
 * Parameters: period_us (default 1000), ticks (default 10, 0 = forever).
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

static uint64_t ticker_start;
static uint64_t ticker_period;		/* counter ticks */
static unsigned long ticker_ticks;	/* 0: forever */
static unsigned long ticker_count;
static volatile bool ticker_done;

static void ticker_irq(unsigned int intid)
{
	uint64_t now = timer_counter();

	(void)intid;
	ticker_count++;
	console_printf("tick %lu cntvct=%llu\n", ticker_count,
		       (unsigned long long)now);
	if (ticker_ticks && ticker_count >= ticker_ticks) {
		timer_disarm();
		ticker_done = true;
		return;
	}
	timer_arm(ticker_start + (ticker_count + 1) * ticker_period);
}

int inmate_main(void)
{
	static const char *const keys[] = { "period_us", "ticks", NULL };
	unsigned long period_us;

	params_check_keys(keys);
	period_us = params_get_ulong("period_us", 1000, 1, 1000000000);
	ticker_ticks = params_get_ulong("ticks", 10, 0, 1000000000);
	ticker_period = timer_us_to_ticks(period_us);
	if (!ticker_period)
		runtime_panic("ticker: period_us=%lu is less than one "
			      "counter tick", period_us);
	console_printf("ticker: period_us=%lu (%llu counter ticks at %llu "
		       "Hz), ticks=%lu\n",
		       period_us, (unsigned long long)ticker_period,
		       (unsigned long long)timer_frequency(), ticker_ticks);
	if (gic_init())
		runtime_panic("ticker: no interrupt controller");
	irq_set_handler(TIMER_VIRT_INTID, ticker_irq);
	gic_enable(TIMER_VIRT_INTID);

	ticker_start = timer_counter();
	timer_arm(ticker_start + ticker_period);
	/* Tick N's lateness is its cntvct - (start + N * period). */
	console_printf("ticker: start cntvct=%llu\n",
		       (unsigned long long)ticker_start);
	irq_mask();
	while (!ticker_done)
		irq_wait();
	irq_unmask();
	console_printf("ticker done\n");
	psci_system_off();
}
