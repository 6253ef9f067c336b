// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's memory (see hv_budget.h). It is the image, loaded at
 * HV_LINK_ADDRESS, then the page pool up to the region's end (boot.c
 * pool_fits). The pool holds every translation table the hypervisor
 * builds, all at boot (paging.c); this counts them as the hypervisor
 * allocates them, with 4 KiB tables of 512 entries, level 1 root, 1 GiB
 * blocks at level 1 and 2 MiB blocks at level 2 where a range allows:
 *
 *   - EL2 stage 1 (mmu.c mmu_build): a root, then one table per 1 GiB and
 *     per 2 MiB that the hypervisor's region, the distributor, the
 *     redistributors and the console page touch without filling, the
 *     image in pages (its code is mapped apart, its stacks have guard
 *     pages) -- counted exactly for this board;
 *   - RAM windows (ram_window.c): a root copy, a level-2 and a level-3
 *     table for each of the CB_LIMIT_CPUS CPU slots, 3 x 8 = 24;
 *   - stage 2, per cell: a root, two level-2 tables (its RAM, its
 *     devices) and two level-3 tables (RAM that does not start or end on
 *     2 MiB) = 5, for as many cells as the board has CPUs (each cell
 *     needs one, and at most CB_LIMIT_CELLS);
 *   - per device window, 3: up to two level-3 tables of the cell that
 *     maps it, one more for the EL2 pages of its sub-page regions.
 *
 * The result is rounded up to 2 MiB, so that the hypervisor's memory
 * ends on a block boundary and cells' RAM can start there in blocks.
 */
#include "hv_budget.h"

#include <cellblock/limits.h>

#include <stddef.h>

#define PAGE 0x1000ull
#define MIB2 0x200000ull
#define GIB 0x40000000ull
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))
#define GICD_FRAME 0x10000ull

#define WINDOW_PAGES_PER_CPU 3
#define PAGES_PER_CELL 5
#define PAGES_PER_DEVICE_WINDOW 3

/* Tables a set of mappings needs below the root: the 1 GiB and 2 MiB
   spans they touch without filling. */
struct tables {
	uint64_t l2[64], l3[512];
	unsigned int l2_count, l3_count;
};

static void need(uint64_t *set, unsigned int *count, unsigned int capacity,
		 uint64_t key)
{
	unsigned int i;

	for (i = 0; i < *count; i++)
		if (set[i] == key)
			return;
	if (*count < capacity)
		set[(*count)++] = key;
}

/* paging.c map_level: a block where a whole aligned span is mapped,
   unless @pages; a next-level table otherwise. */
static void map(struct tables *t, uint64_t va, uint64_t size, int pages)
{
	uint64_t end = va + size;

	while (va < end) {
		uint64_t span_end = ALIGN_UP(va + 1, GIB), v;

		if (span_end > end)
			span_end = end;
		if (!pages && !(va & (GIB - 1)) && span_end - va == GIB) {
			va = span_end;
			continue;
		}
		need(t->l2, &t->l2_count, 64, va / GIB);
		for (v = va; v < span_end;) {
			uint64_t chunk_end = ALIGN_UP(v + 1, MIB2);

			if (chunk_end > span_end)
				chunk_end = span_end;
			if (pages || (v & (MIB2 - 1)) || chunk_end - v != MIB2)
				need(t->l3, &t->l3_count, 512, v / MIB2);
			v = chunk_end;
		}
		va = span_end;
	}
}

static unsigned int el2_pages(const struct hv_budget_in *in, uint64_t start,
			      uint64_t image, uint64_t end)
{
	struct tables t = { .l2_count = 0, .l3_count = 0 };

	map(&t, start, image - start, 0);
	map(&t, image, ALIGN_UP(in->footprint, PAGE), 1);
	map(&t, image + ALIGN_UP(in->footprint, PAGE),
	    end - image - ALIGN_UP(in->footprint, PAGE), 0);
	map(&t, in->gicd, GICD_FRAME, 0);
	map(&t, in->gicr, in->stride * in->cpu_count, 0);
	map(&t, in->console & ~(PAGE - 1), PAGE, 1);
	return 1 + t.l2_count + t.l3_count;
}

int hv_budget(const struct hv_budget_in *in, struct hv_budget *out)
{
	uint64_t ram_end = in->ram_start + in->ram_size, image, fixed;
	unsigned int pass;

	out->linked_here = in->ram_start <= HV_LINK_ADDRESS &&
			   HV_LINK_ADDRESS < ram_end;
	/* Linked elsewhere, it would need relinking: sized as if linked
	   at the window's first 2 MiB boundary. */
	out->start = out->linked_here ? HV_LINK_ADDRESS & ~(MIB2 - 1)
				      : ALIGN_UP(in->ram_start, MIB2);
	image = out->linked_here ? HV_LINK_ADDRESS : out->start;
	fixed = image - out->start + ALIGN_UP(in->footprint, PAGE) +
		HV_CONFIG_ROOM + ALIGN_UP(in->payload_room, PAGE);
	out->window_pages = WINDOW_PAGES_PER_CPU * CB_LIMIT_CPUS;
	out->cells = in->cpu_count < CB_LIMIT_CELLS ? in->cpu_count
						    : CB_LIMIT_CELLS;
	out->cell_pages = PAGES_PER_CELL;
	out->device_pages = PAGES_PER_DEVICE_WINDOW;
	out->size = ALIGN_UP(fixed, MIB2);
	/* The EL2 map depends on the region's end: settle it. */
	for (pass = 0; pass < 4; pass++) {
		uint64_t size;

		out->el2_pages = el2_pages(in, out->start, image,
					   out->start + out->size);
		out->pool_pages = out->el2_pages + out->window_pages +
				  out->cells * out->cell_pages +
				  in->device_windows * out->device_pages;
		if (out->pool_pages < CB_LIMIT_POOL_MIN_PAGES)
			out->pool_pages = CB_LIMIT_POOL_MIN_PAGES;
		size = ALIGN_UP(fixed + out->pool_pages * PAGE, MIB2);
		if (size == out->size)
			break;
		out->size = size;
	}
	return out->start + out->size <= ram_end &&
	       out->start + out->size > out->start ? 0 : -1;
}
