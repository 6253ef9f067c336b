// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks through system registers and system instructions.
 *
 * Group "sysregs": EL2 and EL3 registers and EL2 instructions from EL1
 * (UNDEFINED: an exception at EL1, the register descriptions of the ARM
 * ARM), implementation-defined registers (UNDEFINED: the
 * hypervisor sets HCR_EL2.TIDCP), ACTLR_EL1 (trapped: reads as zero,
 * writes ignored), the debug and PMU registers (the cell's own: a
 * watchpoint or breakpoint on the hypervisor never fires at EL2),
 * exceptions while everything is masked, and an exception return that
 * asks for EL2.

 * (The cache and TLB maintenance kinds are in attack_cache.c.)
 *
 * Alone: VBAR_EL1 outside the cell's memory, then an exception (parked:
 * the vector fetch leaves the cell).
 *
 * Past 500 lines: most of it is the tables of one-instruction register
 * probes, which read best next to the kinds that use them.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "attack_kinds.h"

/* --------------------------------------------------- register probes */

/* sr_read_ID / sr_write_ID: one MRS or MSR, then ret (attack_kinds.h). */
#define PROBE_READ(id, reg)                                                    \
	__asm__(".pushsection .text\n.balign 4\n"                              \
		".global sr_read_" #id "\n"                                    \
		"sr_read_" #id ":\n	mrs x0, " reg "\n	ret\n"         \
		".popsection");                                                \
	uint64_t sr_read_##id(uint64_t keep)
#define PROBE_RW(id, reg)                                                      \
	PROBE_READ(id, reg);                                                   \
	__asm__(".pushsection .text\n.balign 4\n"                              \
		".global sr_write_" #id "\n"                                   \
		"sr_write_" #id ":\n	msr " reg ", x0\n	ret\n"   \
		".popsection");                                                \
	void sr_write_##id(uint64_t value)

struct sysreg_probe {
	const char *name;
	uint64_t (*read)(uint64_t keep);
	void (*write)(uint64_t value);
};

#define RW(id) { #id, sr_read_##id, sr_write_##id }
#define RO(id) { #id, sr_read_##id, 0 }

/* EL2 registers: every one the hypervisor relies on, and more. */
PROBE_RW(hcr_el2, "hcr_el2");
PROBE_RW(vttbr_el2, "vttbr_el2");
PROBE_RW(vtcr_el2, "vtcr_el2");
PROBE_RW(vbar_el2, "vbar_el2");
PROBE_RW(sctlr_el2, "sctlr_el2");
PROBE_RW(tcr_el2, "tcr_el2");
PROBE_RW(ttbr0_el2, "ttbr0_el2");
PROBE_RW(mair_el2, "mair_el2");
PROBE_RW(tpidr_el2, "tpidr_el2");
PROBE_RW(esr_el2, "esr_el2");
PROBE_RW(far_el2, "far_el2");
PROBE_RW(hpfar_el2, "hpfar_el2");
PROBE_RW(elr_el2, "elr_el2");
PROBE_RW(spsr_el2, "spsr_el2");
PROBE_RW(sp_el1, "sp_el1");
PROBE_RW(cnthctl_el2, "cnthctl_el2");
PROBE_RW(cntvoff_el2, "cntvoff_el2");
PROBE_RW(cnthp_ctl_el2, "cnthp_ctl_el2");
PROBE_RW(cnthp_cval_el2, "cnthp_cval_el2");
PROBE_RW(cnthp_tval_el2, "cnthp_tval_el2");
PROBE_RW(vpidr_el2, "vpidr_el2");
PROBE_RW(vmpidr_el2, "vmpidr_el2");
PROBE_RW(mdcr_el2, "mdcr_el2");
PROBE_RW(cptr_el2, "cptr_el2");
PROBE_RW(hstr_el2, "hstr_el2");
PROBE_RW(hacr_el2, "hacr_el2");
PROBE_RW(actlr_el2, "actlr_el2");
PROBE_RW(afsr0_el2, "afsr0_el2");
PROBE_RW(amair_el2, "amair_el2");
PROBE_RW(ich_hcr_el2, "ich_hcr_el2");
PROBE_RW(ich_vmcr_el2, "ich_vmcr_el2");
PROBE_RW(ich_lr0_el2, "ich_lr0_el2");
PROBE_RW(ich_lr3_el2, "ich_lr3_el2");
PROBE_RW(ich_ap1r0_el2, "ich_ap1r0_el2");
PROBE_RW(icc_sre_el2, "icc_sre_el2");
PROBE_READ(ich_vtr_el2, "ich_vtr_el2");
PROBE_READ(ich_misr_el2, "ich_misr_el2");
PROBE_READ(ich_elrsr_el2, "ich_elrsr_el2");

