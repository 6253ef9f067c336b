/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlock for short critical sections between the hypervisor's CPUs. A
 * waiter sleeps in WFE: releasing the lock clears the waiter's exclusive
 * monitor, which wakes it (ARM ARM D1.6.1, "the Event register").
 */
#ifndef HV_SPINLOCK_H
#define HV_SPINLOCK_H

#include <stdint.h>

typedef struct {
	volatile uint32_t locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	uint32_t tmp, one = 1;

	/* Try first: a free lock is taken without waiting. Only a taken
	   one waits in WFE (which QEMU turns into a yield to the other
	   CPUs: waiting there on every acquisition made each console
	   character cost whole time slices under -icount). The exclusive
	   load arms the monitor, so the holder's release wakes the WFE. */
	__asm__ volatile("1:	ldaxr	%w0, [%1]\n"
			 "	cbnz	%w0, 2f\n"
			 "	stxr	%w0, %w2, [%1]\n"
			 "	cbnz	%w0, 1b\n"
			 "	b	3f\n"
			 "2:	wfe\n"
			 "	b	1b\n"
			 "3:\n"
			 : "=&r"(tmp)
			 : "r"(&lock->locked), "r"(one)
			 : "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
	__asm__ volatile("stlr wzr, [%0]" : : "r"(&lock->locked) : "memory");
}

#endif /* HV_SPINLOCK_H */
