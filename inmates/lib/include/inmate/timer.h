/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The EL1 virtual timer (CNTV_*, PPI 27) and the virtual counter. Bare
 * metal CNTVOFF_EL2 is 0, so the virtual counter is the physical one.
 */
#ifndef INMATE_TIMER_H
#define INMATE_TIMER_H

#include <stdint.h>

#define TIMER_VIRT_INTID 27

/** timer_counter() - CNTVCT_EL0, read after earlier instructions (isb). */
uint64_t timer_counter(void);

/** timer_frequency() - counter ticks per second (CNTFRQ_EL0). */
uint64_t timer_frequency(void);

/** timer_us_to_ticks() - @us microseconds in counter ticks, rounded down. */
uint64_t timer_us_to_ticks(uint64_t us);

/**
 * timer_arm() - fire the virtual timer when the counter reaches @deadline
 * (absolute, so periodic deadlines do not drift). The interrupt stays
 * asserted until timer_arm() moves the deadline or timer_disarm().
 */
void timer_arm(uint64_t deadline);
void timer_disarm(void);

/**
 * timer_delay_us() - wait @us microseconds in WFI, woken by the virtual
 * timer; the IRQ itself is never taken. Uses the virtual timer (it must
 * not be armed for anything else meanwhile) and enables INTID 27 at the
 * GIC: gic_init() or gic_init_cpu() must have run on this CPU.
 */
void timer_delay_us(uint64_t us);

#endif /* INMATE_TIMER_H */
