// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_poke: a peer of a two-peer link writes where `target` says, once
 * the other peer (link_watch) has seen it up:
 *   output  the other peer's output section (read-only for this peer)
 *   state   this peer's own word of the state table (read-only for all)
 *   past    BAR 2 past the link's memory (unmapped)
 *   common  the common section (read/write for all): the control case
 * The first three must park this cell (one hypervisor line) before the
 * next line; after the common write it prints that it went through,
 * publishes state 2, waits for the watcher to see it, and powers off.
 */
#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>

#include "link_common.h"

#define POKE_VALUE 0x0badc0deu

static uintptr_t poke_address(const struct ivshmem *link, unsigned long target,
			      const char **what)
{
	static const char *const names[] = {
	    "the other peer's output section", "this peer's state word",
	    "BAR 2 past the link's memory", "the common section"};

	*what = names[target];
	switch (target) {
	case 0:
		return (uintptr_t)ivshmem_output(link, 1 - link->id);
	case 1:
		return link->mem + 4 * link->id;
	case 2:
		return link->mem + link->mem_size - 4;
	default:
		return (uintptr_t)ivshmem_common(link);
	}
}

int inmate_main(void)
{
	static const char *const keys[] = {"target", IVSHMEM_PARAM_KEYS, NULL};
	struct ivshmem link;
	unsigned long target;
	const char *what;
	uintptr_t address;

	params_check_keys(keys);
	/* 0 output, 1 state, 2 past, 3 common */
	target = params_get_ulong("target", 3, 0, 3);
	check_begin("link_poke");
	link_up(&link);
	link_expect_state(&link, 1 - link.id, LINK_ACK | LINK_UP,
			  "the watcher seeing us");
	address = poke_address(&link, target, &what);
	console_printf("link_poke: writing 0x%x to 0x%lx, %s\n", POKE_VALUE,
		       (unsigned long)address, what);
	mmio_write32(address, POKE_VALUE);
	CHECK_EQ(mmio_read32(address), POKE_VALUE);
	console_printf("link_poke: the write went through\n");
	ivshmem_set_state(&link, 2);
	link_expect_state(&link, 1 - link.id, LINK_ACK | 2,
			  "the watcher seeing state 2");
	check_pass();
	return 0;
}
