// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell life cycle (see cell.h). A cell's state changes only under its lock
 * and only on its own CPUs' requests or traps; other cells are never
 * touched. When no cell is left running the machine is switched off, since
 * nothing could ever run again.
 *
 * Lock order: cell->lock, then the console lock. The console input's
 * focus lock (console_input.c) comes before a vUART's lock and the console
 * lock, and is never taken under either or under cell->lock.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/comm.h>
#include <hv/console.h>
#include <hv/devices.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/vpci.h>
#include <hv/vuart.h>
#include <hv/watchdog.h>

#include <cellblock/hypercall.h>

#include "format.h"

#include <stdarg.h>

struct cell cells[HV_MAX_CELLS];
unsigned int cell_count;
unsigned int cells_running;
const struct cb_system_config *system_config;

uint32_t cell_abi_state(enum cell_state state)
{
	switch (state) {
	case CELL_RUNNING:
		return CB_CELL_RUNNING;
	case CELL_RESETTING:
		return CB_CELL_RESTARTING;
	case CELL_OFF:
		return CB_CELL_STOPPED;
	case CELL_LOADABLE:
		return CB_CELL_LOADABLE;
	case CELL_DESTROYED:
		return CB_CELL_DESTROYED;
	case CELL_FAILED:
		break;
	}
	return CB_CELL_FAILED;
}

void cell_set_state(struct cell *cell, enum cell_state state)
{
	cell->state = state;
	comm_show_state(cell);
}

struct cell *cell_of_cpu(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < cell_count; i++)
		if ((cells[i].cpu_set >> cpu) & 1)
			return &cells[i];
	return NULL;
}

unsigned int cell_first_cpu(const struct cell *cell)
{
	return (unsigned int)__builtin_ctzll(cell->cpu_set);
}

/*
 * Kept regions keep what the cell left in them over its restarts: they
 * are cleared once at boot, before any cell starts (cells_start()), and
 * when the cell is destroyed (mgmt_load.c), never on a restart. A root
 * cell's lendable regions are never its to clear: cells it created may
 * have parts of them.
 */
void cell_clear_ram(const struct cell *cell, int kept)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++)
		if (!(r[i].flags & (CB_REGION_IO | CB_REGION_SUBPAGE |
				    CB_REGION_COMM | CB_REGION_LENDABLE)) &&
		    !(r[i].flags & CB_REGION_KEPT) == !kept)
			arch_clear_ram(r[i].phys_start, r[i].size);
}

void cell_entering(struct cell *cell)
{
	unsigned int i;

	/* Only the first CPU runs while load_pending is set: the others
	   start by its CPU_ON, after this. */
	if (!cell->load_pending)
		return;
	cell->load_pending = 0;
	cell->starts++;
	cell->started_at = arch_counter();
	/* From what a manager loaded (mgmt_load.c): its RAM was cleared
	   when it became loadable, and the bytes are its program now. */
	if (!cell->from_loaded) {
		/* The root cell cellblock was enabled from runs its restart
		   payloads now (driver.h): an ordinary cell from here on. */
		cell->adopted = 0;
		cell_clear_ram(cell, 0);
		for (i = 0; i < cell->payload_count; i++)
			arch_copy_to_ram(cell->payload[i].phys,
					 cell->payload[i].data,
					 cell->payload[i].size);
	}
	comm_cell_start(cell);	/* its header, the state running */
	watchdog_start(cell);	/* once it can run: clearing takes time */
}

void cells_start(void)
{
	unsigned int i;
	int boot_cpu_used = 0;

	arch_unmap_boot_code();
	/* Before any cell runs or loads a payload: no cell's first CPU may
	   clear a region another cell loads into. */
	for (i = 0; i < cell_count; i++)
		cell_clear_ram(&cells[i], 1);
	ivshmem_clear();
	for (i = 0; i < cell_count; i++) {
		unsigned int first = cell_first_cpu(&cells[i]);

		if (first == arch_this_cpu())
			boot_cpu_used = 1;
		else
			arch_cpu_start(first, cells[i].config->entry,
				       cells[i].params_address);
	}
	if (boot_cpu_used) {
		struct cell *cell = cell_of_cpu(arch_this_cpu());

		arch_cpu_start(arch_this_cpu(), cell->config->entry,
			       cell->params_address);
	}
	arch_cpu_idle();
}

/*
 * Every CPU of the stopped or restarting @cell is off: its emulated
 * devices go back to their reset state and its interrupt lines are
 * quieted. Its links' other peers hear that it went down.
 */
static void reset_devices(struct cell *cell)
{
	devices_cell_reset(cell);
	arch_cell_reset(cell);
}

/* Stops the cell's CPUs other than @self and waits until each has left
   the cell (acknowledged the stop). */
