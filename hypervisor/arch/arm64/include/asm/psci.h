/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PSCI (ARM DEN 0022): function IDs, return codes, the firmware call the
 * hypervisor makes over SMC, and the emulation cells get.
 */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include <stdint.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND_32 0x84000001u
#define PSCI_CPU_SUSPEND_64 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_32 0x84000003u
#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_AFFINITY_INFO_32 0x84000004u
#define PSCI_AFFINITY_INFO_64 0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u	/* branch predictor (CVE-2017-5715) */

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INVALID_ADDRESS (-9)

/* AFFINITY_INFO answers (PSCI 5.7) */
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_AFFINITY_ON_PENDING 2

struct cell;
struct trap_frame;

/** psci_probe_firmware() - boot: which SMCCC services firmware offers
 * that cells may be given (SMCCC_ARCH_WORKAROUND_1). */
void psci_probe_firmware(void);

/** psci_firmware_call() - SMC to firmware: function @fn with x1-x3. */
int64_t psci_firmware_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

/**
 * psci_handle() - a cell's PSCI or SMCCC call in @frame (function in w0).
 * Returns 1 when handled (result in x0), 0 for an unknown function.
 */
int psci_handle(struct cell *cell, struct trap_frame *frame);

#endif /* ASM_PSCI_H */