static const struct sysreg_probe el2_registers[] = {
	RW(hcr_el2), RW(vttbr_el2), RW(vtcr_el2), RW(vbar_el2),
	RW(sctlr_el2), RW(tcr_el2), RW(ttbr0_el2), RW(mair_el2),
	RW(tpidr_el2), RW(esr_el2), RW(far_el2), RW(hpfar_el2),
	RW(elr_el2), RW(spsr_el2), RW(sp_el1), RW(cnthctl_el2),
	RW(cntvoff_el2), RW(cnthp_ctl_el2), RW(cnthp_cval_el2),
	RW(cnthp_tval_el2), RW(vpidr_el2), RW(vmpidr_el2), RW(mdcr_el2),
	RW(cptr_el2), RW(hstr_el2), RW(hacr_el2), RW(actlr_el2),
	RW(afsr0_el2), RW(amair_el2), RW(ich_hcr_el2), RW(ich_vmcr_el2),
	RW(ich_lr0_el2), RW(ich_lr3_el2), RW(ich_ap1r0_el2),
	RW(icc_sre_el2), RO(ich_vtr_el2), RO(ich_misr_el2),
	RO(ich_elrsr_el2),
};

PROBE_RW(scr_el3, "scr_el3");
PROBE_RW(sctlr_el3, "sctlr_el3");
PROBE_RW(vbar_el3, "vbar_el3");
PROBE_RW(elr_el3, "elr_el3");
PROBE_RW(spsr_el3, "spsr_el3");
PROBE_RW(mdcr_el3, "mdcr_el3");
PROBE_RW(cptr_el3, "cptr_el3");
PROBE_RW(tpidr_el3, "tpidr_el3");
PROBE_RW(ttbr0_el3, "ttbr0_el3");
PROBE_RW(sp_el2, "sp_el2");
PROBE_RW(icc_sre_el3, "icc_sre_el3");
PROBE_RW(icc_ctlr_el3, "icc_ctlr_el3");
PROBE_RW(icc_igrpen1_el3, "icc_igrpen1_el3");

static const struct sysreg_probe el3_registers[] = {
	RW(scr_el3), RW(sctlr_el3), RW(vbar_el3), RW(elr_el3),
	RW(spsr_el3), RW(mdcr_el3), RW(cptr_el3), RW(tpidr_el3),
	RW(ttbr0_el3), RW(sp_el2), RW(icc_sre_el3), RW(icc_ctlr_el3),
	RW(icc_igrpen1_el3),
};

/* Encodings of the implementation-defined space (op0 3, CRn 11 and 15)
   that the Cortex-A57 does not define. */
PROBE_RW(impdef_0_15_0_0, "s3_0_c15_c0_0");
PROBE_RW(impdef_0_11_0_0, "s3_0_c11_c0_0");
PROBE_RW(impdef_1_15_4_0, "s3_1_c15_c4_0");
PROBE_RW(impdef_2_15_0_0, "s3_2_c15_c0_0");
PROBE_RW(impdef_3_15_15_7, "s3_3_c15_c15_7");
PROBE_RW(impdef_7_15_0_0, "s3_7_c15_c0_0");
PROBE_RW(impdef_7_11_7_7, "s3_7_c11_c7_7");

static const struct sysreg_probe impdef_unallocated[] = {
	RW(impdef_0_15_0_0), RW(impdef_0_11_0_0), RW(impdef_1_15_4_0),
	RW(impdef_2_15_0_0), RW(impdef_3_15_15_7), RW(impdef_7_15_0_0),
	RW(impdef_7_11_7_7),
};

/* The Cortex-A57's own (TRM 4.3): CPU, L2 and error controls. */
PROBE_RW(cpuactlr_el1, "s3_1_c15_c2_0");
PROBE_RW(cpuectlr_el1, "s3_1_c15_c2_1");
PROBE_RW(cpumerrsr_el1, "s3_1_c15_c2_2");
PROBE_RW(l2merrsr_el1, "s3_1_c15_c2_3");
PROBE_RW(l2ctlr_el1, "s3_1_c11_c0_2");
PROBE_RW(l2ectlr_el1, "s3_1_c11_c0_3");
PROBE_RW(l2actlr_el1, "s3_1_c15_c0_0");

