/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Statistics of cells (struct cb_cell_stats, include/cellblock/
 * hypercall.h). Trap counts are kept per CPU, by the CPU itself, with no
 * lock and no shared cache line on the trap paths; a CPU belongs to one
 * cell for good, so a cell's counts are the sums over its CPUs.
 */
#ifndef HV_STATS_H
#define HV_STATS_H

#include <stdint.h>

#include <cellblock/limits.h>

enum stat_kind {
	STAT_HYPERCALL,
	STAT_PSCI,
	STAT_MMIO,
	STAT_SGI,
	STAT_INJECTED,
	STAT_MAINTENANCE,
	STAT_KINDS
};

/* One cache line (64 bytes) per CPU. */
struct cpu_stats {
	uint64_t count[8];
} __attribute__((aligned(64)));

_Static_assert(STAT_KINDS <= 8, "a CPU's counts fit its line");

extern struct cpu_stats cpu_stats[CB_LIMIT_CPUS];

/** stats_count() - CPU @cpu (the caller) counts one trap of @kind. */
static inline void stats_count(unsigned int cpu, enum stat_kind kind)
{
	cpu_stats[cpu].count[kind]++;
}

#endif /* HV_STATS_H */
