/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * A test-and-set lock for the few places CPUs of one inmate share (the
 * console, read-modify-write of distributor registers). Waiters sleep in
 * WFE: the unlocking store clears their exclusive monitor, which is a
 * wake-up event (ARM ARM D1.6.1 "Wait for Event"). Needs the MMU on (normal
 * memory), which head.S does before any C runs.
 */
#ifndef INMATE_SPINLOCK_H
#define INMATE_SPINLOCK_H

#include <stdint.h>

struct spinlock {
	uint32_t locked;
};

static inline void spin_lock(struct spinlock *lock)
{
	uint32_t busy;

	__asm__ __volatile__("	sevl\n"
			     "1:	wfe\n"
			     "2:	ldaxr	%w0, %1\n"
			     "	cbnz	%w0, 1b\n"
			     "	stxr	%w0, %w2, %1\n"
			     "	cbnz	%w0, 2b\n"
			     : "=&r"(busy), "+Q"(lock->locked)
			     : "r"(1u)
			     : "memory");
}

static inline void spin_unlock(struct spinlock *lock)
{
	__asm__ __volatile__("stlr wzr, %0" : "=Q"(lock->locked) : : "memory");
}

#endif /* INMATE_SPINLOCK_H */
