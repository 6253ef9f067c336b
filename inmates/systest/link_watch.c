// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_watch: the peer that watches the other peer of a two-peer link
 * (link_poke, link_restart) through the state table. It comes up, waits
 * for the other's LINK_UP, then looks at the other's state word only when
 * the link's interrupt arrives, and prints each new value:
 * `link_watch: interrupt: peer P state 0xS`, acknowledging it with
 * LINK_ACK | S. A change without an interrupt is a timeout. After
 * `changes` values (the first LINK_UP counted) it passes.
 * Protocol: `PASS link_watch checks=N`, or `FAIL link_watch ...`.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/runtime.h>

#include "link_common.h"

int inmate_main(void)
{
	static const char *const keys[] = {"changes", IVSHMEM_PARAM_KEYS, NULL};
	struct ivshmem link;
	unsigned long changes;
	uint32_t other, last;

	params_check_keys(keys);
	changes = params_get_ulong("changes", 2, 1, 100);
	check_begin("link_watch");
	link_up(&link);
	CHECK_EQ(link.peers, 2);
	other = 1 - link.id;
	link_expect_state(&link, other, LINK_UP, "coming up");
	last = LINK_UP;
	console_printf("link_watch: peer %u state 0x%x\n", other, last);
	ivshmem_set_state(&link, LINK_ACK | last);
	for (unsigned long n = 1; n < changes; n++) {
		uint32_t now;

		do {
			unsigned int seen = link.interrupts;

			if (!ivshmem_wait(&link, seen, LINK_TIMEOUT_US))
				check_fail("no interrupt in %u us; peer %u's "
					   "state is 0x%x",
					   LINK_TIMEOUT_US, other,
					   ivshmem_peer_state(&link, other));
			now = ivshmem_peer_state(&link, other);
		} while (now == last);
		last = now;
		console_printf("link_watch: interrupt: peer %u state 0x%x\n",
			       other, last);
		ivshmem_set_state(&link, LINK_ACK | last);
		CHECK_EQ(ivshmem_peer_state(&link, link.id), LINK_ACK | last);
	}
	check_pass();
	return 0;
}
