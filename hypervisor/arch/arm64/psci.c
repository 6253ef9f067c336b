// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI for cells (ARM DEN 0022D), over HVC and SMC alike, confined to the
 * calling cell: CPU_ON and AFFINITY_INFO reach only its own CPUs,
 * SYSTEM_OFF stops only it and SYSTEM_RESET restarts only it. The machine
 * itself is never switched off or reset on a cell's behalf.
 */
#include <asm/percpu.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>

#define PSCI_VERSION_1_1 0x00010001
#define SMCCC_VERSION_1_1 0x00010001
#define MPIDR_AFFINITY 0xff00ffffffull

int64_t psci_firmware_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
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
 * SMCCC_ARCH_WORKAROUND_1 (ARM DEN 0028, 7.5; CVE-2017-5715): the CPUs
 * whose branch predictor a cell's OS must be able to invalidate through
 * firmware, by MIDR part number (Arm's Cortex-A57, A72, A73, A75). The call
 * is offered to cells only if the firmware implements it; the hypervisor
 * then forwards it. (The hypervisor does not invalidate the predictor on
 * its own entries: no cell's memory is mapped at EL2, see mmu.c.)
 */
static int firmware_workaround_1;

static int cpu_needs_workaround_1(void)
{
	uint64_t midr = read_sysreg(midr_el1);
	unsigned int part = (unsigned int)(midr >> 4) & 0xfff;

	return (midr >> 24 & 0xff) == 0x41 &&
	       (part == 0xd07 || part == 0xd08 || part == 0xd09 || part == 0xd0a);
}

void __boot psci_probe_firmware(void)
{
	/* SMCCC_VERSION only once PSCI says it exists: firmware without
	   SMCCC 1.1 may not answer function IDs outside PSCI's. */
	firmware_workaround_1 =
		psci_firmware_call(PSCI_FEATURES, SMCCC_VERSION, 0, 0) == 0 &&
		psci_firmware_call(SMCCC_VERSION, 0, 0, 0) >= SMCCC_VERSION_1_1 &&
		psci_firmware_call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1,
				   0, 0) == 0;
}

/* SMCCC_ARCH_FEATURES (DEN 0028, 7.2): 0 for what is implemented. */
static int64_t arch_features(uint32_t fn)
{
	switch (fn) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return PSCI_SUCCESS;
	case SMCCC_ARCH_WORKAROUND_1:
		return firmware_workaround_1 && cpu_needs_workaround_1() ?
		       PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
	}
	return PSCI_NOT_SUPPORTED;
}

/* The CPU with affinity @mpidr (affinity bits only), or -1. */
static int cpu_of_mpidr(uint64_t mpidr)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if (percpu[cpu].mpidr == (mpidr & MPIDR_AFFINITY))
			return (int)cpu;
	return -1;
}

/* The CPU with affinity @mpidr, or -1; also -1 for an MPIDR with bits set
   outside the affinity fields, which names no CPU (PSCI 5.1.4). */
static int cpu_of_target(uint64_t mpidr)
{
	return mpidr & ~MPIDR_AFFINITY ? -1 : cpu_of_mpidr(mpidr);
}

static int64_t cpu_on(struct cell *cell, uint64_t mpidr, uint64_t entry,
		      uint64_t context)
{
	int cpu = cpu_of_target(mpidr);

	if (cpu < 0)
		return PSCI_INVALID_PARAMETERS;
	if (!((cell->cpu_set >> cpu) & 1))
		return PSCI_DENIED;	/* another cell's CPU */
	if ((entry & 3) || !cell_guest_executable(cell, entry))
		return PSCI_INVALID_ADDRESS;	/* it would fault there */
	switch (cell_claim_cpu(cell, (unsigned int)cpu, entry, context)) {
	case CELL_CLAIM_OK:
		return PSCI_SUCCESS;
	case CELL_CLAIM_BUSY:
		return PSCI_ALREADY_ON;
	case CELL_CLAIM_PENDING:
		return PSCI_ON_PENDING;
	default:
		return PSCI_DENIED;	/* the cell is going down */
	}
}

