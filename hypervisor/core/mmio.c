// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated MMIO dispatch (see mmio.h). Regions are few per cell (GIC
 * distributor, redistributors, console, PCI), so a linear scan is fastest.
 */
#include <hv/cell.h>
#include <hv/lib.h>

int __boot mmio_register(struct cell *cell, uint64_t start, uint64_t size,
		   enum mmio_result (*handle)(struct cell *, struct mmio_access *,
					      uint64_t))
{
	if (cell->mmio_count == MMIO_MAX_REGIONS)
		return -1;
	cell->mmio[cell->mmio_count++] =
		(struct mmio_region){ start, size, handle };
	return 0;
}

static const struct mmio_region *region_of(const struct cell *cell,
					   uint64_t address)
{
	unsigned int i;

	for (i = 0; i < cell->mmio_count; i++)
		if (address >= cell->mmio[i].start &&
		    address - cell->mmio[i].start < cell->mmio[i].size)
			return &cell->mmio[i];
	return NULL;
}

int mmio_emulated(const struct cell *cell, uint64_t address)
{
	return region_of(cell, address) != NULL;
}

enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *a)
{
	const struct mmio_region *r = region_of(cell, a->address);

	return r ? r->handle(cell, a, a->address - r->start) : MMIO_REFUSED;
}
