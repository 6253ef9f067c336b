// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMCCC as one service table (ARM DEN 0028, SMCCC 1.1): every HVC #0 and
 * SMC #0 of a cell is decoded here, by owning entity, and answered.
 *
 *   owner 0, Arm architecture: SMCCC_VERSION, SMCCC_ARCH_FEATURES and the
 *     firmware workarounds, which are offered only when the firmware has
 *     them and are then forwarded to it;
 *   owner 4, standard service: PSCI (psci.c); nothing else of it (TRNG
 *     and the rest) is implemented;
 *   owner 6, vendor hypervisor service, over HVC only: the general
 *     queries (call count, UID, revision), then cellblock's hypercalls
 *     (core/hypercall.c). An SMC is addressed to secure firmware, which
 *     has no hypervisor service: over SMC this range is unknown.
 *
 * Anything else, yielding calls and IDs with reserved bits set included,
 * answers NOT_SUPPORTED (-1) in x0 (SMCCC 7.1: a caller probing for an
 * optional service goes on). Results are in x0-x3; x4-x30 are never
 * touched, and unused result registers keep the caller's values, which
 * SMCCC 1.1 allows (preserved, or a constant).
 */
#include <asm/percpu.h>
#include <asm/psci.h>
#include <asm/smccc.h>
#include <asm/sysreg.h>
#include <hv/hypercall.h>
#include <asm/stats.h>
#include <hv/lib.h>

#include <cellblock/hypercall.h>

int64_t smccc_firmware_call(uint32_t fn, uint64_t a1, uint64_t a2,
			    uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

/*
 * What firmware answered at boot to SMCCC_ARCH_FEATURES for the three
 * workarounds (NOT_SUPPORTED without SMCCC 1.1). Firmware knows the CPU;
 * the answers are passed on to cells as they are (Linux reads 0 as
 * "mitigated through this call", NOT_REQUIRED (-2) and, for WORKAROUND_2
 * and _3, 1 as "not affected", anything else as "vulnerable"), and a
 * call is forwarded only where firmware said 0. The boot CPU's answers
 * stand for all: the CPUs of one board are alike.
 */
static int32_t firmware_wa1 = SMCCC_RET_NOT_SUPPORTED;
static int32_t firmware_wa2 = SMCCC_RET_NOT_SUPPORTED;
static int32_t firmware_wa3 = SMCCC_RET_NOT_SUPPORTED;

static int32_t firmware_feature(uint32_t fn)
{
	return (int32_t)smccc_firmware_call(SMCCC_ARCH_FEATURES, fn, 0, 0);
}

void __boot smccc_probe_firmware(void)
{
	/* SMCCC_VERSION only once PSCI says it exists: firmware without
	   SMCCC 1.1 may not answer function IDs outside PSCI's at all
	   (QEMU's makes such an SMC undefined). */
	if ((int32_t)smccc_firmware_call(PSCI_FEATURES, SMCCC_VERSION, 0,
					 0) != PSCI_SUCCESS ||
	    (int32_t)smccc_firmware_call(SMCCC_VERSION, 0, 0, 0) <
		    SMCCC_VERSION_1_1)
		return;
	firmware_wa1 = firmware_feature(SMCCC_ARCH_WORKAROUND_1);
	firmware_wa2 = firmware_feature(SMCCC_ARCH_WORKAROUND_2);
	firmware_wa3 = firmware_feature(SMCCC_ARCH_WORKAROUND_3);
}

/*
 * SMCCC_ARCH_WORKAROUND_1 (branch-predictor invalidation, CVE-2017-5715)
 * is offered only on the CPUs whose OS must be able to invalidate the
 * predictor through firmware, by MIDR part number (Arm's Cortex-A57,
 * A72, A73, A75), when firmware implements it. (The hypervisor does not
 * invalidate the predictor on its own entries: no cell's memory is
 * mapped at EL2, see mmu.c.)
 */
static int cpu_needs_workaround_1(void)
{
	uint64_t midr = read_sysreg(midr_el1);
	unsigned int part = (unsigned int)(midr >> 4) & 0xfff;

	return (midr >> 24 & 0xff) == 0x41 &&
	       (part == 0xd07 || part == 0xd08 || part == 0xd09 || part == 0xd0a);
}

/* SMCCC_ARCH_FEATURES (SMCCC 7.2) for @fn, an Arm architecture call. */
static int32_t arch_features(uint32_t fn)
{
	switch (fn) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return SMCCC_RET_SUCCESS;
	case SMCCC_ARCH_WORKAROUND_1:
		return firmware_wa1 == SMCCC_RET_SUCCESS &&
		       cpu_needs_workaround_1() ? SMCCC_RET_SUCCESS
						: SMCCC_RET_NOT_SUPPORTED;
	case SMCCC_ARCH_WORKAROUND_2:
		return firmware_wa2;
	case SMCCC_ARCH_WORKAROUND_3:
		return firmware_wa3;
	}
	return SMCCC_RET_NOT_SUPPORTED;	/* SOC_ID and the rest */
}

