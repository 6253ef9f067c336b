// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory and devices a created cell (core/mgmt_create.c) takes from the
 * cell that creates it, the Linux-managed boot's root cell: the parts of
 * the new cell's regions inside the root's regions flagged lendable
 * (CB_REGION_LENDABLE: its running Linux does not use them) leave the
 * root's stage 2 for the cell's lifetime and come back, with the root's
 * own attributes, when it is destroyed. A part inside any other region of
 * the root is refused: Linux may be using it.
 *
 * What is lent is not recorded: it is what the two configs say, which do
 * not change while the cell exists.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>

#include <cellblock/hypercall.h>

#include "mgmt_internal.h"

/* The part of @r's physical range inside @m's: 0 when there is none. */
static uint64_t common_part(const struct cb_memory_region *r,
			    const struct cb_memory_region *m, uint64_t *phys)
{
	uint64_t start = r->phys_start > m->phys_start ? r->phys_start
							: m->phys_start;
	uint64_t r_end = r->phys_start + r->size, m_end = m->phys_start + m->size;
	uint64_t end = r_end < m_end ? r_end : m_end;

	/* The comm region has no physical range (the hypervisor's page). */
	if ((r->flags & CB_REGION_COMM) || (m->flags & CB_REGION_COMM) ||
	    start >= end)
		return 0;
	*phys = start;
	return end - start;
}

int64_t mgmt_lend_check(const struct cell *lender,
			const struct cb_cell_config *config)
{
	const struct cb_memory_region *r = cb_cell_regions(config);
	const struct cb_memory_region *m = cb_cell_regions(lender->config);
	unsigned int i, j;
	uint64_t phys;

	for (i = 0; i < config->region_count; i++)
		for (j = 0; j < lender->config->region_count; j++) {
			const char *why;

			if (!common_part(&r[i], &m[j], &phys))
				continue;
			if (!(m[j].flags & CB_REGION_LENDABLE))
				why = "which is not lendable: it may be using "
				      "it (give a cell memory no running cell "
				      "has, or of a lendable region)";
			else if (r[i].flags & CB_REGION_SUBPAGE)
				why = "lendable, but a sub-page region cannot "
				      "be lent (the rest of its page would "
				      "stay the lender's)";
			else
				continue;
			hv_printf("cell create: %s: /memory/%s 0x%llx-0x%llx "
				  "is cell %s's /memory/%s, %s", config->name,
				  r[i].name, (unsigned long long)r[i].phys_start,
				  (unsigned long long)(r[i].phys_start +
						       r[i].size - 1),
				  lender->name, m[j].name, why);
			return CB_HC_EBUSY;
		}
	return 0;
}

/* Every part of @cell's regions in its lender's lendable regions: out of
   the lender's stage 2 (@give), or back into it. */
static void move_parts(struct cell *cell, int give)
{
	struct cell *lender = cell->lender;
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	const struct cb_memory_region *m = cb_cell_regions(lender->config);
	unsigned int i, j;
	uint64_t phys, size, guest;

	for (i = 0; i < cell->config->region_count; i++)
		for (j = 0; j < lender->config->region_count; j++) {
			size = common_part(&r[i], &m[j], &phys);
			if (!size)
				continue;
			/* Invariant: mgmt_lend_check() let only these by. */
			CHECK(m[j].flags & CB_REGION_LENDABLE);
			guest = m[j].guest_start + (phys - m[j].phys_start);
			if (give)
				arch_cell_unmap_lent(lender, guest, size);
			else
				arch_cell_map_lent(lender, guest, phys, size,
						   m[j].flags);
		}
}

void mgmt_lend_memory(struct cell *cell)
{
	move_parts(cell, 1);
}

void mgmt_return_memory(struct cell *cell)
{
	move_parts(cell, 0);
}
