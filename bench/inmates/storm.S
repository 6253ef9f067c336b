/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The busy loops of the interference figure.
 *
 * storm_cell, one iteration: check the stop flag and the deadline, HVC
 * CB_HC_GET_INFO, read the UART's flag register, write one character to
 * its data register (63 dots, then a newline). Inside cellblock the HVC,
 * the read and the write each trap. The write takes the cell's console
 * lock, and a newline also the hypervisor's console lock, under which it
 * prints the whole line on the real UART; each lock starts with SEVL;
 * WFE.
 *
 * storm_bare, its bare-metal counterpart: the same instructions with a
 * NOP for the HVC (nothing sits at EL2 to answer it), the read and the
 * write hitting the real PL011, plus what stands in for the hypervisor's
 * share of an iteration: a delay of 2 * @pad instructions and the SEVL;
 * WFE of the cell's lock before the write, and for a newline the SEVL;
 * WFE of the console lock and 2 * @newline_pad instructions more. Under
 * QEMU's -icount every instruction is 1 ns and a WFE ends the CPU's turn
 * on the host thread, so with the pads chosen from the measured lengths of
 * a cell's iterations (bench/run.py), both loops hold the host thread for
 * the same stretches. On hardware SEVL; WFE falls through at once.
 *
 * uint64_t storm_cell(const volatile uint32_t *stop, uint64_t deadline,
 *                     uint64_t function);
 * uint64_t storm_bare(const volatile uint32_t *stop, uint64_t deadline,
 *                     uint64_t pad, uint64_t newline_pad);
 * Both run until *stop is non-zero or the counter reaches deadline and
 * return the iteration count. A storm_bare iteration is 19 + 2 * pad
 * instructions, a newline one 4 + 2 * newline_pad more (bench/run.py
 * relies on these counts and checks them).
 */
#define UART 0x09000000
#define UART_FR 0x18

	.macro	storm_enter
	stp	x19, x20, [sp, #-48]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	str	x25, [sp, #-16]!
	mov	x19, x0			/* stop flag */
	mov	x20, x1			/* deadline */
	mov	x21, x2			/* function ID, or pad */
	mov	x25, x3			/* newline pad */
	mov	x22, #0			/* iterations */
	mov	x23, #UART
	adrp	x24, storm_line
	add	x24, x24, :lo12:storm_line
	.endm

	/* Stop flag, deadline, then x0 = x21: 7 instructions. */
	.macro	storm_head done
	ldr	w9, [x19]
	cbnz	w9, \done
	isb
	mrs	x10, cntvct_el0
	cmp	x10, x20
	b.hs	\done
	mov	x0, x21
	.endm

	.macro	storm_leave
	mov	x0, x22
	ldr	x25, [sp], #16
	ldp	x23, x24, [sp, #32]
	ldp	x21, x22, [sp, #16]
	ldp	x19, x20, [sp], #48
	ret
	.endm

	.text
	.balign	16
	.global	storm_cell
	.type	storm_cell, %function
storm_cell:
	storm_enter
1:	storm_head 2f
	hvc	#0
	ldr	w11, [x23, #UART_FR]
	and	x12, x22, #63
	ldrb	w13, [x24, x12]
	str	w13, [x23]
	add	x22, x22, #1
	b	1b
2:	storm_leave
	.size	storm_cell, . - storm_cell

	.balign	16
	.global	storm_bare
	.type	storm_bare, %function
storm_bare:
	storm_enter
1:	storm_head 2f
	nop
	ldr	w11, [x23, #UART_FR]
	and	x12, x22, #63
	ldrb	w13, [x24, x12]
	cbz	x0, 4f
3:	subs	x0, x0, #1
	b.ne	3b
4:	sevl
	wfe
	cmp	w13, #'\n'
	b.ne	6f
	sevl
	wfe
	mov	x0, x25
	cbz	x0, 6f
5:	subs	x0, x0, #1
	b.ne	5b
6:	str	w13, [x23]
	add	x22, x22, #1
	b	1b
2:	storm_leave
	.size	storm_bare, . - storm_bare

	.section .rodata
	.balign	64
storm_line:
	.ascii	"..............................................................."
	.ascii	"\n"