static void stop_other_cpus(struct cell *cell, unsigned int self)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if (cpu != self && ((cell->cpu_set >> cpu) & 1))
			arch_cpu_stop(cpu);
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if (cpu != self && ((cell->cpu_set >> cpu) & 1))
			arch_cpu_wait_off(cpu);
}

/*
 * Moves @cell from RUNNING to @state under its lock. Only one CPU wins; a
 * CPU of the cell that finds it stopping or restarting already just goes
 * idle, which is what the winner waits for: two CPUs failing or resetting
 * at once cannot wait on each other.
 */
static int leave_running(struct cell *cell, enum cell_state state)
{
	int won;

	spin_lock(&cell->lock);
	won = cell->state == CELL_RUNNING;
	if (won)
		cell_set_state(cell, state);
	spin_unlock(&cell->lock);
	return won;
}

/* The caller took @cell out of RUNNING into a stopped state: @line, then
   the cell's CPUs leave it. */
static void stop_left(struct cell *cell, const char *line)
{
	hv_printf("%s", line);
	/* Every CPU of the cell but the caller, which leaves it after. */
	stop_other_cpus(cell, arch_this_cpu());
	reset_devices(cell);
	if (__atomic_sub_fetch(&cells_running, 1, __ATOMIC_ACQ_REL) == 0) {
		hv_printf("no cell is running: powering off");
		arch_machine_off();
	}
	console_input_stopped(cell);
}

int cell_stop(struct cell *cell, enum cell_state state, const char *line)
{
	console_cell_flush(cell);
	if (!leave_running(cell, state))
		return 0;
	stop_left(cell, line);
	return 1;
}

/*
 * CPU @cpu of @cell took it from RUNNING to RESETTING (its line printed):
 * every other CPU of it stops, its devices reset, and it runs again from
 * its payloads, its RAM cleared first (cell_entering()). SYSTEM_RESET and
 * the failure policy's restart.
 */
static void __attribute__((noreturn))
restart_left(struct cell *cell, unsigned int cpu)
{
	unsigned int first = cell_first_cpu(cell);

	stop_other_cpus(cell, cpu);
	reset_devices(cell);	/* the input focus stays with it */
	cell->load_pending = 1;
	spin_lock(&cell->lock);
	cell_set_state(cell, CELL_RUNNING);
	spin_unlock(&cell->lock);
	/* Every other CPU of the cell is OFF now; this one enters again
	   itself if it is the first, else it goes off. */
	if (first != cpu)
		arch_cpu_mark_off();
	arch_cpu_start(first, cell->config->entry, cell->params_address);
	arch_cpu_idle();
}

/* A CPU of @cell ends it: it leaves the cell too, stopped or not by it. */
static void __attribute__((noreturn))
stop_cell(struct cell *cell, enum cell_state state, const char *line)
{
	cell_stop(cell, state, line);
	arch_cpu_idle();
}

void cell_policy_reset(struct cell *cell)
{
	cell->policy_restarts_since_start = 0;
}

/*
 * The config's on-failure policy, for a failure of @cell (under its lock):
 * its next state, and the end of the failure's line in @outcome. Only a
 * cell with payloads to restart from restarts (hypercall.h: from_loaded).
 */
static enum cell_state failure_policy(struct cell *cell, char *outcome,
				      unsigned int size)
{
	unsigned int limit = cell->config->restart_limit;

	if (cell->config->on_failure != CB_FAILURE_POLICY_RESTART ||
	    (cell->adopted && !cell->payload_count)) {
		format_string(outcome, size, "parked");
		return CELL_FAILED;
	}
	if (cell->from_loaded) {
		format_string(outcome, size, "stopped (its payloads were "
			      "loaded by a manager; load and start it again)");
		return CELL_OFF;
	}
	if (cell->policy_restarts_since_start >= limit) {
		format_string(outcome, size, "parked (restart limit %u "
			      "reached)", limit);
		return CELL_FAILED;
	}
	cell->policy_restarts_since_start++;
	cell->policy_restarts++;
	format_string(outcome, size, "restarting (restart %u of %u)",
		      cell->policy_restarts_since_start, limit);
	return CELL_RESETTING;
}

