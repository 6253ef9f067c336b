// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: a cell's watchdog, failure policy, voting and
 * comm interrupt (config_check_policy.c). Each rule is tested both ways:
 * the edge that passes, then the value past it. Cell "a" of the root-less
 * fixture has a read/write comm region, SPI 34 and an emulated console;
 * its system's console interrupt is 33, its GIC has 288 INTIDs and its
 * virtual PCI host takes INTIDs 100 to 103.
 */
#include "config_test_harness.h"

#include <cellblock/limits.h>

#include <string.h>

/* Cell a voting, as valid as it gets. */
static void make_voting(struct set *set)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->flags |= CB_CELL_VOTING;
	a->comm_interrupt = 40;
	a->vote_timeout_us = 5000;
}

/* Cell a without its comm region: it becomes read-only RAM elsewhere. */
static void drop_comm_region(struct set *set)
{
	struct cb_memory_region *comm = region_of(set, CELL_A, "comm");

	comm->flags = CB_REGION_READ;
	comm->phys_start = 0x5f100000;
}

TEST(policy_all_set, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	expect_valid(set);	/* the fixture: none of it set */
	a->watchdog_us = 10000;
	a->on_failure = CB_FAILURE_POLICY_RESTART;
	a->restart_limit = 3;
	make_voting(set);
	expect_valid(set);
	set->alone = CELL_A;	/* as `config compile` checks it */
	expect_valid(set);
}

TEST(policy_watchdog_range, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->watchdog_us = CB_LIMIT_WATCHDOG_US_MIN;
	expect_valid(set);
	a->watchdog_us = CB_LIMIT_WATCHDOG_US_MAX;
	expect_valid(set);
	a->watchdog_us = CB_LIMIT_WATCHDOG_US_MIN - 1;
	expect_problem(set, CELL_A, "/", "watchdog-period-us 99 is out of "
		       "range (expected 100 to 60000000 microseconds, or 0 for "
		       "no watchdog)");
	a->watchdog_us = CB_LIMIT_WATCHDOG_US_MAX + 1;
	expect_problem(set, CELL_A, "/", "watchdog-period-us 60000001 is out "
		       "of range");
	a->watchdog_us = 0xffffffffu;
	expect_problem(set, CELL_A, "/", "watchdog-period-us 4294967295 is "
		       "out of range");
	a->watchdog_us = 0;
	expect_valid(set);
}

TEST(policy_on_failure_value, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->on_failure = 2;
	expect_problem(set, CELL_A, "/", "on-failure 2 is not a failure policy "
		       "(expected 0 \"park\" or 1 \"restart\")");
	a->on_failure = 0xffff;
	expect_problem(set, CELL_A, "/", "on-failure 65535 is not a failure "
		       "policy");
	a->on_failure = CB_FAILURE_POLICY_PARK;
	expect_valid(set);
}

TEST(policy_restart_limit, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->on_failure = CB_FAILURE_POLICY_RESTART;
	a->restart_limit = 1;
	expect_valid(set);
	a->restart_limit = CB_LIMIT_RESTARTS;
	expect_valid(set);
	a->restart_limit = CB_LIMIT_RESTARTS + 1;
	expect_problem(set, CELL_A, "/", "restart-limit 1001 is out of range "
		       "with on-failure \"restart\" (expected 1 to 1000 "
		       "restarts before the cell is parked)");
	a->restart_limit = 0;
	expect_problem(set, CELL_A, "/", "restart-limit 0 is out of range with "
		       "on-failure \"restart\"");
}

TEST(policy_park_has_no_limit, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->restart_limit = 1;
	expect_problem(set, CELL_A, "/", "restart-limit 1 is set while "
		       "on-failure is \"park\" (expected 0: a parked cell is "
		       "not restarted)");
	a->restart_limit = 0;
	expect_valid(set);
}

TEST(policy_comm_interrupt_needs_comm_region, ROOTLESS)
{
	cell_of(set, CELL_A)->comm_interrupt = 40;
	expect_valid(set);
	drop_comm_region(set);
	expect_problem(set, CELL_A, "/", "comm-interrupt 40 is set but the "
		       "cell has no comm region (expected a /memory region "
		       "with \"comm-region\": the interrupt signals a message "
		       "there)");
	cell_of(set, CELL_A)->comm_interrupt = 0;
	expect_valid(set);
}

TEST(policy_comm_interrupt_is_spi, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	set->alone = CELL_A;	/* the format's range, before the GIC's */
	a->comm_interrupt = CB_INTID_SPI_FIRST;
	expect_valid(set);
	a->comm_interrupt = CB_INTID_SPI_LIMIT - 1;
	expect_valid(set);
	a->comm_interrupt = 31;
	expect_problem(set, CELL_A, "/", "comm-interrupt 31 is not an SPI "
		       "(expected 32 to 1019)");
	a->comm_interrupt = 1;
	expect_problem(set, CELL_A, "/", "comm-interrupt 1 is not an SPI");
	a->comm_interrupt = CB_INTID_SPI_LIMIT;
	expect_problem(set, CELL_A, "/", "comm-interrupt 1020 is not an SPI");
}

