/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * EL1 exception vectors. The runtime runs at EL1h, so only the "current
 * EL with SP_ELx" row is expected: IRQs go to irq_dispatch(), synchronous
 * exceptions to exception_sync(), which reports and powers off unless the
 * inmate handles that exception (exception_set_handler()). Every
 * other entry reports its index and powers off too.
 */

/* Caller-saved registers, x29/x30, ELR and SPSR: 22 words, 16-aligned. */
#define FRAME_SIZE (24 * 8)

	.macro	save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0 * 8]
	stp	x2, x3, [sp, #2 * 8]
	stp	x4, x5, [sp, #4 * 8]
	stp	x6, x7, [sp, #6 * 8]
	stp	x8, x9, [sp, #8 * 8]
	stp	x10, x11, [sp, #10 * 8]
	stp	x12, x13, [sp, #12 * 8]
	stp	x14, x15, [sp, #14 * 8]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x29, [sp, #18 * 8]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #20 * 8]
	str	x1, [sp, #22 * 8]
	.endm

	.macro	restore_frame
	ldr	x1, [sp, #22 * 8]
	ldp	x30, x0, [sp, #20 * 8]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #0 * 8]
	ldp	x2, x3, [sp, #2 * 8]
	ldp	x4, x5, [sp, #4 * 8]
	ldp	x6, x7, [sp, #6 * 8]
	ldp	x8, x9, [sp, #8 * 8]
	ldp	x10, x11, [sp, #10 * 8]
	ldp	x12, x13, [sp, #12 * 8]
	ldp	x14, x15, [sp, #14 * 8]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x29, [sp, #18 * 8]
	add	sp, sp, #FRAME_SIZE
	.endm

	/* One 128-byte slot of the table. */
	.macro	vector, target
	.balign	0x80
	b	\target
	.endm

	.macro	unexpected, index
	.balign	0x80
	mov	x0, #\index
	b	vector_unexpected
	.endm

	.text
	/* VBAR_EL1 needs 2 KiB alignment (ARM ARM D1.10.2). */
	.balign	0x800
	.global	vectors
vectors:
	/* Current EL with SP_EL0: never used. */
	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3
	/* Current EL with SP_EL1: the runtime. */
	vector	vector_sync
	vector	vector_irq
	unexpected 6
	unexpected 7
	/* Lower EL: there is no EL0 code. */
	unexpected 8
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12
	unexpected 13
	unexpected 14
	unexpected 15

vector_irq:
	save_frame
	bl	irq_dispatch
	restore_frame
	eret

/* exception_sync() returns only for an exception the inmate handles, with
   the saved ELR moved past the instruction. */
vector_sync:
	save_frame
	mov	x0, sp
	bl	exception_sync
	restore_frame
	eret

vector_unexpected:
	bl	exception_unexpected
	b	runtime_park