void cell_fail_with(struct cell *cell, unsigned int cpu, uint32_t kind,
		    const char *what)
{
	char outcome[96], line[CELL_LINE];
	enum cell_state next;

	console_cell_flush(cell);
	/* One CPU decides; one that finds the cell stopping or restarting
	   already (another CPU failed, or it is being shut down) leaves. */
	spin_lock(&cell->lock);
	if (cell->state != CELL_RUNNING) {
		spin_unlock(&cell->lock);
		arch_cpu_idle();
	}
	cell->failures++;
	if (kind == CB_FAILURE_WATCHDOG)
		cell->watchdog_expiries++;
	cell->last_failure = kind;
	format_string(cell->last_failure_reason,
		      sizeof(cell->last_failure_reason), "%s", what);
	next = failure_policy(cell, outcome, sizeof(outcome));
	cell_set_state(cell, next);
	spin_unlock(&cell->lock);
	format_string(line, sizeof(line), "cell %s failed on CPU %u: %s; %s",
		      cell->name, cpu, what, outcome);
	if (next == CELL_RESETTING) {
		hv_printf("%s", line);
		restart_left(cell, cpu);
	}
	stop_left(cell, line);
	arch_cpu_idle();
}

void cell_fail(struct cell *cell, unsigned int cpu, const char *fmt, ...)
{
	char what[192];
	va_list ap;

	va_start(ap, fmt);
	format_vstring(what, sizeof(what), fmt, ap);
	va_end(ap);
	cell_fail_with(cell, cpu, CB_FAILURE_TRAP, what);
}

void cell_system_off(struct cell *cell, unsigned int cpu)
{
	char line[CELL_LINE];

	format_string(line, sizeof(line), "cell %s stopped (PSCI SYSTEM_OFF "
		      "on CPU %u)", cell->name, cpu);
	stop_cell(cell, CELL_OFF, line);
}

void cell_system_reset(struct cell *cell, unsigned int cpu)
{
	char line[CELL_LINE];

	/* The Linux the hypervisor was enabled from (linux_boot.c) has no
	   payloads unless it was enabled with some to restart from: its
	   kernel was never the hypervisor's. */
	if (cell->adopted && !cell->payload_count) {
		format_string(line, sizeof(line), "cell %s stopped (PSCI "
			      "SYSTEM_RESET on CPU %u: the Linux cellblock was "
			      "enabled from has nothing to restart from; the "
			      "other cells run on)", cell->name, cpu);
		stop_cell(cell, CELL_OFF, line);
	}
	/* No payloads to restart it from: they are a manager's to load. */
	if (cell->from_loaded) {
		format_string(line, sizeof(line), "cell %s stopped (PSCI "
			      "SYSTEM_RESET on CPU %u: its payloads were "
			      "loaded by a manager; load and start it again)",
			      cell->name, cpu);
		stop_cell(cell, CELL_OFF, line);
	}
	console_cell_flush(cell);
	if (!leave_running(cell, CELL_RESETTING))
		arch_cpu_idle();
	hv_printf("cell %s restarting (PSCI SYSTEM_RESET on CPU %u)",
		  cell->name, cpu);
	restart_left(cell, cpu);
}

/* Whether a CPU of @cell other than @self is on or about to be. */
static int other_cpu_on(const struct cell *cell, unsigned int self)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if (cpu != self && ((cell->cpu_set >> cpu) & 1) &&
		    arch_cpu_state(cpu) != CPU_OFF)
			return 1;
	return 0;
}

void cell_cpu_off(struct cell *cell, unsigned int cpu)
{
	char line[CELL_LINE];
	int last;

	/* Under the lock, which CPU_ON takes too: of two CPUs going off at
	   once, the second sees the first OFF and is the last. */
	spin_lock(&cell->lock);
	last = cell->state == CELL_RUNNING && !other_cpu_on(cell, cpu);
	if (!last)
		arch_cpu_mark_off();
	spin_unlock(&cell->lock);
	if (!last)
		arch_cpu_idle();
	format_string(line, sizeof(line), "cell %s stopped (PSCI CPU_OFF of "
		      "its last CPU, CPU %u)", cell->name, cpu);
	stop_cell(cell, CELL_OFF, line);
}

int cell_guest_executable(const struct cell *cell, uint64_t guest)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++)
		if ((r[i].flags & CB_REGION_EXECUTE) &&
		    !(r[i].flags & (CB_REGION_SUBPAGE | CB_REGION_COMM)) &&
		    guest >= r[i].guest_start &&
		    guest - r[i].guest_start < r[i].size)
			return 1;
	return 0;
}

int cell_claim_cpu(struct cell *cell, unsigned int cpu, uint64_t entry,
		   uint64_t context)
{
	int result = CELL_CLAIM_OK;

	/* The caller itself is on: arch_cpu_start() would restart it. */
	if (cpu == arch_this_cpu())
		return CELL_CLAIM_BUSY;
	spin_lock(&cell->lock);
	if (cell->state != CELL_RUNNING)
		result = CELL_CLAIM_STOPPING;
	else if (arch_cpu_start(cpu, entry, context))
		result = arch_cpu_state(cpu) == CPU_ON_PENDING ?
			 CELL_CLAIM_PENDING : CELL_CLAIM_BUSY;
	spin_unlock(&cell->lock);
	return result;
}
