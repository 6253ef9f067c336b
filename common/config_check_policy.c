// SPDX-License-Identifier: GPL-2.0-only
/*
 * The validator's rules for what happens to a cell when it fails and
 * when another cell would stop it: its watchdog, failure policy, voting
 * and comm interrupt (struct cb_cell_config of <cellblock/config.h>;
 * contract in config_check.h).
 *
 * On its own a cell's settings must be in range and agree with each
 * other: a restart limit only with the restart policy (and then one is
 * needed, or a cell failing at once would restart forever), a vote
 * timeout only when voting, and voting only with what a vote travels
 * through: a comm region the cell can read the request from and write
 * its answer to, and the comm interrupt that says a request is there.
 * Against its system the comm interrupt must also be free in the cell's
 * view of the GIC: a line the GIC implements, and none of the cell's
 * other virtual lines (its emulated console's, which is the system
 * console's INTID, and the virtual PCI host's INTx lines).
 *
 * Problems are reported at "/", where the properties are in the source,
 * with the source's property names.
 */
#include "config_check_internal.h"

#include <cellblock/limits.h>

/* The cell's comm region, or NULL (check_regions() allows one at most). */
static const struct cb_memory_region *
comm_region_of(const struct cb_cell_config *c)
{
	const struct cb_memory_region *reg = cb_cell_regions(c);
	unsigned i;

	for (i = 0; i < c->region_count; i++)
		if (reg[i].flags & CB_REGION_COMM)
			return &reg[i];
	return NULL;
}

static int is_spi(uint32_t intid)
{
	return intid >= CB_INTID_SPI_FIRST && intid < CB_INTID_SPI_LIMIT;
}

static int owns_interrupt(const struct cb_cell_config *c, uint32_t intid)
{
	const uint32_t *irq = cb_cell_interrupts(c);
	unsigned i;

	for (i = 0; i < c->interrupt_count; i++)
		if (irq[i] == intid)
			return 1;
	return 0;
}

static void check_watchdog(const struct checker *ck,
			   const struct cb_cell_config *c)
{
	if (c->watchdog_us && (c->watchdog_us < CB_LIMIT_WATCHDOG_US_MIN ||
			       c->watchdog_us > CB_LIMIT_WATCHDOG_US_MAX))
		problem(ck, "/", "watchdog-period-us %u is out of range "
			"(expected %u to %u microseconds, or 0 for no "
			"watchdog)", c->watchdog_us, CB_LIMIT_WATCHDOG_US_MIN,
			CB_LIMIT_WATCHDOG_US_MAX);
}

static void check_failure_policy(const struct checker *ck,
				 const struct cb_cell_config *c)
{
	switch (c->on_failure) {
	case CB_FAILURE_POLICY_PARK:
		if (c->restart_limit)
			problem(ck, "/", "restart-limit %u is set while "
				"on-failure is \"park\" (expected 0: a parked "
				"cell is not restarted)", c->restart_limit);
		break;
	case CB_FAILURE_POLICY_RESTART:
		if (!c->restart_limit || c->restart_limit > CB_LIMIT_RESTARTS)
			problem(ck, "/", "restart-limit %u is out of range "
				"with on-failure \"restart\" (expected 1 to %u "
				"restarts before the cell is parked)",
				c->restart_limit, CB_LIMIT_RESTARTS);
		break;
	default:
		problem(ck, "/", "on-failure %u is not a failure policy "
			"(expected %u \"park\" or %u \"restart\")",
			c->on_failure, CB_FAILURE_POLICY_PARK,
			CB_FAILURE_POLICY_RESTART);
	}
}

static void check_comm_interrupt(const struct checker *ck,
				 const struct cb_cell_config *c)
{
	uint32_t id = c->comm_interrupt;

	if (!id)
		return;
	if (!comm_region_of(c))
		problem(ck, "/", "comm-interrupt %u is set but the cell has no "
			"comm region (expected a /memory region with "
			"\"comm-region\": the interrupt signals a message "
			"there)", id);
	if (!is_spi(id))
		problem(ck, "/", "comm-interrupt %u is not an SPI (expected 32 "
			"to 1019)", id);
	else if (owns_interrupt(c, id))
		problem(ck, "/", "comm-interrupt %u is also in the cell's "
			"interrupts (expected a line of its own: the "
			"hypervisor raises it, no device does)", id);
}

static void check_voting(const struct checker *ck,
			 const struct cb_cell_config *c)
{
	const uint32_t rw = CB_REGION_READ | CB_REGION_WRITE;
	const struct cb_memory_region *comm = comm_region_of(c);

	if (!(c->flags & CB_CELL_VOTING)) {
		if (c->vote_timeout_us)
			problem(ck, "/", "vote-timeout-us %u is set without "
				"voting (expected 0)", c->vote_timeout_us);
		return;
	}
	if (!comm)
		problem(ck, "/", "voting is set but the cell has no comm "
			"region (expected a /memory region with \"read\", "
			"\"write\", \"comm-region\": the request arrives and "
			"the answer goes there)");
	else if ((comm->flags & rw) != rw)
		problem(ck, "/", "voting is set but the comm region is not "
			"both \"read\" and \"write\" (expected both: the cell "
			"reads the request there and writes its answer)");
	if (!c->comm_interrupt)
		problem(ck, "/", "voting is set without a comm-interrupt "
			"(expected an SPI: it signals a vote request)");
	if (!c->vote_timeout_us ||
	    c->vote_timeout_us > CB_LIMIT_VOTE_TIMEOUT_US)
		problem(ck, "/", "vote-timeout-us %u is out of range with "
			"voting (expected 1 to %u microseconds)",
			c->vote_timeout_us, CB_LIMIT_VOTE_TIMEOUT_US);
}

void config_check_policy(const struct checker *ck,
			 const struct cb_cell_config *c)
{
	check_watchdog(ck, c);
	check_failure_policy(ck, c);
	check_comm_interrupt(ck, c);
	check_voting(ck, c);
}

void config_check_policy_in_system(const struct checker *ck,
				   const struct cb_system_config *s,
				   const struct cb_cell_config *c)
{
	uint32_t id = c->comm_interrupt;
	uint32_t vpci_first = s->vpci.interrupt_base;
	uint64_t vpci_end = (uint64_t)vpci_first + s->vpci.interrupt_count;

	if (!is_spi(id))
		return;	/* none, or reported by check_comm_interrupt() */
	if (id >= s->gic.interrupt_count)
		problem(ck, "/", "comm-interrupt %u does not exist (the GIC "
			"implements INTIDs up to %u)", id,
			s->gic.interrupt_count - 1);
	else if ((c->console.flags & CB_CELL_CONSOLE_EMULATED) &&
		 id == s->console.interrupt)
		problem(ck, "/", "comm-interrupt %u is the line of the cell's "
			"emulated console, the system console's interrupt "
			"(expected another SPI)", id);
	else if (s->vpci.ecam && id >= vpci_first && id < vpci_end)
		problem(ck, "/", "comm-interrupt %u is reserved for the "
			"virtual PCI host's INTx lines (INTIDs %u to %llu; "
			"expected another SPI)", id, vpci_first,
			(unsigned long long)vpci_end - 1);
}
