// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: shared-memory links (the system config's link
 * array), on their own and against the set of cells. Each check is tested
 * both ways. The fixtures' link "ab" (system.dts) joins cells a and b: 16
 * KiB at 0x70000000 (state table, 4 KiB common, two 4 KiB outputs), so
 * BAR 2 is 0x4000 bytes and each peer's BARs take guest
 * 0x10000000-0x10004fff; the rooted fixture's "lr" joins linux and rt.
 */
#include "config_test_harness.h"

#include <cellblock/limits.h>

#include <string.h>

#define LINK "/links/ab"
#define PEER0 "/links/ab/peer@0"
#define PEER1 "/links/ab/peer@1"

/* A second link between a and b, clear of "ab" in memory and guest space. */
static struct cb_link *second_link(struct set *set, const char *name,
				   unsigned index)
{
	struct cb_link *l = add_link(set, name);

	l->phys_start = 0x70100000 + index * 0x100000ull;
	l->peer[0].guest = l->peer[1].guest = 0x10100000 + index * 0x100000ull;
	return l;
}

TEST(link_fixture_valid, ROOTLESS)
{
	expect_valid(set);
	drop_links(set);	/* and without links */
	expect_valid(set);
}

TEST(link_count_bound, ROOTLESS)
{
	system_of(set)->link_count = CB_MAX_LINKS + 1;
	expect_problem(set, SYSTEM, "/", "link count 17 is out of range "
		       "(expected 0 to 16)");
	system_of(set)->link_count = 2;	/* the array holds one */
	expect_problem(set, SYSTEM, "/", "does not match the arrays the header "
		       "counts");
}

TEST(link_array_grows, ROOTED)
{
	/* The root cell follows the links: a second link moves it. */
	struct cb_link *l = add_link(set, "lr2");

	l->phys_start = 0x70100000;
	l->peer[0].guest = l->peer[1].guest = 0x10100000;
	expect_valid(set);
	drop_links(set);
	expect_valid(set);
}

TEST(link_name, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	set_name(l->name, "a,b.c_d+e-f@1");	/* node-name characters */
	expect_valid(set);
	memset(l->name, 0, CB_NAME_SIZE);
	expect_problem(set, SYSTEM, "/links/#0", "name is empty");
	set_name(l->name, "a b");
	expect_problem(set, SYSTEM, "/links/a b", "name has ' ' at offset 1");
	set_name(l->name, "ab");
	second_link(set, "ab", 0);
	expect_problem(set, SYSTEM, "/links/ab", "name \"ab\" is used twice "
		       "(expected unique link names)");
	set_name(link_of(set, "ab")[1].name, "cd");
	expect_valid(set);
}

TEST(link_flags, ROOTLESS)
{
	link_of(set, "ab")->flags = 1;
	expect_problem(set, SYSTEM, LINK, "flags 0x1 has undefined bits 0x1");
}

TEST(link_peer_count, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	l->peer_count = 1;
	expect_problem(set, SYSTEM, LINK, "has 1 peers (expected 2 to 8: "
		       "peer@0, peer@1, ...)");
	l->peer_count = CB_MAX_LINK_PEERS + 1;
	expect_problem(set, SYSTEM, LINK, "has 9 peers (expected 2 to 8");
	l->peer_count = 0xffffffffu;	/* reads no peer past the array */
	expect_problem(set, SYSTEM, LINK, "has 4294967295 peers");
	l->peer_count = 3;
	expect_problem(set, SYSTEM, "/links/ab/peer@2", "cell is empty");
	set_name(l->peer[2].cell, "c");	/* no such cell in the set */
	l->peer[2].guest = 0x10000000;
	expect_problem(set, SYSTEM, "/links/ab/peer@2", "cell \"c\" is not a "
		       "cell of this system (expected the root cell or one of "
		       "the cells checked with it)");
}

TEST(link_unused_peers_zero, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	l->peer[2].guest = 0x1000;
	expect_problem(set, SYSTEM, "/links/ab/peer@2", "is set but the link "
		       "has 2 peers (expected entries from peer@2 on to be "
		       "zero)");
	l->peer[2].guest = 0;
	l->peer[CB_MAX_LINK_PEERS - 1].cell[CB_NAME_SIZE - 1] = 'x';
	expect_problem(set, SYSTEM, "/links/ab/peer@7", "is set but the link "
		       "has 2 peers");
}

TEST(link_alignment, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	l->phys_start = 0x70000800;
	expect_problem(set, SYSTEM, LINK, "start 0x70000800 is not "
		       "page-aligned (expected a multiple of 0x1000)");
	l->phys_start = 0x70000000;
	l->rw_size = 0x1800;
	expect_problem(set, SYSTEM, LINK, "rw-size 0x1800 is not a multiple "
		       "of 0x1000");
	l->rw_size = 0;		/* no common section: fine */
	expect_valid(set);
	l->output_size = 0x10;
	expect_problem(set, SYSTEM, LINK, "output-size 0x10 is not a multiple "
		       "of 0x1000");
	l->output_size = 0;	/* no outputs either: fine */
	expect_valid(set);
}

