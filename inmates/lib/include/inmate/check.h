/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The in-QEMU test protocol of the test inmates (the house style's
 * "Tests inside QEMU"): one test per boot prints `RUN name`,
 * then either `PASS name checks=N` or, at the first failed check,
 * `FAIL name file:line: expr (lhs=.. rhs=..)` (or `FAIL name: reason`)
 * and powers off with PSCI SYSTEM_OFF. The host side passes a test only
 * on its PASS line with at least one check, so a test that checks
 * nothing fails.
 *
 *	check_begin("cpu-off");
 *	CHECK_EQ(psci_affinity_info(mpidr), PSCI_AFFINITY_OFF);
 *	check_pass();
 *
 * Checks may run on any CPU of the inmate; the count is shared.
 */
#ifndef INMATE_CHECK_H
#define INMATE_CHECK_H

#include <stdint.h>

/** check_begin() - name the test (kept, not copied) and print `RUN name`. */
void check_begin(const char *name);

/**
 * check_eq() - count one check; if @lhs != @rhs print the FAIL line with
 * @file, @line, @expr and both values, then power off (never returns).
 * Use CHECK_EQ().
 */
void check_eq(const char *file, int line, const char *expr, int64_t lhs,
	      int64_t rhs);

#define CHECK_EQ(lhs, rhs)                                                     \
	check_eq(__FILE__, __LINE__, #lhs " == " #rhs, (int64_t)(lhs),         \
		 (int64_t)(rhs))

/** check_fail() - `FAIL name: reason` (formatted), then power off. */
__attribute__((noreturn, format(printf, 1, 2))) void
check_fail(const char *fmt, ...);

/** check_count() - checks made so far. */
unsigned int check_count(void);

/** check_pass() - print `PASS name checks=N`. Does not power off: the
 * caller may still have something to do (or let the hypervisor end it). */
void check_pass(void);

#endif /* INMATE_CHECK_H */
