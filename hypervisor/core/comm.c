// SPDX-License-Identifier: GPL-2.0-only
/*
 * The comm region's page (see hv/comm.h): filled at each start of its
 * cell and its state word kept current, in every build; the message
 * words of a vote are management's (core/mgmt_comm.c).
 *
 * The cell may map the page with its caches off while the hypervisor's
 * view is cached, and the words the hypervisor writes share cache lines
 * with the cell's answer. So the hypervisor drops a line before it
 * writes (its stores then merge into what the cell last wrote to memory,
 * instead of writing back an older copy of the answer) and cleans it
 * after; and it drops the line before it reads the answer.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/comm.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <hv/vline.h>

#include <cellblock/comm.h>


int __boot comm_cell_create(struct cell *cell)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	cell->comm.line = -1;
	for (i = 0; i < cell->config->region_count; i++)
		if (r[i].flags & CB_REGION_COMM)
			break;
	if (i == cell->config->region_count)
		return 0;
	cell->comm.page = arch_cell_map_page(cell, r[i].guest_start,
					     r[i].flags);
	if (!cell->comm.page) {
		hv_printf("cell %s: the hypervisor's page pool is exhausted; "
			  "cell skipped", cell->name);
		return -1;
	}
	if (!cell->config->comm_interrupt)
		return 0;
	cell->comm.line = vline_add(cell, cell->config->comm_interrupt);
	/* Invariant: VLINE_MAX counts the comm line, the first unit's. */
	CHECK(cell->comm.line >= 0);
	return 0;
}

void comm_cell_start(struct cell *cell)
{
	const struct cb_cell_config *config = cell->config;
	struct cb_comm_region *c = cell->comm.page;

	if (!c)
		return;
	memset(c, 0, CB_PAGE_SIZE);
	c->magic = CB_COMM_MAGIC;
	c->revision = CB_COMM_REVISION;
	c->header_size = sizeof(*c);
	c->cell_id = cell->index;
	c->cell_state = cell_abi_state(cell->state);
	c->counter_frequency = arch_counter_frequency();
	c->cpu_count = bits_set(cell->cpu_set);
	c->flags = config->flags & CB_CELL_VOTING ? CB_COMM_VOTING : 0;
	c->vote_timeout_us = config->vote_timeout_us;
	c->watchdog_us = config->watchdog_us;
	c->interrupt = config->comm_interrupt;
	arch_dcache_clean(c, CB_PAGE_SIZE);
}

const char *comm_describe(const struct cell *cell, uint64_t guest)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++)
		if ((r[i].flags & CB_REGION_COMM) &&
		    guest - r[i].guest_start < r[i].size)
			return r[i].flags & CB_REGION_WRITE ?
				       "the comm region" :
				       "the comm region (read-only)";
	return NULL;
}

void comm_show_state(struct cell *cell)
{
	struct cb_comm_region *c = cell->comm.page;

	__atomic_add_fetch(&cell->comm.state_changes, 1, __ATOMIC_RELEASE);
	if (!c)
		return;
	arch_dcache_clean_invalidate(&c->cell_state, sizeof(c->cell_state));
	c->cell_state = cell_abi_state(cell->state);
	arch_dcache_clean(&c->cell_state, sizeof(c->cell_state));
}
