// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PSCI over SMC, SMC Calling Convention: function ID in w0, arguments in
 * x1-x3, result in x0; x4-x17 may be clobbered (SMCCC 1.0).
 */
#include <inmate/psci.h>
#include <inmate/sysreg.h>

#include "internal.h"

static int64_t psci_call(uint32_t function, uint64_t arg1, uint64_t arg2,
			 uint64_t arg3)
{
	register uint64_t x0 __asm__("x0") = function;
	register uint64_t x1 __asm__("x1") = arg1;
	register uint64_t x2 __asm__("x2") = arg2;
	register uint64_t x3 __asm__("x3") = arg3;

	__asm__ __volatile__("smc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10",
			       "x11", "x12", "x13", "x14", "x15", "x16", "x17",
			       "memory");
	return (int64_t)x0;
}

int32_t psci_version(void)
{
	return (int32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

int32_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return (int32_t)psci_call(PSCI_CPU_ON, mpidr, entry, context);
}

int32_t psci_cpu_off(void)
{
	return (int32_t)psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int32_t psci_affinity_info(uint64_t mpidr)
{
	return (int32_t)psci_call(PSCI_AFFINITY_INFO,
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
