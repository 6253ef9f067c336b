/* SPDX-License-Identifier: GPL-2.0-only */
/* stats_count() for the trap paths (hv/stats.h): one store, this CPU's. */
#ifndef ASM_STATS_H
#define ASM_STATS_H

#include <asm/percpu.h>

/* This CPU counts one trap of @kind. */
static inline void stats_count(enum stat_kind kind)
{
	this_percpu()->stats[kind]++;
}

#endif /* ASM_STATS_H */
