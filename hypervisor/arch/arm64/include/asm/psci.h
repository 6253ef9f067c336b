/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PSCI 1.1 for cells (ARM DEN 0022D/E): the standard-service calls of the
 * SMCCC service table (asm/smccc.h) that belong to PSCI. Function IDs
 * and return codes are in <hw/smccc.h>.
 */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include <hw/smccc.h>
#include <stdint.h>

struct cell;
struct trap_frame;

/**
 * psci_handle() - the PSCI call @fn (in the PSCI range, PSCI_FN_FIRST to
 * PSCI_FN_LAST, either width) of @cell's CPU, arguments in @frame. Sets
 * x0 and returns 1 for a function PSCI_FEATURES lists; returns 0, x0
 * untouched, for one it does not (the caller answers NOT_SUPPORTED).
 * CPU_OFF, SYSTEM_OFF, SYSTEM_RESET and SYSTEM_RESET2's warm reset do not
 * return when they succeed.
 */
int psci_handle(struct cell *cell, struct trap_frame *frame, uint32_t fn);

#endif /* ASM_PSCI_H */
