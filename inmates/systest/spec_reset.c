// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * spec_reset: a CPU enters its cell in the state of a CPU just out of
 * reset (docs/hypervisor.md; hypervisor/arch/arm64/el1_reset.c), whatever
 * the previous run left: general registers 0 but x0 (the context ID),
 * PSTATE EL1h with DAIF masked, SCTLR_EL1 at its RES1 bits (MMU and
 * caches off), every other EL1 and EL0 system register, the PMU event
 * configuration, breakpoints and watchpoints 0, the OS Lock locked,
 * FP/SIMD registers 0. For a cell of two CPUs with a `kept` region
 * that a SYSTEM_RESET keeps (tests/system/configs/pair_kept.dts):
 *
 *   boot 1: the second CPU is started (CPU_ON) at dirty_stub, which sets
 *     every register checked to a value other than its reset value and
 *     powers off; started again at capture_stub, which stores them all
 *     (first thing: before it uses a register) and powers off; the first
 *     CPU checks them. The second CPU is dirtied again, the first CPU
 *     dirties its own registers too, and calls SYSTEM_RESET.
 *   boot 2: the first CPU checks its own registers (those the inmate's
 *     start-up code does not set), then starts the second at
 *     capture_stub and checks its registers again.
 *
 * In-QEMU test protocol (check.h): RUN spec-reset in each boot, the line
 * `spec_reset: boot 1 done` before the reset, PASS spec-reset checks=N
 * in boot 2, then SYSTEM_OFF.
 *
 * Parameters:
 *   second    MPIDR of the cell's second CPU (default 0x3)
 *   counter   guest address of the boot counter (default 0x40f00000, in
 *             pair_kept.dts's kept region)
 */
#include <stdbool.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define MAGIC 0x54535253u		/* "SRST" */
#define SCTLR_EL1_RESET 0x30d00800ull
#define OFF_TIMEOUT_US 100000

/*
 * The registers checked: capture slot, name, reset value, bits compared,
 * and whether the inmate's start-up code sets it (then it is checked on
 * the second CPU only, at its entry).
 */
#define EL1_REGS(X)                                                            \
	X(0, sctlr_el1, SCTLR_EL1_RESET, ~0ull, 1)                             \
	X(1, tcr_el1, 0, ~0ull, 1)                                             \
	X(2, ttbr0_el1, 0, ~0ull, 1)                                           \
	X(3, ttbr1_el1, 0, ~0ull, 0)                                           \
	X(4, mair_el1, 0, ~0ull, 1)                                            \
	X(5, amair_el1, 0, ~0ull, 0)                                           \
	X(6, contextidr_el1, 0, ~0ull, 0)                                      \
	X(7, tpidr_el0, 0, ~0ull, 0)                                           \
	X(8, tpidr_el1, 0, ~0ull, 1)                                           \
	X(9, tpidrro_el0, 0, ~0ull, 0)                                         \
	X(10, esr_el1, 0, ~0ull, 0)                                            \
	X(11, far_el1, 0, ~0ull, 0)                                            \
	X(12, afsr0_el1, 0, ~0ull, 0)                                          \
	X(13, afsr1_el1, 0, ~0ull, 0)                                          \
	X(14, par_el1, 0, ~0ull, 0)                                            \
	X(15, vbar_el1, 0, ~0ull, 1)                                           \
	X(16, cpacr_el1, 0, ~0ull, 0)                                          \
	X(17, mdscr_el1, 0, ~0ull, 0)                                          \
	X(18, elr_el1, 0, ~0ull, 0)                                            \
	X(19, spsr_el1, 0, ~0ull, 0)                                           \
	X(20, cntkctl_el1, 0, ~0ull, 0)                                        \
	X(21, cntv_ctl_el0, 0, 3ull, 0)                                        \
	X(22, cntv_cval_el0, 0, ~0ull, 0)                                      \
	X(23, cntp_ctl_el0, 0, 3ull, 0)                                        \
	X(24, cntp_cval_el0, 0, ~0ull, 0)                                      \
	X(25, csselr_el1, 0, ~0ull, 0)                                         \
	X(26, pmcr_el0, 0, 0x7full, 0)                                         \
	X(27, pmcntenset_el0, 0, ~0ull, 0)                                     \
	X(28, pmintenset_el1, 0, ~0ull, 0)                                     \
	X(29, pmovsset_el0, 0, ~0ull, 0)                                       \
	X(30, pmuserenr_el0, 0, ~0ull, 0)                                      \
	X(31, pmselr_el0, 0, ~0ull, 0)                                         \
	X(32, pmccfiltr_el0, 0, ~0ull, 0)                                      \
	X(33, pmevtyper0_el0, 0, ~0ull, 0)                                     \
	X(34, pmevtyper1_el0, 0, ~0ull, 0)                                     \
	X(35, oslsr_el1, 2, 2ull, 0)                                           \
	X(36, osdlr_el1, 0, 1ull, 0)                                           \
	X(37, mdccint_el1, 0, ~0ull, 0)                                        \
	X(38, dbgbcr0_el1, 0, ~0ull, 0)                                        \
	X(39, dbgbvr0_el1, 0, ~0ull, 0)                                        \
	X(40, dbgbcr5_el1, 0, ~0ull, 0)                                        \
	X(41, dbgbvr5_el1, 0, ~0ull, 0)                                        \
	X(42, dbgwcr0_el1, 0, ~0ull, 0)                                        \
	X(43, dbgwvr0_el1, 0, ~0ull, 0)                                        \
	X(44, dbgwcr3_el1, 0, ~0ull, 0)                                        \
	X(45, dbgwvr3_el1, 0, ~0ull, 0)                                        \
	X(46, icc_pmr_el1, 0, ~0ull, 0)                                        \
	X(47, icc_igrpen1_el1, 0, 1ull, 0)

/* What dirty_stub, and the first CPU for itself, write (sp_el0, the
   OS Lock and FP/SIMD are done on their own). Never SCTLR_EL1.M. */
#define DIRTY_REGS(X)                                                          \
	X(sctlr_el1, 0x30d0180c, 1) X(tcr_el1, 0x80803520, 1)                  \
	X(ttbr0_el1, 0x40200000, 1) X(ttbr1_el1, 0x40300000, 0)                \
	X(mair_el1, 0xff00, 1) X(amair_el1, 0xffffffff, 0)                     \
	X(contextidr_el1, 0x42, 0) X(tpidr_el0, 0x1001, 0)                     \
	X(tpidr_el1, 0x1002, 1) X(tpidrro_el0, 0x1003, 0)                      \
	X(esr_el1, 0x5a000000, 0) X(far_el1, 0xdead0000, 0)                    \
	X(afsr0_el1, 1, 0) X(afsr1_el1, 1, 0) X(par_el1, 0x800, 0)             \
	X(vbar_el1, 0x40201000, 1) X(mdscr_el1, 0x1000, 0)                     \
	X(elr_el1, 0x40200000, 0) X(spsr_el1, 0x3c5, 0)                        \
	X(cntkctl_el1, 3, 0) X(cntv_cval_el0, 0x1234, 0)                       \
	X(cntv_ctl_el0, 2, 0) X(cntp_cval_el0, 0x5678, 0)                      \
	X(cntp_ctl_el0, 2, 0) X(csselr_el1, 1, 0) X(pmcr_el0, 1, 0)            \
	X(pmcntenset_el0, 0x80000001, 0) X(pmintenset_el1, 1, 0)               \
	X(pmovsset_el0, 1, 0) X(pmuserenr_el0, 0xf, 0) X(pmselr_el0, 1, 0)     \
	X(pmccfiltr_el0, 0x80000000, 0) X(pmevtyper0_el0, 0x11, 0)             \
	X(pmevtyper1_el0, 0x8, 0) X(mdccint_el1, 0x20000000, 0)                \
	X(dbgbcr0_el1, 0x1e7, 0) X(dbgbvr0_el1, 0x1000, 0)                     \
	X(dbgbcr5_el1, 0x1e7, 0) X(dbgbvr5_el1, 0x2000, 0)                     \
	X(dbgwcr0_el1, 0x1ff7, 0) X(dbgwvr0_el1, 0x3000, 0)                    \
	X(dbgwcr3_el1, 0x1ff7, 0) X(dbgwvr3_el1, 0x4000, 0)                    \
	X(icc_pmr_el1, 0xf0, 0) X(icc_igrpen1_el1, 1, 0)

/* Capture buffer, in 8-byte slots: x0-x30, then SP (SP_EL1), SP_EL0,
   CurrentEL, DAIF, SPSel, NZCV; the registers above from SYS; FPCR,
   FPSR; q0-q31 (16-byte aligned) from V. */
#define SP 31
#define SP_EL0 32
#define CURRENT_EL 33
#define DAIF 34
#define SPSEL 35
#define NZCV 36
#define SYS 40
#define FPCR 88
#define FPSR 89
#define V 90
#define SLOTS 160

static uint64_t capture[SLOTS] __attribute__((aligned(64)));

#define STR_(x) #x
#define STR(x) STR_(x)
#define CAPTURE_ASM(i, reg, want, mask, set)                                   \
	"	mrs x1, " #reg "\n	str x1, [x0, #(" #i " + " STR(SYS)     \
	") * 8]\n"
#define DIRTY_ASM(reg, value, set)                                             \
	"	ldr x1, =" #value "\n	msr " #reg ", x1\n"
#define CPU_OFF_ASM                                                            \
	"	movz w0, #0x0002\n	movk w0, #0x8400, lsl #16\n"            \
	"	smc #0\n9:	wfi\n	b 9b\n"
#define V_PAIRS(op)                                                            \
	op " q0, q1, [x1], #32\n" op " q2, q3, [x1], #32\n"                    \
	op " q4, q5, [x1], #32\n" op " q6, q7, [x1], #32\n"                    \
	op " q8, q9, [x1], #32\n" op " q10, q11, [x1], #32\n"                  \
	op " q12, q13, [x1], #32\n" op " q14, q15, [x1], #32\n"                \
	op " q16, q17, [x1], #32\n" op " q18, q19, [x1], #32\n"                \
	op " q20, q21, [x1], #32\n" op " q22, q23, [x1], #32\n"                \
	op " q24, q25, [x1], #32\n" op " q26, q27, [x1], #32\n"                \
	op " q28, q29, [x1], #32\n" op " q30, q31, [x1], #32\n"

/* x0: the capture buffer (CPU_ON's context ID). MMU off: the stores go
   to memory; the lines are cleaned anyway, for a system cache. */
__asm__(".pushsection .text\n"
	".arch_extension fp\n"
	".arch_extension simd\n"
	".balign 8\n"
	"capture_stub:\n"
	"	stp x0, x1, [x0, #0]\n	stp x2, x3, [x0, #16]\n"
	"	stp x4, x5, [x0, #32]\n	stp x6, x7, [x0, #48]\n"
	"	stp x8, x9, [x0, #64]\n	stp x10, x11, [x0, #80]\n"
	"	stp x12, x13, [x0, #96]\n	stp x14, x15, [x0, #112]\n"
	"	stp x16, x17, [x0, #128]\n	stp x18, x19, [x0, #144]\n"
	"	stp x20, x21, [x0, #160]\n	stp x22, x23, [x0, #176]\n"
	"	stp x24, x25, [x0, #192]\n	stp x26, x27, [x0, #208]\n"
	"	stp x28, x29, [x0, #224]\n	str x30, [x0, #240]\n"
	"	mov x1, sp\n	str x1, [x0, #" STR(SP) " * 8]\n"
	"	mrs x1, sp_el0\n	str x1, [x0, #" STR(SP_EL0) " * 8]\n"
	"	mrs x1, CurrentEL\n	str x1, [x0, #" STR(CURRENT_EL) " * 8]\n"
	"	mrs x1, daif\n	str x1, [x0, #" STR(DAIF) " * 8]\n"
	"	mrs x1, spsel\n	str x1, [x0, #" STR(SPSEL) " * 8]\n"
	"	mrs x1, nzcv\n	str x1, [x0, #" STR(NZCV) " * 8]\n"
	EL1_REGS(CAPTURE_ASM)
	"	mov x1, #(3 << 20)\n	msr cpacr_el1, x1\n	isb\n"
	"	mrs x1, fpcr\n	str x1, [x0, #" STR(FPCR) " * 8]\n"
	"	mrs x1, fpsr\n	str x1, [x0, #" STR(FPSR) " * 8]\n"
	"	add x1, x0, #" STR(V) " * 8\n"
	V_PAIRS("stp")
	"	mov x1, x0\n	add x2, x0, #" STR(SLOTS) " * 8\n"
	"1:	dc civac, x1\n	add x1, x1, #32\n	cmp x1, x2\n	b.lo 1b\n"
	"	dsb sy\n"
	CPU_OFF_ASM
	".ltorg\n"
	".balign 16\n"		/* its code is read as q registers */
	"dirty_stub:\n"
	DIRTY_REGS(DIRTY_ASM)
	"	ldr x1, =0x40280000\n	mov sp, x1\n	msr sp_el0, x1\n"
	"	msr oslar_el1, xzr\n"
	"	mov x1, #(3 << 20)\n	msr cpacr_el1, x1\n	isb\n"
	"	ldr x1, =0x03c00000\n	msr fpcr, x1\n"
	"	mov x1, #0x1f\n	msr fpsr, x1\n"
	"	ldr x1, =0xa5a5a5a5a5a5a5a5\n	dup v0.2d, x1\n	dup v1.2d, x1\n"
	"	adr x1, dirty_stub\n"
	V_PAIRS("ldp")
	"	isb\n"
	CPU_OFF_ASM
	".ltorg\n"
	".popsection\n");
extern char capture_stub[], dirty_stub[];

static void cache_clean_invalidate(void)
{
	for (uintptr_t a = (uintptr_t)capture;
	     a < (uintptr_t)capture + sizeof(capture); a += 32)
		__asm__ __volatile__("dc civac, %0" : : "r"(a) : "memory");
	dsb_sy();
}

/* Starts the second CPU at @entry with x0 = @context; waits until it has
   powered itself off. */
static void run_second(uint64_t second, char *entry, uint64_t context)
{
	uint64_t deadline;

	CHECK_EQ(psci_cpu_on(second, (uint64_t)(uintptr_t)entry, context),
		 PSCI_SUCCESS);
	deadline = timer_counter() + timer_us_to_ticks(OFF_TIMEOUT_US);
	/* yield: under QEMU's -icount one host thread runs every CPU in
	   turn, and one that spins without yielding holds the others up. */
	while (psci_affinity_info(second) != PSCI_AFFINITY_OFF) {
		if (timer_counter() > deadline)
			check_fail("the second CPU did not power off");
		__asm__ __volatile__("yield" ::: "memory");
	}
}

static void expect_reg(const char *name, uint64_t got, uint64_t want,
		       uint64_t mask, const char *cpu)
{
	if ((got & mask) != want)
		check_fail("%s CPU: %s is 0x%llx, expected 0x%llx (bits "
			   "0x%llx)", cpu, name, (unsigned long long)got,
			   (unsigned long long)want, (unsigned long long)mask);
	CHECK_EQ(got & mask, want);
}

#define CHECK_CAPTURED(i, reg, want, mask, set)                                \
	expect_reg(#reg, capture[SYS + (i)], (want), (mask), "second");

static void check_second(uint64_t second)
{
	unsigned int i;

	cache_clean_invalidate();
	for (i = 0; i < SLOTS; i++)
		capture[i] = 0x5a5a5a5a5a5a5a5aull;
	cache_clean_invalidate();
	run_second(second, capture_stub, (uint64_t)(uintptr_t)capture);
	cache_clean_invalidate();
	expect_reg("x0", capture[0], (uint64_t)(uintptr_t)capture, ~0ull,
		   "second");
	for (i = 1; i <= 30; i++)
		expect_reg("x1-x30", capture[i], 0, ~0ull, "second");
	expect_reg("SP_EL1", capture[SP], 0, ~0ull, "second");
	expect_reg("SP_EL0", capture[SP_EL0], 0, ~0ull, "second");
	expect_reg("CurrentEL", capture[CURRENT_EL], 1 << 2, ~0ull, "second");
	expect_reg("DAIF", capture[DAIF], 0x3c0, ~0ull, "second");
	expect_reg("SPSel", capture[SPSEL], 1, ~0ull, "second");
	expect_reg("NZCV", capture[NZCV], 0, ~0ull, "second");
	EL1_REGS(CHECK_CAPTURED)
	expect_reg("FPCR", capture[FPCR], 0, ~0ull, "second");
	expect_reg("FPSR", capture[FPSR], 0, ~0ull, "second");
	for (i = V; i < V + 64; i++)
		expect_reg("V0-V31", capture[i], 0, ~0ull, "second");
}

#define READ_OWN(i, reg, want, mask, set)                                      \
	if (!(set))                                                            \
		own[i] = read_sysreg(reg);
#define CHECK_OWN(i, reg, want, mask, set)                                     \
	if (!(set))                                                            \
		expect_reg(#reg, own[i], (want), (mask), "first");

/* The first CPU, before anything it runs could change them. */
static void check_first(void)
{
	uint64_t own[48] = { 0 }, fp[66];
	unsigned int i;

	EL1_REGS(READ_OWN)
	write_sysreg(cpacr_el1, 3ull << 20);
	isb();
	fp[0] = read_sysreg(fpcr);
	fp[1] = read_sysreg(fpsr);
	__asm__ __volatile__(".arch_extension fp\n.arch_extension simd\n"
			     "mov x1, %0\n" V_PAIRS("stp")
			     : : "r"(&fp[2]) : "x1", "memory");
	check_begin("spec-reset");
	EL1_REGS(CHECK_OWN)
	for (i = 0; i < 66; i++)
		expect_reg("FPCR, FPSR, V0-V31", fp[i], 0, ~0ull, "first");
}

#define DIRTY_OWN(reg, value, set)                                             \
	if (!(set))                                                            \
		write_sysreg(reg, (uint64_t)(value));

static void dirty_first(void)
{
	DIRTY_REGS(DIRTY_OWN)
	write_sysreg(sp_el0, 0x40280000ull);
	write_sysreg(oslar_el1, 0);
	write_sysreg(cpacr_el1, 3ull << 20);
	isb();
	write_sysreg(fpcr, 0x03c00000ull);
	write_sysreg(fpsr, 0x1full);
	__asm__ __volatile__(".arch_extension fp\n.arch_extension simd\n"
			     "adr x1, dirty_stub\n" V_PAIRS("ldp")
			     : : : "x1", "memory");
	isb();
}

struct boot_counter {
	uint32_t magic;
	uint32_t boots;
};

int inmate_main(void)
{
	static const char *const keys[] = { "second", "counter", NULL };
	volatile struct boot_counter *counter;
	uint64_t second;

	params_check_keys(keys);
	second = params_get_ulong("second", 3, 0, ~0ul);
	counter = (volatile struct boot_counter *)params_get_ulong(
		"counter", 0x40f00000ul, 0x40000000ul, 0x7ffffff8ul);
	if (counter->magic != MAGIC) {
		counter->magic = MAGIC;
		counter->boots = 0;
	}
	if (++counter->boots == 1) {
		check_begin("spec-reset");
		run_second(second, dirty_stub, 0);
		check_second(second);
		run_second(second, dirty_stub, 0);
		console_printf("spec_reset: boot 1 done\n");
		dirty_first();
		psci_system_reset();
	}
	check_first();
	check_second(second);
	check_pass();
	return 0;
}
