/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The cell's side of the communication region (include/cellblock/comm.h,
 * docs/comm-region.md): find the page the hypervisor shares with the
 * cell, read its header, and take and answer the hypervisor's messages
 * (a voting cell is asked before another cell shuts it down, restarts or
 * destroys it), by polling or through the comm interrupt.
 *
 *	struct comm comm;
 *	struct comm_message m;
 *
 *	if (comm_open(&comm))
 *		... no comm region;
 *	comm_irq_enable(&comm);		(after gic_init(); optional)
 *	...
 *	if (comm_poll(&comm, &m))
 *		comm_answer(&comm, &m, CB_COMM_REPLY_DENIED);
 *
 * The comm interrupt is a level interrupt that stays asserted until the
 * request ends: its handler masks it (so it is not taken again and again
 * while the cell makes up its mind), and comm_poll() unmasks it once the
 * request has ended. A cell that takes the interrupt calls comm_poll()
 * after each one, and polls while comm->masked: the next request may
 * come before it has seen this one end, and brings no interrupt then.
 *
 * Parameters the library reads (params.h): `comm`, the guest address of
 * the comm region (its config's; no default), and `comm_irq`, its comm
 * interrupt's INTID, by default the one the page names (its config's
 * comm-interrupt; 0: none, messages are polled).
 */
#ifndef INMATE_COMM_H
#define INMATE_COMM_H

#include <stdbool.h>
#include <stdint.h>

#include <cellblock/comm.h>

/* The parameter keys above, for an inmate's params_check_keys() list. */
#define COMM_PARAM_KEYS "comm", "comm_irq"

/* A message from the hypervisor. */
struct comm_message {
	uint32_t message;   /* enum cb_comm_message, not NONE */
	uint32_t sequence;  /* what the answer names */
	uint32_t requester; /* ID of the cell that asked */
};

struct comm {
	volatile struct cb_comm_region *page;
	unsigned int intid; /* the comm interrupt, 0: none */
	/* Comm interrupts taken, counted by the handler of
	   comm_irq_enable(): wait on it with wait_change() (wait.h). */
	volatile unsigned int interrupts;
	volatile bool masked; /* by the handler, until the request ends */
	uint32_t seen;	      /* sequence comm_poll() returned last */
	bool ended;	      /* comm_poll() saw that request end */
};

/**
 * comm_open() - @comm for the comm region at parameter `comm`, its
 * interrupt parameter `comm_irq`: 0 if the page there has the magic, a
 * revision this library knows and a header at least as large as its own;
 * else -1 after one console line naming what was found and expected.
 */
int comm_open(struct comm *comm);

/**
 * comm_irq_enable() - take the comm interrupt on the calling CPU (after
 * gic_init() or gic_init_cpu()): its handler counts it in
 * comm->interrupts and masks it. Nothing when @comm has no interrupt.
 */
void comm_irq_enable(struct comm *comm);

/**
 * comm_poll() - whether a message the library has not returned before
 * waits for an answer; it is copied into @m. Once the page shows no
 * message, a comm interrupt the handler masked is unmasked.
 */
bool comm_poll(struct comm *comm, struct comm_message *m);

/**
 * comm_ended() - whether the request of the message comm_poll() returned
 * last has ended since (the page shows no message, or a newer one):
 * answered and acted on, or timed out. Reported once: true the first time
 * only.
 */
bool comm_ended(struct comm *comm);

/**
 * comm_answer() - answer @m with @reply (CB_COMM_REPLY_APPROVED or
 * _DENIED): reply first, then reply_sequence = @m->sequence, the
 * order the hypervisor reads them in. An answer to a request that has
 * ended, or with another sequence than the message's, changes nothing.
 */
void comm_answer(struct comm *comm, const struct comm_message *m,
		 uint32_t reply);

/** comm_message_name() - "shutdown" for CB_COMM_MSG_SHUTDOWN and so on,
 * "?" for a value the header does not define. */
const char *comm_message_name(uint32_t message);

/** comm_reply_name() - "approved", "denied", "none" or "?". */
const char *comm_reply_name(uint32_t reply);

#endif /* INMATE_COMM_H */
