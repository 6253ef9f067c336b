// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * level_trap: level semantics of a cell's SPI (hypervisor/arch/arm64/
 * irq.c) when the cell traps to the hypervisor right after ending the
 * interrupt, before the hypervisor's own 2 us resample: the line is then
 * sampled at that trap. As level_eoi.c, with the PL031 RTC's match
 * interrupt (SPI 34, level until RTCICR) in the rt cell, IRQs masked, and
 * `delay_us` (default 2000) first, until the other cells are quiet.
 *
 *   cleared: acknowledge, end (EOI), clear the RTC, then a hypercall
 *     (CB_HC_GET_INFO, a trap): the line is low at the trap, so nothing
 *     is pending after it.
 *   asserted: acknowledge, end, the hypercall with the RTC still
 *     asserting: the line is high at the trap, so the interrupt is
 *     pending again when the hypercall returns (the first acknowledge
 *     after it takes it; were the line sampled only by the 2 us timer, it
 *     would read 1023); ended and cleared, nothing is left.
 *
 *   level_trap: cleared before the trap: took 34, then 1023
 *   level_trap: asserted at the trap: took 34, again 34, after the clear 1023
 *
 * Protocol: `PASS level_trap checks=N`, or `FAIL level_trap ...`.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "polled.h"

#define WAIT_US 10

int inmate_main(void)
{
	static const char *const keys[] = { "delay_us", NULL };
	uint32_t first, again, last;

	params_check_keys(keys);
	spin_us(params_get_ulong("delay_us", 2000, 0, 1000000));
	check_begin("level_trap");
	if (gic_init())
		check_fail("no interrupt controller");
	irq_mask();
	gic_enable(RTC_INTID);

	rtc_assert();
	first = ack_within(1000);
	gic_eoi(first);
	rtc_clear();
	cb_hc_get_info();
	spin_us(WAIT_US);
	again = gic_intid(gic_ack());
	console_printf("level_trap: cleared before the trap: took %u, then "
		       "%u\n", first, again);
	CHECK_EQ(first, RTC_INTID);
	CHECK_EQ(again, 1023);

	rtc_assert();
	first = ack_within(1000);
	gic_eoi(first);
	cb_hc_get_info();
	again = gic_intid(gic_ack());	/* at once: resampled at the trap */
	gic_eoi(again);
	rtc_clear();
	spin_us(WAIT_US);
	last = gic_intid(gic_ack());
	console_printf("level_trap: asserted at the trap: took %u, again %u, "
		       "after the clear %u\n", first, again, last);
	CHECK_EQ(first, RTC_INTID);
	CHECK_EQ(again, RTC_INTID);
	CHECK_EQ(last, 1023);
	check_pass();
	return 0;
}
