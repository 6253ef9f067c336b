// SPDX-License-Identifier: GPL-2.0-only
/*
 * Management hypercalls (see mgmt.h): one cell shuts down, starts or
 * restarts another, or freezes management for good. Permissions come
 * from the caller's config (manage-all-cells, the manage list,
 * may-freeze). A stop works from any CPU (cell_stop()); a start hands
 * the cell's first CPU, idle since the cell stopped, its entry, and that
 * CPU clears the cell's RAM and copies its payloads in as it enters
 * (cell_entering()), as at boot. The frozen build links
 * variant/frozen/mgmt.c instead of this file.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/control.h>
#include <hv/lib.h>
#include <hv/mgmt.h>

#include <cellblock/hypercall.h>

#include "format.h"

static int frozen;

static int may_manage(const struct cell *caller, const struct cell *cell)
{
	const struct cb_cell_config *c = caller->config;
	unsigned int i;

	if (c->flags & CB_CELL_MANAGE_ALL)
		return 1;
	for (i = 0; i < c->manage_count; i++)
		if (!strncmp(cb_cell_manages(c)[i], cell->name, CB_NAME_SIZE))
			return 1;
	return 0;
}

/*
 * One management action at a time, system-wide. A caller waits for its
 * turn without holding anything, and gives up if its own cell is being
 * stopped meanwhile (the action under way may be that very stop, which
 * waits for this CPU): two cells shutting each other down at once cannot
 * wait on each other.
 */
static uint32_t acting;

static void action_begin(void)
{
	uint32_t free = 0;

	while (!__atomic_compare_exchange_n(&acting, &free, 1, 0,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		free = 0;
		if (arch_cpu_state(arch_this_cpu()) == CPU_STOPPING)
			arch_cpu_idle();
	}
}

static void action_end(void)
{
	__atomic_store_n(&acting, 0, __ATOMIC_RELEASE);
}

/* A stopped or failed @cell runs again from its payloads, after @line
   (NULL: none); 0, or CB_HC_EBUSY when it is not stopped or failed. */
static int64_t start(struct cell *cell, const char *line)
{
	unsigned int cpu, first = cell_first_cpu(cell);
	int stopped;

	spin_lock(&cell->lock);
	stopped = cell->state == CELL_OFF || cell->state == CELL_FAILED;
	if (stopped)
		cell->state = CELL_RESETTING;	/* ours to start */
	spin_unlock(&cell->lock);
	if (!stopped)
		return CB_HC_EBUSY;
	/* The CPU that stopped it may still be on its way to idle. */
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1)
			arch_cpu_wait_off(cpu);
	if (line)
		hv_printf("%s", line);
	cell->load_pending = 1;
	__atomic_add_fetch(&cells_running, 1, __ATOMIC_ACQ_REL);
	spin_lock(&cell->lock);
	cell->state = CELL_RUNNING;
	spin_unlock(&cell->lock);
	/* Invariant: every CPU of the cell is OFF (waited for above). */
	CHECK(!arch_cpu_start(first, cell->config->entry,
			      cell->params_address));
	return 0;
}

static int64_t act(struct cell *caller, unsigned int number,
		   struct cell *cell)
{
	char line[CELL_LINE];

	switch (number) {
	case CB_HC_CELL_SHUTDOWN - CB_HC_BASE:
		format_string(line, sizeof(line), "cell %s stopped (shutdown by "
			      "cell %s)", cell->name, caller->name);
		return cell_stop(cell, CELL_OFF, line) ? 0 : CB_HC_EBUSY;
	case CB_HC_CELL_START - CB_HC_BASE:
		format_string(line, sizeof(line), "cell %s starting (started by "
			      "cell %s)", cell->name, caller->name);
		return start(cell, line);
	}
	/* Restart: one line, whether it ran (stopped here first) or not. */
	format_string(line, sizeof(line), "cell %s restarting (restart by "
		      "cell %s)", cell->name, caller->name);
	return start(cell, cell_stop(cell, CELL_OFF, line) ? NULL : line);
}

int64_t mgmt_call(struct cell *caller, unsigned int number, uint64_t arg)
{
	int64_t error = 0;
	struct cell *cell;

	if (__atomic_load_n(&frozen, __ATOMIC_ACQUIRE))
		return CB_HC_EFROZEN;
	if (number == CB_HC_FREEZE - CB_HC_BASE) {
		if (!(caller->config->flags & CB_CELL_MAY_FREEZE))
			return CB_HC_EPERM;
		if (!__atomic_exchange_n(&frozen, 1, __ATOMIC_ACQ_REL))
			hv_printf("management frozen by cell %s", caller->name);
		return 0;
	}
	cell = control_cell(arg, &error);
	if (!cell)
		return error;
	if (cell == caller)
		return CB_HC_EINVAL;
	if (!may_manage(caller, cell))
		return CB_HC_EPERM;
	action_begin();
	error = act(caller, number, cell);
	action_end();
	return error;
}

void mgmt_boot_done(void)
{
	if (!(system_config->flags & CB_SYSTEM_FREEZE_AFTER_BOOT))
		return;
	frozen = 1;
	hv_printf("management frozen (freeze-after-boot)");
}
