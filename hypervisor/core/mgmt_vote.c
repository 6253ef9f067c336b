// SPDX-License-Identifier: GPL-2.0-only
/*
 * Voting (see mgmt_internal.h; the protocol is in include/cellblock/comm.h
 * and docs/comm-region.md): a shutdown, restart or destroy of a running
 * voting cell that another cell asks for waits for the voting cell's
 * answer in its comm region. Fail safe: only an answer "approved" to this
 * very message lets the action go on; "denied", silence until the
 * config's vote_timeout_us, anything else in the answer words, all leave
 * the voting cell as it was.
 *
 * The wait runs on the caller's CPU, in its hypercall, and holds no lock:
 * the voting cell's CPUs answer, stop, restart or fail on their own
 * meanwhile, and any other cell runs on. It ends by the counter, so it is
 * as long in real time as under -icount; only the caller's own cell waits
 * (its CPU is in the call), and only one management action is under way
 * (mgmt.c), so a second caller waits in action_begin() until this ends.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/comm.h>
#include <hv/console.h>
#include <hv/lib.h>

#include <cellblock/comm.h>
#include <cellblock/hypercall.h>

#include "mgmt_internal.h"

static const char *const action_names[] = {
	[CB_COMM_MSG_SHUTDOWN] = "shutdown",
	[CB_COMM_MSG_RESTART] = "restart",
	[CB_COMM_MSG_DESTROY] = "destroy",
};

/* How a vote ended: its console line (each takes the voting cell's name,
   the action and the timeout in us, in that order) and the call's result
   at this point (0: go on). One table, one printf: this is management
   code, which only the full build links. */
enum outcome { APPROVED, DENIED, TIMED_OUT, STOPPED, RESTARTED };

static const struct {
	const char *line;
	int64_t result;
} outcomes[] = {
	[APPROVED] = { "cell %s: approved %s", 0 },
	[DENIED] = { "cell %s: denied %s; nothing done", CB_HC_EDENIED },
	[TIMED_OUT] = { "cell %s: %s not answered within %u us; refused, "
			"nothing done", CB_HC_ETIMEDOUT },
	/* It stopped (or failed) by itself: the action goes on as for a
	   cell that does not run, which needs no vote. */
	[STOPPED] = { "cell %s: stopped before answering; %s goes on "
		      "without a vote", 0 },
	/* It restarted itself: its new run was not asked. */
	[RESTARTED] = { "cell %s: restarted before answering; %s refused, "
			"nothing done", CB_HC_EBUSY },
};

static uint64_t timeout_ticks(const struct cell *cell)
{
	/* At most 10^7 us (CB_LIMIT_VOTE_TIMEOUT_US): no overflow below a
	   counter of 1.8 THz. */
	return (uint64_t)cell->config->vote_timeout_us *
	       arch_counter_frequency() / 1000000;
}

/*
 * Until @cell answers @sequence, or its state changes from the one seen
 * as @changes (it stopped or restarted by itself: an answer would be to a
 * run that is over), or @deadline passes. If the caller's own CPU is
 * asked to stop meanwhile (its cell stops: the CPU that stops it waits
 * for this one), the request is withdrawn and this CPU goes idle.
 */
static enum outcome wait_answer(struct cell *caller, struct cell *cell,
				uint32_t sequence, uint32_t changes,
				uint64_t deadline, const char *action)
{
	enum cell_state now;

	for (;;) {
		switch (comm_answer(cell, sequence)) {
		case CB_COMM_REPLY_APPROVED:
			return APPROVED;
		case CB_COMM_REPLY_DENIED:
			return DENIED;
		}
		if (__atomic_load_n(&cell->comm.state_changes,
				    __ATOMIC_ACQUIRE) != changes) {
			now = cell->state;
			return now == CELL_RESETTING || now == CELL_RUNNING ?
				       RESTARTED : STOPPED;
		}
		if (arch_cpu_state(arch_this_cpu()) == CPU_STOPPING) {
			comm_end(cell);
			hv_printf("cell %s: %s request withdrawn (cell %s is "
				  "stopping)", cell->name, action,
				  caller->name);
			mgmt_action_end();
			arch_cpu_idle();
		}
		if (arch_counter() >= deadline)
			return TIMED_OUT;
		arch_cpu_relax();
	}
}

int64_t mgmt_vote(struct cell *caller, struct cell *cell, uint32_t message)
{
	const char *action = action_names[message];
	uint32_t changes, sequence;
	enum outcome outcome;
	uint64_t deadline;
	int running;

	if (!(cell->config->flags & CB_CELL_VOTING) || !cell->comm.page)
		return 0;
	spin_lock(&cell->lock);
	running = cell->state == CELL_RUNNING;
	changes = cell->comm.state_changes;
	spin_unlock(&cell->lock);
	if (!running)
		return 0;
	hv_printf("cell %s: asked to approve %s by cell %s", cell->name,
		  action, caller->name);
	sequence = comm_post(cell, message, caller->index);
	/* From the moment the cell can see the message. */
	deadline = arch_counter() + timeout_ticks(cell);
	outcome = wait_answer(caller, cell, sequence, changes, deadline,
			      action);
	comm_end(cell);
	hv_printf(outcomes[outcome].line, cell->name, action,
		  cell->config->vote_timeout_us);
	return outcomes[outcome].result;
}
