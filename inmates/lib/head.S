/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Start-up of an inmate: the arm64 Image header, then the entry of the
 * first CPU and of CPUs started with PSCI CPU_ON. Both accept EL2 (bare
 * metal, QEMU -kernel) and EL1 (inside a cell), leave EL2 for EL1, turn on
 * the identity map and enter C on their own stack. The first CPU also
 * saves the parameter string and clears bss.
 */
#include <inmate/layout.h>

/* HCR_EL2: EL1 is AArch64; nothing trapped, no stage 2, IRQs to EL1. */
#define HCR_EL2_RW (1 << 31)
/* CNTHCTL_EL2: EL1 may use the physical counter and timer. */
#define CNTHCTL_EL2_EL1PCTEN_EL1PCEN 0x3
/* ICC_SRE_EL2: system register interface, and EL1 may use it too. */
#define ICC_SRE_EL2_SRE_ENABLE 0x9
/* CPTR_EL2 without VHE: the RES1 bits only, so FP/SIMD are not trapped. */
#define CPTR_EL2_RES1 0x33ff
/* SPSR: EL1h (SP_EL1) with D, A, I and F masked. */
#define SPSR_EL1H_DAIF 0x3c5

/* SCTLR_EL1: RES1 bits (ARM ARM D13.2.118 for v8.0) plus SA. */
#define SCTLR_EL1_OFF 0x30d00808
/* ... plus M (MMU), C (data cache), I (instruction cache). */
#define SCTLR_EL1_ON (SCTLR_EL1_OFF | 0x1005)
/* MAIR_EL1: attr 0 Device-nGnRnE, attr 1 Normal write-back RW-allocate. */
#define MAIR_EL1_VALUE 0xff00
/*
 * TCR_EL1: T0SZ 32 (4 GiB, the walk starts at level 1 with 4 entries),
 * walks inner/outer write-back and inner shareable, 4K granule, TTBR1
 * walks disabled (EPD1, TG1 4K), 32-bit physical addresses.
 */
#define TCR_EL1_VALUE 0x80803520
/* Level 1 block descriptors: AF, attr index, shareability, never execute. */
#define BLOCK_DEVICE 0x0060000000000401	/* attr 0, PXN, UXN */
#define BLOCK_NORMAL 0x0040000000000705	/* attr 1, inner shareable, UXN */

	/* The runtime's assembly reaches its data PC-relative only. */
	.macro	adr_l, reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
	.endm

	/*
	 * Leave EL2 for EL1 when entered at EL2, as a minimal hypervisor that
	 * traps nothing; at EL1 just continue. Sets \el to the entry EL (1 or
	 * 2). Uses x9 only, keeps x0-x8.
	 */
	.macro	enter_el1, el
	mrs	x9, CurrentEL
	ubfx	\el, x9, #2, #2
	cmp	\el, #2
	b.ne	.Lat_el1\@
	mov	x9, #HCR_EL2_RW
	msr	hcr_el2, x9
	mov	x9, #CNTHCTL_EL2_EL1PCTEN_EL1PCEN
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #ICC_SRE_EL2_SRE_ENABLE
	msr	icc_sre_el2, x9
	mov	x9, #CPTR_EL2_RES1
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	ldr	x9, =SCTLR_EL1_OFF
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_DAIF
	msr	spsr_el2, x9
	adr	x9, .Lat_el1\@
	msr	elr_el2, x9
	isb
	eret
.Lat_el1\@:
	msr	daifset, #0xf
	msr	spsel, #1		/* EL1h: each CPU's own SP_EL1 */
	.endm

	.section .text.head, "ax"
	.global	_start
_start:
	/* arm64 Image header (Linux Documentation/arch/arm64/booting.rst) */
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: at a 2 MiB boundary */
	.quad	__image_size		/* footprint: text, data, bss, stacks */
	.quad	0xa			/* little-endian, 4K pages, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

	.text
primary_entry:
	mov	x19, x0			/* DTB, parameter string, or 0 */
	enter_el1 x20
	bl	mmu_enable
	adr_l	x9, vectors
	msr	vbar_el1, x9
	isb

	/* The string may lie just past the file, that is in bss: save it. */
	mov	x0, x19
	bl	params_save

	adr_l	x0, __bss_start
	adr_l	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:
	adr_l	x0, inmate_stacks
	add	sp, x0, #INMATE_STACK_SIZE
	msr	tpidr_el1, xzr		/* cpu_index() 0 */
	mov	x0, x20
	bl	runtime_primary_start
	b	runtime_park

	/* x0 = the slot cpu_start() chose, as PSCI CPU_ON's context. */
	.global	secondary_entry
