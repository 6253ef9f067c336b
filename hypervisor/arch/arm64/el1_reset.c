// SPDX-License-Identifier: GPL-2.0-only
/*
 * The EL1 and EL0 state a CPU enters its cell with: the state of a CPU
 * just out of reset, the same at the cell's start, at PSCI CPU_ON and at
 * SYSTEM_RESET, so that nothing of a previous run (the cell's own, or
 * what firmware and the hypervisor left at boot) leaks into the next.
 *
 * ARM ARM (DDI 0487): a Warm reset gives the registers with an
 * architecturally defined reset value that value (chapter D1, "Reset", and
 * the reset clause of each register's description in the System register
 * chapters); the others reset to UNKNOWN values, which here are a defined
 * 0 instead. PSCI adds what the caller of CPU_ON may rely on (CPU_ON, the
 * state of the core at the entry point): EL1, MMU and caches off, the
 * exceptions masked; cpu.c sets PSTATE (EL1h, DAIF masked), the general
 * registers (0, x0 the context ID) and the entry point, and quiets the
 * timers and PMU interrupts.
 *
 * EL2 writes these registers directly: a CPU belongs to one cell, so none
 * is context-switched, and the hypervisor itself uses none of them (it is
 * built without floating point: the cell's FP/SIMD state survives traps).
 */
#include <asm/el1_reset.h>
#include <asm/smccc.h>
#include <asm/sysreg.h>

/* SCTLR_EL1: the RES1 bits of ARMv8.0 (11, 20, 22, 23, 28, 29; later
   extensions gave some of them meanings, whose value 1 keeps the ARMv8.0
   behaviour); MMU, alignment checks and caches off. */
#define SCTLR_EL1_RESET 0x30d00800ull

static unsigned int field(uint64_t value, unsigned int lsb)
{
	return (unsigned int)(value >> lsb) & 0xf;
}

/* Translation, exception and context registers: all UNKNOWN at reset
   but for SCTLR_EL1, so 0: no translation tables, no vectors, no thread
   IDs, no leftover syndrome or fault address. */
static void reset_system(void)
{
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	write_sysreg(cpacr_el1, 0);	/* FP/SIMD trap at EL1/EL0 */
	write_sysreg(tcr_el1, 0);
	write_sysreg(ttbr0_el1, 0);
	write_sysreg(ttbr1_el1, 0);
	write_sysreg(mair_el1, 0);
	write_sysreg(amair_el1, 0);
	write_sysreg(contextidr_el1, 0);
	write_sysreg(vbar_el1, 0);
	write_sysreg(csselr_el1, 0);
	write_sysreg(esr_el1, 0);
	write_sysreg(far_el1, 0);
	write_sysreg(afsr0_el1, 0);
	write_sysreg(afsr1_el1, 0);
	write_sysreg(par_el1, 0);
	write_sysreg(elr_el1, 0);
	write_sysreg(spsr_el1, 0);
	write_sysreg(sp_el0, 0);
	write_sysreg(sp_el1, 0);
	write_sysreg(tpidr_el0, 0);
	write_sysreg(tpidrro_el0, 0);
	write_sysreg(tpidr_el1, 0);
	/* Timer control: EL0 gets no counter or timer access (CNTKCTL_EL1
	   resets so for its enables); compare values 0. cpu.c disables
	   the timers themselves. */
	write_sysreg(cntkctl_el1, 0);
	write_sysreg(cntv_cval_el0, 0);
	write_sysreg(cntp_cval_el0, 0);
}

/* PMU event configuration: PMCR_EL0, the enables and overflow
   flags are reset by cpu.c; here what selects and filters events,
   UNKNOWN at reset. */
static void reset_pmu(uint64_t dfr0)
{
	unsigned int pmuver = field(dfr0, 8), counters, n;

	if (pmuver == 0 || pmuver == 0xf)
		return;		/* no PMUv3 */
	counters = (unsigned int)(read_sysreg(pmcr_el0) >> 11) & 0x1f;
	for (n = 0; n < counters; n++) {
		write_sysreg(pmselr_el0, n);
		isb();
		write_sysreg(pmxevtyper_el0, 0);
	}
	write_sysreg(pmselr_el0, 0);
	write_sysreg(pmccfiltr_el0, 0);
}

/* Breakpoint and watchpoint n: control first, so none is enabled with a
   half-written value. The encodings are immediates: one case each. */
