// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * thumb_mmio: a 16-bit T32 load from the emulated UART, at AArch32 EL0.
 * The hypervisor emulates it and must step over 2 bytes (ESR_EL2.IL clear),
 * not 4: the next instruction, `svc #1`, then runs, and the exception it
 * takes at EL1 names immediate 1 (ESR_EL1 0x44000001: EC 0x11, SVC from
 * AArch32, 16-bit); stepping 4 bytes would run `svc #2` instead. The
 * inmate library reports that exception (lower EL, AArch32) and powers off.
 *
 * The runtime's identity map gives EL0 nothing, so EL1's MMU is switched
 * off first: EL0 then sees guest-physical addresses. IRQs stay masked.
 */
#include <inmate/console.h>
#include <inmate/runtime.h>

#define UARTFR 0x09000018ul
/* SPSR: AArch32 (M[4]), User mode (0x10), T32 (T, bit 5), A, I, F masked. */
#define SPSR_USR_THUMB (0x10ul | (1ul << 5) | (7ul << 6))

/* ldr r0, [r1]; svc #1; svc #2: T32 encodings, 16 bits each. */
__attribute__((aligned(4))) static const uint16_t thumb_code[] = {
	0x6808, 0xdf01, 0xdf02, 0xdf03,
};

int inmate_main(void)
{
	console_printf("thumb_mmio: ldr r0, [r1] at EL0 (T32), r1=0x%lx, "
		       "then svc #1\n", (unsigned long)UARTFR);
	/* Set after the call, which may clobber x1. */
	register uint64_t x1 __asm__("x1") = UARTFR;
	__asm__ volatile("mrs x9, sctlr_el1\n"
			 "bic x9, x9, #1\n"	/* M: stage 1 off */
			 "msr sctlr_el1, x9\n"
			 "isb\n"
			 "msr elr_el1, %0\n"
			 "msr spsr_el1, %1\n"
			 "isb\n"
			 "eret"
			 : : "r"((uint64_t)(uintptr_t)thumb_code),
			     "r"(SPSR_USR_THUMB), "r"(x1)
			 : "x9", "memory");
	return 1;	/* not reached */
}
