// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The test inmates' RUN/PASS/FAIL lines (check.h). A failed check ends
 * the run at once: what follows would only repeat the first problem.
 */
#include <stdarg.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/psci.h>
#include <inmate/spinlock.h>

#include "format.h"

static const char *check_name = "unnamed";
/* The lock, not an atomic add: the library is built without outline
 * atomics helpers (libgcc's __aarch64_ldadd4_*) to link against. */
static struct spinlock check_lock;
static unsigned int check_total;

void check_begin(const char *name)
{
	check_name = name;
	console_printf("RUN %s\n", name);
}

void check_eq(const char *file, int line, const char *expr, int64_t lhs,
	      int64_t rhs)
{
	spin_lock(&check_lock);
	check_total++;
	spin_unlock(&check_lock);
	if (lhs == rhs)
		return;
	console_printf("FAIL %s %s:%d: %s (lhs=%lld rhs=%lld)\n", check_name,
		       file, line, expr, (long long)lhs, (long long)rhs);
	psci_system_off();
}

void check_fail(const char *fmt, ...)
{
	char reason[160];
	va_list ap;

	va_start(ap, fmt);
	format_vstring(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	console_printf("FAIL %s: %s\n", check_name, reason);
	psci_system_off();
}

unsigned int check_count(void)
{
	unsigned int count;

	spin_lock(&check_lock);
	count = check_total;
	spin_unlock(&check_lock);
	return count;
}

void check_pass(void)
{
	console_printf("PASS %s checks=%u\n", check_name, check_count());
}