TEST(policy_comm_interrupt_not_owned, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->comm_interrupt = 35;
	expect_valid(set);
	a->comm_interrupt = 34;		/* the cell's own SPI */
	expect_problem(set, CELL_A, "/", "comm-interrupt 34 is also in the "
		       "cell's interrupts (expected a line of its own: the "
		       "hypervisor raises it, no device does)");
	/* Another cell's SPI is no clash: the comm line is virtual, a's. */
	a->comm_interrupt = 39;
	expect_valid(set);
}

TEST(policy_comm_interrupt_exists, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->comm_interrupt = 287;	/* the GIC's last */
	expect_valid(set);
	a->comm_interrupt = 288;
	expect_problem(set, CELL_A, "/", "comm-interrupt 288 does not exist "
		       "(the GIC implements INTIDs up to 287)");
	/* On its own, as `config compile` checks it, any SPI will do. */
	set->alone = CELL_A;
	expect_valid(set);
}

TEST(policy_comm_interrupt_console_line, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->comm_interrupt = 33;		/* the system console's */
	expect_problem(set, CELL_A, "/", "comm-interrupt 33 is the line of the "
		       "cell's emulated console, the system console's "
		       "interrupt (expected another SPI)");
	set->alone = CELL_A;
	expect_valid(set);
	/* Without an emulated console the cell has no such line. */
	set->alone = 0;
	a->console.flags = 0;
	a->console.emulated = 0;
	expect_valid(set);
}

TEST(policy_comm_interrupt_vpci_lines, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->comm_interrupt = 99;
	expect_valid(set);
	a->comm_interrupt = 104;
	expect_valid(set);
	a->comm_interrupt = 100;
	expect_problem(set, CELL_A, "/", "comm-interrupt 100 is reserved for "
		       "the virtual PCI host's INTx lines (INTIDs 100 to 103; "
		       "expected another SPI)");
	a->comm_interrupt = 103;
	expect_problem(set, CELL_A, "/", "comm-interrupt 103 is reserved for "
		       "the virtual PCI host's INTx lines");
	/* A system without a virtual PCI host reserves none. */
	drop_links(set);
	memset(&system_of(set)->vpci, 0, sizeof(system_of(set)->vpci));
	expect_valid(set);
}

TEST(policy_voting_needs_comm_region, ROOTLESS)
{
	make_voting(set);
	expect_valid(set);
	region_of(set, CELL_A, "comm")->flags = CB_REGION_READ |
						CB_REGION_COMM;
	expect_problem(set, CELL_A, "/", "voting is set but the comm region is "
		       "not both \"read\" and \"write\" (expected both: the "
		       "cell reads the request there and writes its answer)");
	region_of(set, CELL_A, "comm")->flags = CB_REGION_WRITE |
						CB_REGION_COMM;
	expect_problem(set, CELL_A, "/", "voting is set but the comm region is "
		       "not both \"read\" and \"write\"");
	cell_of(set, CELL_A)->comm_interrupt = 0;
	drop_comm_region(set);
	expect_problem(set, CELL_A, "/", "voting is set but the cell has no "
		       "comm region (expected a /memory region with \"read\", "
		       "\"write\", \"comm-region\": the request arrives and "
		       "the answer goes there)");
}

TEST(policy_voting_needs_comm_interrupt, ROOTLESS)
{
	make_voting(set);
	expect_valid(set);
	cell_of(set, CELL_A)->comm_interrupt = 0;
	expect_problem(set, CELL_A, "/", "voting is set without a "
		       "comm-interrupt (expected an SPI: it signals a vote "
		       "request)");
}

TEST(policy_vote_timeout, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	make_voting(set);
	a->vote_timeout_us = 1;
	expect_valid(set);
	a->vote_timeout_us = CB_LIMIT_VOTE_TIMEOUT_US;
	expect_valid(set);
	a->vote_timeout_us = CB_LIMIT_VOTE_TIMEOUT_US + 1;
	expect_problem(set, CELL_A, "/", "vote-timeout-us 10000001 is out of "
		       "range with voting (expected 1 to 10000000 "
		       "microseconds)");
	a->vote_timeout_us = 0;
	expect_problem(set, CELL_A, "/", "vote-timeout-us 0 is out of range "
		       "with voting");
}

TEST(policy_vote_timeout_without_voting, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->comm_interrupt = 40;		/* comm messages without voting */
	expect_valid(set);
	a->vote_timeout_us = 5000;
	expect_problem(set, CELL_A, "/", "vote-timeout-us 5000 is set without "
		       "voting (expected 0)");
}

TEST(policy_root_cell, ROOTED)
{
	struct cb_cell_config *root = cell_of(set, ROOT_CELL);

	/* The root cell's settings are checked with its system. */
	root->watchdog_us = 1000;
	root->on_failure = CB_FAILURE_POLICY_RESTART;
	root->restart_limit = 2;
	expect_valid(set);
	root->restart_limit = 0;
	expect_problem(set, ROOT_CELL, "/root-cell", "restart-limit 0 is out "
		       "of range with on-failure \"restart\"");
	root->restart_limit = 2;
	root->flags |= CB_CELL_VOTING;
	root->vote_timeout_us = 10;
	expect_problem(set, ROOT_CELL, "/root-cell", "voting is set but the "
		       "cell has no comm region");
	expect_problem(set, ROOT_CELL, "/root-cell", "voting is set without "
		       "a comm-interrupt");
}
