/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the parts of management (hypervisor/core/mgmt*.c, none of which
 * the frozen build links) share. Every function here runs with the one
 * management action under way (mgmt.c), for a @caller whose config
 * permits acting on @cell, which is not @caller.
 */
#ifndef HV_MGMT_INTERNAL_H
#define HV_MGMT_INTERNAL_H

#include <stdint.h>

struct cell;

/**
 * mgmt_vote() - before a shutdown, restart or destroy (@message, enum
 * cb_comm_message) of @cell: if @cell is voting and running, ask it
 * through its comm region and wait for its answer (mgmt_vote.c). 0: go
 * ahead (approved, or no vote needed: not voting, not running, or it
 * stopped while asked); CB_HC_EDENIED, CB_HC_ETIMEDOUT, or CB_HC_EBUSY
 * (it restarted itself while asked), each with its console line, and
 * nothing changed. If the caller's own CPU is stopped meanwhile, the
 * request is withdrawn and that CPU goes idle (it does not return).
 */
int64_t mgmt_vote(struct cell *caller, struct cell *cell, uint32_t message);

/** mgmt_action_end() - the management action under way is over (a caller
 * that goes idle instead of returning ends it first). */
void mgmt_action_end(void);

/**
 * mgmt_start() - a stopped, failed or loadable @cell runs again, from its
 * payloads (its RAM cleared first) or, when loadable, from what was
 * loaded; @line first (NULL: none). 0, or CB_HC_EBUSY in any other state.
 */
int64_t mgmt_start(struct cell *cell, const char *line);

/* mgmt_load.c: CB_HC_CELL_SET_LOADABLE, CB_HC_CELL_LOAD and
   CB_HC_CELL_DESTROY (include/cellblock/hypercall.h). */
int64_t mgmt_set_loadable(struct cell *caller, struct cell *cell);
int64_t mgmt_load(struct cell *caller, struct cell *cell, uint64_t source,
		  uint64_t size, uint64_t destination);
int64_t mgmt_destroy(struct cell *caller, struct cell *cell);

#endif /* HV_MGMT_INTERNAL_H */
