// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_bell: the helper peer of link_config. It comes up, then serves
 * each request the tester makes by publishing a new state word K:
 *   K = 1  doorbells that must be refused: to a peer ID past the last,
 *          to the largest ID, to itself, and a vector that does not
 *          exist; each read-back printed
 *   K > 1  one doorbell to the tester
 * and writes K into the first word of its output section when done. It
 * ends when the tester stops (its state word back to 0).
 */
#include <inmate/console.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>

#include "link_common.h"

static void ring_raw(struct ivshmem *link, uint32_t value, const char *what)
{
	uint32_t result;

	ivshmem_write(link, CB_IVSHMEM_DOORBELL, value);
	result = ivshmem_read(link, CB_IVSHMEM_DOORBELL);
	console_printf("link_bell: doorbell 0x%05x (%s): %u %s\n", value, what,
		       result, ivshmem_doorbell_name(result));
}

static void refused_doorbells(struct ivshmem *link, uint32_t tester)
{
	uint32_t shift = CB_IVSHMEM_DOORBELL_PEER_SHIFT;

	ring_raw(link, link->peers << shift, "peer ID past the last");
	ring_raw(link, 0xffffu << shift, "largest peer ID");
	ring_raw(link, link->id << shift, "itself");
	ring_raw(link, tester << shift | CB_IVSHMEM_VECTORS, "no such vector");
}

int inmate_main(void)
{
	struct ivshmem link;
	volatile uint32_t *done;
	uint32_t tester, last = 0;

	check_begin("link_bell");
	link_up(&link);
	tester = 1 - link.id;
	done = (volatile uint32_t *)ivshmem_output(&link, link.id);
	for (;;) {
		unsigned int seen = link.interrupts;
		uint32_t request = ivshmem_peer_state(&link, tester);

		if (request == last) {
			if (!ivshmem_wait(&link, seen, LINK_TIMEOUT_US))
				check_fail("no request from the tester in %u "
					   "us",
					   LINK_TIMEOUT_US);
			continue;
		}
		if (!request)
			break;
		last = request;
		if (request == 1) {
			refused_doorbells(&link, tester);
		} else {
			uint32_t result = ivshmem_doorbell(&link, tester);

			console_printf("link_bell: request %u: doorbell to "
				       "peer %u: %u %s\n",
				       request, tester, result,
				       ivshmem_doorbell_name(result));
			CHECK_EQ(result, CB_IVSHMEM_DOORBELL_OK);
		}
		*done = request;
	}
	console_printf("link_bell: the tester stopped\n");
	check_pass();
	return 0;
}
