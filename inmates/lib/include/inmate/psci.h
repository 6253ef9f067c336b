/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PSCI calls (ARM DEN 0022), always through SMC: bare metal QEMU
 * implements PSCI over SMC, and inside a cell the hypervisor traps SMC.
 */
#ifndef INMATE_PSCI_H
#define INMATE_PSCI_H

#include <stdint.h>

/* Function IDs, return codes and AFFINITY_INFO states: the specs'
   names, shared with the hypervisor. */
#include <hw/smccc.h>

/* The affinity fields of MPIDR_EL1 (Aff3, Aff2, Aff1, Aff0). */
#define MPIDR_AFFINITY_MASK 0xff00ffffffull

/** psci_version() - major in bits 31:16, minor in 15:0. */
int32_t psci_version(void);

/**
 * psci_cpu_on() - start the CPU with @mpidr at @entry (a physical address)
 * with x0 = @context. Use cpu_start() (runtime.h) rather than this.
 */
int32_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);

/** psci_cpu_off() - power this CPU down; returns only on failure. */
int32_t psci_cpu_off(void);

/** psci_affinity_info() - PSCI_AFFINITY_* of @mpidr (level 0), or error. */
int32_t psci_affinity_info(uint64_t mpidr);

/** psci_system_off() - end the run (QEMU exits with status 0); falls back
 * to parking this CPU in WFI if the call returns. */
__attribute__((noreturn)) void psci_system_off(void);

/** psci_system_reset() - as psci_system_off(), with a reset. */
__attribute__((noreturn)) void psci_system_reset(void);

/** psci_error_name() - "DENIED" and so on, for messages. */
const char *psci_error_name(int32_t code);

#endif /* INMATE_PSCI_H */
