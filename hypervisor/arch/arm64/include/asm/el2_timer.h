/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EL2 physical timer (CNTHP, PPI 26), shared by the hypervisor's users
 * of it on each CPU (el2_timer.c): each has a slot holding its deadline;
 * the timer is set to the earliest, and its interrupt runs the handler of
 * every slot that is due. No cell ever sees or programs this timer.
 */
#ifndef ASM_EL2_TIMER_H
#define ASM_EL2_TIMER_H

#include <stdint.h>

enum el2_timer_slot {
	/* The boot's wait for the other CPUs (cpu.c): no handler, the
	   waiter reads the counter itself. */
	EL2_TIMER_BOOT,
	/* A level SPI waiting for its line to be resampled (irq.c). */
	EL2_TIMER_RESAMPLE,
	/* The cell's watchdog deadline (core/watchdog.c). */
	EL2_TIMER_WATCHDOG,
	EL2_TIMER_SLOTS,
};

/* A slot's deadline when it is not armed. */
#define EL2_TIMER_NEVER UINT64_MAX

struct el2_timer {
	uint64_t deadline[EL2_TIMER_SLOTS];	/* counter values, or NEVER */
	uint64_t set;	/* what CNTHP_CVAL_EL2 holds; NEVER: masked */
};

/** el2_timer_init_cpu() - this CPU: timer masked, every slot disarmed,
 * its interrupt enabled at the redistributor. */
void el2_timer_init_cpu(void);

/**
 * el2_timer_arm() - @slot of this CPU's timer is due once the counter
 * reaches @deadline (absolute; a past one is due at once), replacing what
 * it held. Cheap: a store, a compare, and the timer's registers when
 * @deadline is the earliest.
 */
void el2_timer_arm(enum el2_timer_slot slot, uint64_t deadline);

/** el2_timer_disarm() - @slot of this CPU's timer is not due any more. */
void el2_timer_disarm(enum el2_timer_slot slot);

/**
 * el2_timer_take() - the timer's interrupt (acknowledged, its priority
 * dropped): disarm every due slot, set the timer to the earliest slot
 * left, deactivate the interrupt, then run the due slots' handlers, in
 * slot order. A handler may not return (the watchdog's may end the cell's
 * run on this CPU): nothing is left to do after them.
 */
void el2_timer_take(void);

#endif /* ASM_EL2_TIMER_H */
