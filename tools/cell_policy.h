/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A cell's failure policy and voting settings in its config source
 * (docs/config.md), properties of the cell's node:
 *
 *	watchdog-period-us = <10000>;	pet at least this often, else failed
 *	on-failure = "restart";		"park" (the default) or "restart"
 *	restart-limit = <3>;		restarts before it is parked
 *	voting;				others' shutdown/restart/destroy of
 *	vote-timeout-us = <5000>;	it waits for its answer this long
 *	comm-interrupt = <40>;		signals a new comm-region message
 *
 * Read here into struct cb_cell_config. What the source alone gets
 * wrong (an explicit zero, a property the others make meaningless or
 * require) is reported here; ranges and relations with the cell's regions
 * and interrupts are the shared validator's (config_check_policy.c).
 */
#ifndef CELLBLOCK_CELL_POLICY_H
#define CELLBLOCK_CELL_POLICY_H

#include "dts_reader.h"

#include <cellblock/config.h>

/* The properties above, for the cell node's schema. */
#define CELL_POLICY_PROPERTIES                                        \
	"watchdog-period-us", "on-failure", "restart-limit", "voting", \
		"vote-timeout-us", "comm-interrupt"

/**
 * cell_policy_read() - read the properties above of cell node @node into
 * @c (watchdog_us, on_failure, restart_limit, comm_interrupt and
 * vote_timeout_us); absent ones leave 0. "voting;" is one of the cell's
 * boolean flags, read with the others: @c->flags must hold it already.
 * Problems go through @rd.
 */
void cell_policy_read(struct dts_reader *rd, int node,
		      struct cb_cell_config *c);

#endif /* CELLBLOCK_CELL_POLICY_H */
