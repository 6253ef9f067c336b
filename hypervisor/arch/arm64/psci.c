// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI for cells (ARM DEN 0022D), over HVC and SMC alike, confined to the
 * calling cell: CPU_ON and AFFINITY_INFO reach only its own CPUs,
 * SYSTEM_OFF stops only it and SYSTEM_RESET restarts only it. The machine
 * itself is never switched off or reset on a cell's behalf.
 */
#include <asm/percpu.h>
#include <asm/psci.h>
#include <hv/arch.h>
#include <hv/cell.h>

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
		result = PSCI_NOT_SUPPORTED;
		break;
	case PSCI_FEATURES:
		result = features((uint32_t)x[1]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		result = 2;	/* no trusted OS to migrate */
		break;
	case PSCI_CPU_ON_32:
		x[1] &= 0xffffffff;
		x[2] &= 0xffffffff;
		/* fall through */
	case PSCI_CPU_ON_64:
		result = cpu_on(cell, x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		result = affinity_info(cell, x[1], x[2]);
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
