/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Management hypercalls (CB_HC_CELL_SHUTDOWN to CB_HC_CELL_DESTROY,
 * include/cellblock/hypercall.h). Two implementations, chosen at link
 * time: hypervisor/core/mgmt*.c, and variant/frozen/mgmt.c, the frozen
 * build's, which has no management code and refuses every call
 * (CB_HC_EFROZEN).
 */
#ifndef HV_MGMT_H
#define HV_MGMT_H

#include <stdint.h>

struct cell;

/**
 * mgmt_call() - management hypercall @number (function ID minus
 * CB_HC_BASE) of @caller with arguments @arg[0]-@arg[3] (x1-x4): 0 or a
 * CB_HC_E* error, and then nothing changed.
 */
int64_t mgmt_call(struct cell *caller, unsigned int number,
		  const uint64_t arg[4]);

/** mgmt_boot_done() - every cell has started: the system config's
 * freeze-after-boot takes effect. */
void mgmt_boot_done(void);

/**
 * mgmt_create() - CB_HC_CELL_CREATE of @caller: the cell config at its
 * guest-physical @guest, @size bytes. Return: the new cell's ID, or a
 * CB_HC_E* error, and then nothing changed.
 */
int64_t mgmt_create(struct cell *caller, uint64_t guest, uint64_t size);

/** mgmt_frozen() - whether management is frozen (always, in the frozen
 * build): the calls that change the system, disabling it included, are
 * refused. */
int mgmt_frozen(void);

#endif /* HV_MGMT_H */
