/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors (ARM ARM D1.10.2). A cell's exceptions arrive with
 * sp at the top of this CPU's stack minus FRAME_SIZE (the frame area): the
 * cell's registers are saved there, C handles the trap, and the frame,
 * perhaps changed, goes back to the cell. Exceptions taken at EL2 itself are
 * hypervisor bugs, but for aborts on probe.S's accesses: hv_fault() reports
 * and stops the machine.
 */
#include "asm/layout.h"

.macro save_x0_x17
	stp	x0, x1, [sp, #FRAME_X(0)]
	stp	x2, x3, [sp, #FRAME_X(2)]
	stp	x4, x5, [sp, #FRAME_X(4)]
	stp	x6, x7, [sp, #FRAME_X(6)]
	stp	x8, x9, [sp, #FRAME_X(8)]
	stp	x10, x11, [sp, #FRAME_X(10)]
	stp	x12, x13, [sp, #FRAME_X(12)]
	stp	x14, x15, [sp, #FRAME_X(14)]
	stp	x16, x17, [sp, #FRAME_X(16)]
.endm

/* ELR and SPSR last, then x0 = the frame for the C handler. */
.macro save_elr_spsr
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x0, x1, [sp, #FRAME_ELR]
	mov	x0, sp
.endm

.macro restore_x0_x17
	ldp	x0, x1, [sp, #FRAME_X(0)]
	ldp	x2, x3, [sp, #FRAME_X(2)]
	ldp	x4, x5, [sp, #FRAME_X(4)]
	ldp	x6, x7, [sp, #FRAME_X(6)]
	ldp	x8, x9, [sp, #FRAME_X(8)]
	ldp	x10, x11, [sp, #FRAME_X(10)]
	ldp	x12, x13, [sp, #FRAME_X(12)]
	ldp	x14, x15, [sp, #FRAME_X(14)]
	ldp	x16, x17, [sp, #FRAME_X(16)]
.endm

/* ELR and SPSR first, through x0 and x1, which are loaded after. */
.macro restore_elr_spsr
	ldp	x0, x1, [sp, #FRAME_ELR]
	msr	elr_el2, x0
	msr	spsr_el2, x1
.endm

/* x0-x18, x29, x30, ELR and SPSR: what C code may change. */
.macro save_caller_saved
	save_x0_x17
	str	x18, [sp, #FRAME_X(18)]
	str	x29, [sp, #FRAME_X(29)]
	str	x30, [sp, #FRAME_X(30)]
	save_elr_spsr
.endm

.macro restore_caller_saved
	restore_elr_spsr
	restore_x0_x17
	ldr	x18, [sp, #FRAME_X(18)]
	ldr	x29, [sp, #FRAME_X(29)]
	ldr	x30, [sp, #FRAME_X(30)]
.endm

/* Every register, in pairs, and 0 in the zero register's slot:
   synchronous traps read and write any of them (percpu.h). */
.macro save_frame
	save_x0_x17
	stp	x18, x19, [sp, #FRAME_X(18)]
	stp	x20, x21, [sp, #FRAME_X(20)]
	stp	x22, x23, [sp, #FRAME_X(22)]
	stp	x24, x25, [sp, #FRAME_X(24)]
	stp	x26, x27, [sp, #FRAME_X(26)]
	stp	x28, x29, [sp, #FRAME_X(28)]
	stp	x30, xzr, [sp, #FRAME_X(30)]
	save_elr_spsr
.endm

.macro ventry label
	.balign 0x80
	b	\label
.endm

	.text
	.balign 0x800
	.global hv_vectors
hv_vectors:
	ventry	el2_sync		/* current EL, SP_EL0 */
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_sync		/* current EL, SP_ELx */
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_fault
/* Lower EL, AArch64. The synchronous exception, which trapped MMIO makes
   most often, runs in its own slot: no branch to it. */
	.balign 0x80
lower_sync:
	save_frame
	bl	trap_sync
	b	guest_return
	.if	. - lower_sync > 0x80
	.error	"lower_sync overflows its vector slot"
	.endif
	ventry	lower_irq
	ventry	lower_fiq
	ventry	lower_serror
	ventry	el2_fault		/* lower EL, AArch32: never enabled */
	ventry	el2_fault
	ventry	el2_fault
	ventry	el2_fault

/* The interrupt path, the one latency figures measure, saves and restores
   only what the C code may clobber: the callee-saved x19-x28 survive it. */
lower_irq:
	save_caller_saved
	bl	trap_irq
	restore_caller_saved
	eret

/* trap_fiq() and trap_serror() park the cell; they do not return. */
lower_fiq:
	save_frame
	bl	trap_fiq
	b	guest_return

lower_serror:
	save_frame
	bl	trap_serror
	b	guest_return

/*
 * A synchronous exception at EL2: an abort on one of probe.S's accesses
 * returns -1 from the accessor (ELR to probe_aborted, a leaf's ret to its
 * caller); anything else is a hypervisor fault. x9-x12 are free: the
 * accessors are calls, so they hold nothing the caller keeps, and a fault
 * does not return.
 */
el2_sync:
	mrs	x9, elr_el2
	ldr	x10, =__probe_table_start
	ldr	x11, =__probe_table_end
1:	cmp	x10, x11
	b.hs	el2_fault
	ldr	x12, [x10], #8
	cmp	x12, x9
	b.ne	1b
	ldr	x9, =probe_aborted
	msr	elr_el2, x9
	eret

/* hv_fault() reports and stops the machine, on this CPU's fault stack:
   the fault may be an overflow of its stack into the guard page. */
el2_fault:
	mrs	x3, tpidr_el2
	ldr	x3, [x3]		/* struct percpu.fault_sp */
	mov	sp, x3
	mrs	x0, esr_el2
	mrs	x1, elr_el2
	mrs	x2, far_el2
	bl	hv_fault
1:	wfi
	b	1b

/* guest_enter(frame): start or restart a cell on this CPU from @frame,
   which must be this CPU's frame area. */
	.global guest_enter
guest_enter:
	mov	sp, x0
guest_return:
	restore_elr_spsr
	restore_x0_x17
	ldp	x18, x19, [sp, #FRAME_X(18)]
	ldp	x20, x21, [sp, #FRAME_X(20)]
	ldp	x22, x23, [sp, #FRAME_X(22)]
	ldp	x24, x25, [sp, #FRAME_X(24)]
	ldp	x26, x27, [sp, #FRAME_X(26)]
	ldp	x28, x29, [sp, #FRAME_X(28)]
	ldr	x30, [sp, #FRAME_X(30)]
	eret
