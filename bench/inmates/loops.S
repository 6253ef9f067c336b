/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Timed loops for the round-trip figures. Each iteration is `mov x0, x20`,
 * the operation, `subs` and `b.ne`; loop_none() leaves the operation out,
 * so (loop_X(n) - loop_none(n)) / n is the cost of one operation with the
 * operation's own instruction included. Written in assembly so that the
 * compiler cannot change the shape between the variants.
 *
 * uint64_t loop_X(uint64_t n, uint64_t arg): n >= 1 iterations; arg is
 * the HVC function ID or the address to read; returns counter ticks.
 */

	.macro	timed_loop name, op:vararg
	.text
	.balign	16
	.global	\name
	.type	\name, %function
\name:
	stp	x19, x20, [sp, #-32]!
	stp	x21, x22, [sp, #16]
	mov	x19, x0
	mov	x20, x1
	isb
	mrs	x21, cntvct_el0
1:	mov	x0, x20
	\op
	subs	x19, x19, #1
	b.ne	1b
	isb
	mrs	x22, cntvct_el0
	sub	x0, x22, x21
	ldp	x21, x22, [sp, #16]
	ldp	x19, x20, [sp], #32
	ret
	.size	\name, . - \name
	.endm

	timed_loop loop_none
	timed_loop loop_hvc, hvc #0
	timed_loop loop_load32, ldr w2, [x20]
