/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What this build of the hypervisor can run: the one table of its limits.
 *
 * The formats (config.h, image.h) bound their arrays (CB_MAX_*) by what a
 * blob can express. The limits below are smaller: they are what the
 * hypervisor's static tables hold and what its translation regimes reach.
 * The validators (common/config_check.c, common/image_check.c) refuse
 * anything past them, and the hypervisor sizes its tables and programs its
 * translation registers from these same names, so `cellblock config check`
 * and `cellblock image check` refuse exactly what the boot would otherwise
 * skip or, worse, map wrongly. Changing one here changes both sides.
 */
#ifndef CELLBLOCK_LIMITS_H
#define CELLBLOCK_LIMITS_H

/*
 * CPUs of the system config. The hypervisor keeps per-CPU state and a stack
 * per CPU in static arrays of this size (no allocation at run time).
 */
#define CB_LIMIT_CPUS 8

/*
 * Cells the hypervisor holds at once, the root cell counting as one: its
 * cell table is a static array of this size. (Stage-2 VMIDs are 8 bits;
 * this stays far below 255.)
 */
#define CB_LIMIT_CELLS 16

/*
 * Pages of the hypervisor's memory past the image that its page pool needs
 * at least: the EL2 tables and one small cell. Cells that need more are
 * skipped at boot, one line each, when the pool runs out.
 */
#define CB_LIMIT_POOL_MIN_PAGES 16

/* Payloads of one cell in a boot image: a static array per cell, copied
   again on every SYSTEM_RESET. */
#define CB_LIMIT_PAYLOADS 8

/*
 * Emulated MMIO regions of one cell: a static array per cell, scanned
 * linearly on every trapped access. Each sub-page region takes one, the
 * emulated console one, and the GIC CB_EMULATED_REGIONS_GIC.
 */
#define CB_LIMIT_EMULATED_REGIONS 16

/*
 * Links (shared-memory devices) one cell is a member of: each is a device
 * on the cell's virtual PCI bus with its own virtual interrupt line and
 * one emulated region (its register frame); the ECAM window takes one
 * more emulated region in every cell when the system has a vPCI host.
 */
#define CB_LIMIT_CELL_LINKS 4

/* Emulated regions the GIC takes in every cell: the distributor, and all
   redistributors as one. */
#define CB_EMULATED_REGIONS_GIC 2

/*
 * Guest-physical (IPA) space of a cell: stage 2 has VTCR_EL2.T0SZ = 25 and
 * starts its walks at level 1 with a 4 KiB granule (ARM ARM D8.2), so every
 * guest address a cell is given (regions, emulated console, vPCI ECAM) ends
 * at or below 2^39.
 */
#define CB_LIMIT_GUEST_BITS 39

/*
 * Physical output addresses of both translation regimes: VTCR_EL2.PS and
 * TCR_EL2.PS both select 40 bits (ARM ARM D8.2, output address size). An
 * output address above 2^40 faults, and the table code keeps descriptor
 * bits 12-47 only, so one above 2^48 would silently become another
 * address. Anything physical ends at or below 2^40.
 */
#define CB_LIMIT_PHYS_BITS 40

/*
 * The hypervisor's own EL2 stage 1 is an identity map of every RAM and
 * device window of the system config with TCR_EL2.T0SZ = 25 (39-bit
 * virtual addresses, walks from level 1): a window ending above 2^39 would
 * make the level-1 index wrap onto another window's entry. So every window
 * ends at or below 2^39.
 */
#define CB_LIMIT_EL2_VA_BITS 39

/*
 * MPIDR Aff0 of every CPU is below this. The hypervisor's SGIs to another
 * CPU write ICC_SGI1R_EL1 with RS = 0, whose 16-bit TargetList reaches
 * Aff0 0-15 only (GICv3 spec 12.11.27); Aff1-Aff3 have their full 8 bits.
 */
#define CB_LIMIT_AFF0 16

/*
 * A cell's watchdog period, in microseconds. Below the minimum the
 * checks (one EL2 timer interrupt per period on each of the cell's CPUs)
 * would cost the cell measurable time; the maximum keeps the period in
 * counter ticks far from overflowing 64 bits at any counter frequency.
 */
#define CB_LIMIT_WATCHDOG_US_MIN 100
#define CB_LIMIT_WATCHDOG_US_MAX 60000000

/* Restarts by a cell's on-failure policy before it is parked. */
#define CB_LIMIT_RESTARTS 1000

/*
 * How long a management call waits for a voting cell's answer, in
 * microseconds: the caller's CPU waits that long at most (its own cell's
 * CPU, no other), with one management action under way system-wide.
 */
#define CB_LIMIT_VOTE_TIMEOUT_US 10000000

#endif /* CELLBLOCK_LIMITS_H */
