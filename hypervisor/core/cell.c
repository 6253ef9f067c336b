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
#include <hv/console.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/vpci.h>
#include <hv/vuart.h>

#include "format.h"

#include <stdarg.h>

struct cell cells[HV_MAX_CELLS];
unsigned int cell_count;
unsigned int cells_running;
const struct cb_system_config *system_config;

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
 * The cell's own RAM regions: not io or sub-page regions (devices), not the
 * comm page (none yet), and not kept regions (@kept 0), which keep what
 * the cell left in them over its restarts: those are cleared once at
 * boot, before any cell starts (cells_start()), never on a restart.
 */
static void clear_ram(const struct cell *cell, int kept)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++)
		if (!(r[i].flags & (CB_REGION_IO | CB_REGION_SUBPAGE |
				    CB_REGION_COMM)) &&
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
	clear_ram(cell, 0);
	for (i = 0; i < cell->payload_count; i++)
		arch_copy_to_ram(cell->payload[i].phys, cell->payload[i].data,
				 cell->payload[i].size);
}

void cells_start(void)
{
	unsigned int i;
	int boot_cpu_used = 0;

	arch_unmap_boot_code();
	/* Before any cell runs or loads a payload: no cell's first CPU may
	   clear a region another cell loads into. */
	for (i = 0; i < cell_count; i++)
		clear_ram(&cells[i], 1);
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
	vuart_reset(cell);
	vpci_reset(cell);
	ivshmem_cell_reset(cell);
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
		cell->state = state;
	spin_unlock(&cell->lock);
	return won;
}

int cell_stop(struct cell *cell, enum cell_state state, const char *line)
{
	unsigned int self = arch_this_cpu();

	console_cell_flush(cell);
	if (!leave_running(cell, state))
		return 0;
	if (state == CELL_FAILED)
		cell->failures++;
	hv_printf("%s", line);
	/* Every CPU of the cell but the caller, which leaves it after. */
	stop_other_cpus(cell, self);
	reset_devices(cell);
	if (__atomic_sub_fetch(&cells_running, 1, __ATOMIC_ACQ_REL) == 0) {
		hv_printf("no cell is running: powering off");
		arch_machine_off();
	}
	console_input_stopped(cell);
	return 1;
}

/* A CPU of @cell ends it: it leaves the cell too, stopped or not by it. */
static void __attribute__((noreturn))
stop_cell(struct cell *cell, enum cell_state state, const char *line)
{
	cell_stop(cell, state, line);
	arch_cpu_idle();
}

void cell_fail(struct cell *cell, unsigned int cpu, const char *fmt, ...)
{
	char what[192], line[CELL_LINE];
	va_list ap;

	va_start(ap, fmt);
	format_vstring(what, sizeof(what), fmt, ap);
	va_end(ap);
	format_string(line, sizeof(line), "cell %s failed on CPU %u: %s; "
		      "parked", cell->name, cpu, what);
	stop_cell(cell, CELL_FAILED, line);
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
	unsigned int first = cell_first_cpu(cell);

	console_cell_flush(cell);
	if (!leave_running(cell, CELL_RESETTING))
		arch_cpu_idle();
	hv_printf("cell %s restarting (PSCI SYSTEM_RESET on CPU %u)",
		  cell->name, cpu);
	stop_other_cpus(cell, cpu);
	reset_devices(cell);	/* the input focus stays with it */
	cell->load_pending = 1;
	spin_lock(&cell->lock);
	cell->state = CELL_RUNNING;
	spin_unlock(&cell->lock);
	/* Every other CPU of the cell is OFF now; this one enters again
	   itself if it is the first, else it goes off. */
	if (first != cpu)
		arch_cpu_mark_off();
	arch_cpu_start(first, cell->config->entry, cell->params_address);
	arch_cpu_idle();
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