#define BP_CASE(n)                                                             \
	case n:                                                                \
		write_sysreg(dbgbcr##n##_el1, 0);                              \
		write_sysreg(dbgbvr##n##_el1, 0);                              \
		break
#define WP_CASE(n)                                                             \
	case n:                                                                \
		write_sysreg(dbgwcr##n##_el1, 0);                              \
		write_sysreg(dbgwvr##n##_el1, 0);                              \
		break
#define CASES_0_15(C)                                                          \
	C(0); C(1); C(2); C(3); C(4); C(5); C(6); C(7); C(8); C(9); C(10);     \
	C(11); C(12); C(13); C(14); C(15)

static void clear_breakpoint(unsigned int n)
{
	switch (n) {
	CASES_0_15(BP_CASE);
	}
}

static void clear_watchpoint(unsigned int n)
{
	switch (n) {
	CASES_0_15(WP_CASE);
	}
}

/*
 * Self-hosted debug (ARM ARM chapter D2): every implemented breakpoint and
 * watchpoint disabled (ID_AA64DFR0_EL1.BRPs and WRPs give the count less
 * one), monitor debug off (MDSCR_EL1), no debug communications
 * interrupt, and the OS Lock locked and the OS Double Lock unlocked, as a
 * Cold reset leaves them (an OS unlocks the OS Lock when it takes over
 * debug). The claim tags are left alone: an implementation may not have
 * DBGCLAIMCLR_EL1 as a system register (QEMU's CPUs do not), and they
 * hold no state of a run, only a convention between debuggers.
 */
static void reset_debug(uint64_t dfr0)
{
	unsigned int n;

	write_sysreg(mdscr_el1, 0);
	for (n = 0; n <= field(dfr0, 12); n++)
		clear_breakpoint(n);
	for (n = 0; n <= field(dfr0, 20); n++)
		clear_watchpoint(n);
	write_sysreg(mdccint_el1, 0);
	write_sysreg(osdlr_el1, 0);
	write_sysreg(oslar_el1, 1);
}

/*
 * Floating point and SIMD (FPCR and FPSR UNKNOWN at reset, the registers
 * too): all zero. EL2 may use them (CPTR_EL2.TFP is clear); the compiler
 * does not, so the instructions are named here. With SVE, writing a V
 * register also zeroes the rest of its Z register; the predicates and
 * FFR are cleared with SVE instructions, and ZCR_EL1 (vector length)
 * resets to 0.
 */
static void reset_fp(uint64_t pfr0)
{
	__asm__ volatile(
		".arch_extension fp\n"
		".arch_extension simd\n"
		"msr fpcr, xzr\n msr fpsr, xzr\n"
		"movi v0.2d, #0\n movi v1.2d, #0\n movi v2.2d, #0\n"
		"movi v3.2d, #0\n movi v4.2d, #0\n movi v5.2d, #0\n"
		"movi v6.2d, #0\n movi v7.2d, #0\n movi v8.2d, #0\n"
		"movi v9.2d, #0\n movi v10.2d, #0\n movi v11.2d, #0\n"
		"movi v12.2d, #0\n movi v13.2d, #0\n movi v14.2d, #0\n"
		"movi v15.2d, #0\n movi v16.2d, #0\n movi v17.2d, #0\n"
		"movi v18.2d, #0\n movi v19.2d, #0\n movi v20.2d, #0\n"
		"movi v21.2d, #0\n movi v22.2d, #0\n movi v23.2d, #0\n"
		"movi v24.2d, #0\n movi v25.2d, #0\n movi v26.2d, #0\n"
		"movi v27.2d, #0\n movi v28.2d, #0\n movi v29.2d, #0\n"
		"movi v30.2d, #0\n movi v31.2d, #0\n");
	if (field(pfr0, 32) == 0)
		return;		/* no SVE */
	__asm__ volatile(
		".arch_extension sve\n"
		"pfalse p0.b\n pfalse p1.b\n pfalse p2.b\n pfalse p3.b\n"
		"pfalse p4.b\n pfalse p5.b\n pfalse p6.b\n pfalse p7.b\n"
		"pfalse p8.b\n pfalse p9.b\n pfalse p10.b\n pfalse p11.b\n"
		"pfalse p12.b\n pfalse p13.b\n pfalse p14.b\n pfalse p15.b\n"
		"wrffr p0.b\n");
	write_sysreg(S3_0_C1_C2_0, 0);	/* ZCR_EL1, by encoding */
}

/*
 * Optional features the cell sees (id_regs.c) whose state would outlive
 * a run: the pointer authentication keys (ID_AA64ISAR1_EL1 APA, API,
 * GPA, GPI; ISAR2 APA3, GPA3), LORegions (ID_AA64MMFR1_EL1.LO: LORC_EL1
 * off), and a deferred SError of RAS (ID_AA64PFR0_EL1.RAS: with
 * HCR_EL2.AMO set the cell's DISR_EL1 is VDISR_EL2). By encoding, so
 * that older assemblers take them.
 */
static void reset_optional(uint64_t pfr0)
{
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1);
	uint64_t isar2 = read_sysreg(S3_0_C0_C6_2);	/* ID_AA64ISAR2_EL1 */
	uint64_t mmfr1 = read_sysreg(id_aa64mmfr1_el1);

	if ((isar1 & 0xff0000ff0ull) || (isar2 & 0xff00ull)) {
		write_sysreg(S3_0_C2_C1_0, 0);	/* APIAKeyLo_EL1 */
		write_sysreg(S3_0_C2_C1_1, 0);	/* APIAKeyHi_EL1 */
		write_sysreg(S3_0_C2_C1_2, 0);	/* APIBKeyLo_EL1 */
		write_sysreg(S3_0_C2_C1_3, 0);	/* APIBKeyHi_EL1 */
		write_sysreg(S3_0_C2_C2_0, 0);	/* APDAKeyLo_EL1 */
		write_sysreg(S3_0_C2_C2_1, 0);	/* APDAKeyHi_EL1 */
		write_sysreg(S3_0_C2_C2_2, 0);	/* APDBKeyLo_EL1 */
		write_sysreg(S3_0_C2_C2_3, 0);	/* APDBKeyHi_EL1 */
		write_sysreg(S3_0_C2_C3_0, 0);	/* APGAKeyLo_EL1 */
		write_sysreg(S3_0_C2_C3_1, 0);	/* APGAKeyHi_EL1 */
	}
	if (field(mmfr1, 16))
		write_sysreg(S3_0_C10_C4_3, 0);	/* LORC_EL1 */
	if (field(pfr0, 28))
		write_sysreg(S3_4_C12_C1_1, 0);	/* VDISR_EL2 */
}

void el1_reset_cpu(void)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);

	reset_system();
	reset_pmu(dfr0);
	reset_debug(dfr0);
	reset_fp(pfr0);
	reset_optional(pfr0);
	smccc_cpu_reset();
	isb();
}
