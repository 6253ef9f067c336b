/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fakefw: a stand-in EL3 firmware for the system tests of what the
 * hypervisor does when firmware is not QEMU's built-in PSCI
 * (tests/system/firmware_tests.py). QEMU runs it as the board's firmware
 * (-machine secure=on -bios fakefw.bin: every CPU starts here at EL3, QEMU
 * answers no PSCI call itself); the boot image is put at 0x40200000 with
 * the generic loader, and the firmware enters it at EL2 (or EL1) as
 * firmware enters a kernel. It implements PSCI 1.1 over SMC: VERSION,
 * FEATURES, CPU_ON (CPUs wait in a WFE loop for their mailbox) and
 * SYSTEM_OFF, which ends QEMU through semihosting (SYS_EXIT, status 0;
 * -semihosting-config enable=on,target=native), and in some modes the
 * SMCCC 1.1 calls.
 *
 * The mode is the 32-bit word at MODE_WORD in RAM (set with QEMU's
 * generic loader, `-device loader,addr=0x7ffff000,data=N,data-len=4`):
 *
 *   1 workaround   SMCCC_VERSION 1.1, SMCCC_ARCH_FEATURES answers 0 for
 *                  SMCCC_ARCH_WORKAROUND_1, whose calls are counted; at
 *                  SYSTEM_OFF: `[firmware] ARCH_WORKAROUND_1 calls: 0xN`
 *   2 lost-cpu     CPU_ON of Aff0 3 answers SUCCESS but never starts it
 *   3 stray-spi    as 1, and firmware misbehaves: at CPU_ON of Aff0 1 it
 *                  enables SPI 40, routed to CPU 0, and makes it pending;
 *                  at each ARCH_WORKAROUND_1 the same with SPI 41, routed
 *                  to the calling CPU
 *   4 off-refused  SYSTEM_OFF answers DENIED and traps the caller's next
 *                  WFI (SCR_EL3.TWI), then prints
 *                  `[firmware] SYSTEM_OFF refused; then WFI at 0xADDR`
 *                  and ends QEMU
 *   5 el1          enters the image at EL1 with HVC undefined
 *                  (SCR_EL3.HCE clear) and traps WFI: at the first,
 *                  `[firmware] WFI at 0xADDR, EL1`, and QEMU ends
 *   6 el1-hvc      as 5, but HVC reaches an EL2 that only returns
 *   7 group0-spi   at CPU_ON of Aff0 2 it makes SPI 39 a Group 0
 *                  interrupt (a FIQ) and enables Group 0 on that CPU
 *   8 cpu-on-error CPU_ON of Aff0 3 answers INVALID_PARAMETERS (-2)
 *
 * Firmware data (mailboxes, counters, stacks) is in the secure-only RAM
 * of QEMU virt with secure=on (0x0e000000), out of every cell's reach.
 */

#define MODE_WORD 0x7ffff000
#define EL2_STUB 0x7fffe000		/* 2 KiB aligned, non-secure RAM */
#define ERET 0xd69f03e0
#define IMAGE 0x40200000
#define SECURE_RAM 0x0e000000
#define MAILBOX (SECURE_RAM + 0x100)	/* per CPU: entry, context */
#define COUNT (SECURE_RAM + 0x80)	/* ARCH_WORKAROUND_1 calls */
#define OFF_REFUSED (SECURE_RAM + 0x88)
#define EXIT_BLOCK (SECURE_RAM + 0x90)
#define STACKS (SECURE_RAM + 0x1000)	/* 4 KiB per CPU, top down */

#define UART 0x09000000
#define GICD 0x08000000
#define GICR 0x080a0000
#define GICR_STRIDE 0x20000
#define GICR_WAKER 0x14
#define GICR_WAKER_SLEEP 0x2
#define GICR_SGI_BASE 0x10000
#define GICR_ISENABLER0 0x100
#define GICR_ICENABLER0 0x180
#define GICR_ISPENDR0 0x200
#define GICR_ICPENDR0 0x280
#define GICD_CTLR_DS 0x40
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ISPENDR 0x200
#define GICD_IROUTER 0x6000

/* SCR_EL3: NS, RES1 bits 4-5, HCE, RW (EL2 and below AArch64). */
#define SCR_BASE 0x431
#define SCR_HCE (1 << 8)
#define SCR_TWI (1 << 12)
#define HCR_EL2_RW (1 << 31)
#define SPSR_EL2H 0x3c9
#define SPSR_EL1H 0x3c5

#define EC_WFX 0x01
#define EC_SMC64 0x17

