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

enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *a)
{
	unsigned int i;

	for (i = 0; i < cell->mmio_count; i++) {
		const struct mmio_region *r = &cell->mmio[i];

		if (a->address >= r->start && a->address - r->start < r->size)
			return r->handle(cell, a, a->address - r->start);
	}
	return MMIO_REFUSED;
}