static const struct sysreg_probe impdef_a57[] = {
	RW(cpuactlr_el1), RW(cpuectlr_el1), RW(cpumerrsr_el1),
	RW(l2merrsr_el1), RW(l2ctlr_el1), RW(l2ectlr_el1), RW(l2actlr_el1),
};

/* An access of @p that must be UNDEFINED at EL1. */
static void expect_undefined(const struct sysreg_probe *p, bool write)
{
	unsigned int before = caught.count;
	uintptr_t pc = write ? (uintptr_t)p->write : (uintptr_t)p->read;

	if (write)
		p->write(~0ull);
	else
		p->read(0);
	kind_check(caught_at(before, EC_UNKNOWN, pc), "%s %s: %u exceptions, "
		   "last ESR 0x%llx at 0x%llx; expected EC 0 at 0x%lx",
		   write ? "MSR" : "MRS", p->name, caught.count - before,
		   (unsigned long long)caught.esr,
		   (unsigned long long)caught.elr, (unsigned long)pc);
}

static void undefined_set(const char *name, const struct sysreg_probe *set,
			  unsigned int count)
{
	unsigned int i;

	kind_begin(name);
	catch_begin();
	for (i = 0; i < count; i++) {
		expect_undefined(&set[i], false);
		if (set[i].write)
			expect_undefined(&set[i], true);
	}
	catch_end();
	kind_end();
}

static void el2_regs(void)
{
	undefined_set("el2-registers", el2_registers,
		      sizeof(el2_registers) / sizeof(el2_registers[0]));
}

static void el3_regs(void)
{
	undefined_set("el3-registers", el3_registers,
		      sizeof(el3_registers) / sizeof(el3_registers[0]));
}

static void impdef_unknown(void)
{
	undefined_set("impdef-unallocated", impdef_unallocated,
		      sizeof(impdef_unallocated) /
			      sizeof(impdef_unallocated[0]));
}

/*
 * The A57's implementation-defined registers: UNDEFINED for the cell
 * (HCR_EL2.TIDCP). QEMU 7.2 does not implement TIDCP and models them as
 * constants that ignore writes: there, ignoring the write is the most a
 * hypervisor can make of it. Either way the cell changes nothing.
 */
static void impdef_core(void)
{
	unsigned int i, before, undefined = 0;
	uint64_t first, second;

	kind_begin("impdef-cortex-a57");
	catch_begin();
	for (i = 0; i < sizeof(impdef_a57) / sizeof(impdef_a57[0]); i++) {
		const struct sysreg_probe *p = &impdef_a57[i];

		before = caught.count;
		first = p->read(0);
		if (caught_at(before, EC_UNKNOWN, (uintptr_t)p->read)) {
			expect_undefined(p, true);
			undefined++;
			continue;
		}
		p->write(~0ull);
		second = p->read(0);
		kind_check(caught.count == before && second == first,
			   "%s reads 0x%llx after writing ones, was 0x%llx "
			   "(%u exceptions)", p->name,
			   (unsigned long long)second,
			   (unsigned long long)first, caught.count - before);
	}
	catch_end();
	console_printf("attack: impdef-cortex-a57: %u of %u registers "
		       "UNDEFINED, the others ignore writes\n", undefined,
		       (unsigned int)(sizeof(impdef_a57) /
				      sizeof(impdef_a57[0])));
	kind_end();
}

/* EL2 operations: TLB maintenance of EL2 and of all VMIDs, and address
   translation through stage 2. */
__asm__(".pushsection .text\n.balign 4\n"
	"el2_op_0:\n	tlbi alle2\n	ret\n"
	"el2_op_1:\n	tlbi alle1\n	ret\n"
	"el2_op_2:\n	tlbi alle1is\n	ret\n"
	"el2_op_3:\n	tlbi vmalls12e1is\n	ret\n"
	"el2_op_4:\n	tlbi ipas2e1is, x0\n	ret\n"
	"el2_op_5:\n	at s12e1r, x0\n	ret\n"
	"el2_op_6:\n	at s1e2r, x0\n	ret\n"
	"el2_op_7:\n	tlbi vae2is, x0\n	ret\n"
	".popsection");
