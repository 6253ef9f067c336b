/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calls to EL2: the hvc instruction, whether this CPU has an EL2 that is
 * free for the hypervisor, and what the hypervisor's results mean.
 */
#ifndef CELLBLOCK_DRIVER_HVC_H
#define CELLBLOCK_DRIVER_HVC_H

#include <linux/types.h>

/*
 * hvc #0 with x0-x4; returns x0. Linux's hyp stub and the hypervisor
 * preserve x1-x30 (driver.h, hypercall.h); x1-x17 are clobbered here all
 * the same, as the SMC Calling Convention allows a callee to.
 * Call only where cb_el2_check() said yes: without EL2 hvc is undefined.
 */
static inline u64 cb_hvc4(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4)
{
	register u64 r0 asm("x0") = x0;
	register u64 r1 asm("x1") = x1;
	register u64 r2 asm("x2") = x2;
	register u64 r3 asm("x3") = x3;
	register u64 r4 asm("x4") = x4;

	asm volatile("hvc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4)
		     :
		     : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return r0;
}

/* The same with x0-x3 (x4 is 0). */
static inline u64 cb_hvc(u64 x0, u64 x1, u64 x2, u64 x3)
{
	return cb_hvc4(x0, x1, x2, x3, 0);
}

/**
 * cb_el2_implemented() - does this CPU have EL2 at all? Reads
 * ID_AA64PFR0_EL1.EL2 (bits 11:8; ARM ARM D19.2.64): 0 is "not
 * implemented", where hvc is an undefined instruction. Any context.
 */
bool cb_el2_implemented(void);

/**
 * cb_el2_check() - may this CPU hand EL2 to the hypervisor? No if Linux
 * itself runs at EL2 (VHE) or the CPU has no EL2. Says why and which boot
 * option helps. Returns 0 or -ENODEV.
 */
int cb_el2_check(void);

/* A negative CB_HC_E* as text ("EBUSY (...)"), and as an errno. */
const char *cb_hc_error_name(s64 error);
int cb_hc_errno(s64 error);

#endif /* CELLBLOCK_DRIVER_HVC_H */
