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

/*
 * Ticket lock: waiters are served in the order they arrived, so a CPU
 * waits at most for the holders ahead of it, one critical section each,
 * however busy another CPU keeps the lock (a plain spinlock lets one CPU
 * take it again and again). For the console, whose critical section is a
 * whole line on the UART.
 */
typedef struct {
	uint32_t next;			/* the ticket the next comer draws */
	volatile uint32_t serving;	/* the ticket that may enter */
} ticketlock_t;

static inline void ticket_lock(ticketlock_t *lock)
{
	uint32_t ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	uint32_t serving;

	/* As spin_lock(): check first, WFE only while another holds it; the
	   exclusive load arms the monitor the release's store clears. */
	for (;;) {
		__asm__ volatile("ldaxr %w0, [%1]"
				 : "=r"(serving) : "r"(&lock->serving)
				 : "memory");
		if (serving == ticket)
			return;
		__asm__ volatile("wfe" ::: "memory");
	}
}

static inline void ticket_unlock(ticketlock_t *lock)
{
	__atomic_store_n(&lock->serving, lock->serving + 1, __ATOMIC_RELEASE);
}

#endif /* HV_SPINLOCK_H */
