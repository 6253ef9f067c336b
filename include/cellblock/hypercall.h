/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Hypercalls: `hvc #0` with an SMC Calling Convention function ID in w0
 * (fast SMC32 calls of owner 6, "vendor specific hypervisor service"),
 * arguments in x1-x3, result in x0; x1-x30 are preserved. Negative
 * results are errors (CB_HC_E*). Over SMC they are unknown functions.
 * PSCI calls use the same HVC (or SMC) with the PSCI function IDs.
 *
 * The service answers SMCCC's general queries (ARM DEN 0028, 6.2), so a
 * guest can tell it runs in a cellblock cell and which revision of these
 * calls it has:
 *   VENDOR_HYP_CALL_UID (0x8600ff01): x0-x3 = CB_HC_UID_0 to _3, the
 *     UUID aed43037-189e-4e08-adb2-6a5fdd0945dc, its 16 bytes in order,
 *     four to a register, the first in bits 7:0 of w0;
 *   VENDOR_HYP_REVISION (0x8600ff03): x0 = CB_HC_REVISION_MAJOR,
 *     x1 = CB_HC_REVISION_MINOR (a minor revision only adds calls);
 *   VENDOR_HYP_CALL_COUNT (0x8600ff00): x0 = CB_HC_CALL_COUNT, the calls
 *     below (the general queries are not counted).
 */
#ifndef CELLBLOCK_HYPERCALL_H
#define CELLBLOCK_HYPERCALL_H

#define CB_HC_BASE 0x86000000u

/* Returns CB_HC_INFO_MAGIC; cheap, for probing and round-trip figures. */
#define CB_HC_GET_INFO (CB_HC_BASE + 0)
#define CB_HC_INFO_MAGIC 0x43424c4b	/* "CBLK" */

/* Writes the character in x1 to the cell's console line buffer. */
#define CB_HC_CONSOLE_PUTC (CB_HC_BASE + 1)

#define CB_HC_CALL_COUNT 2

/* The service's UID (SMCCC CALL_UID format), and its revision. */
#define CB_HC_UID_0 0x3730d4aeu
#define CB_HC_UID_1 0x084e9e18u
#define CB_HC_UID_2 0x5f6ab2adu
#define CB_HC_UID_3 0xdc4509ddu
#define CB_HC_REVISION_MAJOR 1
#define CB_HC_REVISION_MINOR 0

/* Errors, as in the SMC Calling Convention: unknown function is -1. */
#define CB_HC_ENOSYS (-1)
#define CB_HC_EINVAL (-2)

#endif /* CELLBLOCK_HYPERCALL_H */
