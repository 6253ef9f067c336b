/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device accesses that may abort: probing what the system config claims
 * about the board (is there RAM, a GICv3, this redistributor?) and
 * replaying a cell's sub-page access on its device. Each access
 * instruction is listed in .probe_table; an abort taken at EL2 on one of
 * them returns -1 from the accessor (vectors.S, el2_sync) instead of
 * being a hypervisor fault. The accessors are leaf functions: x30 still
 * holds the caller when the abort arrives.
 *
 *   int probe_readN(uint64_t address, uint64_t *value)   0 or -1
 *   int probe_writeN(uint64_t address, uint64_t value)   0 or -1
 */

/* \insn, listed as an access whose abort means "no device here". */
.macro probed insn:vararg
9:	\insn
	.pushsection .probe_table, "a"
	.balign 8
	.quad	9b
	.popsection
.endm

.macro probe_read name, load, reg
	.global \name
\name:
	probed	\load	\reg, [x0]
	str	x2, [x1]
	mov	x0, #0
	ret
.endm

/* The DSB waits for the write to complete, so that an abort the device
   signals synchronously is taken here, not later. */
.macro probe_write name, store, reg
	.global \name
\name:
	probed	\store	\reg, [x0]
	probed	dsb	sy
	mov	x0, #0
	ret
.endm

	.text
	probe_read	probe_read8, ldrb, w2
	probe_read	probe_read16, ldrh, w2
	probe_read	probe_read32, ldr, w2
	probe_read	probe_read64, ldr, x2
	probe_write	probe_write8, strb, w1
	probe_write	probe_write16, strh, w1
	probe_write	probe_write32, str, w1
	probe_write	probe_write64, str, x1

	.global probe_aborted
probe_aborted:
	mov	x0, #-1
	ret