void el2_op_0(uint64_t), el2_op_1(uint64_t), el2_op_2(uint64_t),
	el2_op_3(uint64_t), el2_op_4(uint64_t), el2_op_5(uint64_t),
	el2_op_6(uint64_t), el2_op_7(uint64_t);

static void el2_instructions(void)
{
	static void (*const ops[])(uint64_t) = {
		el2_op_0, el2_op_1, el2_op_2, el2_op_3,
		el2_op_4, el2_op_5, el2_op_6, el2_op_7,
	};
	unsigned int i, before;

	kind_begin("el2-instructions");
	catch_begin();
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		before = caught.count;
		ops[i](0x40000000);
		kind_check(caught_at(before, EC_UNKNOWN, (uintptr_t)ops[i]),
			   "EL2 operation %u: %u exceptions, ESR 0x%llx at "
			   "0x%llx", i, caught.count - before,
			   (unsigned long long)caught.esr,
			   (unsigned long long)caught.elr);
	}
	catch_end();
	kind_end();
}

static void actlr(void)
{
	uint64_t value;

	kind_begin("actlr-el1");
	write_sysreg(actlr_el1, ~0ull);
	isb();
	value = read_sysreg(actlr_el1);
	kind_check(value == 0, "ACTLR_EL1 reads 0x%llx after writing ones",
		   (unsigned long long)value);
	__asm__ __volatile__("msr actlr_el1, xzr\n isb" : : : "memory");
	value = read_sysreg(actlr_el1);
	kind_check(value == 0, "ACTLR_EL1 reads 0x%llx",
		   (unsigned long long)value);
	kind_end();
}

/* A burst of traps: hypercalls, emulated MMIO, console. The hypervisor
   runs each at EL2 over the addresses the debug kinds watch. */
static void trap_burst(void)
{
	unsigned int i;

	for (i = 0; i < 64; i++) {
		kind_check(cb_hc_get_info() == CB_HC_INFO_MAGIC, "GET_INFO");
		(void)mmio_read32(GICD_BASE + GICD_TYPER);
		(void)mmio_read32(UART_BASE + 0x18);
	}
	console_printf("attack: trap burst done\n");
}

#define MDSCR_MDE (1ull << 15)
#define DBGBCR_EL2_ANY ((1ull << 13) | (3ull << 14) | (0xfull << 5) | \
			(3ull << 1) | 1)	/* HMC, SSC 11, BAS, PMC, E */
/* MASK, HMC, SSC 11, BAS, LSC, PAC, E */
#define DBGWCR_EL2_ANY(mask) (((uint64_t)(mask) << 24) | (1ull << 13) |   \
			      (3ull << 14) | (0xffull << 5) | (3ull << 3) |    \
			      (3ull << 1) | 1)

/*
 * The debug registers are the cell's (MDCR_EL2 traps none): breakpoints
 * and watchpoints that also match EL2 (HMC 1, SSC 11) over the
 * hypervisor's image, RAM, the GIC and the UART. Debug exceptions target
 * EL1 and are never generated at a higher EL (ARM ARM, debug exceptions),
 * and KDE 0
 * leaves EL1 itself alone: nothing fires, the hypervisor goes on.
 */
static void debug_registers(void)
{
	uint64_t mdscr = read_sysreg(mdscr_el1);
	unsigned int before;

	kind_begin("debug-registers");
	catch_begin();
	before = caught.count;
	__asm__ __volatile__("msr osdlr_el1, xzr\n msr oslar_el1, xzr\n isb");
	write_sysreg(dbgbvr0_el1, 0x40200000ull);
	write_sysreg(dbgbcr0_el1, DBGBCR_EL2_ANY);
	write_sysreg(dbgbvr1_el1, 0x40201000ull);
	write_sysreg(dbgbcr1_el1, DBGBCR_EL2_ANY);
	write_sysreg(dbgwvr0_el1, 0x40000000ull);
	write_sysreg(dbgwcr0_el1, DBGWCR_EL2_ANY(30));	/* 1 GiB */
	write_sysreg(dbgwvr1_el1, 0x08000000ull);
	write_sysreg(dbgwcr1_el1, DBGWCR_EL2_ANY(24));	/* 16 MiB */
	write_sysreg(dbgwvr2_el1, 0x09000000ull);
	write_sysreg(dbgwcr2_el1, DBGWCR_EL2_ANY(12));
	write_sysreg(mdscr_el1, mdscr | MDSCR_MDE);
	isb();
	trap_burst();
	write_sysreg(dbgbcr0_el1, 0);
	write_sysreg(dbgbcr1_el1, 0);
	write_sysreg(dbgwcr0_el1, 0);
	write_sysreg(dbgwcr1_el1, 0);
	write_sysreg(dbgwcr2_el1, 0);
	write_sysreg(mdscr_el1, mdscr);
	isb();
	catch_end();
	kind_check(caught.count == before, "%u debug exceptions at EL1, last "
		   "ESR 0x%llx", caught.count - before,
		   (unsigned long long)caught.esr);
	kind_end();
}

