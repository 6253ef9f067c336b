/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry: the arm64 Image header that makes the hypervisor bootable by QEMU
 * -kernel and u-boot booti (Linux Documentation/arch/arm64/booting.rst),
 * the boot CPU's entry and the secondary CPUs' entry for PSCI CPU_ON.
 * Both arrive at EL2 with the MMU off.
 */
#include "asm/layout.h"

	.section .text.head, "ax"
	.global _start
_start:
	b	boot_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	__hv_footprint		/* image_size: rewritten by the packer */
	.quad	0xa			/* LE, 4 KiB pages, anywhere in RAM */
	.quad	_start			/* res2: link address (image.h) */
	.quad	__entry_vectors_offset	/* res3: entry.S, for the module */
	.quad	0x43424c5800000002	/* res4: CB_ENTRY_TAG (driver.h) */
	.ascii	"ARM\x64"
	.long	0
	/* struct cb_hv_relocs (image.h): for `cellblock image`, which moves
	   the image's link address when the /hypervisor region does not
	   hold it at _start. */
	.ascii	"CBRL"
	.long	0
	.quad	__rela_offset
	.quad	__rela_size

boot_entry:
	msr	daifset, #0xf
	mov	x19, x0			/* DTB: unused, kept for messages */
	/*
	 * The hypervisor is linked to run at _start. A loader that put the
	 * image elsewhere (u-boot's booti keeps it where it was loaded if
	 * that is 2 MiB aligned) gets it moved there, all image_size bytes of
	 * it, as memmove would; then execution continues at the linked copy.
	 * This code and its literals sit in the image's first page, and the
	 * load address must be page-aligned (else: halt), so the two copies
	 * are at least a page apart. Moving up copies from the end and never
	 * reaches the source's first page. Moving down would overwrite it:
	 * the first page goes first, and the rest is copied from there.
	 */
	adr	x1, _start
	ldr	x2, =_start
	cmp	x1, x2
	b.eq	in_place
	tst	x1, #0xfff
	b.ne	halt
	ldr	x3, [x1, #16]		/* image_size: the whole image */
	cmp	x1, x2
	b.hi	move_down		/* loaded above: copy forward */
	add	x1, x1, x3		/* moving up: copy from the end */
	add	x4, x2, x3
1:	ldp	x5, x6, [x1, #-16]!
	stp	x5, x6, [x4, #-16]!
	cmp	x4, x2
	b.hi	1b
	b	moved
move_down:
	ldr	x7, =move_rest		/* in the copy, once it is there */
	add	x4, x2, #0x1000
1:	ldp	x5, x6, [x1], #16
	stp	x5, x6, [x2], #16
	cmp	x2, x4
	b.lo	1b
	ic	iallu
	dsb	ish
	isb
	br	x7
move_rest:
	ldr	x4, =_start
	add	x4, x4, x3
1:	ldp	x5, x6, [x1], #16
	stp	x5, x6, [x2], #16
	cmp	x2, x4
	b.lo	1b
moved:
	ic	iallu
	dsb	ish
	isb
	ldr	x1, =in_place
	br	x1
in_place:
	mov	x0, #0
	bl	set_stack
	/* Zero .bss: the packer zero-fills it in the file, but a loader may
	   have put other data there. */
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	mov	x0, x19
	bl	boot_main
	b	halt

/* PSCI CPU_ON target: x0 = this CPU's index (the context argument). */
	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	bl	set_stack
	mov	x0, x19
	bl	secondary_main
	b	halt

/* sp = top of CPU x0's stack, less the guest register frame. */
	.global	set_stack
set_stack:
	ldr	x1, =hv_stacks
	add	x0, x0, #1
	mov	x2, #HV_STACK_STRIDE
	madd	x1, x0, x2, x1
	sub	sp, x1, #FRAME_SIZE
	ret

halt:
	wfi
	b	halt

/* VBAR_EL1 when the hypervisor finds itself at EL1 (board.c): whatever
   happens next, the CPU stops. */
	.section .boot.text, "ax"
	.balign	0x800
	.global	halt_vectors
halt_vectors:
	.rept	16
	.balign	0x80
	b	halt
	.endr
