/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ID registers as a cell reads them (HCR_EL2.TID3 traps the reads):
 * the CPU's, with the features the cell cannot use hidden (id_regs.c).
 */
#ifndef ASM_ID_REGS_H
#define ASM_ID_REGS_H

#include <stdint.h>

/**
 * id_reg_read() - what a cell reads from the ID register at Op0 3, Op1 0,
 * CRn 0, @crm (1-7), @op2 (0-7).
 */
uint64_t id_reg_read(unsigned int crm, unsigned int op2);

#endif /* ASM_ID_REGS_H */