/*
 * CPU_SUSPEND (PSCI 5.4), mandatory since PSCI 1.0. A CPU of a cell saves
 * no power on its own behalf (it is the cell's, and stays on), so every
 * state, standby or power down, is entered and left at once, as if an
 * interrupt had woken it: SUCCESS, and execution goes on after the call,
 * which PSCI allows for both (a power-down request may return when a
 * wake-up event is pending). A power_state with bits set outside the
 * original format's fields (StateID [15:0], StateType [16], PowerLevel
 * [25:24]) is INVALID_PARAMETERS.
 */
#define POWER_STATE_FIELDS 0x0301ffffull

static int64_t cpu_suspend(uint64_t power_state)
{
	return power_state & ~POWER_STATE_FIELDS ? PSCI_INVALID_PARAMETERS
						 : PSCI_SUCCESS;
}

static int64_t affinity_info(struct cell *cell, uint64_t mpidr, uint64_t level)
{
	int cpu = cpu_of_target(mpidr);

	if (level != 0 || cpu < 0 || !((cell->cpu_set >> cpu) & 1))
		return PSCI_INVALID_PARAMETERS;
	switch (arch_cpu_state((unsigned int)cpu)) {
	case CPU_OFF:
		return PSCI_AFFINITY_OFF;
	case CPU_ON_PENDING:
		return PSCI_AFFINITY_ON_PENDING;
	default:
		return PSCI_AFFINITY_ON;	/* on, or being stopped */
	}
}

static int64_t features(uint32_t fn)
{
	switch (fn) {
	case PSCI_CPU_SUSPEND_32: case PSCI_CPU_SUSPEND_64:
		/* Flags: original power_state format, platform-coordinated
		   mode only (PSCI 5.15.2). */
		return 0;
	case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64: case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64: case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
	case PSCI_MIGRATE_INFO_TYPE: case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return PSCI_SUCCESS;
	}
	return PSCI_NOT_SUPPORTED;
}

int psci_handle(struct cell *cell, struct trap_frame *frame)
{
	uint64_t *x = frame->x;
	unsigned int self = this_percpu()->cpu;
	int64_t result;

	switch ((uint32_t)x[0]) {
	case PSCI_VERSION:
		result = PSCI_VERSION_1_1;
		break;
	case SMCCC_VERSION:
		result = SMCCC_VERSION_1_1;
		break;
	case SMCCC_ARCH_FEATURES:
		result = arch_features((uint32_t)x[1]);
		break;
	case SMCCC_ARCH_WORKAROUND_1:
		if (arch_features(SMCCC_ARCH_WORKAROUND_1) != PSCI_SUCCESS)
			return 0;	/* NOT_SUPPORTED, as any unknown call */
		psci_firmware_call(SMCCC_ARCH_WORKAROUND_1, 0, 0, 0);
		return 1;	/* no return value (x0 kept) */
	case PSCI_FEATURES:
		result = features((uint32_t)x[1]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		result = 2;	/* no trusted OS to migrate */
		break;
	/* SMC32/HVC32 calls: the arguments are the low 32 bits of their
	   registers, whatever the upper halves hold (SMCCC 2.6). */
	case PSCI_CPU_ON_32:
		result = cpu_on(cell, (uint32_t)x[1], (uint32_t)x[2],
				(uint32_t)x[3]);
		break;
	case PSCI_CPU_ON_64:
		result = cpu_on(cell, x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO_32:
		result = affinity_info(cell, (uint32_t)x[1], (uint32_t)x[2]);
		break;
	case PSCI_AFFINITY_INFO_64:
		result = affinity_info(cell, x[1], x[2]);
		break;
	case PSCI_CPU_SUSPEND_32:
		result = cpu_suspend((uint32_t)x[1]);
		break;
	case PSCI_CPU_SUSPEND_64:
		result = cpu_suspend(x[1]);
		break;
	case PSCI_CPU_OFF:
		cell_cpu_off(cell, self);
	case PSCI_SYSTEM_OFF:
		cell_system_off(cell, self);
	case PSCI_SYSTEM_RESET:
		cell_system_reset(cell, self);
	default:
		return 0;
	}
	x[0] = (uint64_t)result;
	return 1;
}
