// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_ring: a peer of the cell's first link rings the doorbell of the
 * peer ID `peer` once and prints the read-back, then waits LINK_TIMEOUT_US
 * for an interrupt of its own, of which none may come: the doorbell went
 * to another peer, and nobody else rings or changes state. For a peer
 * whose cell was skipped at boot (its cell slot taken by a later cell),
 * the read-back must be DOWN, and no cell may be interrupted.
 * Protocol: `PASS link_ring checks=N`, or `FAIL link_ring ...`.
 */
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/runtime.h>

#include "link_common.h"

int inmate_main(void)
{
	static const char *const keys[] = {"peer", IVSHMEM_PARAM_KEYS, NULL};
	struct ivshmem link;
	unsigned int seen;
	uint32_t peer, result;

	params_check_keys(keys);
	peer = (uint32_t)params_get_ulong("peer", 0, 0, 0xffff);
	check_begin("link_ring");
	link_up(&link);
	/* Before the doorbell: an interrupt it caused is counted. */
	seen = link.interrupts;
	result = ivshmem_doorbell(&link, peer);
	console_printf("link_ring: peer %u of %u, doorbell to peer %u: %u %s\n",
		       link.id, link.peers, peer, result,
		       ivshmem_doorbell_name(result));
	if (ivshmem_wait(&link, seen, LINK_TIMEOUT_US))
		check_fail("an interrupt after the doorbell to peer %u "
			   "(%u taken)",
			   peer, link.interrupts - seen);
	CHECK_EQ(ivshmem_read(&link, CB_IVSHMEM_INT_STATUS), 0);
	console_printf("link_ring: no interrupt in %u us\n", LINK_TIMEOUT_US);
	check_pass();
	return 0;
}
