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
 * loaded; @line first (NULL: none); @params, if not 0, a created cell's
 * parameters (CB_HC_CELL_START). 0, or CB_HC_EBUSY in any other state.
 */
int64_t mgmt_start(struct cell *cell, const char *line, uint64_t params);

/* mgmt_load.c: CB_HC_CELL_SET_LOADABLE, CB_HC_CELL_LOAD and
   CB_HC_CELL_DESTROY (include/cellblock/hypercall.h). */
int64_t mgmt_set_loadable(struct cell *caller, struct cell *cell);
int64_t mgmt_load(struct cell *caller, struct cell *cell, uint64_t source,
		  uint64_t size, uint64_t destination);
int64_t mgmt_destroy(struct cell *caller, struct cell *cell);

/* mgmt_create.c: a destroyed cell that was created at run time gives its
   resources back to the cell that lent them. */
void mgmt_return_resources(struct cell *cell);
/* mgmt_lend.c: whether @config takes only lendable memory of @lender's
   (0, or CB_HC_EBUSY after saying why), and the lending of it to a
   created @cell, and its return. */
int64_t mgmt_lend_check(const struct cell *lender,
			const struct cb_cell_config *config);
void mgmt_lend_memory(struct cell *cell);
void mgmt_return_memory(struct cell *cell);
/* mgmt_create.c: CB_HC_CELL_CREATE, inside a management action. */
int64_t mgmt_create_cell(struct cell *caller, uint64_t guest, uint64_t size);

/* mgmt_comm.c: the voting's messages in a cell's comm region
   (include/cellblock/comm.h). */

/**
 * comm_post() - the voting (one management action at a time): message
 * @message (enum cb_comm_message) from cell ID @requester is written into
 * @cell's page with the next sequence number, then the comm line is
 * raised. Returns that sequence.
 */
uint32_t comm_post(struct cell *cell, uint32_t message, uint32_t requester);

/**
 * comm_answer() - @cell's answer to message @sequence, the last one
 * posted, as the page holds it now: CB_COMM_REPLY_APPROVED or _DENIED if
 * reply_sequence is @sequence and reply one of those two, else
 * CB_COMM_REPLY_NONE (no answer yet: anything else in those words is not
 * an answer, nor is an answer the cell wrote before the message was
 * posted, naming a sequence it had not been sent yet, until it has
 * written another sequence there).
 */
uint32_t comm_answer(struct cell *cell, uint32_t sequence);

/** comm_end() - the request ended: the comm line is lowered, then the
 * message is CB_COMM_MSG_NONE, so a cell that sees NONE finds the line
 * low already. */
void comm_end(struct cell *cell);

#endif /* HV_MGMT_INTERNAL_H */
