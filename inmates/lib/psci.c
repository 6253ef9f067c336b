// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PSCI over SMC (the SMC Calling Convention, smccc.c).
 */
#include <inmate/psci.h>
#include <inmate/sysreg.h>

#include "internal.h"

#include <inmate/smccc.h>

/* PSCI always over SMC: firmware bare metal, trapped in a cell. */
#define psci_call(fn, a1, a2, a3) smccc_call(SMCCC_SMC, fn, a1, a2, a3)

int32_t psci_version(void)
{
	return (int32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

int32_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return (int32_t)psci_call(PSCI_CPU_ON_64, mpidr, entry, context);
}

int32_t psci_cpu_off(void)
{
	return (int32_t)psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int32_t psci_affinity_info(uint64_t mpidr)
{
	return (int32_t)psci_call(PSCI_AFFINITY_INFO_64,
				  mpidr & MPIDR_AFFINITY_MASK, 0, 0);
}

void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	runtime_park();
}

void psci_system_reset(void)
{
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	runtime_park();
}

const char *psci_error_name(int32_t code)
{
	static const char *const names[] = {
		"SUCCESS",	 "NOT_SUPPORTED", "INVALID_PARAMETERS",
		"DENIED",	 "ALREADY_ON",	  "ON_PENDING",
		"INTERNAL_FAILURE",
	};

	if (code <= 0 && code > -(int32_t)(sizeof(names) / sizeof(names[0])))
		return names[-code];
	return "unknown error";
}
