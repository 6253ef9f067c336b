// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading a cell's failure policy and voting settings (see cell_policy.h).
 *
 * An explicit zero is refused where the binary's zero means "none": the
 * source says "none" by leaving the property out, and a written <0> would
 * look like a setting it is not (a watchdog that never expires, say).
 */
#include "cell_policy.h"

#include <cellblock/limits.h>

/* The limits are decimal literals: their text is their value. */
#define TEXT(x) #x
#define LIMIT(x) TEXT(x)

static void read_nonzero(struct dts_reader *rd, int node, const char *name,
			 const char *expected, uint32_t *out)
{
	if (dts_u32(rd, node, name, 0, out) && !*out)
		dts_error(rd, node, "property '%s' is 0 (expected %s, or no "
			  "property for none)", name, expected);
}

static void read_failure_policy(struct dts_reader *rd, int node,
				struct cb_cell_config *c)
{
	uint32_t policy, limit;
	int has_limit;

	if (!dts_enum(rd, node, "on-failure", 0, config_failure_policy_names,
		      &policy) &&
	    dts_has(rd, node, "on-failure"))
		return;	/* reported: what restart-limit needs is unknown */
	c->on_failure = (uint16_t)policy;
	has_limit = dts_u32(rd, node, "restart-limit", 0, &limit);
	if (policy != CB_FAILURE_POLICY_RESTART) {
		if (has_limit)
			dts_error(rd, node, "property 'restart-limit' is set "
				  "while on-failure is \"park\" (expected it "
				  "only with on-failure = \"restart\": a "
				  "parked cell is not restarted)");
		return;
	}
	if (!has_limit && !dts_has(rd, node, "restart-limit"))
		dts_error(rd, node, "property 'restart-limit' is missing "
			  "(expected 1 to %u restarts with on-failure = "
			  "\"restart\")", CB_LIMIT_RESTARTS);
	else if (limit > 0xffff)
		dts_error(rd, node, "property 'restart-limit' is %u (expected "
			  "1 to %u)", limit, CB_LIMIT_RESTARTS);
	else
		c->restart_limit = (uint16_t)limit;
}

static void read_voting(struct dts_reader *rd, int node,
			struct cb_cell_config *c)
{
	int has_timeout = dts_u32(rd, node, "vote-timeout-us", 0,
				  &c->vote_timeout_us);

	if (c->flags & CB_CELL_VOTING) {
		if (!has_timeout && !dts_has(rd, node, "vote-timeout-us"))
			dts_error(rd, node, "property 'vote-timeout-us' is "
				  "missing (expected 1 to %u microseconds with "
				  "'voting')", CB_LIMIT_VOTE_TIMEOUT_US);
	} else if (dts_has(rd, node, "vote-timeout-us")) {
		dts_error(rd, node, "property 'vote-timeout-us' is set "
			  "without 'voting' (expected it only with 'voting;')");
	}
}

void cell_policy_read(struct dts_reader *rd, int node,
		      struct cb_cell_config *c)
{
	read_nonzero(rd, node, "watchdog-period-us",
		     LIMIT(CB_LIMIT_WATCHDOG_US_MIN) " to "
		     LIMIT(CB_LIMIT_WATCHDOG_US_MAX) " microseconds",
		     &c->watchdog_us);
	read_failure_policy(rd, node, c);
	read_voting(rd, node, c);
	read_nonzero(rd, node, "comm-interrupt", "an SPI, 32 to 1019",
		     &c->comm_interrupt);
}
