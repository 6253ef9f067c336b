// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI 1.1 for cells (ARM DEN 0022D/E), over HVC and SMC alike (the SMCCC
 * service table hands PSCI's range here), confined to the calling cell:
 * CPU_ON and AFFINITY_INFO name only its own CPUs, SYSTEM_OFF stops only
 * it, SYSTEM_RESET and SYSTEM_RESET2's warm reset restart only it. The
 * machine itself is never switched off or reset on a cell's behalf.
 *
 * Implemented, and listed by PSCI_FEATURES: PSCI_VERSION, CPU_SUSPEND,
 * CPU_OFF, CPU_ON, AFFINITY_INFO, MIGRATE_INFO_TYPE, SYSTEM_OFF,
 * SYSTEM_RESET, PSCI_FEATURES, SYSTEM_RESET2 (and SMCCC_VERSION). The
 * optional rest (MIGRATE, MIGRATE_INFO_UP_CPU, CPU_FREEZE,
 * CPU_DEFAULT_SUSPEND, NODE_HW_STATE, SYSTEM_SUSPEND, SET_SUSPEND_MODE,
 * the STAT calls, MEM_PROTECT and its range check) is NOT_SUPPORTED.
 *
 * SMC32/HVC32 calls take the low 32 bits of their argument registers,
 * whatever the upper halves hold (SMCCC 2.6); their results are W0,
 * sign-extended.
 */
#include <asm/percpu.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>

#define MPIDR_AFFINITY 0xff00ffffffull

/* The CPU with affinity @mpidr (affinity bits only), or -1. */
static int cpu_of_mpidr(uint64_t mpidr)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if (percpu[cpu].mpidr == (mpidr & MPIDR_AFFINITY))
			return (int)cpu;
	return -1;
}

/*
 * @cell's own CPU with affinity @mpidr, or -1: for an MPIDR with bits
 * set outside the affinity fields, which names no CPU (PSCI 5.1.4), one
 * no CPU has, or another cell's CPU, which does not exist for the cell.
 */
static int own_cpu(const struct cell *cell, uint64_t mpidr)
{
	int cpu = mpidr & ~MPIDR_AFFINITY ? -1 : cpu_of_mpidr(mpidr);

	return cpu >= 0 && ((cell->cpu_set >> cpu) & 1) ? cpu : -1;
}

/* CPU_ON: its return codes (PSCI 1.1) are SUCCESS, INVALID_PARAMETERS,
   INVALID_ADDRESS, ALREADY_ON, ON_PENDING and INTERNAL_FAILURE. */
static int32_t cpu_on(struct cell *cell, uint64_t mpidr, uint64_t entry,
		      uint64_t context)
{
	int cpu = own_cpu(cell, mpidr);

	if (cpu < 0)
		return PSCI_INVALID_PARAMETERS;
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
		return PSCI_INTERNAL_FAILURE;	/* the cell is going down */
	}
}

/*
 * Whether the CPU's virtual interface holds an interrupt for the cell
 * (in a list register, or queued for one): a wake-up event for a WFI at
 * EL1, which a WFI at EL2 does not see.
 */
static int virtual_interrupt_waiting(const struct percpu *pc)
{
	unsigned int lrs = (unsigned int)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2);

	return (~empty & ((1ull << lrs) - 1)) || pc->virq_count ||
	       pc->sgi_pending;
}

/*
 * CPU_SUSPEND (PSCI 5.4), original power_state format: StateID [15:0],
 * StateType [16], PowerLevel [25:24]; any other bit set is
 * INVALID_PARAMETERS. The CPU is the cell's and stays on, so every state
 * is a standby: the CPU waits as a WFI would, until an interrupt of the
 * cell (a physical one of its CPU, or a virtual one already waiting)
 * could be taken, then the call returns SUCCESS. A power-down request is
 * treated as this standby, which PSCI allows (CPU_SUSPEND: an implementation
 * may enter a shallower state than asked, a power-down request then
 * behaving as a standby one: the caller's context is kept and the call
 * returns). The wake-up interrupt itself is taken
 * after the return, as on hardware, when the cell unmasks it.
 */
#define POWER_STATE_FIELDS (PSCI_POWER_STATE_ID | \
			    PSCI_POWER_STATE_TYPE_POWERDOWN | \
			    PSCI_POWER_STATE_LEVEL)

static int32_t cpu_suspend(uint64_t power_state)
{
	if (power_state & ~(uint64_t)POWER_STATE_FIELDS)
		return PSCI_INVALID_PARAMETERS;
	if (!virtual_interrupt_waiting(this_percpu())) {
		dsb(sy);
		wfi();	/* trap handlers run with IRQs masked: not taken */
	}
	return PSCI_SUCCESS;
}

/* AFFINITY_INFO (PSCI 5.7): level 0 only (PSCI 1.0 made the higher
   levels optional); INVALID_PARAMETERS for the others. */
static int32_t affinity_info(struct cell *cell, uint64_t mpidr, uint64_t level)
{
	int cpu = own_cpu(cell, mpidr);

	if (level != 0 || cpu < 0)
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

/*
 * SYSTEM_RESET2 (PSCI 1.1): the architectural warm reset (type 0) is a
 * SYSTEM_RESET of the cell, whose cookie it does not need; no other
 * architectural type is defined and the hypervisor has no vendor-specific
 * ones (bit 31): INVALID_PARAMETERS.
 */
static int32_t system_reset2(struct cell *cell, unsigned int self,
			     uint32_t reset_type)
{
	if (reset_type != PSCI_RESET2_WARM_RESET)
		return PSCI_INVALID_PARAMETERS;
	cell_system_reset(cell, self);
}

/* PSCI_FEATURES (PSCI 5.15): 0 for every function implemented here and
   for SMCCC_VERSION; NOT_SUPPORTED for the rest, and for any ID that is
   not a PSCI function. CPU_SUSPEND's flags: bit 1 clear, the
   original power_state format; bit 0 clear, platform-coordinated mode
   only (so PSCI_SET_SUSPEND_MODE is not needed). */
static int32_t features(uint32_t fn)
{
	switch (fn) {
	case PSCI_CPU_SUSPEND_32: case PSCI_CPU_SUSPEND_64:
		return 0;
	case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64: case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64: case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
	case PSCI_SYSTEM_RESET2_32: case PSCI_SYSTEM_RESET2_64:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	}
	return PSCI_NOT_SUPPORTED;
}

int psci_handle(struct cell *cell, struct trap_frame *frame, uint32_t fn)
{
	uint64_t *x = frame->x;
	unsigned int self = this_percpu()->cpu;
	int32_t result;

	switch (fn) {
	case PSCI_VERSION:
		result = PSCI_VERSION_1_1;
		break;
	case PSCI_FEATURES:
		result = features((uint32_t)x[1]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		result = PSCI_TOS_NOT_PRESENT_MP;	/* no trusted OS */
		break;
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
	case PSCI_SYSTEM_RESET2_32:
	case PSCI_SYSTEM_RESET2_64:	/* reset_type is 32 bits in both */
		result = system_reset2(cell, self, (uint32_t)x[1]);
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
	x[0] = (uint64_t)(int64_t)result;
	return 1;
}
