// SPDX-License-Identifier: GPL-2.0-only
/*
 * The voting's messages in a voting cell's comm region (see
 * mgmt_internal.h and include/cellblock/comm.h): posting one, reading the
 * cell's answer, ending it. Management code: the frozen build, which has
 * no voting, does not link it; the page itself, its header and the
 * cell's state are core/comm.c's, in every build.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/comm.h>
#include <hv/vline.h>

#include <cellblock/comm.h>

#include <stddef.h>

#include "mgmt_internal.h"

/* The bytes [@first, @end) of the page's header, by field. */
#define FIELDS(c, first, end)                                                  \
	((volatile uint8_t *)(c) + offsetof(struct cb_comm_region, first)),   \
		(offsetof(struct cb_comm_region, end) -                        \
		 offsetof(struct cb_comm_region, first))

uint32_t comm_post(struct cell *cell, uint32_t message, uint32_t requester)
{
	struct cb_comm_region *c = cell->comm.page;
	uint32_t sequence = ++cell->comm.sequence;

	/* Never 0, what a fresh page shows: a cell can tell "no message
	   yet" from any message, even after 2^32 of them. */
	if (!sequence)
		sequence = ++cell->comm.sequence;
	arch_dcache_clean_invalidate(FIELDS(c, message, reserved));
	/* An answer that names this sequence already was written before
	   the message: it answers nothing. */
	cell->comm.stale = c->reply_sequence == sequence;
	c->requester = requester;
	c->message = message;
	/* Last: a cell that sees the new sequence finds the message. */
	__atomic_store_n(&c->sequence, sequence, __ATOMIC_RELEASE);
	arch_dcache_clean(FIELDS(c, message, reserved));
	if (cell->comm.line >= 0)
		vline_set(cell, (unsigned int)cell->comm.line, 1);
	return sequence;
}

uint32_t comm_answer(struct cell *cell, uint32_t sequence)
{
	struct cb_comm_region *c = cell->comm.page;
	uint32_t reply;

	arch_dcache_clean_invalidate(FIELDS(c, reply, reserved));
	/* The cell writes reply, then reply_sequence: read the other way. */
	if (__atomic_load_n(&c->reply_sequence, __ATOMIC_ACQUIRE) != sequence) {
		cell->comm.stale = 0;	/* what follows is written anew */
		return CB_COMM_REPLY_NONE;
	}
	if (cell->comm.stale)
		return CB_COMM_REPLY_NONE;
	reply = c->reply;
	return reply == CB_COMM_REPLY_APPROVED || reply == CB_COMM_REPLY_DENIED ?
		       reply : CB_COMM_REPLY_NONE;
}

void comm_end(struct cell *cell)
{
	struct cb_comm_region *c = cell->comm.page;

	if (cell->comm.line >= 0)
		vline_set(cell, (unsigned int)cell->comm.line, 0);
	arch_dcache_clean_invalidate(FIELDS(c, message, reply));
	c->message = CB_COMM_MSG_NONE;
	arch_dcache_clean(FIELDS(c, message, reply));
}
