/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SMCCC service table (smccc.c): every HVC #0 and SMC #0 of a cell,
 * whatever its function ID, is answered here, and the calls the
 * hypervisor makes to firmware.
 */
#ifndef ASM_SMCCC_H
#define ASM_SMCCC_H

#include <hw/smccc.h>
#include <stdint.h>

struct cell;
struct trap_frame;

enum smccc_conduit {
	SMCCC_CONDUIT_HVC,
	SMCCC_CONDUIT_SMC,
};

/**
 * smccc_handle() - answer the SMCCC call in @frame (function ID in w0)
 * that @cell's CPU made through @conduit: results in x0-x3, x4-x30
 * untouched (SMCCC 1.1). A function no service implements answers
 * NOT_SUPPORTED (-1) in x0. Calls that end or restart the CPU's run
 * (PSCI CPU_OFF, SYSTEM_OFF, SYSTEM_RESET) do not return.
 */
void smccc_handle(struct cell *cell, struct trap_frame *frame,
		  enum smccc_conduit conduit);

/** smccc_firmware_call() - SMC #0 to firmware: @fn with x1-x3; its x0. */
int64_t smccc_firmware_call(uint32_t fn, uint64_t a1, uint64_t a2,
			    uint64_t a3);

/** smccc_probe_firmware() - boot: which SMCCC 1.1 workaround services the
 * firmware offers, so that cells are told and their calls forwarded. */
void smccc_probe_firmware(void);

/** smccc_cpu_reset() - this CPU starts a cell afresh: the per-CPU state a
 * cell may have changed in firmware (the ARCH_WORKAROUND_2 mitigation)
 * goes back to what firmware had at boot. */
void smccc_cpu_reset(void);

#endif /* ASM_SMCCC_H */