/*
 * A workaround call goes to firmware, which acts on this CPU (a CPU is
 * one cell's, so a cell changes only its own CPUs' mitigation state).
 * They return nothing: the caller's registers are kept.
 * WORKAROUND_2 takes one argument, w1 (enable the mitigation or not).
 */
static int arch_service(struct trap_frame *frame, uint32_t fn)
{
	uint64_t *x = frame->x;

	switch (fn) {
	case SMCCC_VERSION:
		x[0] = SMCCC_VERSION_1_1;
		return 1;
	case SMCCC_ARCH_FEATURES:
		x[0] = (uint64_t)(int64_t)arch_features((uint32_t)x[1]);
		return 1;
	case SMCCC_ARCH_WORKAROUND_1:
	case SMCCC_ARCH_WORKAROUND_3:
		if (arch_features(fn) != SMCCC_RET_SUCCESS)
			return 0;
		smccc_firmware_call(fn, 0, 0, 0);
		return 1;
	case SMCCC_ARCH_WORKAROUND_2:
		if (arch_features(fn) != SMCCC_RET_SUCCESS)
			return 0;
		smccc_firmware_call(fn, (uint32_t)x[1], 0, 0);
		return 1;
	}
	return 0;
}

void smccc_cpu_reset(void)
{
	/* Firmware starts with the dynamic mitigation on; a previous run
	   of the cell may have switched it off for this CPU. */
	if (firmware_wa2 == SMCCC_RET_SUCCESS)
		smccc_firmware_call(SMCCC_ARCH_WORKAROUND_2, 1, 0, 0);
}

static int standard_service(struct cell *cell, struct trap_frame *frame,
			    uint32_t fn)
{
	if ((fn & ~SMCCC_64) >= PSCI_FN_FIRST &&
	    (fn & ~SMCCC_64) <= PSCI_FN_LAST)
		return psci_handle(cell, frame, fn);
	return 0;	/* TRNG and the other standard services */
}

/* The general service queries, then the hypercall table. Results
   of these SMC32 calls are 32-bit: zero-extended. */
static int vendor_hyp_service(struct cell *cell, struct trap_frame *frame,
			      uint32_t fn)
{
	uint64_t *x = frame->x;
	int64_t result;

	switch (fn) {
	case VENDOR_HYP_CALL_COUNT:
		x[0] = CB_HC_CALL_COUNT;
		return 1;
	case VENDOR_HYP_CALL_UID:
		x[0] = CB_HC_UID_0;
		x[1] = CB_HC_UID_1;
		x[2] = CB_HC_UID_2;
		x[3] = CB_HC_UID_3;
		return 1;
	case VENDOR_HYP_REVISION:
		x[0] = CB_HC_REVISION_MAJOR;
		x[1] = CB_HC_REVISION_MINOR;
		return 1;
	}
	if ((fn & ~0xffffu) != CB_HC_BASE ||
	    !hypercall_handle(cell, SMCCC_NUMBER(fn), &x[1], &result))
		return 0;
	x[0] = (uint64_t)result;
	return 1;
}

void smccc_handle(struct cell *cell, struct trap_frame *frame,
		  enum smccc_conduit conduit)
{
	uint32_t fn = (uint32_t)frame->x[0];
	int handled = 0;

	if (fn & SMCCC_FAST_CALL) {
		switch (SMCCC_OWNER(fn)) {
		case SMCCC_OWNER_ARCH:
			handled = arch_service(frame, fn);
			break;
		case SMCCC_OWNER_STANDARD:
			handled = standard_service(cell, frame, fn);
			break;
		case SMCCC_OWNER_VENDOR_HYP:
			handled = conduit == SMCCC_CONDUIT_HVC &&
				  vendor_hyp_service(cell, frame, fn);
			break;
		}
	}
	if (!handled)
		frame->x[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
	stats_count((fn & ~0xffffu) == CB_HC_BASE ? STAT_HYPERCALL :
						       STAT_PSCI);
}
