// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The comm region, the cell's side (see inmate/comm.h). The inmates run
 * with their MMU off: every access to the page goes to memory, where the
 * hypervisor cleans what it writes and reads the answer from.
 */
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/params.h>

#define COMM_PAGE_SIZE 0x1000ul

/* One comm region per cell: the one whose interrupt is enabled. */
static struct comm *irq_comm;

static void comm_interrupt(unsigned int intid)
{
	struct comm *comm = irq_comm;

	/* Asserted until the request ends: masked, or it would be taken
	   again at once after every EOI. comm_poll() unmasks it. */
	gic_disable(intid);
	comm->masked = true;
	comm->interrupts++;
}

int comm_open(struct comm *comm)
{
	unsigned long address = params_get_ulong("comm", 0, 0, ~0ul);
	volatile struct cb_comm_region *c;

	*comm = (struct comm){0};
	if (!address || (address & (COMM_PAGE_SIZE - 1))) {
		console_printf(
		    "comm: comm=0x%lx: expected the page-aligned guest "
		    "address of the cell's comm region\n",
		    address);
		return -1;
	}
	c = (volatile struct cb_comm_region *)address;
	if (c->magic != CB_COMM_MAGIC) {
		console_printf(
		    "comm: 0x%lx: magic 0x%x, expected 0x%x: no comm "
		    "region there\n",
		    address, c->magic, CB_COMM_MAGIC);
		return -1;
	}
	if (c->revision != CB_COMM_REVISION ||
	    c->header_size < sizeof(struct cb_comm_region)) {
		console_printf(
		    "comm: 0x%lx: revision %u with a %u-byte header, "
		    "expected revision %u with %u bytes or more\n",
		    address, c->revision, c->header_size, CB_COMM_REVISION,
		    (unsigned int)sizeof(struct cb_comm_region));
		return -1;
	}
	comm->page = c;
	comm->intid = (unsigned int)params_get_ulong("comm_irq", c->interrupt,
						     32, GIC_INTID_SPECIAL - 1);
	return 0;
}

void comm_irq_enable(struct comm *comm)
{
	if (!comm->intid)
		return;
	irq_comm = comm;
	irq_set_handler(comm->intid, comm_interrupt);
	gic_enable(comm->intid);
}

bool comm_poll(struct comm *comm, struct comm_message *m)
{
	volatile struct cb_comm_region *c = comm->page;
	uint32_t sequence = c->sequence;

	/* The hypervisor writes the message, then the sequence: read the
	   other way, the message is the sequence's or a newer one's. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	m->message = c->message;
	if (m->message == CB_COMM_MSG_NONE) {
		if (comm->masked) {
			comm->masked = false;
			gic_enable(comm->intid);
		}
		return false;
	}
	/* The hypervisor never posts sequence 0 (a fresh page shows it). */
	if (sequence == comm->seen)
		return false;
	comm->seen = sequence;
	comm->ended = false;
	m->sequence = sequence;
	m->requester = c->requester;
	return true;
}

bool comm_ended(struct comm *comm)
{
	volatile struct cb_comm_region *c = comm->page;

	if (comm->ended || !comm->seen)
		return false;
	if (c->message != CB_COMM_MSG_NONE && c->sequence == comm->seen)
		return false;
	comm->ended = true;
	return true;
}

void comm_answer(struct comm *comm, const struct comm_message *m,
		 uint32_t reply)
{
	volatile struct cb_comm_region *c = comm->page;

	c->reply = reply;
	/* For a reader with caches on: the reply is seen first. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	c->reply_sequence = m->sequence;
}

const char *comm_message_name(uint32_t message)
{
	static const char *const names[] = {"none", "shutdown", "restart",
					    "destroy"};

	return message < sizeof(names) / sizeof(names[0]) ? names[message]
							  : "?";
}

const char *comm_reply_name(uint32_t reply)
{
	static const char *const names[] = {"none", "approved", "denied"};

	return reply < sizeof(names) / sizeof(names[0]) ? names[reply] : "?";
}
