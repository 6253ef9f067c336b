// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sub-page io regions: device registers that do not fill a page, so stage 2
 * cannot map them without exposing their neighbours. Accesses trap and are
 * replayed on the device, at the same width, when they fall inside the
 * region; the rest of the page stays out of reach.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <hv/subpage.h>

static const struct cb_memory_region *
region_at(const struct cell *cell, uint64_t guest)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++)
		if ((r[i].flags & CB_REGION_SUBPAGE) && guest >= r[i].guest_start &&
		    guest - r[i].guest_start < r[i].size)
			return &r[i];
	return 0;
}

/*
 * The access is replayed with arch_probe_*(): a bus error from the device
 * (no device at that address, or a width it does not take) is the cell's
 * doing, and fails the cell, never the hypervisor.
 */
static enum mmio_result subpage_access(struct cell *cell,
				       struct mmio_access *a, uint64_t offset)
{
	const struct cb_memory_region *r = region_at(cell, a->address);
	uint64_t phys;
	int aborted;
	(void)offset;

	if (!r || a->address - r->guest_start + a->size > r->size)
		return MMIO_REFUSED;
	if ((a->is_write && !(r->flags & CB_REGION_WRITE)) ||
	    (!a->is_write && !(r->flags & CB_REGION_READ)))
		return MMIO_REFUSED;
	phys = r->phys_start + (a->address - r->guest_start);
	if (a->is_write)
		aborted = arch_probe_write(phys, a->size, a->value);
	else
		aborted = arch_probe_read(phys, a->size, &a->value);
	return aborted ? MMIO_ABORTED : MMIO_HANDLED;
}

static int __boot subpage_register(struct cell *cell,
				   const struct cb_memory_region *r)
{
	uint64_t page = r->guest_start & ~0xfffull;

	return mmio_register(cell, page, ((r->guest_start + r->size + 0xfff) &
					  ~0xfffull) - page, subpage_access,
			     STAT_MMIO_SUBPAGE);
}

int __boot subpage_cell_create(struct cell *cell)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++)
		if ((r[i].flags & CB_REGION_SUBPAGE) &&
		    subpage_register(cell, &r[i])) {
			hv_printf("cell %s: more than %u emulated regions "
				  "(sub-page regions); cell skipped",
				  cell->name, MMIO_MAX_REGIONS);
			return -1;
		}
	return 0;
}