#define PMU_PPI 23
#define PMCR_E (1ull << 0)
#define PMCR_P (1ull << 1)
#define PMCR_C (1ull << 2)
#define PMCR_LC (1ull << 6)
#define PMCCFILTR_NSH (1ull << 27)

static void pmu_overflow(unsigned int intid)
{
	(void)intid;
	write_sysreg(pmintenclr_el1, ~0ull);
	write_sysreg(pmovsclr_el0, ~0ull);
	isb();
	irq_seen[2][PMU_PPI]++;
}

/* The PMU is the cell's: counters counting EL2 too (NSH), all overflow
   interrupts raised at once (PPI 23, the cell's), then everything off. */
static void pmu_registers(void)
{
	uint64_t cycles;
	unsigned int before = irq_seen[2][PMU_PPI];

	kind_begin("pmu-registers");
	irq_set_handler(PMU_PPI, pmu_overflow);
	gic_enable(PMU_PPI);
	write_sysreg(pmccfiltr_el0, PMCCFILTR_NSH);
	write_sysreg(pmselr_el0, 0);
	write_sysreg(pmxevtyper_el0, PMCCFILTR_NSH | 0x11);	/* CPU cycles */
	write_sysreg(pmcr_el0, PMCR_E | PMCR_P | PMCR_C | PMCR_LC);
	write_sysreg(pmcntenset_el0, ~0ull);
	write_sysreg(pmuserenr_el0, 0xf);
	isb();
	trap_burst();
	cycles = read_sysreg(pmccntr_el0);
	kind_check(cycles != 0, "the cycle counter did not count");
	write_sysreg(pmintenset_el1, ~0ull);
	write_sysreg(pmovsset_el0, ~0ull);
	isb();
	wait_us(50);
	kind_check(irq_seen[2][PMU_PPI] == before + 1, "the PMU overflow "
		   "interrupt arrived %u times, expected once",
		   irq_seen[2][PMU_PPI] - before);
	write_sysreg(pmcr_el0, 0);
	write_sysreg(pmcntenclr_el0, ~0ull);
	write_sysreg(pmuserenr_el0, 0);
	gic_disable(PMU_PPI);
	isb();
	kind_end();
}

/* SVC, BRK, UDF and HLT at EL1 with D, A, I and F masked: the cell's own
   exceptions, taken at EL1 at the instruction. */
__asm__(".pushsection .text\n.balign 4\n"
	"exc_svc:\n	svc #0x1234\n	nop\n	ret\n"
	"exc_brk:\n	brk #0x4321\n	ret\n"
	"exc_udf:\n	udf #0\n	ret\n"
	"exc_hlt:\n	hlt #0\n	ret\n"
	".popsection");
void exc_svc(void), exc_brk(void), exc_udf(void), exc_hlt(void);

static void masked_exceptions(void)
{
	static const struct {
		void (*fn)(void);
		unsigned int ec;
		uintptr_t offset;	/* of the ELR from the instruction */
	} cases[] = {
		{ exc_svc, EC_SVC64, 4 },	/* preferred return: next */
		{ exc_brk, EC_BRK, 0 },
		{ exc_udf, EC_UNKNOWN, 0 },
		{ exc_hlt, EC_UNKNOWN, 0 },
	};
	uint64_t daif = read_sysreg(daif);
	unsigned int i, before;

	kind_begin("exceptions-masked");
	__asm__ __volatile__("msr daifset, #0xf" : : : "memory");
	catch_begin();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		before = caught.count;
		cases[i].fn();
		kind_check(caught_at(before, cases[i].ec,
				     (uintptr_t)cases[i].fn + cases[i].offset),
			   "case %u: %u exceptions, ESR 0x%llx at 0x%llx", i,
			   caught.count - before,
			   (unsigned long long)caught.esr,
			   (unsigned long long)caught.elr);
	}
	catch_end();
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
	kind_check(current_el() == 1, "now at EL%u", current_el());
	kind_end();
}

