// SPDX-License-Identifier: GPL-2.0-only
/*
 * Creating a cell at run time (CB_HC_CELL_CREATE, include/cellblock/
 * hypercall.h): the Linux-managed boot's `cellblock cell create`. The new
 * cell's config comes from the manager's RAM and is checked by the one
 * validator, against the system and the cells there are, before anything
 * changes. It takes CPUs and interrupt lines the manager lends (its CPUs
 * must be off: Linux took them offline), and memory and devices of the
 * manager's lendable regions (mgmt_lend.c); any other memory the manager
 * has is refused (its Linux may be using it). Destroying such a cell gives
 * all of it back to the manager and frees its slot for the next create.
 *
 * Only after a Linux-managed boot: the validator and the cell builder are
 * boot code, which a type-1 boot unmaps once its cells run.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/devices.h>
#include <hv/lib.h>

#include <cellblock/hypercall.h>

#include "config_check.h"
#include "mgmt_internal.h"

#include <hv/control.h>

/* Room for the largest cell config the validator accepts: every array at
   its CB_MAX_* bound. */
#define CONFIG_STORE_SIZE ALIGN_UP(sizeof(struct cb_cell_config) +       \
				   CB_MAX_REGIONS *                        \
					   sizeof(struct cb_memory_region) + \
				   CB_MAX_INTERRUPTS * 4 +                 \
				   CB_MAX_CELLS * CB_NAME_SIZE, 8)

/* Each slot's copy of its config, from the page pool the first time the
   slot is used (a type-1 boot never needs them), kept for its next
   create. */
static uint8_t *config_store[HV_MAX_CELLS];

static uint8_t *slot_store(const struct cell *slot)
{
	uint8_t **store = &config_store[slot - cells];

	if (!*store)
		*store = (uint8_t *)(uintptr_t)arch_pool_alloc_pages(
			ALIGN_UP(CONFIG_STORE_SIZE, 0x1000) / 0x1000);
	return *store;
}

static void print_create_problem(struct config_report *report, const void *subject,
			  const char *where, const char *what)
{
	(void)report, (void)subject;
	hv_printf("cell create: %s: %s", where, what);
}

/* A destroyed slot of a created cell, or a new one. */
static struct cell *free_slot(void)
{
	unsigned int i;

	for (i = 1; i < cell_count; i++)
		if (cells[i].lender && cells[i].state == CELL_DESTROYED)
			return &cells[i];
	return cell_count < HV_MAX_CELLS ? &cells[cell_count] : NULL;
}

/* The validator's set check, with @config in @slot's place. */
static int set_valid(const struct cb_cell_config *config,
		     const struct cell *slot)
{
	const struct cb_cell_config *set[HV_MAX_CELLS];
	struct config_report report = { print_create_problem, 0 };
	unsigned int i, n = 0;

	for (i = 0; i < cell_count; i++)
		if (&cells[i] != slot && cells[i].config !=
					       cb_system_root_cell(system_config) &&
		    cells[i].state != CELL_DESTROYED)
			set[n++] = cells[i].config;
	set[n++] = config;
	config_check_set(system_config, set, n, &report);
	return !report.problem_count;
}

/* Its CPUs are the manager's and off; its memory and devices are none of
   the manager's but what it may lend (mgmt_lend.c). */
static int64_t resources_free(const struct cell *manager,
			      const struct cb_cell_config *config)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++) {
		if (!((config->cpu_set >> cpu) & 1))
			continue;
		if (!((manager->cpu_set >> cpu) & 1)) {
			hv_printf("cell create: %s: CPU %u is not cell %s's to "
				  "lend", config->name, cpu, manager->name);
			return CB_HC_EBUSY;
		}
		if (arch_cpu_state(cpu) != CPU_OFF) {
			hv_printf("cell create: %s: CPU %u still runs cell %s "
				  "(take it offline there first)", config->name,
				  cpu, manager->name);
			return CB_HC_EBUSY;
		}
	}
	return mgmt_lend_check(manager, config);
}

