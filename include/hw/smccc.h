/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The SMC Calling Convention (ARM DEN 0028, SMCCC 1.1) and the services
 * that use it here: the function ID format, the Arm architecture calls,
 * the general queries every service range has, PSCI (ARM DEN 0022D/E) and
 * TRNG (ARM DEN 0098) IDs, and the return codes. Shared by the hypervisor
 * (which answers these calls for cells and makes some to firmware) and the
 * inmates (which make them). Only facts of the specifications are here;
 * what cellblock answers is in docs/hypervisor.md.
 */
#ifndef HW_SMCCC_H
#define HW_SMCCC_H

/* Function ID (SMCCC, function identifiers): bit 31 fast call, bit 30 SMC64/HVC64, bits
   29:24 the owning entity, bits 23:16 zero (SMCCC 1.1), bits 15:0 the
   function number. W0 only: bits 63:32 of X0 are not part of it. */
#define SMCCC_FAST_CALL (1u << 31)
#define SMCCC_64 (1u << 30)
#define SMCCC_OWNER(fn) (((fn) >> 24) & 0x3fu)
#define SMCCC_NUMBER(fn) ((fn) & 0xffffu)
#define SMCCC_RESERVED_BITS 0x00ff0000u

/* Owning entities (SMCCC, function identifier ranges). */
#define SMCCC_OWNER_ARCH 0
#define SMCCC_OWNER_CPU 1
#define SMCCC_OWNER_SIP 2
#define SMCCC_OWNER_OEM 3
#define SMCCC_OWNER_STANDARD 4
#define SMCCC_OWNER_STANDARD_HYP 5
#define SMCCC_OWNER_VENDOR_HYP 6

/* Arm architecture calls (owner 0). */
#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_SOC_ID 0x80000002u
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u	/* CVE-2017-5715 */
#define SMCCC_ARCH_WORKAROUND_2 0x80007fffu	/* CVE-2018-3639 */
#define SMCCC_ARCH_WORKAROUND_3 0x80003fffu	/* CVE-2022-23960 */
#define SMCCC_VERSION_1_1 0x00010001

/* General service queries, at the top of every owner's fast SMC32 range
   (SMCCC, general service queries): function numbers 0xff00, 0xff01, 0xff03. */
#define SMCCC_CALL_COUNT 0xff00u
#define SMCCC_CALL_UID 0xff01u
#define SMCCC_REVISION 0xff03u
#define VENDOR_HYP_CALL_COUNT 0x8600ff00u
#define VENDOR_HYP_CALL_UID 0x8600ff01u
#define VENDOR_HYP_REVISION 0x8600ff03u

/* SMCCC return codes (SMCCC 7.1). */
#define SMCCC_RET_SUCCESS 0
#define SMCCC_RET_NOT_SUPPORTED (-1)
#define SMCCC_RET_NOT_REQUIRED (-2)
#define SMCCC_RET_INVALID_PARAMETER (-3)

/* PSCI (standard service, owner 4, function numbers 0x00-0x1f). */
#define PSCI_FN_FIRST 0x84000000u
#define PSCI_FN_LAST 0x8400001fu
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND_32 0x84000001u
#define PSCI_CPU_SUSPEND_64 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_32 0x84000003u
#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_AFFINITY_INFO_32 0x84000004u
#define PSCI_AFFINITY_INFO_64 0xc4000004u
#define PSCI_MIGRATE_32 0x84000005u
#define PSCI_MIGRATE_64 0xc4000005u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_MIGRATE_INFO_UP_CPU_32 0x84000007u
#define PSCI_MIGRATE_INFO_UP_CPU_64 0xc4000007u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_CPU_FREEZE 0x8400000bu
#define PSCI_CPU_DEFAULT_SUSPEND_32 0x8400000cu
#define PSCI_CPU_DEFAULT_SUSPEND_64 0xc400000cu
#define PSCI_NODE_HW_STATE_32 0x8400000du
#define PSCI_NODE_HW_STATE_64 0xc400000du
#define PSCI_SYSTEM_SUSPEND_32 0x8400000eu
#define PSCI_SYSTEM_SUSPEND_64 0xc400000eu
#define PSCI_SET_SUSPEND_MODE 0x8400000fu
#define PSCI_STAT_RESIDENCY_32 0x84000010u
#define PSCI_STAT_RESIDENCY_64 0xc4000010u
#define PSCI_STAT_COUNT_32 0x84000011u
#define PSCI_STAT_COUNT_64 0xc4000011u
#define PSCI_SYSTEM_RESET2_32 0x84000012u
#define PSCI_SYSTEM_RESET2_64 0xc4000012u
#define PSCI_MEM_PROTECT 0x84000013u
#define PSCI_MEM_PROTECT_CHECK_RANGE_32 0x84000014u
#define PSCI_MEM_PROTECT_CHECK_RANGE_64 0xc4000014u
#define PSCI_VERSION_1_1 0x00010001

/* PSCI return codes (PSCI 5.2.2). */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)
#define PSCI_NOT_PRESENT (-7)
#define PSCI_DISABLED (-8)
#define PSCI_INVALID_ADDRESS (-9)

/* AFFINITY_INFO answers (PSCI 5.7). */
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_AFFINITY_ON_PENDING 2

/* MIGRATE_INFO_TYPE: a Trusted OS that needs no migration, or none. */
#define PSCI_TOS_NOT_PRESENT_MP 2

/* CPU_SUSPEND power_state, original format (PSCI, CPU_SUSPEND). */
#define PSCI_POWER_STATE_ID 0x0000ffffu
#define PSCI_POWER_STATE_TYPE_POWERDOWN (1u << 16)
#define PSCI_POWER_STATE_LEVEL 0x03000000u

/* SYSTEM_RESET2 reset_type: bit 31 set, vendor-specific. */
#define PSCI_RESET2_WARM_RESET 0u
#define PSCI_RESET2_VENDOR (1u << 31)

/* TRNG (standard service, ARM DEN 0098). */
#define TRNG_VERSION 0x84000050u
#define TRNG_FEATURES 0x84000051u
#define TRNG_GET_UUID 0x84000052u
#define TRNG_RND_32 0x84000053u
#define TRNG_RND_64 0xc4000053u

#endif /* HW_SMCCC_H */
