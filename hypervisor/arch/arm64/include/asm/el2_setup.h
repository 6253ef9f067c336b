/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EL2 control registers that confine a cell (el2_setup.c).
 */
#ifndef ASM_EL2_SETUP_H
#define ASM_EL2_SETUP_H

struct percpu;

/** el2_setup_cpu() - program this CPU's traps and controls for its cell. */
void el2_setup_cpu(const struct percpu *pc);

#endif /* ASM_EL2_SETUP_H */
