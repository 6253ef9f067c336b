/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * GICv3 driver: distributor at 0x08000000, redistributors from 0x080A0000,
 * CPU interface through the ICC_* system registers at EL1. Every interrupt
 * used is Group 1. Inside a cell the hypervisor filters distributor and
 * redistributor accesses to the cell's own lines, so the same code runs
 * there unchanged.
 */
#ifndef INMATE_GIC_H
#define INMATE_GIC_H

#include <stdint.h>

/* INTIDs at or above this are special (1020-1023: spurious and reserved). */
#define GIC_INTID_SPECIAL 1020
#define GIC_SGI_COUNT 16
#define GIC_PRIVATE_COUNT 32	/* SGIs and PPIs, per CPU */
#define GIC_PRIORITY_DEFAULT 0xa0

/**
 * gic_init() - set up the distributor (affinity routing, Group 1 enabled)
 * and then this CPU as gic_init_cpu() does. Call once, on the first CPU,
 * before any other gic_* call. Returns 0, or -1 after printing why.
 */
int gic_init(void);

/**
 * gic_init_cpu() - find this CPU's redistributor (by GICR_TYPER affinity),
 * wake it, disable its SGIs and PPIs, and enable the CPU interface for
 * Group 1 with the lowest priority mask. Every CPU but the first calls it
 * before using interrupts. Returns 0, or -1 after printing why.
 */
int gic_init_cpu(void);

/** gic_redistributor() - base of this CPU's redistributor, 0 before init. */
uintptr_t gic_redistributor(void);

/**
 * gic_enable() - make @intid a Group 1 interrupt and enable it. SGIs and
 * PPIs are enabled for the calling CPU; an SPI is also routed to it.
 */
void gic_enable(unsigned int intid);

/** gic_disable() - disable @intid (SGI/PPI: for the calling CPU). */
void gic_disable(unsigned int intid);

/** gic_set_priority() - 0 is the highest; without it, gic_init_cpu()
 * (SGIs, PPIs) and gic_enable() (SPIs) set GIC_PRIORITY_DEFAULT. */
void gic_set_priority(unsigned int intid, uint8_t priority);

/**
 * gic_ack() - acknowledge the highest-priority pending interrupt. Returns
 * the ICC_IAR1_EL1 value: pass it to gic_eoi(); its INTID is
 * gic_intid(value), GIC_INTID_SPECIAL or above when nothing was pending.
 */
uint32_t gic_ack(void);
void gic_eoi(uint32_t iar);

static inline unsigned int gic_intid(uint32_t iar)
{
	return iar & 0xffffff;
}

/** gic_send_sgi() - raise SGI @intid (< 16) on the CPU with @mpidr. */
void gic_send_sgi(unsigned int intid, uint64_t mpidr);

#endif /* INMATE_GIC_H */
