/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlock for short critical sections between the hypervisor's CPUs. The
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

	__asm__ volatile("	sevl\n"
			 "1:	wfe\n"
			 "	ldaxr	%w0, [%1]\n"
			 "	cbnz	%w0, 1b\n"
			 "	stxr	%w0, %w2, [%1]\n"
			 "	cbnz	%w0, 1b\n"
			 : "=&r"(tmp)
			 : "r"(&lock->locked), "r"(one)
			 : "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
	__asm__ volatile("stlr wzr, [%0]" : : "r"(&lock->locked) : "memory");
}

#endif /* HV_SPINLOCK_H */
