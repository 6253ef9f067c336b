// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * cb_hc_expect() (inmate/hypercall.h), for test inmates: apart from
 * hypercall.c, so that an inmate that makes calls but checks none links
 * neither it nor the check library.
 */
#include <stdint.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/hypercall.h>

void cb_hc_expect(const char *who, const char *what, int64_t got,
		  int64_t want)
{
	console_printf("%s: %s: %s\n", who, what, cb_hc_error_name(got));
	if (got != want)
		check_fail("%s returned %lld (%s), expected %lld (%s)", what,
			   (long long)got, cb_hc_error_name(got),
			   (long long)want, cb_hc_error_name(want));
	CHECK_EQ(got, want);
}
