/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Layout constants of an inmate, shared by the start-up assembly and C (so
 * plain #defines only). The load address itself lives in inmate.lds.
 */
#ifndef INMATE_LAYOUT_H
#define INMATE_LAYOUT_H

/* CPUs one inmate can run on; each has a stack and a slot in runtime.c. */
#define INMATE_MAX_CPUS 8
#define INMATE_STACK_SIZE 0x4000

/* Longest parameter string kept, NUL included; the rest is cut. */
#define INMATE_PARAMS_MAX 512

/*
 * x0 at entry is taken as a parameter string only if it points into this
 * window: RAM as the identity map of mmu_table (head.S) covers it. Cells
 * have their RAM at guest 0x40000000; bare metal, x0 is QEMU's DTB.
 */
#define INMATE_RAM_START 0x40000000
#define INMATE_RAM_END 0x80000000

/* The first word of a flattened device tree, 0xd00dfeed big-endian, as a
 * little-endian load sees it. */
#define INMATE_DTB_MAGIC_LE 0xedfe0dd0

#endif /* INMATE_LAYOUT_H */
