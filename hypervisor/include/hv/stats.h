/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Statistics of cells (struct cb_cell_stats, include/cellblock/
 * hypercall.h). Trap counts are kept per CPU, by the CPU itself, in its
 * own per-CPU data (the architecture's), with no lock on the trap paths;
 * a CPU belongs to one cell for good, so a cell's counts are the sums
 * over its CPUs. The architecture's <asm/stats.h> gives the trap paths
 * stats_count(kind), this CPU counting one trap of that kind.
 */
#ifndef HV_STATS_H
#define HV_STATS_H

#include <stdint.h>

enum stat_kind {
	STAT_HYPERCALL,
	STAT_PSCI,
	/* Emulated device accesses, by device (their sum is "mmio"). */
	STAT_MMIO_CONSOLE,
	STAT_MMIO_GICD,
	STAT_MMIO_GICR,
	STAT_MMIO_PCI,
	STAT_MMIO_IVSHMEM,
	STAT_MMIO_SUBPAGE,
	STAT_SGI,
	STAT_INJECTED,
	STAT_MAINTENANCE,
	STAT_KINDS
};

/**
 * arch_cpu_stats() - CPU @cpu's trap counts, STAT_KINDS of them, which
 * only that CPU writes (and only with its own stores: a reader may see a
 * count one behind).
 */
const uint64_t *arch_cpu_stats(unsigned int cpu);

/** arch_cpu_stats_clear() - CPU @cpu (off) changes cells: its counts
 * start again from 0, so neither cell's include the other's. */
void arch_cpu_stats_clear(unsigned int cpu);

#endif /* HV_STATS_H */
