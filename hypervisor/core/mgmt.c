// SPDX-License-Identifier: GPL-2.0-only
/*
 * Management hypercalls (see mgmt.h): one cell shuts down, starts or
 * restarts another, or freezes management for good; loading and
 * destroying are in mgmt_load.c, the voting in mgmt_vote.c. Permissions come
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

#include <cellblock/comm.h>
#include <cellblock/hypercall.h>

#include "mgmt_internal.h"

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

void mgmt_action_end(void)
{
	__atomic_store_n(&acting, 0, __ATOMIC_RELEASE);
}

int64_t mgmt_start(struct cell *cell, const char *line, uint64_t params)
{
	unsigned int cpu, first = cell_first_cpu(cell);
	int stopped, loaded, empty;

	spin_lock(&cell->lock);
	loaded = cell->state == CELL_LOADABLE;
	stopped = loaded || cell->state == CELL_OFF ||
		  cell->state == CELL_FAILED;
	/* Created at run time and run once: what was loaded went with its
	   RAM, and it has no payloads of its own to start from. */
	empty = stopped && !loaded && !cell->payload_count;
	if (stopped && !empty)
		cell_set_state(cell, CELL_RESETTING);	/* ours to start */
	spin_unlock(&cell->lock);
	if (empty)
		hv_printf("cell %s: nothing to start from (it has no payloads: "
			  "make it loadable and load it again)", cell->name);
	if (!stopped || empty)
		return CB_HC_EBUSY;
	/* The CPU that stopped it may still be on its way to idle. */
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1)
			arch_cpu_wait_off(cpu);
	if (line)
		hv_printf("%s", line);
	/* A stopped cell that had run from loaded bytes starts from its
	   payloads again: only a loadable one runs what was loaded. */
	cell->from_loaded = loaded;
	/* A cell created at run time has no image to say where its
	   parameters are: its manager says, as it starts it (hypercall.h). */
	if (cell->lender && params)
		cell->params_address = params;
	cell->load_pending = 1;
	__atomic_add_fetch(&cells_running, 1, __ATOMIC_ACQ_REL);
	spin_lock(&cell->lock);
	cell_policy_reset(cell);	/* its restart limit counts from here */
	cell_set_state(cell, CELL_RUNNING);
	spin_unlock(&cell->lock);
	/* Invariant: every CPU of the cell is OFF (waited for above). */
	CHECK(!arch_cpu_start(first, cell->config->entry,
			      cell->params_address));
	return 0;
}

static int64_t shutdown(struct cell *caller, struct cell *cell)
{
	char line[CELL_LINE];
	int64_t vote = mgmt_vote(caller, cell, CB_COMM_MSG_SHUTDOWN);

	if (vote)
		return vote;
	format_string(line, sizeof(line), "cell %s stopped (shutdown by "
		      "cell %s)", cell->name, caller->name);
	return cell_stop(cell, CELL_OFF, line) ? 0 : CB_HC_EBUSY;
}

static int64_t start(struct cell *caller, struct cell *cell, uint64_t params)
{
	char line[CELL_LINE];

	format_string(line, sizeof(line), "cell %s starting (started by "
		      "cell %s)", cell->name, caller->name);
	return mgmt_start(cell, line, params);
}

/* One line, whether it ran (stopped here first) or not. */
static int64_t restart(struct cell *caller, struct cell *cell)
{
	char line[CELL_LINE];
	int64_t vote = mgmt_vote(caller, cell, CB_COMM_MSG_RESTART);

	if (vote)
		return vote;
	format_string(line, sizeof(line), "cell %s restarting (restart by "
		      "cell %s)", cell->name, caller->name);
	return mgmt_start(cell, cell_stop(cell, CELL_OFF, line) ? NULL : line,
			  0);
}

static int64_t act(struct cell *caller, unsigned int number,
		   struct cell *cell, const uint64_t arg[4])
{
	switch (number + CB_HC_BASE) {
	case CB_HC_CELL_SHUTDOWN:
		return shutdown(caller, cell);
	case CB_HC_CELL_START:
		return start(caller, cell, arg[1]);
	case CB_HC_CELL_RESTART:
		return restart(caller, cell);
	case CB_HC_CELL_SET_LOADABLE:
		return mgmt_set_loadable(caller, cell);
	case CB_HC_CELL_LOAD:
		return mgmt_load(caller, cell, arg[1], arg[2], arg[3]);
	}
	return mgmt_destroy(caller, cell);
}

static int64_t freeze(struct cell *caller)
{
	if (!(caller->config->flags & CB_CELL_MAY_FREEZE))
		return CB_HC_EPERM;
	if (!__atomic_exchange_n(&frozen, 1, __ATOMIC_ACQ_REL))
		hv_printf("management frozen by cell %s", caller->name);
	return 0;
}

int64_t mgmt_call(struct cell *caller, unsigned int number,
		  const uint64_t arg[4])
{
	int64_t error = 0;
	struct cell *cell;

	if (__atomic_load_n(&frozen, __ATOMIC_ACQUIRE))
		return CB_HC_EFROZEN;
	if (number == CB_HC_FREEZE - CB_HC_BASE)
		return freeze(caller);
	cell = control_cell(arg[0], &error);
	if (!cell)
		return error;
	if (cell == caller)
		return CB_HC_EINVAL;
	if (!may_manage(caller, cell))
		return CB_HC_EPERM;
	action_begin();
	error = act(caller, number, cell, arg);
	mgmt_action_end();
	return error;
}

int64_t mgmt_create(struct cell *caller, uint64_t guest, uint64_t size)
{
	int64_t result;

	if (__atomic_load_n(&frozen, __ATOMIC_ACQUIRE))
		return CB_HC_EFROZEN;
	action_begin();
	result = mgmt_create_cell(caller, guest, size);
	mgmt_action_end();
	return result;
}

int mgmt_frozen(void)
{
	return __atomic_load_n(&frozen, __ATOMIC_ACQUIRE);
}

void mgmt_boot_done(void)
{
	if (!(system_config->flags & CB_SYSTEM_FREEZE_AFTER_BOOT))
		return;
	frozen = 1;
	hv_printf("management frozen (freeze-after-boot)");
}
