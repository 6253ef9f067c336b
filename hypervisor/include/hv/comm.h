/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The communication region (include/cellblock/comm.h, docs/comm-region.md):
 * the page the hypervisor shares with a cell whose config has a comm
 * region, and the cell's comm interrupt. What the hypervisor writes there
 * and reads back, in every build (the frozen one shows the cell's state
 * too); the voting that posts messages is management (core/mgmt_vote.c).
 *
 * Every write goes to memory at once (cleaned to the point of coherency)
 * and every read of the cell's answer comes from memory, so a cell with
 * its MMU and caches off sees what a cached one sees.
 */
#ifndef HV_COMM_H
#define HV_COMM_H

#include <stdint.h>

struct cell;
struct cb_comm_region;

struct cell_comm {
	struct cb_comm_region *page;	/* NULL: the cell has none */
	/* The last message's sequence: the hypervisor's own count, never
	   read back from the page, and never reused while the machine runs
	   (a start zeroes the page, not this), so an answer left from an
	   earlier message can never pass for one to a later message. */
	uint32_t sequence;
	int line;			/* its virtual line, -1: none */
	/* The page named the last message's sequence in reply_sequence
	   before the message was posted, and has not changed it since: no
	   answer yet (comm_answer()). */
	int stale;
	/* +1 at every change of the cell's state (cell_set_state()): a
	   vote sees the cell stop or restart under it. */
	volatile uint32_t state_changes;
};

/**
 * comm_cell_create() - boot, the first device unit (hv/devices.h): if
 * @cell's config has a comm region, a fresh page of the hypervisor's
 * memory is mapped there, and its comm interrupt, if the config names
 * one, becomes a virtual line. The page is filled at each start
 * (comm_cell_start()). 0, or -1 after a console line.
 */
int comm_cell_create(struct cell *cell);

/**
 * comm_cell_start() - the first CPU of @cell, as the cell (re)starts:
 * the page is zeroed and its header filled (magic, revision, the cell's
 * ID, state, counter frequency, CPU count, flags, vote timeout and
 * watchdog period). Nothing from an earlier run stays, no message either.
 */
void comm_cell_start(struct cell *cell);

/** comm_describe() - "the comm region (read-only)" if @guest lies in
 * @cell's comm region, for the line of a refused access; else NULL. */
const char *comm_describe(const struct cell *cell, uint64_t guest);

/** comm_show_state() - @cell's state changed (cell_set_state(), under
 * cell->lock): its page, if any, shows the new one. */
void comm_show_state(struct cell *cell);

#endif /* HV_COMM_H */
