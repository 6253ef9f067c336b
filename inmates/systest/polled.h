/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What the test inmates that watch the GIC with IRQs masked share: a busy
 * wait (no timer interrupt may become pending meanwhile), acknowledging
 * within a time, and the PL031 RTC's match interrupt (SPI 34, level until
 * RTCICR), raised at once.
 */
#ifndef SYSTEST_POLLED_H
#define SYSTEST_POLLED_H

#include <inmate/gic.h>
#include <inmate/mmio.h>
#include <inmate/timer.h>

#define RTC_BASE 0x09010000ul
#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_IMSC 0x10
#define RTC_RIS 0x14
#define RTC_ICR 0x1c
#define RTC_INTID 34

static inline void spin_us(uint64_t us)
{
	uint64_t end = timer_counter() + timer_us_to_ticks(us);

	while (timer_counter() < end)
		;
}

/* The next acknowledged INTID within @us (1023: none). */
static inline uint32_t ack_within(uint64_t us)
{
	uint64_t end = timer_counter() + timer_us_to_ticks(us);
	uint32_t intid;

	do {
		intid = gic_intid(gic_ack());
	} while (intid >= GIC_INTID_SPECIAL && timer_counter() < end);
	return intid;
}

static inline void rtc_clear(void)
{
	mmio_write32(RTC_BASE + RTC_ICR, 1);
}

/* A match register equal to the counter (again if the counter's second
   turned over in between), then the interrupt unmasked. */
static inline void rtc_assert(void)
{
	for (unsigned int i = 0; i < 3; i++) {
		rtc_clear();
		mmio_write32(RTC_BASE + RTC_MR, mmio_read32(RTC_BASE + RTC_DR));
		if (mmio_read32(RTC_BASE + RTC_RIS) & 1)
			break;
	}
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
}

#endif /* SYSTEST_POLLED_H */
