// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ID registers a cell reads (ARM ARM DDI 0487, each register's field
 * descriptions; the reads trap with HCR_EL2.TID3, see el2_setup.c). A cell must see no
 * feature it cannot use: one the hypervisor traps, leaves owned by EL2,
 * or that needs EL2 set-up the hypervisor does not do. So each AArch64
 * register is the CPU's value with only the fields below kept, the rest
 * reading as 0 ("not implemented"): a field a later architecture adds is
 * hidden until it is looked at here (fail closed). The AArch32 registers
 * (CRm 1-3) describe EL0 in AArch32, which the cell gets as the CPU has
 * it: they read as the hardware's, as do the reserved encodings, which
 * are RAZ.
 *
 * Hidden, and why:
 *   AMU, MPAM        not configured at EL2 (their EL2 traps and
 *                    partition IDs are the hypervisor's business);
 *   MTE              HCR_EL2.ATA is clear (tag accesses trap) and stage
 *                    2 maps no memory as tagged;
 *   SME              CPTR_EL2.TSM (RES1 without VHE) traps it;
 *   SPE, TRBE, BRBE  the profiling and trace buffers stay owned by EL2
 *                    (MDCR_EL2.E2PB, E2TB are 0): EL1 accesses trap;
 *   LS64, MOPS, NMI, GCS, THE and the like: enabled through HCRX_EL2 or
 *                    other EL2 controls the hypervisor leaves at reset;
 *   RME, TME, and EL2-only features (FGT, NV, EVT, TWED, HCX, FWB, PMU
 *                    snapshot and HPMN0): of no use at EL1.
 * Kept: everything EL1 and EL0 use untrapped: FP/SIMD, SVE (CPTR_EL2.TZ
 * clear when present), pointer authentication (HCR_EL2.API, APK), the
 * PMU and debug (MDCR_EL2 traps neither), GIC system registers, RAS
 * (HCR_EL2.TERR clear), the instruction sets, the memory model fields
 * and the speculation fields (CSV2, CSV3, ECBHB, CLRBHB), which describe
 * the CPU the cell runs on.
 */
#include <asm/id_regs.h>
#include <asm/sysreg.h>

#define FIELD(lsb) (0xfull << (lsb))

/* Fields kept, by [CRm - 4][Op2]: ID_AA64PFR*, DFR*, ISAR*, MMFR*. */
static const uint64_t kept[4][8] = {
	[0] = {
		/* ID_AA64PFR0_EL1: all but MPAM, AMU, RME. */
		[0] = ~(FIELD(40) | FIELD(44) | FIELD(52)),
		/* ID_AA64PFR1_EL1: BT, SSBS, RAS_frac, CSV2_frac. */
		[1] = FIELD(0) | FIELD(4) | FIELD(12) | FIELD(32),
		/* ID_AA64ZFR0_EL1: SVE's instructions, all. */
		[4] = ~0ull,
	},
	[1] = {
		/* ID_AA64DFR0_EL1: DebugVer, TraceVer, PMUVer, BRPs, WRPs,
		   CTX_CMPs, DoubleLock, TraceFilt, MTPMU. */
		[0] = FIELD(0) | FIELD(4) | FIELD(8) | FIELD(12) | FIELD(20) |
		      FIELD(28) | FIELD(36) | FIELD(40) | FIELD(48),
	},
	[2] = {
		/* ID_AA64ISAR0_EL1: all but TME. */
		[0] = ~FIELD(24),
		/* ID_AA64ISAR1_EL1: all but LS64. */
		[1] = ~FIELD(60),
		/* ID_AA64ISAR2_EL1: WFxT, RPRES, GPA3, APA3, BC, PAC_frac,
		   CLRBHB. */
		[2] = FIELD(0) | FIELD(4) | FIELD(8) | FIELD(12) | FIELD(20) |
		      FIELD(24) | FIELD(28),
	},
	[3] = {
		/* ID_AA64MMFR0_EL1: all but FGT. */
		[0] = ~FIELD(56),
		/* ID_AA64MMFR1_EL1: all but TWED, HCX. */
		[1] = ~(FIELD(32) | FIELD(40)),
		/* ID_AA64MMFR2_EL1: all but NV, FWB, EVT. */
		[2] = ~(FIELD(24) | FIELD(40) | FIELD(56)),
	},
};

/* mrs of S3_0_C0_C<crm>_<op2>: the encoding must be an immediate. */
#define ID_CASE(crm, op2)                                                      \
	case (crm) * 8 + (op2):                                                \
		return read_sysreg(S3_0_C0_C##crm##_##op2)
#define ID_ROW(crm)                                                            \
	ID_CASE(crm, 0); ID_CASE(crm, 1); ID_CASE(crm, 2); ID_CASE(crm, 3);    \
	ID_CASE(crm, 4); ID_CASE(crm, 5); ID_CASE(crm, 6); ID_CASE(crm, 7)

static uint64_t hardware(unsigned int crm, unsigned int op2)
{
	switch (crm * 8 + op2) {
	ID_ROW(1); ID_ROW(2); ID_ROW(3); ID_ROW(4); ID_ROW(5); ID_ROW(6);
	ID_ROW(7);
	}
	return 0;
}

uint64_t id_reg_read(unsigned int crm, unsigned int op2)
{
	uint64_t mask;

	if (crm < 4)
		return hardware(crm, op2);	/* AArch32 */
	mask = kept[crm - 4][op2];
	return mask ? hardware(crm, op2) & mask : 0;
}
