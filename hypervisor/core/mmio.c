// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated MMIO dispatch (see mmio.h). Regions are few per cell (GIC
 * distributor, redistributors, console, PCI), so a linear scan is fastest;
 * and a cell's accesses come in runs to one device (a driver polling its
 * status register, a console line, the distributor's set-up), so the
 * region hit last is tried first.
 */
#include <hv/cell.h>
#include <hv/lib.h>

#include <asm/stats.h>

int __boot mmio_register(struct cell *cell, uint64_t start, uint64_t size,
		  enum mmio_result (*handle)(struct cell *, struct mmio_access *,
					     uint64_t),
		  enum stat_kind stat)
{
	if (cell->mmio_count == MMIO_MAX_REGIONS)
		return -1;
	cell->mmio[cell->mmio_count++] =
		(struct mmio_region){ start, size, handle, stat };
	cell->mmio_last = &cell->mmio[0];	/* the hint, for a start */
	return 0;
}

/* One comparison: regions end below 2^64, so an address below the start
   wraps past any region's size. */
static int in_region(const struct mmio_region *r, uint64_t address)
{
	return address - r->start < r->size;
}

static const struct mmio_region *region_of(const struct cell *cell,
					   uint64_t address)
{
	const struct mmio_region *r = cell->mmio;
	const struct mmio_region *end = r + cell->mmio_count;

	for (; r < end; r++)
		if (in_region(r, address))
			return r;
	return NULL;
}

int mmio_emulated(const struct cell *cell, uint64_t address)
{
	return region_of(cell, address) != NULL;
}

enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *a)
{
	/* One of the cell's regions (every cell that runs has its GIC's):
	   a hint, checked before use. The cell's CPUs share it; each reads
	   and writes it whole. */
	const struct mmio_region *r = __atomic_load_n(&cell->mmio_last,
						      __ATOMIC_RELAXED);

	if (unlikely(!in_region(r, a->address))) {
		r = region_of(cell, a->address);
		if (!r)
			return MMIO_REFUSED;
		__atomic_store_n(&cell->mmio_last, r, __ATOMIC_RELAXED);
	}
	stats_count(r->stat);
	return r->handle(cell, a, a->address - r->start);
}
