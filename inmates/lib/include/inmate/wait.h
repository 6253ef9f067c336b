/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Bounded waits for something another CPU or an interrupt handler does:
 * sleep in WFI, letting IRQ handlers run, until a counter changes or a
 * deadline on the virtual timer passes. Deterministic under -icount, so a
 * test can turn "never happened" into a FAIL line instead of a hang.
 */
#ifndef INMATE_WAIT_H
#define INMATE_WAIT_H

#include <stdbool.h>
#include <stdint.h>

/**
 * wait_init() - install the deadline handler on the virtual timer
 * (INTID 27) and enable it on the calling CPU. Call on each CPU that
 * waits, after gic_init() or gic_init_cpu(); the CPU's virtual timer is
 * the wait's from then on.
 */
void wait_init(void);

/**
 * wait_change() - sleep until *@value is no longer @seen or @us
 * microseconds have passed; IRQs are taken meanwhile and the caller's
 * IRQ mask is restored at the end. Returns whether @value changed.
 */
bool wait_change(volatile unsigned int *value, unsigned int seen,
		 uint64_t us);

#endif /* INMATE_WAIT_H */
