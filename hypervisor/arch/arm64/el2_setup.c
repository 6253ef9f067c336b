// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every EL2 control register that decides what a cell may do, in one
 * reviewed place, each value with its reason (ARM ARM DDI 0487, chapter
 * D13 for each register). cpu.c calls el2_setup_cpu() once per CPU at
 * boot; the registers keep their values for good, since a CPU belongs to
 * one cell and nothing is switched.
 */
#include <asm/el2_setup.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>

/*
 * HCR_EL2 (D13.2.46):
 *   VM     stage 2 on: a cell reaches only its own memory.
 *   FMO, IMO, AMO  physical FIQ, IRQ and SError go to EL2; the cell gets
 *          virtual ones through the GIC's virtual CPU interface.
 *   TID3   reads of the ID registers trap: a cell reads the CPU's
 *          identification, minus the features it cannot use (what the
 *          hypervisor traps or leaves to EL2: MTE, SME, SPE, AMU and
 *          more, see id_regs.c), so no feature it sees fails on use.
 *   TSC    SMC traps: PSCI is emulated, firmware is never a cell's.
 *   TIDCP  implementation-defined system registers (CPU control, L2
 *          control, errata switches) trap: a cell must not retune a CPU
 *          or cache shared with other cells. The cell gets UNDEFINED.
 *   TACR   ACTLR_EL1 traps (reads as zero, writes ignored): also an
 *          implementation-defined control.
 *   TSW    data cache maintenance by set/way traps: it acts on a whole
 *          cache, other cells' lines included, and DC ISW would discard
 *          their dirty data. The hypervisor performs a clean and
 *          invalidate of the same set and way instead: the cell's lines
 *          are handled as it asked, nobody's data is lost.
 *   RW     EL1 is AArch64.
 *   API, APK  pointer authentication is the cell's, untrapped, when the
 *          CPU has it: the keys are per CPU and a CPU is one cell's.
 * Left clear on purpose: TWI and TWE (a cell's WFI sleeps on the CPU it
 * owns, with bare-metal wake-up latency), TID0-TID2 (MIDR, MPIDR through
 * VPIDR and VMPIDR, cache IDs: the CPU's, like bare metal), TVM (no
 * stage-1 tracking needed), TERR (the RAS error record registers are
 * left to the cell, untrapped).
 */
static uint64_t hcr_value(void)
{
	uint64_t hcr = HCR_VM | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TID3 |
		       HCR_TSC | HCR_TIDCP | HCR_TACR | HCR_TSW | HCR_RW;
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1);

	/* ID_AA64ISAR1_EL1 APA [7:4], API [11:8], GPA, GPI: any address
	   or generic authentication (D13.2.62). */
	if (isar1 & 0xff0000ff0ull)
		hcr |= HCR_API | HCR_APK;
	return hcr;
}

/*
 * CPTR_EL2 (D13.2.33), not VHE: RES1 bits, TFP clear (floating point and
 * SIMD are the cell's), TTA clear (trace registers: the cell's own CPU),
 * TCPAC clear. TZ (bit 8) traps SVE: cleared when the CPU has SVE, which
 * is then the cell's at its largest vector length (ZCR_EL2.LEN all ones);
 * RES1 otherwise.
 */
#define CPTR_EL2_RES1 0x000032ffull
#define CPTR_TZ (1ull << 8)

static uint64_t cptr_value(void)
{
	if (((read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf) == 0)
		return CPTR_EL2_RES1 | CPTR_TZ;		/* no SVE */
	write_sysreg(S3_4_C1_C2_0, 0xf);	/* ZCR_EL2, by encoding */
	return CPTR_EL2_RES1;
}

/*
 * MDCR_EL2 (D13.2.76) resets UNKNOWN. HPMN = every PMU counter (PMCR_EL0.N):
 * the counters are the cell's, like the CPU. HPMD (ARMv8.1 PMU, PMUVer >=
 * 4): events at EL2 are not counted, so a cell cannot measure the
 * hypervisor. Debug is not trapped (TDE, TDA, TDOSA, TDRA clear): debug
 * exceptions then target EL1 and are never taken at EL2.
 */
#define MDCR_HPMD (1ull << 17)

static uint64_t mdcr_value(void)
{
	uint64_t mdcr = (read_sysreg(pmcr_el0) >> 11) & 0x1f;
	unsigned int pmuver = (read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf;

	if (pmuver >= 4 && pmuver != 0xf)
		mdcr |= MDCR_HPMD;
	return mdcr;
}

/*
 * CNTHCTL_EL2 (D13.2.25), not VHE: EL1PCTEN and EL1PCEN set, so the cell
 * reads the physical counter and owns the EL1 physical timer (PPI 30),
 * untrapped: the hypervisor's own timer is the EL2 one (PPI 26).
 * CNTVOFF_EL2 = 0: the virtual counter is the physical one, as on a
 * machine without a hypervisor.
 */
#define CNTHCTL_EL1PCTEN (1ull << 0)
#define CNTHCTL_EL1PCEN (1ull << 1)

void el2_setup_cpu(const struct percpu *pc)
{
	write_sysreg(hcr_el2, hcr_value());
	write_sysreg(cptr_el2, cptr_value());
	write_sysreg(mdcr_el2, mdcr_value());
	/* HSTR_EL2 resets UNKNOWN; 0: no AArch32 CP15 traps (EL1 is
	   AArch64, EL0 may be AArch32 and gets its CP15 unchanged). */
	write_sysreg(hstr_el2, 0);
	/* ACTLR_EL2 = 0: its implementation-defined bits, on the Cortex-A
	   cores, are what let EL1 write CPUACTLR, CPUECTLR and the L2
	   controls: a cell gets none. */
	write_sysreg(actlr_el2, 0);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg(cntvoff_el2, 0);
	/* The cell's identification is the CPU's; bit 31 of MPIDR_EL1 is
	   RES1 (D13.2.86), so the cell reads it set, as on bare metal. */
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, pc->mpidr | (1ull << 31));
	isb();
}
