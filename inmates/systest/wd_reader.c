// SPDX-License-Identifier: GPL-2.0-only
/*
 * wd_reader: a cell with "read-cells" and no watchdog beside the watched
 * cell of tests/system/watchdog_tests.py. It pets a watchdog it does not
 * have (CB_HC_EINVAL), then, `reads` times, waits `delay_us` and prints
 * cell `id`'s state and failure statistics (CB_HC_CELL_STATS: failures,
 * watchdog expiries, policy restarts, the last failure's kind and
 * reason), then powers off. With `until_failed` 1 it prints them once
 * only: when it finds the cell failed, or after the last wait (for runs
 * in real time, where when the cell fails is not known in advance).
 *
 * Parameters: id (default 2), delay_us (default 10000), reads (default
 * 1), until_failed (default 0).
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/wait.h>

static volatile unsigned int never;
static struct cb_cell_info info;
static struct cb_cell_stats stats;

static void report(uint64_t id)
{
	int64_t result = cb_cell_info(id, &info);

	if (!result)
		result = cb_cell_stats(id, &stats);
	if (result) {
		console_printf("wd_reader: cell %llu: %s\n",
			       (unsigned long long)id,
			       cb_hc_error_name(result));
		return;
	}
	console_printf("wd_reader: cell %llu %s %s: starts %llu, failures "
		       "%llu, watchdog expiries %llu, policy restarts %llu, "
		       "last failure %u\n",
		       (unsigned long long)id, info.name,
		       cb_cell_state_name(info.state),
		       (unsigned long long)stats.starts,
		       (unsigned long long)stats.failures,
		       (unsigned long long)stats.watchdog_expiries,
		       (unsigned long long)stats.policy_restarts,
		       stats.last_failure);
	/* Its own line: it fits the console's 160 characters whole. */
	console_printf("wd_reader: reason: \"%s\"\n",
		       stats.last_failure_reason);
}

int inmate_main(void)
{
	static const char *const keys[] = { "id", "delay_us", "reads",
					    "until_failed", NULL };
	unsigned long id, delay_us, reads, until_failed, i;

	params_check_keys(keys);
	id = params_get_ulong("id", 2, 0, 1000);
	delay_us = params_get_ulong("delay_us", 10000, 0, 60000000);
	reads = params_get_ulong("reads", 1, 0, 1000);
	until_failed = params_get_ulong("until_failed", 0, 0, 1);
	console_printf("wd_reader: pet: %s\n",
		       cb_hc_error_name(cb_watchdog_pet()));
	if (gic_init())
		runtime_panic("wd_reader: no interrupt controller");
	wait_init();
	for (i = 0; i < reads; i++) {
		wait_change(&never, 0, delay_us);
		if (until_failed && i + 1 < reads &&
		    (cb_cell_info(id, &info) || info.state != CB_CELL_FAILED))
			continue;
		report(id);
		if (until_failed)
			break;
	}
	console_printf("wd_reader: powering off\n");
	psci_system_off();
}