secondary_entry:
	mov	x19, x0
	enter_el1 x20
	bl	mmu_enable
	adr_l	x9, vectors
	msr	vbar_el1, x9
	isb
	cmp	x19, #INMATE_MAX_CPUS
	b.hs	runtime_park		/* not a context we gave: stay parked */
	adr_l	x0, inmate_stacks
	mov	x1, #INMATE_STACK_SIZE
	madd	x0, x19, x1, x0
	add	sp, x0, #INMATE_STACK_SIZE
	msr	tpidr_el1, x19
	mov	x0, x19
	mov	x1, x20
	bl	runtime_secondary_start
	b	runtime_park

	/*
	 * Identity map, caches on. Before any data access of the runtime, so
	 * every access to RAM is cacheable: bss cleared with the MMU off could
	 * be shadowed by stale lines once it is on. Uses x9 only.
	 */
mmu_enable:
	ldr	x9, =SCTLR_EL1_OFF	/* in case we were entered with it on */
	msr	sctlr_el1, x9
	isb
	mov	x9, #MAIR_EL1_VALUE
	msr	mair_el1, x9
	ldr	x9, =TCR_EL1_VALUE
	msr	tcr_el1, x9
	adr_l	x9, mmu_table
	msr	ttbr0_el1, x9
	isb
	tlbi	vmalle1			/* entries left by whoever ran before */
	dsb	nsh
	isb
	ldr	x9, =SCTLR_EL1_ON
	msr	sctlr_el1, x9
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

	/*
	 * params_save(x0): copy the parameter string at x0 to inmate_params,
	 * NUL-terminated and cut at INMATE_PARAMS_MAX - 1 characters, unless
	 * x0 is 0, outside RAM, or a device tree (then inmate_params is "").
	 * Uses x0-x4.
	 */
params_save:
	adr_l	x1, inmate_params
	adr_l	x2, inmate_params_truncated
	str	wzr, [x2]
	cbz	x0, 9f
	mov	x2, #INMATE_RAM_START
	cmp	x0, x2
	b.lo	9f
	mov	x2, #INMATE_RAM_END
	cmp	x0, x2
	b.hs	9f
	ldr	w3, [x0]
	ldr	w4, =INMATE_DTB_MAGIC_LE
	cmp	w3, w4
	b.eq	9f
	mov	x2, #(INMATE_PARAMS_MAX - 1)
1:	ldrb	w3, [x0], #1
	cbz	w3, 9f
	strb	w3, [x1], #1
	subs	x2, x2, #1
	b.ne	1b
	ldrb	w3, [x0]		/* full: cut only if more follows */
	cbz	w3, 9f
	mov	w3, #1
	adr_l	x2, inmate_params_truncated
	str	w3, [x2]
9:	strb	wzr, [x1]
	ret

	.global	runtime_park
runtime_park:
	msr	daifset, #0xf
1:	wfi
	b	1b

	.section .rodata
	/* Level 1: 0-1 GiB devices (GIC, UART...), 1-2 GiB RAM. Fewer than
	 * eight entries: 64-byte alignment (ARM ARM D8.2.4). */
	.balign	64
mmu_table:
	.quad	0x00000000 | BLOCK_DEVICE
	.quad	0x40000000 | BLOCK_NORMAL
	.quad	0
	.quad	0

	/* In .data, part of the file: never where the string comes from. */
	.data
	.balign	8
	.global	inmate_params, inmate_params_truncated
inmate_params:
	.space	INMATE_PARAMS_MAX
inmate_params_truncated:
	.long	0

	/* Outside bss: nothing needs them cleared. */
	.section .stacks, "aw", %nobits
	.balign	16
	.global	inmate_stacks
inmate_stacks:
	.space	INMATE_MAX_CPUS * INMATE_STACK_SIZE
