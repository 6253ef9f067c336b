// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * level_eoi: a level-triggered interrupt ended (EOI) before its device is
 * cleared, the common driver order, is taken once, as bare metal. With
 * IRQs masked throughout (so the GIC's view is polled, not raced by a
 * handler): the PL031 RTC's match interrupt (SPI 34, level until RTCICR)
 * is raised and acknowledged, ended, then the RTC cleared; 10 us later
 * nothing may be pending (ICC_IAR1_EL1 reads 1023), then the same once
 * more. Runs in the rt cell, which owns the RTC and SPI 34, and waits
 * `delay_us` (default 2000) first, until the other cells are quiet: under
 * -icount a busy CPU delays this one in virtual time (qemu-virt.md), and
 * the hypervisor's resample deadline, microseconds on hardware, could
 * pass before this CPU has run its next instructions.
 * Protocol: `PASS level_eoi checks=N`, or `FAIL level_eoi ...`.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "polled.h"

#define ROUNDS 2
#define WAIT_US 10

int inmate_main(void)
{
	static const char *const keys[] = { "delay_us", NULL };

	params_check_keys(keys);
	spin_us(params_get_ulong("delay_us", 2000, 0, 1000000));
	check_begin("level_eoi");
	if (gic_init())
		check_fail("no interrupt controller");
	irq_mask();
	gic_enable(RTC_INTID);
	for (unsigned int round = 1; round <= ROUNDS; round++) {
		uint32_t first, again;

		rtc_assert();
		first = ack_within(1000);
		gic_eoi(first);		/* ended while the line is high */
		mmio_write32(RTC_BASE + RTC_ICR, 1);	/* then cleared */
		spin_us(WAIT_US);
		again = gic_intid(gic_ack());
		console_printf("level_eoi: round %u: took INTID %u, after the "
			       "clear %u\n", round, first, again);
		CHECK_EQ(first, RTC_INTID);
		CHECK_EQ(again, 1023);
	}
	check_pass();
	return 0;
}