static int build(struct cell *cell, struct cell *manager,
		 const struct cb_cell_config *config)
{
	unsigned int cpu;

	memset(cell, 0, sizeof(*cell));
	cell->index = (unsigned int)(cell - cells);
	cell->config = config;
	cell->name = config->name;
	cell->cpu_set = config->cpu_set;
	cell->vmid = cell->index + 1;
	cell->lender = manager;
	if (arch_cell_create(cell) || devices_cell_create(cell))
		return -1;
	arch_cell_devices_ready(cell);
	arch_cell_lend(manager, cell);
	mgmt_lend_memory(cell);
	__atomic_and_fetch(&manager->cpu_set, ~config->cpu_set,
			   __ATOMIC_ACQ_REL);
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((config->cpu_set >> cpu) & 1) {
			arch_cpu_stats_clear(cpu);
			arch_cpu_bind(cpu, cell);
		}
	arch_cell_reset(cell);
	devices_cell_reset(cell);
	cell_clear_ram(cell, 0);
	cell_clear_ram(cell, 1);
	cell_set_state(cell, CELL_LOADABLE);
	return 0;
}

int64_t mgmt_create_cell(struct cell *caller, uint64_t guest, uint64_t size)
{
	struct config_report report = { print_create_problem, 0 };
	const struct cb_cell_config *config;
	struct cell *cell;
	uint8_t *store;
	uint64_t from;
	int64_t error;

	if (!(caller->config->flags & CB_CELL_MANAGE_ALL))
		return CB_HC_EPERM;
	if (size < sizeof(struct cb_config_header) || size > CONFIG_STORE_SIZE) {
		hv_printf("cell create refused: a config of %llu bytes (a cell "
			  "config has %u to %u)", (unsigned long long)size,
			  (unsigned int)sizeof(struct cb_config_header),
			  (unsigned int)CONFIG_STORE_SIZE);
		return CB_HC_EINVAL;
	}
	if (!control_buffer_phys(caller, guest, size, CB_REGION_READ, &from))
		return CB_HC_EINVAL;
	cell = free_slot();
	if (!cell) {
		hv_printf("cell create refused: all %u cell slots are used",
			  HV_MAX_CELLS);
		return CB_HC_EBUSY;
	}
	store = slot_store(cell);
	if (!store) {
		hv_printf("cell create refused: the page pool has no room for "
			  "its config");
		return CB_HC_EBUSY;
	}
	arch_copy_ram((uintptr_t)store, from, size);
	config = config_check_cell(system_config, store, size, &report);
	if (!config || report.problem_count || !set_valid(config, cell)) {
		hv_printf("cell create refused: the config's problems are above");
		return CB_HC_EINVAL;
	}
	error = resources_free(caller, config);
	if (error)
		return error;
	if (build(cell, caller, config)) {
		/* Invariant of this build: the pool holds every cell's tables
		   (its pages come back on destroy), so only its own
		   exhaustion stops a create; the slot stays free. */
		cell->state = CELL_DESTROYED;
		cell->lender = caller;
		hv_printf("cell create refused: %s: no room (see above)",
			  config->name);
		return CB_HC_EBUSY;
	}
	if (cell == &cells[cell_count])
		cell_count++;
	hv_printf("cell %s created (by cell %s), loadable", cell->name,
		  caller->name);
	return cell->index;
}

/* After mgmt_destroy(): a created cell's CPUs, lines and tables go back. */
void mgmt_return_resources(struct cell *cell)
{
	struct cell *lender = cell->lender;
	unsigned int cpu;

	if (!lender)
		return;
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1) {
			arch_cpu_stats_clear(cpu);
			arch_cpu_bind(cpu, lender);
		}
	__atomic_or_fetch(&lender->cpu_set, cell->cpu_set, __ATOMIC_ACQ_REL);
	mgmt_return_memory(cell);
	arch_cell_return(cell, lender);
	hv_printf("cell %s: its CPUs, interrupts and lent memory are cell "
		  "%s's again", cell->name, lender->name);
}