/*
 * ERET with SPSR_EL1 naming EL2h: an illegal exception return (ARM ARM,
 * illegal exception returns), which stays at EL1 with PSTATE.IL set, so
 * the next instruction takes an Illegal Execution state exception (EC
 * 0x0e) at EL1. The library's handler would return with IL still set in
 * SPSR_EL1 (and take it again): a vector table of its own clears it and
 * resumes.
 * eret_el2_probe(r) fills r[0] ESR_EL1, r[1] ELR_EL1, r[2] the address
 * of the instruction after the ERET; DAIF must be masked.
 */
__asm__(".pushsection .text\n"
	".balign 2048\n"
	"eret_vectors:\n"
	".rept 4\n .balign 128\n b .\n .endr\n"
	".balign 128\n"
	"	mrs x10, esr_el1\n"
	"	str x10, [x11]\n"
	"	mrs x10, elr_el1\n"
	"	str x10, [x11, #8]\n"
	"	mrs x10, spsr_el1\n"
	"	bic x10, x10, #(1 << 20)\n"
	"	msr spsr_el1, x10\n"
	"	msr elr_el1, x12\n"
	"	eret\n"
	".rept 11\n .balign 128\n b .\n .endr\n"
	".balign 4\n"
	"eret_el2_probe:\n"
	"	mrs x13, vbar_el1\n"
	"	adrp x9, eret_vectors\n"
	"	add x9, x9, :lo12:eret_vectors\n"
	"	msr vbar_el1, x9\n"
	"	mov x11, x0\n"
	"	adr x12, 2f\n"
	"	adr x9, 1f\n"
	"	str x9, [x11, #16]\n"
	"	msr elr_el1, x9\n"
	"	mov x9, #0x3c9\n"	/* EL2h, DAIF masked */
	"	msr spsr_el1, x9\n"
	"	isb\n"
	"	eret\n"
	"1:	nop\n"
	"	nop\n"
	"2:	msr vbar_el1, x13\n"
	"	isb\n"
	"	ret\n"
	".popsection");
void eret_el2_probe(volatile uint64_t *result);

static void eret_to_el2(void)
{
	uint64_t daif = read_sysreg(daif), elr = read_sysreg(elr_el1);
	uint64_t spsr = read_sysreg(spsr_el1);
	volatile uint64_t result[3] = { 0, 0, 0 };

	kind_begin("eret-to-el2");
	__asm__ __volatile__("msr daifset, #0xf" : : : "memory");
	eret_el2_probe(result);
	write_sysreg(elr_el1, elr);
	write_sysreg(spsr_el1, spsr);
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
	kind_check(ESR_EC(result[0]) == 0x0e && result[1] == result[2],
		   "ESR 0x%llx at 0x%llx; expected EC 0xe at 0x%llx",
		   (unsigned long long)result[0],
		   (unsigned long long)result[1],
		   (unsigned long long)result[2]);
	kind_check(current_el() == 1, "now at EL%u", current_el());
	kind_end();
}

/* ------------------------------------------------------------ alone */

static void vbar_outside(void)
{
	uint64_t outside = CELL_TOP;

	announce("vbar-outside", outside + 0x200,
		 "VBAR_EL1 0x%llx, then SVC (vector: current EL, SP_ELx)",
		 (unsigned long long)outside);
	write_sysreg(vbar_el1, outside);
	isb();
	__asm__ __volatile__("svc #0" : : : "memory");
	not_parked("vbar-outside", "the SVC");
}

const struct attack_kind attack_sysreg_kinds[] = {
	{ "el2-registers", "sysregs", el2_regs },
	{ "el3-registers", "sysregs", el3_regs },
	{ "el2-instructions", "sysregs", el2_instructions },
	{ "impdef-unallocated", "sysregs", impdef_unknown },
	{ "impdef-cortex-a57", "sysregs", impdef_core },
	{ "actlr-el1", "sysregs", actlr },
	{ "debug-registers", "sysregs", debug_registers },
	{ "pmu-registers", "sysregs", pmu_registers },
	{ "exceptions-masked", "sysregs", masked_exceptions },
	{ "eret-to-el2", "sysregs", eret_to_el2 },
	{ "vbar-outside", 0, vbar_outside },
	{ 0, 0, 0 },
};
