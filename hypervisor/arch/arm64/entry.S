/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Linux-managed boot's way in (include/cellblock/driver.h): a vector
 * table the module installs with the hyp stub's HVC_SET_VECTORS. It answers
 * the stub's own calls as Linux's stub does, so that it can stay at EL2
 * when the hypervisor is not running (a failed entry, or after disable),
 * and CB_HVC_ENTER lifts the calling Linux into the root cell.
 *
 * The module enters the CPUs one at a time (driver.h), so one save area
 * and one entry stack serve them all.
 */
#include "asm/layout.h"

#define HVC_SET_VECTORS 0
#define HVC_SOFT_RESTART 1
#define HVC_RESET_VECTORS 2
#define HVC_STUB_ERR 0xbadca11
#define HVC_ENTER 0x63620001
#define R_AARCH64_RELATIVE 1027

	.text
	.balign	0x800
	.global	entry_vectors
entry_vectors:
	.rept	8		/* current EL: the stub never faults */
	.balign	0x80
	b	.
	.endr
	.balign	0x80
	b	entry_sync	/* lower EL, AArch64, synchronous: the hvc */
	.rept	7		/* interrupts stay at EL1 while we are a stub */
	.balign	0x80
	eret
	.endr

entry_sync:
	cmp	x0, #HVC_SET_VECTORS
	b.ne	1f
	msr	vbar_el2, x1
	mov	x0, #0
	eret
1:	cmp	x0, #HVC_SOFT_RESTART	/* x1 = entry, x2-x4 = its x0-x2 */
	b.ne	2f
	mov	x0, x2
	mov	x2, x4
	mov	x4, x1
	mov	x1, x3
	br	x4
2:	cmp	x0, #HVC_RESET_VECTORS	/* these are the default vectors */
	b.ne	3f
	mov	x0, #0
	eret
3:	movz	x9, #(HVC_ENTER & 0xffff)
	movk	x9, #(HVC_ENTER >> 16), lsl #16
	cmp	x0, x9
	b.eq	linux_enter
	movz	x0, #(HVC_STUB_ERR & 0xffff)
	movk	x0, #(HVC_STUB_ERR >> 16), lsl #16
	eret

/*
 * x1 = the system config's physical address, x2 = its size, x3 = how many
 * CPUs will enter, x4 = the root cell's restart payloads (0: none); MMU
 * off. Linux's registers go to linux_saved (a trap
 * frame), then the image is relocated to where it runs (once: afterwards
 * its header's link address is this address), and C decides.
 */
linux_enter:
	adrp	x0, linux_saved		/* x0: the call's number, not kept */
	add	x0, x0, :lo12:linux_saved
	stp	xzr, x1, [x0, #FRAME_X(0)]
	stp	x2, x3, [x0, #FRAME_X(2)]
	stp	x4, x5, [x0, #FRAME_X(4)]
	stp	x6, x7, [x0, #FRAME_X(6)]
	stp	x8, x9, [x0, #FRAME_X(8)]
	stp	x10, x11, [x0, #FRAME_X(10)]
	stp	x12, x13, [x0, #FRAME_X(12)]
	stp	x14, x15, [x0, #FRAME_X(14)]
	stp	x16, x17, [x0, #FRAME_X(16)]
	stp	x18, x19, [x0, #FRAME_X(18)]
	stp	x20, x21, [x0, #FRAME_X(20)]
	stp	x22, x23, [x0, #FRAME_X(22)]
	stp	x24, x25, [x0, #FRAME_X(24)]
	stp	x26, x27, [x0, #FRAME_X(26)]
	stp	x28, x29, [x0, #FRAME_X(28)]
	stp	x30, xzr, [x0, #FRAME_X(30)]
	mov	x9, x0
	mrs	x10, elr_el2
	mrs	x11, spsr_el2
	stp	x10, x11, [x9, #FRAME_ELR]

	/* Relocate: delta = where _start is - where the header says. */
	adrp	x10, _start
	add	x10, x10, :lo12:_start
	ldr	x11, [x10, #32]		/* struct cb_arm64_header.link_address */
	subs	x12, x10, x11
	b.eq	2f
	adrp	x13, __rela_start
	add	x13, x13, :lo12:__rela_start
	adrp	x14, __rela_end
	add	x14, x14, :lo12:__rela_end
1:	cmp	x13, x14
	b.hs	2f
	ldp	x15, x16, [x13], #24	/* r_offset, r_info */
	ldr	x17, [x13, #-8]		/* r_addend */
	cmp	x16, #R_AARCH64_RELATIVE
	b.ne	1b			/* the link makes no other kind */
	add	x17, x17, x12
	str	x17, [x15, x12]
	b	1b
2:	ic	iallu
	dsb	ish
	isb

	adrp	x9, linux_entry_stack_top
	add	x9, x9, :lo12:linux_entry_stack_top
	mov	sp, x9
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	bl	linux_enter_main	/* CPU index, or a negative error */
	tbnz	x0, #63, linux_refused
	/* This CPU's frame: its stack's top, as for any cell. */
	mov	x19, x0
	bl	set_stack
	mov	x0, x19
	mov	x1, sp
	bl	linux_adopt_cpu		/* builds the frame, does not return */
	b	.

linux_refused:
	adrp	x1, linux_saved
	add	x1, x1, :lo12:linux_saved
	str	x0, [x1, #FRAME_X(0)]
	mov	x0, x1
	adrp	x1, entry_vectors
	add	x1, x1, :lo12:entry_vectors
	msr	vbar_el2, x1
	mrs	x1, sctlr_el2
	b	linux_return

/*
 * linux_return(frame, sctlr): back to Linux at EL1 with @frame's registers,
 * SCTLR_EL2 = @sctlr (the MMU off, as the stub has it) written last, after
 * the frame is read, so no read of it depends on the MMU's state; x1 is
 * not preserved (driver.h).
 */
	.global	linux_return
linux_return:
	mov	x30, x0
	ldp	x2, x3, [x30, #FRAME_ELR]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x2, x3, [x30, #FRAME_X(2)]
	ldp	x4, x5, [x30, #FRAME_X(4)]
	ldp	x6, x7, [x30, #FRAME_X(6)]
	ldp	x8, x9, [x30, #FRAME_X(8)]
	ldp	x10, x11, [x30, #FRAME_X(10)]
	ldp	x12, x13, [x30, #FRAME_X(12)]
	ldp	x14, x15, [x30, #FRAME_X(14)]
	ldp	x16, x17, [x30, #FRAME_X(16)]
	ldp	x18, x19, [x30, #FRAME_X(18)]
	ldp	x20, x21, [x30, #FRAME_X(20)]
	ldp	x22, x23, [x30, #FRAME_X(22)]
	ldp	x24, x25, [x30, #FRAME_X(24)]
	ldp	x26, x27, [x30, #FRAME_X(26)]
	ldr	x28, [x30, #FRAME_X(28)]
	ldr	x29, [x30, #FRAME_X(29)]
	ldr	x0, [x30, #FRAME_X(0)]
	ldr	x30, [x30, #FRAME_X(30)]
	dsb	sy
	msr	sctlr_el2, x1
	isb
	mov	x1, #0
	eret

	.data
	.balign	16
	.global	linux_saved
linux_saved:
	.skip	FRAME_SIZE

	.section .noinit, "aw", %nobits
	.balign	16
	.skip	0x2000
linux_entry_stack_top:
