// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_echo: the bare-metal peer of a Linux cell's /bin/ivshmem
 * (inmates/linux/ivshmem.c, tests/system/linux_ivshmem_tests.py). It
 * speaks the protocol of inmates/demos/pingpong.c, answering instead of
 * asking: it comes up (state 1), waits for the other peer's state 1 as
 * long as a Linux boot takes, then answers each message "ping N" in the
 * other's output section with "echo ping N" in its own and a doorbell,
 * until the other publishes state 2 (done). Each message is a line:
 *
 *   link_echo: peer 0 says "ping 3"
 *
 * and a check: its sequence number and text are the next expected ones.
 */
#include <inmate/console.h>
#include <inmate/runtime.h>

#include "link_common.h"

#define ECHO_DONE 2u
/* Virtual time: Linux boots in about 2 s, then loads its modules. */
#define ECHO_PEER_TIMEOUT_US 30000000u
#define ECHO_MESSAGE_TIMEOUT_US 5000000u

#define ECHO_TEXT_SIZE 28

/* The layout of each output section (pingpong.c's). */
struct echo_message {
	uint32_t sequence;
	char text[ECHO_TEXT_SIZE];
};

static unsigned int put_text(char *to, unsigned int at, const char *text)
{
	while (*text && at < ECHO_TEXT_SIZE - 1)
		to[at++] = *text++;
	to[at] = '\0';
	return at;
}

static unsigned int put_number(char *to, unsigned int at, uint32_t n)
{
	char digits[10];
	unsigned int count = 0;

	do {
		digits[count++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (count && at < ECHO_TEXT_SIZE - 1)
		to[at++] = digits[--count];
	to[at] = '\0';
	return at;
}

static int same_text(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Waits for message @sequence from @from, or for it to be done: returns
   whether a message came. */
static int next_message(struct ivshmem *link, uint32_t from, uint32_t sequence,
			char *text)
{
	volatile struct echo_message *in = ivshmem_output(link, from);

	for (;;) {
		unsigned int seen = link->interrupts;

		if (in->sequence == sequence)
			break;
		if (ivshmem_peer_state(link, from) == ECHO_DONE)
			return 0;
		if (!ivshmem_wait(link, seen, ECHO_MESSAGE_TIMEOUT_US))
			check_fail("no message %u from peer %u in %u us",
				   sequence, from, ECHO_MESSAGE_TIMEOUT_US);
	}
	for (unsigned int i = 0; i < ECHO_TEXT_SIZE; i++)
		text[i] = in->text[i];
	text[ECHO_TEXT_SIZE - 1] = '\0';
	return 1;
}

static void answer(struct ivshmem *link, uint32_t to, uint32_t sequence,
		   const char *text)
{
	volatile struct echo_message *out = ivshmem_output(link, link->id);
	char reply[ECHO_TEXT_SIZE];
	unsigned int i;

	put_text(reply, put_text(reply, 0, "echo "), text);
	for (i = 0; reply[i]; i++)
		out->text[i] = reply[i];
	out->text[i] = '\0';
	/* The sequence last: it says the text is whole. */
	out->sequence = sequence;
	CHECK_EQ(ivshmem_doorbell(link, to), CB_IVSHMEM_DOORBELL_OK);
}

int inmate_main(void)
{
	char text[ECHO_TEXT_SIZE], want[ECHO_TEXT_SIZE];
	struct ivshmem link;
	uint32_t other, n;

	check_begin("link_echo");
	link_up(&link);
	CHECK_EQ(link.peers, 2);
	other = 1 - link.id;
	console_printf("link_echo: peer %u of 2, waiting for peer %u\n",
		       link.id, other);
	if (!ivshmem_wait_peer_state(&link, other, LINK_UP,
				     ECHO_PEER_TIMEOUT_US))
		check_fail("peer %u is not up after %u us", other,
			   ECHO_PEER_TIMEOUT_US);
	console_printf("link_echo: peer %u is up\n", other);
	for (n = 1; next_message(&link, other, n, text); n++) {
		console_printf("link_echo: peer %u says \"%s\"\n", other, text);
		put_number(want, put_text(want, 0, "ping "), n);
		CHECK_EQ(same_text(text, want), 1);
		answer(&link, other, n, text);
	}
	CHECK_EQ(n > 1, 1);
	console_printf("link_echo: peer %u is done after %u messages\n", other,
		       n - 1);
	check_pass();
	return 0;
}