#define PSCI_VERSION 0x84000000
#define PSCI_FEATURES 0x8400000a
#define PSCI_CPU_ON_64 0xc4000003
#define PSCI_SYSTEM_OFF 0x84000008
#define SMCCC_VERSION 0x80000000
#define SMCCC_ARCH_FEATURES 0x80000001
#define SMCCC_ARCH_WORKAROUND_1 0x80008000

	.macro	mov32, reg, value
	movz	\reg, #((\value) & 0xffff)
	movk	\reg, #((\value) >> 16), lsl #16
	.endm

	.text
	.global	_start
_start:
	msr	daifset, #0xf
	mrs	x19, mpidr_el1
	and	x19, x19, #0xff			/* CPU: Aff0 */
	mov32	x0, STACKS
	add	x1, x19, #1
	lsl	x1, x1, #12
	add	sp, x0, x1
	adr	x0, el3_vectors
	msr	vbar_el3, x0
	mov	x0, #0xf			/* SRE, DFB, DIB, Enable */
	msr	icc_sre_el3, x0
	msr	cptr_el3, xzr
	msr	mdcr_el3, xzr
	isb
	bl	mode
	mov	x20, x0
	mov	x1, #SCR_BASE
	cmp	x20, #5
	b.eq	1f				/* el1: no HCE */
	orr	x1, x1, #SCR_HCE
1:	cmp	x20, #5
	b.lo	2f
	cmp	x20, #6
	b.hi	2f
	orr	x1, x1, #SCR_TWI		/* el1, el1-hvc */
