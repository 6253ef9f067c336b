/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * GICv3 register offsets (ARM IHI 0069, chapter 12), shared by the
 * hypervisor and the inmates. Board addresses are not here: they come from
 * configs (hypervisor) or the board's layout (inmates).
 */
#ifndef HW_GICV3_H
#define HW_GICV3_H

/* Distributor (GICD). The per-interrupt banks recur, at the same offsets,
   in a redistributor's SGI_base frame for SGIs and PPIs. */
#define GICD_CTLR 0x0000
#define GICD_CTLR_RWP (1u << 31)
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IGRPMODR 0x0d00
#define GICD_IROUTER 0x6000	/* 8 bytes per INTID */
#define GICD_PIDR2 0xffe8
#define GICD_FRAME_SIZE 0x10000

/* Redistributor (GICR): RD_base frame, then SGI_base 64 KiB further. */
#define GICR_CTLR 0x0000
#define GICR_CTLR_RWP (1u << 3)
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_TYPER_LAST (1ull << 4)
#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_PIDR2 0xffe8
#define GICR_SGI_BASE 0x10000
#define GICR_FRAME_SIZE 0x20000	/* RD_base + SGI_base */

#endif /* HW_GICV3_H */
