/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Turns inside stop_machine: every online CPU runs the callback at once
 * with interrupts masked; these make them meet, then act one at a time in
 * ascending CPU number (the hypervisor sees its CPUs arrive in a known
 * order, and one failure stops the CPUs after it). Busy waits only: the
 * waiting CPUs can do nothing else anyway.
 */
#ifndef CELLBLOCK_DRIVER_TURNS_H
#define CELLBLOCK_DRIVER_TURNS_H

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <asm/processor.h>

/* @cpu's place among the CPUs of @mask, counted from 0 in CPU order. */
static inline unsigned int cb_turn_of(unsigned int cpu,
				      const struct cpumask *mask)
{
	unsigned int other, turn = 0;

	for_each_cpu(other, mask) {
		if (other == cpu)
			break;
		turn++;
	}
	return turn;
}

/* Returns once all @count CPUs have arrived; what each wrote before it
   arrived is visible to every CPU after. */
static inline void cb_turn_meet(atomic_t *arrived, unsigned int count)
{
	smp_mb__before_atomic();
	atomic_inc(arrived);
	while (atomic_read_acquire(arrived) < (int)count)
		cpu_relax();
}

static inline void cb_turn_wait(atomic_t *turn, unsigned int mine)
{
	while (atomic_read_acquire(turn) != (int)mine)
		cpu_relax();
}

/* The next CPU's turn; what this one wrote is visible to it. */
static inline void cb_turn_pass(atomic_t *turn, unsigned int mine)
{
	atomic_set_release(turn, mine + 1);
}

#endif /* CELLBLOCK_DRIVER_TURNS_H */
