/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System register access and the register bits the hypervisor uses, with
 * the ARM ARM (DDI 0487) section of each group.
 */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <stdint.h>

#define read_sysreg(reg)                                                       \
	({                                                                     \
		uint64_t value_;                                               \
		__asm__ volatile("mrs %0, " #reg : "=r"(value_));              \
		value_;                                                        \
	})

#define write_sysreg(reg, value)                                               \
	do {                                                                   \
		uint64_t wvalue_ = (uint64_t)(value);                           \
		__asm__ volatile("msr " #reg ", %0" : : "r"(wvalue_));          \
	} while (0)

#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(option) __asm__ volatile("dsb " #option ::: "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")

/* GICv3 CPU interface registers by encoding (the assembler of Debian's
   cross binutils knows them by name, but the encodings keep this
   independent of assembler versions). */
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1
#define ICC_DIR_EL1 S3_0_C12_C11_1
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_BPR1_EL1 S3_0_C12_C12_3
#define ICC_CTLR_EL1 S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_SGI1R_EL1 S3_0_C12_C11_5
#define ICC_SRE_EL2 S3_4_C12_C9_5
#define ICH_HCR_EL2 S3_4_C12_C11_0
#define ICH_VTR_EL2 S3_4_C12_C11_1
#define ICH_MISR_EL2 S3_4_C12_C11_2
#define ICH_EISR_EL2 S3_4_C12_C11_3
#define ICH_ELRSR_EL2 S3_4_C12_C11_5
#define ICH_VMCR_EL2 S3_4_C12_C11_7
#define ICH_AP0R0_EL2 S3_4_C12_C8_0
#define ICH_AP1R0_EL2 S3_4_C12_C9_0
#define ICH_LR0_EL2 S3_4_C12_C12_0
#define ICH_LR1_EL2 S3_4_C12_C12_1
#define ICH_LR2_EL2 S3_4_C12_C12_2
#define ICH_LR3_EL2 S3_4_C12_C12_3

/* HCR_EL2 (D13.2.46) */
#define HCR_VM (1ull << 0)
#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_AMO (1ull << 5)
#define HCR_TID3 (1ull << 18)
#define HCR_TSC (1ull << 19)
#define HCR_TIDCP (1ull << 20)
#define HCR_TACR (1ull << 21)
#define HCR_TSW (1ull << 22)
#define HCR_RW (1ull << 31)
#define HCR_APK (1ull << 40)
#define HCR_API (1ull << 41)

/* SCTLR_EL2 (D13.2.118) */
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)
#define SCTLR_WXN (1ull << 19)

#define SPSR_I (1ull << 7)	/* IRQs masked */

/* SPSR for entering a cell: EL1h, DAIF masked. */
#define SPSR_EL1H_MASKED 0x3c5ull

/* ESR_ELx exception classes (D13.2.37) */
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOW 0x24

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_IL (1ull << 25)

#endif /* ASM_SYSREG_H */
