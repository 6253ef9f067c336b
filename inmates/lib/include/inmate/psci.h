/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PSCI calls (ARM DEN 0022), always through SMC: bare metal QEMU
 * implements PSCI over SMC, and inside a cell the hypervisor traps SMC.
 */
#ifndef INMATE_PSCI_H
#define INMATE_PSCI_H

#include <stdint.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

/* Return codes (PSCI spec 5.2.2). */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)

/* AFFINITY_INFO states. */
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_AFFINITY_ON_PENDING 2

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
