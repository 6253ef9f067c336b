/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellblock's own hypercalls (include/cellblock/hypercall.h), generic: a
 * table indexed by function number. The arch's SMCCC service table
 * decides which trapped calls are hypercalls and hands them here.
 */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <stdint.h>

struct cell;

/**
 * hypercall_handle() - hypercall @number (function ID minus CB_HC_BASE)
 * of @cell's CPU with arguments @arg[0]-@arg[3] (x1-x4). Returns 1 and
 * sets @result, or 0 when there is no such hypercall (@result untouched).
 */
int hypercall_handle(struct cell *cell, unsigned int number,
		     const uint64_t arg[4], int64_t *result);

#endif /* HV_HYPERCALL_H */
