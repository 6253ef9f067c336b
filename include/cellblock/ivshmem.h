/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The shared-memory link device, as each member cell sees it: a PCI
 * function on bus 0 of the cell's virtual PCI host bridge (the system
 * config's vpci: ECAM at vpci.ecam). Device number d is the cell's d-th
 * link in the order of the system config's links; function 0 only. The
 * memory's layout is struct cb_link's (config.h). docs/ivshmem.md says
 * the same for users.
 *
 * Config space (type 0 header; everything not listed reads as zero and
 * ignores writes):
 *   vendor/device  CB_IVSHMEM_VENDOR / CB_IVSHMEM_DEVICE
 *   command        bit 1 memory space, bit 2 bus master, bit 10 INTx
 *                  disable are writable; the rest reads 0
 *   status         bit 3 interrupt status: INT_STATUS & INT_CONTROL
 *   revision       CB_IVSHMEM_REVISION; class 0xff0000 (no class)
 *   subsystem      vendor CB_IVSHMEM_VENDOR, device: the link's index in
 *                  the system config
 *   BAR 0/1        register frame, 64-bit memory, 4 KiB
 *   BAR 2/3        the link's memory, 64-bit prefetchable memory, a power
 *                  of two
 *   interrupt line writable (8 bits, meaning nothing to the device);
 *   interrupt pin  1 (INTA), wired to SPI vpci.interrupt_base + d
 * BARs are fixed at the addresses the system config gives (peer guest,
 * BAR 2 there and BAR 0 right after it): writing all ones to a BAR's
 * dword reads back its size mask until that dword is written again; any
 * other write leaves the address as it is. The memory stays mapped
 * whatever the command register says; the register frame answers only
 * with memory space enabled (reads all ones, writes ignored otherwise).
 *
 * Register frame (BAR 0), 32-bit accesses (the two sizes also 64-bit):
 */
#ifndef CELLBLOCK_IVSHMEM_H
#define CELLBLOCK_IVSHMEM_H

#define CB_IVSHMEM_VENDOR 0x1234
#define CB_IVSHMEM_DEVICE 0xcb01
#define CB_IVSHMEM_CLASS 0xff0000u	/* class code, 24 bits */
#define CB_IVSHMEM_REVISION 1

#define CB_IVSHMEM_REG_SIZE 0x1000	/* BAR 0 */

#define CB_IVSHMEM_ID 0x00		/* RO: this peer's ID */
#define CB_IVSHMEM_PEERS 0x04		/* RO: number of peers */
#define CB_IVSHMEM_INT_CONTROL 0x08	/* RW: bit 0 interrupts enabled */
/* WO: (peer ID << 16) | vector raises the peer's interrupt. Read: how
   this peer's last doorbell went, CB_IVSHMEM_DOORBELL_*. */
#define CB_IVSHMEM_DOORBELL 0x0c
/* RW: this peer's state; the hypervisor copies a write into the state
   table and, if it changed, raises every other peer's interrupt. */
#define CB_IVSHMEM_STATE 0x10
/* RW1C: bit 0 pending: set by a doorbell to this peer or a change of
   another peer's state word (a peer that stops, fails or restarts has
   its word set to 0); writing 1 clears it. The INTx line is asserted
   while pending, enabled, and INTx not disabled in command. */
#define CB_IVSHMEM_INT_STATUS 0x14
#define CB_IVSHMEM_STATE_TABLE_SIZE 0x18	/* RO */
#define CB_IVSHMEM_RW_SIZE 0x20		/* RO, 64 bits (low dword first) */
#define CB_IVSHMEM_OUTPUT_SIZE 0x28	/* RO, 64 bits */

#define CB_IVSHMEM_INT_ENABLE 0x1u
#define CB_IVSHMEM_INT_PENDING 0x1u
#define CB_IVSHMEM_DOORBELL_PEER_SHIFT 16
#define CB_IVSHMEM_VECTORS 1		/* vector 0: the INTx line */

/* Results of a doorbell, read back from CB_IVSHMEM_DOORBELL. */
#define CB_IVSHMEM_DOORBELL_OK 0		/* the peer's interrupt is raised */
#define CB_IVSHMEM_DOORBELL_NO_PEER 1	/* no peer has that ID */
#define CB_IVSHMEM_DOORBELL_SELF 2	/* the ID is the caller's */
#define CB_IVSHMEM_DOORBELL_VECTOR 3	/* no such vector */
#define CB_IVSHMEM_DOORBELL_DOWN 4	/* the peer's cell is not running */

#endif /* CELLBLOCK_IVSHMEM_H */
