// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_restart: a peer of a two-peer link restarts its cell once (PSCI
 * SYSTEM_RESET) while the other peer (link_watch) watches. Boot N (its
 * count kept at guest 0x40f00000, a "kept" region) publishes state N
 * once the watcher has acknowledged the last state it saw (boot 2: the
 * 0 the hypervisor wrote when this cell restarted), waits for the
 * watcher to see N, then resets (boot 1) or powers off (boot 2).
 * The watcher sees 0x1, 0x0, 0x2, 0x0.
 */
#include <inmate/console.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>

#include "link_common.h"

#define RESTART_BOOTS_AT 0x40f00000ul
#define RESTART_BOOTS 2u

int inmate_main(void)
{
	volatile uint32_t *boots = (volatile uint32_t *)RESTART_BOOTS_AT;
	struct ivshmem link;
	uint32_t boot, other;

	boot = *boots + 1;
	*boots = boot;
	check_begin("link_restart");
	console_printf("link_restart: boot %u\n", boot);
	if (gic_init())
		check_fail("no interrupt controller");
	wait_init();
	if (ivshmem_probe(&link, 0))
		check_fail("no link device");
	ivshmem_irq_enable(&link);
	other = 1 - link.id;
	if (boot > 1)
		link_expect_state(&link, other, LINK_ACK | 0,
				  "the watcher seeing the restart");
	CHECK_EQ(ivshmem_peer_state(&link, link.id), 0);
	ivshmem_set_state(&link, boot);
	CHECK_EQ(ivshmem_peer_state(&link, link.id), boot);
	link_expect_state(&link, other, LINK_ACK | boot,
			  "the watcher seeing this boot");
	if (boot < RESTART_BOOTS) {
		console_printf("link_restart: SYSTEM_RESET\n");
		psci_system_reset();
	}
	check_pass();
	return 0;
}