2:	msr	scr_el3, x1
	/* el1-hvc: an EL2 whose only job is to return from HVC; in RAM,
	   which the non-secure EL2 can fetch from (the flash is secure). */
	mov32	x0, EL2_STUB
	mov32	w1, ERET
	str	w1, [x0, #0x400]		/* lower EL, AArch64, sync */
	dc	cvau, x0
	dsb	sy
	ic	iallu
	dsb	sy
	msr	vbar_el2, x0
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	isb
	cbnz	x19, secondary

	/* CPU 0: one security state at the distributor, then the image. */
	mov32	x0, GICD
	mov	w1, #GICD_CTLR_DS
	str	w1, [x0]
	mov32	x0, COUNT
	str	xzr, [x0]
	str	xzr, [x0, #8]			/* OFF_REFUSED */
	mov32	x0, MAILBOX
	mov	x1, #0
4:	str	xzr, [x0], #8
	add	x1, x1, #1
	cmp	x1, #16				/* 8 CPUs, 2 words each */
	b.lo	4b
	mov32	x0, IMAGE
	msr	elr_el3, x0
	mov	x0, #SPSR_EL2H
	cmp	x20, #5
	b.lo	3f
	cmp	x20, #6
	b.hi	3f
	mov	x0, #SPSR_EL1H
3:	msr	spsr_el3, x0
	mov	x0, #0
	isb
	eret

	/* Other CPUs: sleep in WFI until CPU_ON fills in this CPU's mailbox
	   (CPU 0 cleared them before any CPU_ON: a CPU may start running
	   only once the others have run a while) and makes SGI 0, a Group 0
	   interrupt, pending at it: enabled, but masked here, it ends the
	   WFI without being taken. */
secondary:
	mov32	x3, GICR
	mov	x4, #GICR_STRIDE
	madd	x3, x19, x4, x3			/* this CPU's redistributor */
	ldr	w4, [x3, #GICR_WAKER]
	bic	w4, w4, #GICR_WAKER_SLEEP
	str	w4, [x3, #GICR_WAKER]
1:	ldr	w4, [x3, #GICR_WAKER]
	tbnz	w4, #2, 1b			/* ChildrenAsleep */
	add	x3, x3, #GICR_SGI_BASE
	mov	w4, #1
	str	w4, [x3, #GICR_ISENABLER0]	/* SGI 0, Group 0 at reset */
	mov	x4, #0xff
	msr	icc_pmr_el1, x4
	mov	x4, #1
	msr	icc_igrpen0_el1, x4
	isb
	mov32	x2, MAILBOX
	add	x2, x2, x19, lsl #4
2:	wfi
	ldr	x0, [x2]
	cbz	x0, 2b
	ldr	x1, [x2, #8]
	mov	w4, #1
	str	w4, [x3, #GICR_ICENABLER0]
	str	w4, [x3, #GICR_ICPENDR0]
	dsb	sy
	cmp	x20, #7				/* group0-spi: kept on CPU 2 */
	ccmp	x19, #2, #0, eq
	b.eq	3f
	msr	icc_igrpen0_el1, xzr
3:	msr	elr_el3, x0
	mov	x0, #SPSR_EL2H
	msr	spsr_el3, x0
	mov	x0, x1
	isb
	eret

/* x0 = the mode word. */
mode:
	mov32	x0, MODE_WORD
	ldr	w0, [x0]
	ret

/* ------------------------------------------------------------- exceptions */

	.balign	0x800
el3_vectors:
	.rept	8
	.balign	0x80
	b	unexpected
	.endr
	.balign	0x80
	b	lower_sync			/* lower EL, AArch64, sync */
	.rept	7
	.balign	0x80
	b	unexpected
	.endr

unexpected:
	adr	x0, msg_unexpected
	bl	puts
	mrs	x0, esr_el3
	bl	puthex
	adr	x0, msg_at
	bl	puts
	mrs	x0, elr_el3
	bl	puthex
	bl	newline
	mov	x0, #2
	b	exit

/* x0-x3: the call; x4-x17 are the callee's (SMCCC); x18 up kept. */
lower_sync:
	stp	x29, x30, [sp, #-16]!
	mrs	x4, esr_el3
	lsr	x4, x4, #26
	cmp	x4, #EC_WFX
	b.eq	wfi_trapped
	cmp	x4, #EC_SMC64
	b.ne	unexpected
	mov32	x9, MODE_WORD
	ldr	w9, [x9]
	/* x0 function, x1-x3 arguments, x9 mode */
	mov32	w4, PSCI_VERSION
	cmp	w0, w4
	b.eq	psci_version
	mov32	w4, PSCI_FEATURES
	cmp	w0, w4
	b.eq	psci_features
	mov32	w4, PSCI_CPU_ON_64
	cmp	w0, w4
	b.eq	cpu_on
	mov32	w4, PSCI_SYSTEM_OFF
	cmp	w0, w4
	b.eq	system_off
	cmp	x9, #1
	b.eq	smccc
	cmp	x9, #3
	b.eq	smccc
not_supported:
	mov	x0, #-1
	b	smc_return

psci_version:
	mov32	x0, 0x10001
	b	smc_return

/* Only SMCCC_VERSION is asked of it; in the workaround modes it is there. */
psci_features:
	mov32	w4, SMCCC_VERSION
	cmp	w1, w4
	b.ne	smc_zero
	cmp	x9, #1
	b.eq	smc_zero
	cmp	x9, #3
	b.eq	smc_zero
	b	not_supported

smccc:
	mov32	w4, SMCCC_VERSION
	cmp	w0, w4
	b.eq	psci_version			/* 1.1, the same value */
	mov32	w4, SMCCC_ARCH_FEATURES
	cmp	w0, w4
	b.ne	1f
	mov32	w4, SMCCC_ARCH_WORKAROUND_1
	cmp	w1, w4
	b.eq	smc_zero
	b	not_supported
1:	mov32	w4, SMCCC_ARCH_WORKAROUND_1
	cmp	w0, w4
	b.ne	not_supported
	mov32	x5, COUNT
	ldr	x6, [x5]
	add	x6, x6, #1
	str	x6, [x5]
	cmp	x9, #3
	b.ne	smc_return			/* x0 as it was: no result */
	mrs	x1, mpidr_el1
	mov	x2, #41
	bl	stray_spi
	mov32	x0, SMCCC_ARCH_WORKAROUND_1
	b	smc_return

/* x1 target MPIDR, x2 entry, x3 context. */
cpu_on:
	and	x5, x1, #0xff
	cmp	x9, #8
	b.ne	0f
	cmp	x5, #3
	b.ne	0f
	mov	x0, #-2				/* cpu-on-error */
	b	smc_return
0:	cmp	x9, #2
	b.ne	1f
	cmp	x5, #3
	b.eq	smc_zero			/* lost-cpu: never started */
1:	cmp	x9, #3
	b.ne	2f
	cmp	x5, #1
	b.ne	2f
	stp	x1, x2, [sp, #-16]!
	stp	x3, x5, [sp, #-16]!
	mov	x1, #0				/* routed to CPU 0 */
	mov	x2, #40
	bl	stray_spi
	ldp	x3, x5, [sp], #16
	ldp	x1, x2, [sp], #16
2:	cmp	x9, #7
	b.ne	3f
	cmp	x5, #2
	b.ne	3f
	mov32	x6, GICD + GICD_IGROUPR + 4	/* SPIs 32-63 */
	ldr	w7, [x6]
	bic	w7, w7, #(1 << (39 - 32))	/* SPI 39: Group 0 */
	str	w7, [x6]
3:	mov32	x6, MAILBOX
	add	x6, x6, x5, lsl #4
	str	x3, [x6, #8]
	dsb	sy
	str	x2, [x6]
	dsb	sy
	mov32	x6, GICR + GICR_SGI_BASE	/* SGI 0 at the target */
	mov	x7, #GICR_STRIDE
	madd	x6, x5, x7, x6
	mov	w7, #1
	str	w7, [x6, #GICR_ISPENDR0]
	dsb	sy
smc_zero:
	mov	x0, #0
	b	smc_return

system_off:
	cmp	x9, #4
	b.ne	1f
	mov32	x5, OFF_REFUSED
	ldr	x6, [x5]
	cbnz	x6, 1f
	mov	x6, #1
	str	x6, [x5]
	mrs	x6, scr_el3
	orr	x6, x6, #SCR_TWI
	msr	scr_el3, x6
	isb
	mov	x0, #-3				/* DENIED */
	b	smc_return
1:	cmp	x9, #1
	b.eq	2f
	cmp	x9, #3
	b.ne	3f
2:	adr	x0, msg_calls
	bl	puts
	mov32	x0, COUNT
	ldr	x0, [x0]
	bl	puthex
	bl	newline
3:	mov	x0, #0
	b	exit

smc_return:
	ldp	x29, x30, [sp], #16
	eret

wfi_trapped:
	bl	mode
	adr	x1, msg_wfi
	cmp	x0, #4
	b.ne	1f
	adr	x1, msg_off_refused
1:	mov	x0, x1
	bl	puts
	mrs	x0, elr_el3
	bl	puthex
	mrs	x0, spsr_el3
	ubfx	x0, x0, #2, #2
	cmp	x0, #1
	b.ne	2f
	adr	x0, msg_el1
	bl	puts
2:	bl	newline
	mov	x0, #0
	b	exit

/* SPI x2 enabled, routed to affinity x1, pending (firmware misbehaving). */
stray_spi:
	mov32	x6, GICD + GICD_IROUTER
	add	x6, x6, x2, lsl #3
	and	x1, x1, #0xffffff		/* Aff2-Aff0 */
	str	x1, [x6]
	lsr	x6, x2, #5
	lsl	x6, x6, #2
	mov	x7, #1
	and	x5, x2, #31
	lsl	w7, w7, w5
	mov32	x5, GICD + GICD_ISENABLER
	str	w7, [x5, x6]
	mov32	x5, GICD + GICD_ISPENDR
	str	w7, [x5, x6]
	dsb	sy
	ret

/* ---------------------------------------------------------------- output */

/* Semihosting SYS_EXIT with status x0. */
exit:
	mov32	x1, EXIT_BLOCK
	mov32	x2, 0x20026			/* ADP_Stopped_ApplicationExit */
	stp	x2, x0, [x1]
	mov	x0, #0x18			/* SYS_EXIT */
	hlt	#0xf000
	b	.

/* putc(w0), uses x5-x6 */
putc:
	mov32	x5, UART
1:	ldr	w6, [x5, #0x18]
	tbnz	w6, #5, 1b
	str	w0, [x5]
	ret

/* puts(x0): a NUL-terminated string; uses x0, x5-x7, x16 */
puts:
	mov	x16, x30
	mov	x7, x0
1:	ldrb	w0, [x7], #1
	cbz	w0, 2f
	bl	putc
	b	1b
2:	mov	x30, x16
	ret

newline:
	mov	x16, x30
	mov	w0, #'\r'
	bl	putc
	mov	w0, #'\n'
	bl	putc
	mov	x30, x16
	ret

/* puthex(x0): 0x, then the hex digits without leading zeros; uses x0,
   x5-x8, x16-x17 */
puthex:
	mov	x16, x30
	mov	x17, x0
	mov	w0, #'0'
	bl	putc
	mov	w0, #'x'
	bl	putc
	mov	x8, #60
	mov	x7, #0				/* printed a digit yet */
1:	lsr	x0, x17, x8
	and	x0, x0, #0xf
	cbnz	x7, 2f
	cbnz	x0, 2f
	cbz	x8, 2f				/* the last digit: always */
	b	3f
2:	mov	x7, #1
	cmp	x0, #10
	add	x0, x0, #'0'
	b.lo	4f
	add	x0, x0, #('a' - '0' - 10)
4:	bl	putc
3:	subs	x8, x8, #4
	b.pl	1b
	mov	x30, x16
	ret

	.section .rodata
msg_unexpected:	.asciz	"[firmware] unexpected exception: ESR "
msg_at:		.asciz	" ELR "
msg_calls:	.asciz	"[firmware] ARCH_WORKAROUND_1 calls: "
msg_off_refused: .asciz	"[firmware] SYSTEM_OFF refused; then WFI at "
msg_wfi:	.asciz	"[firmware] WFI at "
msg_el1:	.asciz	", EL1"