TEST(link_size_bound, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	l->rw_size = 1ull << 39;
	expect_problem(set, SYSTEM, LINK, "rw-size 0x8000000000 and 2 output "
		       "sections of output-size 0x1000 are too large (expected "
		       "the link's memory, with its 0x1000-byte state table, "
		       "below 0x8000000000 bytes)");
	l->rw_size = 0;
	l->output_size = 0xfffffffffffff000ull;	/* 2 x this would wrap */
	expect_problem(set, SYSTEM, LINK, "are too large");
	l->output_size = 1ull << 38;	/* each fits, the sum not */
	expect_problem(set, SYSTEM, LINK, "are too large");
	l->output_size = 0x1000;
	l->phys_start = 0xffffffffffffe000ull;
	expect_problem(set, SYSTEM, LINK, "start 0xffffffffffffe000 + size "
		       "0x3000 overflows the address space");
}

TEST(link_memory_placement, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	l->phys_start = 0x7fffc000;	/* the last 16 KiB of RAM: fine */
	expect_valid(set);
	l->phys_start = 0x7fffe000;
	expect_problem(set, SYSTEM, LINK, "memory 0x7fffe000-0x80001fff is not "
		       "inside a RAM window (expected inside /ram)");
	l->phys_start = 0x40ffe000;
	expect_problem(set, SYSTEM, LINK, "memory 0x40ffe000-0x41001fff overlaps "
		       "the hypervisor's memory 0x40000000-0x40ffffff");
	l->phys_start = 0x08ffe000;
	expect_problem(set, SYSTEM, LINK, "memory 0x8ffe000-0x9001fff overlaps "
		       "the hypervisor console's UART 0x9000000-0x9000fff");
	l->phys_start = 0x08000000;
	expect_problem(set, SYSTEM, LINK, "memory 0x8000000-0x8003fff overlaps "
		       "the GIC distributor frame at 0x8000000");
}

TEST(link_memories_apart, ROOTLESS)
{
	struct cb_link *l = second_link(set, "cd", 0);

	expect_valid(set);
	l->phys_start = 0x70003000;	/* ab's last page */
	expect_problem(set, SYSTEM, "/links/cd", "memory 0x70003000-0x70006fff "
		       "overlaps /links/ab (0x70000000-0x70003fff)");
	l->phys_start = 0x70004000;	/* right after it */
	expect_valid(set);
}

TEST(link_peer_cell, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	memset(l->peer[1].cell, 0, CB_NAME_SIZE);
	expect_problem(set, SYSTEM, PEER1, "cell is empty (expected 1 to 31 "
		       "printable characters)");
	set_name(l->peer[1].cell, "a");
	expect_problem(set, SYSTEM, PEER1, "cell \"a\" is already peer@0 of "
		       "this link (expected each cell at most once)");
	set_name(l->peer[1].cell, "b");
	expect_valid(set);
}

TEST(link_peer_guest, ROOTLESS)
{
	struct cb_link *l = link_of(set, "ab");

	l->peer[1].guest = 0x10001000;
	expect_problem(set, SYSTEM, PEER1, "guest 0x10001000 is not aligned to "
		       "the link's BAR size 0x4000 (expected a multiple of it: "
		       "a PCI BAR is naturally aligned)");
	l->peer[1].guest = 0x20004000;	/* any multiple: fine */
	expect_valid(set);
	l->peer[1].guest = (1ull << 39) - 0x4000;
	expect_problem(set, SYSTEM, PEER1, "BAR range 0x7fffffc000-"
		       "0x8000000fff ends above 2^39");
	l->peer[1].guest = (1ull << 39) - 0x8000;	/* ends at 2^39: fine */
	expect_valid(set);
	l->peer[1].guest = 0xffffffffffffc000ull;
	expect_problem(set, SYSTEM, PEER1, "guest 0xffffffffffffc000 plus the "
		       "0x5000 bytes of the BARs overflows the address space");
	l->peer[1].guest = 0x08000000;
	expect_problem(set, SYSTEM, PEER1, "BAR range 0x8000000-0x8004fff "
		       "overlaps the GIC distributor frame at 0x8000000 that the "
		       "hypervisor emulates there");
	l->peer[1].guest = 0x08dfc000;	/* the register frame on the ECAM */
	expect_problem(set, SYSTEM, PEER1, "BAR range 0x8dfc000-0x8e00fff "
		       "overlaps the virtual PCI ECAM window 0x8e00000-0x8efffff");
}

