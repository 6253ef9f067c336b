/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sizes shared by assembly and C: stacks and the guest register frame that
 * sits at the top of each CPU's stack while a cell runs on it.
 */
#ifndef ASM_LAYOUT_H
#define ASM_LAYOUT_H

#include <cellblock/limits.h>

#define HV_MAX_CPUS CB_LIMIT_CPUS
#define HV_STACK_SIZE 0x4000
/* Each CPU's stack sits above an unmapped guard page (mmu.c): an overflow
   faults instead of overwriting the next CPU's saved cell registers. */
#define HV_STACK_GUARD 0x1000
#define HV_STACK_STRIDE (HV_STACK_GUARD + HV_STACK_SIZE)
/* Where a fault at EL2 runs (vectors.S el2_fault): its own small stack
   per CPU, as the fault may be the stack's overflow. */
#define HV_FAULT_STACK_SIZE 0x400

/* struct trap_frame: x0-x30, the zero register's slot, elr, spsr
   (percpu.h asserts these against the struct). */
#define FRAME_X(n) ((n) * 8)
#define FRAME_ELR 256
#define FRAME_SPSR 264
#define FRAME_SIZE 272

#endif /* ASM_LAYOUT_H */
