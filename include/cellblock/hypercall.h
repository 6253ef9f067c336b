/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Hypercalls: `hvc #0` with an SMC Calling Convention function ID in w0
 * (fast calls, owner 6 "vendor hypervisor service"), arguments in x1-x3,
 * result in x0. Negative results are errors (CB_HC_E*). PSCI calls use the
 * same HVC (or SMC) with the PSCI function IDs.
 */
#ifndef CELLBLOCK_HYPERCALL_H
#define CELLBLOCK_HYPERCALL_H

#define CB_HC_BASE 0x86000000u

/* Returns CB_HC_INFO_MAGIC; cheap, for probing and round-trip figures. */
#define CB_HC_GET_INFO (CB_HC_BASE + 0)
#define CB_HC_INFO_MAGIC 0x43424c4b	/* "CBLK" */

/* Writes the character in x1 to the cell's console line buffer. */
#define CB_HC_CONSOLE_PUTC (CB_HC_BASE + 1)

/* Errors, as in the SMC Calling Convention: unknown function is -1. */
#define CB_HC_ENOSYS (-1)
#define CB_HC_EINVAL (-2)

#endif /* CELLBLOCK_HYPERCALL_H */
