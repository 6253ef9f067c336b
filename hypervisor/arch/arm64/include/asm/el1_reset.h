/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EL1 and EL0 register state a CPU enters its cell with (el1_reset.c).
 */
#ifndef ASM_EL1_RESET_H
#define ASM_EL1_RESET_H

/**
 * el1_reset_cpu() - give this CPU's EL1 and EL0 system registers, debug,
 * PMU event configuration and FP/SIMD state their reset values (0 where
 * the architecture leaves them UNKNOWN). Before entering a cell, never
 * while one runs on this CPU.
 */
void el1_reset_cpu(void);

#endif /* ASM_EL1_RESET_H */
