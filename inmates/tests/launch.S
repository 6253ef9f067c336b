/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * launch: a test stand-in for the hypervisor's way of starting an inmate,
 * on bare metal QEMU. Loaded (ELF, entry at 0x40180000) with QEMU's
 * generic loader next to an inmate image, it reads a launch block at
 * 0x401ff000 and enters the inmate with x0 = the block's argument, at EL2
 * or at EL1. At EL1 it answers every HVC with -1 (SMCCC "unknown
 * function") and powers off on any other trap, so the inmate's cell entry
 * path, parameter string and hypercall probing can be tested before the
 * hypervisor exists.
 *
 * Launch block, little-endian 64-bit words:
 *   0  LAUNCH_MAGIC, the bytes "LCHBLOCK"
 *   8  entry address
 *  16  x0 for the inmate (its parameter string, say)
 *  24  EL to enter at: 1 or 2
 */
#define LAUNCH_BLOCK 0x401ff000
#define LAUNCH_MAGIC 0x4b434f4c4248434c

#define HCR_EL2_RW (1 << 31)
#define ICC_SRE_EL2_SRE_ENABLE 0x9
#define CPTR_EL2_RES1 0x33ff
#define SPSR_EL1H_DAIF 0x3c5
#define ESR_EC_HVC64 0x16
#define PL011_DR 0x09000000
#define PSCI_SYSTEM_OFF 0x84000008

	.text
	.global	_start
_start:
	ldr	x1, =LAUNCH_BLOCK
	ldp	x2, x3, [x1]		/* magic, entry */
	ldp	x4, x5, [x1, #16]	/* x0, EL */
	ldr	x6, =LAUNCH_MAGIC
	cmp	x2, x6
	b.ne	no_block
	mov	x0, x4
	cmp	x5, #2
	b.eq	enter_el2

	/* What a hypervisor that traps next to nothing sets up. */
	adr	x9, el2_vectors
	msr	vbar_el2, x9
	mov	x9, #HCR_EL2_RW
	msr	hcr_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #ICC_SRE_EL2_SRE_ENABLE
	msr	icc_sre_el2, x9
	mov	x9, #CPTR_EL2_RES1
	msr	cptr_el2, x9
	mov	x9, #SPSR_EL1H_DAIF
	msr	spsr_el2, x9
	msr	elr_el2, x3
	isb
	eret

enter_el2:
	br	x3

no_block:
	adr	x1, msg_no_block
	b	fail

	/* Print the NUL-terminated string at x1 and power off. */
fail:
	ldr	x2, =PL011_DR
1:	ldrb	w3, [x1], #1
	cbz	w3, 2f
	str	w3, [x2]
	b	1b
2:	ldr	x0, =PSCI_SYSTEM_OFF
	smc	#0
3:	wfi
	b	3b

	.balign	0x800
el2_vectors:
	.rept	8			/* from EL2 itself: never expected */
	.balign	0x80
	adr	x1, msg_el2
	b	fail
	.endr
	.balign	0x80			/* lower EL, AArch64, synchronous */
	mrs	x9, esr_el2
	lsr	x9, x9, #26
	cmp	x9, #ESR_EC_HVC64
	b.ne	1f
	mov	x0, #-1			/* SMCCC: unknown function */
	eret
1:	adr	x1, msg_trap
	b	fail
	.rept	7
	.balign	0x80
	adr	x1, msg_trap
	b	fail
	.endr

	.section .rodata
msg_no_block:
	.asciz	"launch: no launch block at 0x401ff000\r\n"
msg_el2:
	.asciz	"launch: exception at EL2\r\n"
msg_trap:
	.asciz	"launch: unexpected trap from EL1\r\n"
