/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The communication region: one page the hypervisor gives a cell whose
 * config has a "comm-region" (include/cellblock/config.h, region flag
 * CB_REGION_COMM; its guest address from the config, mapped with the
 * config's read/write flags, never executable). The page is the
 * hypervisor's own memory, zeroed and filled in again each time the cell
 * starts, before its first CPU enters.
 *
 * The hypervisor writes every field but the cell's answer; the cell
 * writes only `reply` and `reply_sequence`. The hypervisor never trusts
 * anything it reads back: it reads those two words, and only while it
 * waits for an answer. Whatever else a cell writes into the page changes
 * nothing but its own view (until the hypervisor next writes there).
 *
 * Messages (voting, CB_CELL_VOTING): when another cell asks to shut down,
 * restart or destroy this one, the hypervisor writes `requester`, then
 * `message`, then increments `sequence`, and raises the cell's comm
 * interrupt (its config's comm_interrupt, a virtual SPI, delivered as a
 * level interrupt that stays pending until the cell answers or the
 * request ends). The cell answers by writing `reply` (APPROVED or
 * DENIED), then `reply_sequence` = the `sequence` it answers; an answer
 * with any other sequence is not one. When the request ends (answered or
 * timed out) the hypervisor sets `message` back to NONE and lowers the
 * line. A cell that answers late finds `message` NONE: nothing happens.
 *
 * A cell with its MMU or caches off reads and writes the page in memory:
 * the hypervisor cleans what it writes to the point of coherency, and
 * invalidates the answer's line before it reads it.
 */
#ifndef CELLBLOCK_COMM_H
#define CELLBLOCK_COMM_H

#include <stdint.h>

#define CB_COMM_MAGIC 0x4d4d4f43u	/* "COMM" as bytes in memory */
#define CB_COMM_REVISION 1

enum cb_comm_message {
	CB_COMM_MSG_NONE = 0,
	CB_COMM_MSG_SHUTDOWN = 1,	/* another cell asks it to stop */
	CB_COMM_MSG_RESTART = 2,	/* ... to restart */
	CB_COMM_MSG_DESTROY = 3,	/* ... to be destroyed */
};

enum cb_comm_reply {
	CB_COMM_REPLY_NONE = 0,
	CB_COMM_REPLY_APPROVED = 1,
	CB_COMM_REPLY_DENIED = 2,
};

/* enum of struct cb_comm_region.flags */
enum cb_comm_flag {
	CB_COMM_VOTING = 1u << 0,	/* the cell's config: voting */
};

struct cb_comm_region {
	uint32_t magic;			/* CB_COMM_MAGIC */
	uint16_t revision;		/* CB_COMM_REVISION */
	uint16_t header_size;		/* sizeof(struct cb_comm_region) */
	uint32_t cell_id;		/* as CB_HC_CELL_SELF answers */
	uint32_t cell_state;		/* enum cb_cell_state (hypercall.h) */
	uint64_t counter_frequency;	/* of the counter (CNTFRQ), in Hz */
	uint32_t cpu_count;		/* the cell's CPUs */
	uint32_t flags;			/* enum cb_comm_flag */
	uint32_t vote_timeout_us;	/* its config's; 0 when not voting */
	uint32_t watchdog_us;		/* its config's; 0: no watchdog */

	/* Messages: the hypervisor's request ... */
	volatile uint32_t message;	/* enum cb_comm_message */
	volatile uint32_t sequence;	/* +1 with every new message */
	volatile uint32_t requester;	/* ID of the cell that asked */
	uint32_t interrupt;		/* its config's comm_interrupt (the
					   INTID a message raises), 0 none */
	/* ... and the cell's answer. */
	volatile uint32_t reply;	/* enum cb_comm_reply */
	volatile uint32_t reply_sequence;	/* the sequence answered */

	/* Room for the fields later revisions add (the virtual PCI, the
	   watchdog's state): zero in revision 1. */
	uint32_t reserved[10];
};

_Static_assert(sizeof(struct cb_comm_region) == 104, "ABI");

#endif /* CELLBLOCK_COMM_H */
