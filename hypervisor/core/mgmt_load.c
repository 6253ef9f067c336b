// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading new bytes into a cell, and destroying one (CB_HC_CELL_SET_
 * LOADABLE, CB_HC_CELL_LOAD, CB_HC_CELL_DESTROY; hypercall.h has the
 * contract, docs/hypervisor.md the lines). A stopped or failed cell
 * becomes loadable, its RAM cleared; a manager then copies bytes from its
 * own RAM into the cell's "loadable" regions, as many calls as it likes
 * (a kernel comes in pieces, so a load prints nothing), and a start runs
 * the cell from them (mgmt_start(), from_loaded). A destroyed cell is
 * stopped for good and nothing of it is left in its RAM.
 *
 * Every check comes before any change: a refused call changed nothing.
 * The cell acted on has all of its CPUs off in each of these states and
 * only management moves it out of them, one action at a time (mgmt.c),
 * so nothing else touches its RAM while a call writes it.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/control.h>

#include <cellblock/comm.h>
#include <cellblock/hypercall.h>

#include "mgmt_internal.h"

#include "format.h"

/* A CPU that stopped the cell may still be on its way to idle. */
static void wait_cpus_off(const struct cell *cell)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1)
			arch_cpu_wait_off(cpu);
}

/* Moves @cell to @to if it is stopped or failed (or, with @loadable too,
   loadable), under its lock; whether it did. */
static int claim_stopped(struct cell *cell, enum cell_state to, int loadable)
{
	enum cell_state state;
	int claimed;

	spin_lock(&cell->lock);
	state = cell->state;
	claimed = state == CELL_OFF || state == CELL_FAILED ||
		  (loadable && state == CELL_LOADABLE);
	if (claimed)
		cell_set_state(cell, to);
	spin_unlock(&cell->lock);
	return claimed;
}

int64_t mgmt_set_loadable(struct cell *caller, struct cell *cell)
{
	if (!claim_stopped(cell, CELL_LOADABLE, 0))
		return CB_HC_EBUSY;
	wait_cpus_off(cell);
	cell_clear_ram(cell, 0);
	hv_printf("cell %s loadable (set by cell %s)", cell->name,
		  caller->name);
	return 0;
}

int64_t mgmt_load(struct cell *caller, struct cell *cell, uint64_t source,
		  uint64_t size, uint64_t destination)
{
	uint64_t from, to;
	int loadable;

	/* The image's payloads go into "loadable" regions: so do these. */
	if (!size ||
	    !control_buffer_phys(caller, source, size, CB_REGION_READ, &from) ||
	    !control_buffer_phys(cell, destination, size, CB_REGION_LOADABLE,
				 &to))
		return CB_HC_EINVAL;
	spin_lock(&cell->lock);
	loadable = cell->state == CELL_LOADABLE;
	spin_unlock(&cell->lock);
	if (!loadable)
		return CB_HC_EBUSY;
	arch_copy_ram(to, from, size);
	return 0;
}

int64_t mgmt_destroy(struct cell *caller, struct cell *cell)
{
	int64_t vote = mgmt_vote(caller, cell, CB_COMM_MSG_DESTROY);
	char line[CELL_LINE];

	if (vote)
		return vote;
	format_string(line, sizeof(line), "cell %s destroyed (by cell %s)",
		      cell->name, caller->name);
	/* A running cell stops (its CPUs leave it, its devices reset, its
	   links' peers see it down); a stopped one did all that already. */
	if (!cell_stop(cell, CELL_DESTROYED, line)) {
		if (!claim_stopped(cell, CELL_DESTROYED, 1))
			return CB_HC_EBUSY;
		hv_printf("%s", line);
	}
	wait_cpus_off(cell);
	cell_clear_ram(cell, 0);
	cell_clear_ram(cell, 1);
	mgmt_return_resources(cell);
	return 0;
}
