/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What the start-up assembly and the library files share, not for inmates:
 * C functions called from head.S and vectors.S, and data head.S fills in.
 */
#ifndef INMATE_INTERNAL_H
#define INMATE_INTERNAL_H

#include <stdint.h>

#include <inmate/layout.h>

/* head.S: entry of CPUs started by PSCI CPU_ON, x0 = their slot. */
void secondary_entry(void);

/* head.S: the parameter string, copied out of the way of bss. */
extern char inmate_params[INMATE_PARAMS_MAX];
extern uint32_t inmate_params_truncated;

/* head.S calls these on a fresh stack, IRQs masked; they never return. */
__attribute__((noreturn)) void runtime_primary_start(uint64_t entry_el);
__attribute__((noreturn)) void runtime_secondary_start(uint64_t slot,
						       uint64_t entry_el);

/* vectors.S, IRQ from EL1. */
void irq_dispatch(void);

/* vectors.S: a synchronous exception at EL1, with the saved registers
   (ELR at word 21); returns only if the inmate's handler took it. */
void exception_sync(uint64_t *frame);

/* vectors.S: any other vector; @vector is its index in the table, 0-15. */
__attribute__((noreturn)) void exception_unexpected(uint64_t vector);

/*
 * console_emergency() - print without taking the console lock, for the
 * fatal paths: the CPU that failed may hold it.
 */
void console_emergency(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Parks this CPU for good: IRQs masked, WFI. */
__attribute__((noreturn)) void runtime_park(void);

#endif /* INMATE_INTERNAL_H */
