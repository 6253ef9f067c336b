// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cells' watchdogs (see watchdog.h). A watched cell has one deadline, a
 * counter value: a pet moves it to now + period with one store, on the
 * petting CPU, and nothing else happens then. Every CPU running the cell
 * has its hypervisor timer armed at the deadline it last saw; when that
 * fires, it looks again: moved by a pet, it arms the new one (so a cell
 * that pets in time costs each of its running CPUs about one timer
 * interrupt per period); passed, the cell fails, and of several CPUs
 * failing it at once cell_fail_with() lets one decide.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/watchdog.h>

#include <cellblock/hypercall.h>

#include "format.h"

struct watchdog {
	uint64_t period;	/* counter ticks; set at each start */
	uint64_t deadline;	/* counter value; pets move it */
};

static struct watchdog watchdogs[HV_MAX_CELLS];

int64_t watchdog_pet(struct cell *cell)
{
	struct watchdog *dog = &watchdogs[cell->index];

	if (!cell->config->watchdog_us)
		return CB_HC_EINVAL;
	__atomic_store_n(&dog->deadline, arch_counter() + dog->period,
			 __ATOMIC_RELAXED);
	return 0;
}

void watchdog_start(struct cell *cell)
{
	struct watchdog *dog = &watchdogs[cell->index];

	if (!cell->config->watchdog_us)
		return;
	/* At most CB_LIMIT_WATCHDOG_US_MAX (60 s): no overflow for a
	   counter below 300 GHz (ARMv8.6 fixes it at 1 GHz). */
	dog->period = (uint64_t)cell->config->watchdog_us *
		      arch_counter_frequency() / 1000000;
	__atomic_store_n(&dog->deadline, arch_counter() + dog->period,
			 __ATOMIC_RELAXED);
}

void watchdog_entering(struct cell *cell)
{
	if (cell->config->watchdog_us)
		arch_watchdog_arm(__atomic_load_n(
			&watchdogs[cell->index].deadline, __ATOMIC_RELAXED));
}

void watchdog_alarm(struct cell *cell)
{
	uint64_t deadline = __atomic_load_n(&watchdogs[cell->index].deadline,
					    __ATOMIC_RELAXED);
	char what[64];

	if (arch_counter() < deadline) {
		arch_watchdog_arm(deadline);
		return;
	}
	format_string(what, sizeof(what), "watchdog expired (period %u us)",
		      cell->config->watchdog_us);
	cell_fail_with(cell, arch_this_cpu(), CB_FAILURE_WATCHDOG, what);
}
