/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The inmate runtime: what start-up provides to C. The first CPU enters at
 * EL2 (bare metal: it drops to EL1 itself) or EL1 (in a cell), turns on an
 * identity map (RAM normal cacheable, the rest device memory), clears bss
 * and calls inmate_main() on its own stack, with IRQs masked. More CPUs are
 * started with cpu_start().
 */
#ifndef INMATE_RUNTIME_H
#define INMATE_RUNTIME_H

#include <stdint.h>

/**
 * inmate_main() - the program, provided by each inmate. When it returns,
 * a non-zero value is reported on the console, then PSCI SYSTEM_OFF.
 */
int inmate_main(void);

/** cpu_index() - 0 on the first CPU, then 1, 2... in cpu_start() order. */
unsigned int cpu_index(void);

/** cpu_mpidr() - MPIDR_EL1 of the calling CPU. */
uint64_t cpu_mpidr(void);

/** cpu_mpidr_of() - MPIDR_EL1 of the CPU with index @index. */
uint64_t cpu_mpidr_of(unsigned int index);

/** runtime_entry_el() - the EL this CPU was entered at: 2 bare metal,
 * 1 inside a cell. Code always runs at EL1. */
unsigned int runtime_entry_el(void);

/**
 * cpu_start() - start the CPU with @mpidr through PSCI CPU_ON; it gets the
 * next cpu_index(), a stack, the same EL handling and identity map as the
 * first CPU, and calls @fn(@arg) with IRQs masked. When @fn returns, that
 * CPU powers off (PSCI CPU_OFF). Call from one CPU at a time; at most
 * INMATE_MAX_CPUS - 1 calls succeed per boot. Returns PSCI_SUCCESS or the
 * PSCI error (PSCI_INTERNAL_FAILURE when no CPU slot is left).
 */
int32_t cpu_start(uint64_t mpidr, void (*fn)(void *arg), void *arg);

/**
 * runtime_panic() - report a fatal error of this inmate and power off.
 */
__attribute__((noreturn, format(printf, 1, 2))) void
runtime_panic(const char *fmt, ...);

/*
 * exception_handler_t - called for a synchronous exception at EL1 with its
 * ESR_EL1 and ELR_EL1; returns non-zero to resume after the instruction
 * (a 4-byte one), 0 for the fatal report and power-off.
 */
typedef int (*exception_handler_t)(uint64_t esr, uint64_t elr);

/** exception_set_handler() - @handler sees every synchronous exception
 * from now on (NULL: none); for test inmates that provoke them. */
void exception_set_handler(exception_handler_t handler);

#endif /* INMATE_RUNTIME_H */
