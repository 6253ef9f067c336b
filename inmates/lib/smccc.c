// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SMCCC calls (see smccc.h); x4-x17 may be clobbered by the callee
 * (SMCCC 1.0 register use).
 */
#include <inmate/smccc.h>

int64_t smccc_call(enum smccc_conduit conduit, uint32_t function,
		   uint64_t arg1, uint64_t arg2, uint64_t arg3)
{
	register uint64_t x0 __asm__("x0") = function;
	register uint64_t x1 __asm__("x1") = arg1;
	register uint64_t x2 __asm__("x2") = arg2;
	register uint64_t x3 __asm__("x3") = arg3;

	if (conduit == SMCCC_HVC)
		__asm__ __volatile__("hvc #0"
				     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     :
				     : "x4", "x5", "x6", "x7", "x8", "x9",
				       "x10", "x11", "x12", "x13", "x14", "x15",
				       "x16", "x17", "memory");
	else
		__asm__ __volatile__("smc #0"
				     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     :
				     : "x4", "x5", "x6", "x7", "x8", "x9",
				       "x10", "x11", "x12", "x13", "x14", "x15",
				       "x16", "x17", "memory");
	return (int64_t)x0;
}