TEST(link_bars_apart_in_a_cell, ROOTLESS)
{
	struct cb_link *l = second_link(set, "cd", 0);

	l->peer[1].guest = 0x10004000;	/* b: on ab's register frame */
	expect_problem(set, SYSTEM, "/links/cd/peer@1", "BAR range 0x10004000-"
		       "0x10008fff overlaps cell \"b\"'s BAR range of /links/ab "
		       "(guest 0x10000000-0x10004fff)");
	l->peer[1].guest = 0x10008000;	/* right after it */
	expect_valid(set);
	l->peer[0].guest = 0x10000000;	/* a: the same address as ab */
	expect_problem(set, SYSTEM, "/links/cd/peer@0", "overlaps cell \"a\"'s "
		       "BAR range of /links/ab");
}

TEST(link_set_links_per_cell, ROOTLESS)
{
	static const char *const names[] = { "l0", "l1", "l2" };
	unsigned i;

	for (i = 0; i < CB_LIMIT_CELL_LINKS - 1; i++)
		second_link(set, names[i], i);
	expect_valid(set);	/* 4 each */
	second_link(set, "l3", 3);
	expect_problem(set, SYSTEM, "/links", "cell \"a\" is a peer of 5 links "
		       "(expected at most 4 per cell in this build)");
	expect_problem(set, SYSTEM, "/links", "cell \"b\" is a peer of 5 links");
	/* Past a's 4th the others may still have room: move b out of it. */
	set_name(link_of(set, "l3")->peer[1].cell, "a");
	expect_no_problem(set, SYSTEM, "cell \"b\" is a peer");
}

TEST(link_set_links_per_interrupt, ROOTLESS)
{
	second_link(set, "cd", 0);
	system_of(set)->vpci.interrupt_count = 2;
	expect_valid(set);
	system_of(set)->vpci.interrupt_count = 1;
	expect_problem(set, SYSTEM, "/links", "cell \"a\" is a peer of 2 links "
		       "but /vpci has interrupt-count 1 (expected at most one "
		       "link per interrupt: device d raises interrupt-base + d)");
}

TEST(link_set_bars_on_region, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0x10005000;	/* right after the BARs */
	expect_valid(set);
	data->guest_start = 0x10004000;	/* on BAR 0 */
	expect_problem(set, SYSTEM, PEER1, "BAR range 0x10000000-0x10004fff "
		       "overlaps cell \"b\" /memory/data (guest 0x10004000-"
		       "0x10004fff; expected free guest space of the cell)");
	data->guest_start = 0x60000000;
	region_of(set, CELL_B, "gpio")->guest_start = 0x10003f00; /* subpage */
	expect_problem(set, SYSTEM, PEER1, "overlaps cell \"b\" /memory/gpio");
}

TEST(link_set_bars_on_console, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->console.emulated = 0x10005000;
	expect_valid(set);
	a->console.emulated = 0x10002000;
	expect_problem(set, SYSTEM, PEER0, "BAR range 0x10000000-0x10004fff "
		       "overlaps cell \"a\"'s emulated console at guest "
		       "0x10002000 (expected free guest space of the cell)");
}

TEST(link_set_memory_unowned, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->phys_start = 0x70004000;	/* right after the link: fine */
	expect_valid(set);
	data->phys_start = 0x70001000;	/* a peer's own region on it */
	expect_problem(set, SYSTEM, LINK, "memory 0x70000000-0x70003fff "
		       "overlaps cell \"b\" /memory/data (phys 0x70001000-"
		       "0x70001fff; expected a link's memory to be no cell's "
		       "region: its peers map it through the link)");
}

TEST(link_set_memory_not_lent, ROOTED)
{
	/* The root cell lends its RAM to rt, but may not hold the link's. */
	region_of(set, ROOT_CELL, "ram")->size = 0x3f000000;
	expect_problem(set, SYSTEM, "/links/lr", "memory 0x70000000-0x70002fff "
		       "overlaps cell \"linux\" /memory/ram (phys 0x41000000-"
		       "0x7fffffff;");
}

TEST(link_set_root_cell_peer, ROOTED)
{
	struct cb_link *l = link_of(set, "lr");

	set_name(l->peer[0].cell, "linux2");
	expect_problem(set, SYSTEM, "/links/lr/peer@0", "cell \"linux2\" is not "
		       "a cell of this system");
	set_name(l->peer[0].cell, "linux");
	region_of(set, ROOT_CELL, "ram")->guest_start = 0x10000000;
	region_of(set, ROOT_CELL, "ram")->phys_start = 0x41000000;
	expect_problem(set, SYSTEM, "/links/lr/peer@0", "overlaps cell "
		       "\"linux\" /memory/ram");
}
