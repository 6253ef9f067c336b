// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * pingpong: two cells, the two peers of a shared-memory link
 * (docs/ivshmem.md), pass `count` messages back and forth. Each writes
 * its message into its own output section, the only part of the link
 * it may write besides the common section, and rings the other's
 * doorbell; the other, woken by the link's interrupt, prints what it
 * read. Peer 0 sends "ping N", peer 1 answers "pong N". Both publish
 * state 1 when ready and wait for the other's, so neither rings a
 * doorbell before the other listens.
 *
 * Parameters: count (default 5), quiet=1 (print only the first and the
 * last line: the full-speed run of tests/system/ivshmem_tests.py), and
 * the library's ecam and intx_base (inmate/ivshmem.h).
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/ivshmem.h>
#include <inmate/params.h>
#include <inmate/pci.h>
#include <inmate/runtime.h>
#include <inmate/wait.h>

#include "format.h"

#define PINGPONG_READY 1
/* Generous for one message under -icount (a round trip takes a few us). */
#define PINGPONG_TIMEOUT_US 100000
#define PINGPONG_TEXT_SIZE 28

/* The layout of each output section. */
struct pingpong_message {
	uint32_t sequence; /* 0: nothing sent yet */
	char text[PINGPONG_TEXT_SIZE];
};

static struct ivshmem link;

static volatile struct pingpong_message *message_of(uint32_t peer)
{
	return (volatile struct pingpong_message *)ivshmem_output(&link, peer);
}

static void send(uint32_t to, const char *word, uint32_t sequence)
{
	volatile struct pingpong_message *out = message_of(link.id);
	char text[PINGPONG_TEXT_SIZE];
	uint32_t result;
	unsigned int i;

	format_string(text, sizeof(text), "%s %u", word, sequence);
	for (i = 0; text[i]; i++)
		out->text[i] = text[i];
	out->text[i] = '\0';
	/* The sequence last: it says the text is whole. */
	out->sequence = sequence;
	result = ivshmem_doorbell(&link, to);
	if (result != CB_IVSHMEM_DOORBELL_OK)
		runtime_panic("pingpong: doorbell to peer %u: %u %s", to,
			      result, ivshmem_doorbell_name(result));
}

static void receive(uint32_t from, uint32_t sequence, bool quiet)
{
	volatile struct pingpong_message *in = message_of(from);
	char text[PINGPONG_TEXT_SIZE];

	for (;;) {
		unsigned int seen = link.interrupts;

		if (in->sequence == sequence)
			break;
		if (!ivshmem_wait(&link, seen, PINGPONG_TIMEOUT_US))
			runtime_panic("pingpong: no message %u from peer %u "
				      "in %u us",
				      sequence, from, PINGPONG_TIMEOUT_US);
	}
	for (unsigned int i = 0; i < sizeof(text); i++)
		text[i] = in->text[i];
	text[sizeof(text) - 1] = '\0';
	if (!quiet)
		console_printf("pingpong: received '%s' from peer %u\n", text,
			       from);
}

int inmate_main(void)
{
	static const char *const keys[] = {"count", "quiet", IVSHMEM_PARAM_KEYS,
					   NULL};
	unsigned long count;
	bool quiet;
	uint32_t other;

	params_check_keys(keys);
	count = params_get_ulong("count", 5, 0, 1000000000);
	quiet = params_get_ulong("quiet", 0, 0, 1);
	if (gic_init())
		return 1;
	wait_init();
	if (ivshmem_probe(&link, 0)) {
		console_printf("pingpong: no link device on the PCI bus at "
			       "0x%lx\n",
			       (unsigned long)pci_ecam());
		return 1;
	}
	if (link.peers != 2 || link.id > 1) {
		console_printf("pingpong: peer %u of %u: expected a link of 2 "
			       "peers\n",
			       link.id, link.peers);
		return 1;
	}
	other = 1 - link.id;
	console_printf("pingpong: peer %u of 2, device %u, memory 0x%lx, "
		       "output sections of %llu bytes, SPI %u, count=%lu\n",
		       link.id, link.device, (unsigned long)link.mem,
		       (unsigned long long)link.output_size, link.intid, count);
	ivshmem_irq_enable(&link);
	ivshmem_set_state(&link, PINGPONG_READY);
	if (!ivshmem_wait_peer_state(&link, other, PINGPONG_READY,
				     PINGPONG_TIMEOUT_US)) {
		console_printf("pingpong: peer %u is not up after %u us\n",
			       other, PINGPONG_TIMEOUT_US);
		return 1;
	}
	for (uint32_t n = 1; n <= count; n++) {
		if (link.id == 0) {
			send(other, "ping", n);
			receive(other, n, quiet);
		} else {
			receive(other, n, quiet);
			send(other, "pong", n);
		}
	}
	console_printf("pingpong: %lu messages each way, done\n", count);
	return 0;
}
