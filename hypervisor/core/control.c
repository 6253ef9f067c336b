// SPDX-License-Identifier: GPL-2.0-only
/*
 * The read-only cell calls (CB_HC_CELL_SELF to CB_HC_CELL_STATS,
 * include/cellblock/hypercall.h), in every build. A cell may ask about
 * itself; about another only with "read-cells" in its config. Answers
 * that do not fit in registers are written into a buffer of the caller,
 * which must lie in one of its writable RAM regions: the hypervisor
 * writes nothing a cell did not give it to write.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/lib.h>
#include <hv/stats.h>

#include <cellblock/hypercall.h>

int control_buffer_phys(const struct cell *cell, uint64_t guest,
			uint64_t size, uint32_t flags, uint64_t *phys)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++) {
		if ((r[i].flags & (CB_REGION_IO | CB_REGION_SUBPAGE |
				   CB_REGION_COMM)) ||
		    (r[i].flags & flags) != flags)
			continue;
		if (guest >= r[i].guest_start &&
		    guest - r[i].guest_start <= r[i].size &&
		    size <= r[i].size - (guest - r[i].guest_start)) {
			*phys = r[i].phys_start + (guest - r[i].guest_start);
			return 1;
		}
	}
	return 0;
}

static int64_t write_buffer(const struct cell *caller, uint64_t guest,
			    uint64_t size, const void *data, uint64_t length)
{
	uint64_t phys;

	if (size < length ||
	    !control_buffer_phys(caller, guest, length,
				 CB_REGION_READ | CB_REGION_WRITE, &phys))
		return CB_HC_EINVAL;
	arch_copy_to_ram(phys, data, length);
	return 0;
}

struct cell *control_cell(uint64_t id, int64_t *error)
{
	if (id >= cell_count) {
		*error = CB_HC_ENOENT;
		return NULL;
	}
	return &cells[id];
}

static struct cell *readable_cell(const struct cell *caller, uint64_t id,
				  int64_t *error)
{
	struct cell *cell = control_cell(id, error);

	if (cell && cell != caller &&
	    !(caller->config->flags & CB_CELL_READ_CELLS)) {
		*error = CB_HC_EPERM;
		return NULL;
	}
	return cell;
}

int64_t control_self(struct cell *caller)
{
	return caller->index;
}

int64_t control_count(void)
{
	return cell_count;
}

int64_t control_info(struct cell *caller, uint64_t id, uint64_t guest,
		     uint64_t size)
{
	int64_t error = 0;
	const struct cell *cell = readable_cell(caller, id, &error);
	struct cb_cell_info info;

	if (!cell)
		return error;
	memset(&info, 0, sizeof(info));
	info.id = cell->index;
	info.state = cell_abi_state(cell->state);
	info.cpu_set = cell->cpu_set;
	strncpy(info.name, cell->name, sizeof(info.name) - 1);
	return write_buffer(caller, guest, size, &info, sizeof(info));
}

int64_t control_stats(struct cell *caller, uint64_t id, uint64_t guest,
		      uint64_t size)
{
	int64_t error = 0;
	struct cell *cell = readable_cell(caller, id, &error);
	struct cb_cell_stats stats;
	uint64_t sum[STAT_KINDS] = { 0 };
	unsigned int cpu, kind;

	if (!cell)
		return error;
	if (size < CB_CELL_STATS_SIZE_1_1)
		return CB_HC_EINVAL;
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1)
			for (kind = 0; kind < STAT_KINDS; kind++)
				sum[kind] += __atomic_load_n(
					&arch_cpu_stats(cpu)[kind],
					__ATOMIC_RELAXED);
	memset(&stats, 0, sizeof(stats));
	stats.starts = cell->starts;
	stats.failures = cell->failures;
	if (cell->state == CELL_RUNNING)
		stats.uptime = arch_counter() - cell->started_at;
	stats.hypercalls = sum[STAT_HYPERCALL];
	stats.psci = sum[STAT_PSCI];
	stats.mmio_console = sum[STAT_MMIO_CONSOLE];
	stats.mmio_gicd = sum[STAT_MMIO_GICD];
	stats.mmio_gicr = sum[STAT_MMIO_GICR];
	stats.mmio_pci = sum[STAT_MMIO_PCI];
	stats.mmio_ivshmem = sum[STAT_MMIO_IVSHMEM];
	stats.mmio_subpage = sum[STAT_MMIO_SUBPAGE];
	stats.mmio = stats.mmio_console + stats.mmio_gicd + stats.mmio_gicr +
		     stats.mmio_pci + stats.mmio_ivshmem + stats.mmio_subpage;
	stats.sgis = sum[STAT_SGI];
	stats.injected = sum[STAT_INJECTED];
	stats.maintenance = sum[STAT_MAINTENANCE];
	stats.watchdog_expiries = cell->watchdog_expiries;
	stats.policy_restarts = cell->policy_restarts;
	stats.last_failure = cell->last_failure;
	stats.watchdog_us = cell->config->watchdog_us;
	/* A failure's reason is written by the failing CPU under the
	   cell's lock; copied under it, it is never half a reason. */
	spin_lock(&cell->lock);
	memcpy(stats.last_failure_reason, cell->last_failure_reason,
	       sizeof(stats.last_failure_reason));
	spin_unlock(&cell->lock);
	/* A caller of revision 1.1 gets the 1.1 structure (hypercall.h). */
	return write_buffer(caller, guest, size, &stats,
			    size < sizeof(stats) ? size : sizeof(stats));
}
