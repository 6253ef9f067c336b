// SPDX-License-Identifier: GPL-2.0-only
/*
 * Translation table builder (see paging.h) and the fixed page pool all
 * tables come from: no allocation happens after boot but a cell reset,
 * which rebuilds nothing.
 */
#include <asm/paging.h>
#include <hv/arch.h>
#include <hv/lib.h>

/* The pool: the hypervisor's memory past the boot image, sized at boot. */
static uint64_t pool_start, pool_pages, pool_next;

void __boot arch_pool_init(uint64_t start, uint64_t end)
{
	pool_start = start;
	pool_pages = (end - start) / PAGE_SIZE;
}

/* Table pages given back (paging_free_tables()), linked through their
   first word: a cell created and destroyed again and again from Linux
   reuses the same pages instead of draining the pool. */
static uint64_t pool_free;

uint64_t paging_alloc_table(void)
{
	uint64_t page;

	if (pool_free) {
		page = pool_free;
		pool_free = *(uint64_t *)(uintptr_t)page;
	} else if (pool_next == pool_pages) {
		return 0;
	} else {
		page = pool_start + pool_next++ * PAGE_SIZE;
	}
	memset((void *)(uintptr_t)page, 0, PAGE_SIZE);
	return page;
}

uint64_t arch_pool_alloc_pages(unsigned int pages)
{
	uint64_t start = pool_start + pool_next * PAGE_SIZE;

	if (pool_pages - pool_next < pages)
		return 0;
	pool_next += pages;
	memset((void *)(uintptr_t)start, 0, pages * PAGE_SIZE);
	return start;
}

static void free_level(uint64_t table, int level)
{
	const uint64_t *entry = (const uint64_t *)(uintptr_t)table;
	unsigned int i;

	if (level < 3)
		for (i = 0; i < 512; i++)
			if ((entry[i] & (PTE_VALID | PTE_TABLE)) ==
			    (PTE_VALID | PTE_TABLE))
				free_level(entry[i] & PTE_ADDR_MASK, level + 1);
	*(uint64_t *)(uintptr_t)table = pool_free;
	pool_free = table;
}

void paging_free_tables(uint64_t root)
{
	free_level(root, 1);
}


/* Size a descriptor at @level covers: level 1 1 GiB, 2 2 MiB, 3 4 KiB. */
static uint64_t level_size(int level)
{
	return 1ull << (12 + 9 * (3 - level));
}

static uint64_t *entry_at(uint64_t table, uint64_t va, int level)
{
	unsigned int index = (va >> (12 + 9 * (3 - level))) & 0x1ff;

	return (uint64_t *)(uintptr_t)table + index;
}

uint64_t *paging_leaf(uint64_t root, uint64_t va)
{
	uint64_t table = root;
	int level;

	for (level = 1; level < 3; level++) {
		uint64_t entry = *entry_at(table, va, level);

		/* Invariant: only page-mapped ranges are looked up. */
		CHECK((entry & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE));
		table = entry & PTE_ADDR_MASK;
	}
	return entry_at(table, va, 3);
}

/* @pages: level-3 pages only, no blocks, so that a later mapping of an
   overlapping range (two cells' shared regions) meets only pages. */
static __boot int map_level(uint64_t table, int level, uint64_t va, uint64_t pa,
			    uint64_t size, uint64_t attr, int pages)
{
	if (level == 3) {
		/* Pages only: a tight loop (the EL2 map has hundreds). */
		uint64_t *entry = entry_at(table, va, 3);

		for (; size; size -= PAGE_SIZE, pa += PAGE_SIZE)
			*entry++ = (pa & PTE_ADDR_MASK) | attr | PTE_VALID |
				   PTE_TABLE;
		return 0;
	}
	while (size) {
		uint64_t block = level_size(level);
		uint64_t chunk = block - (va & (block - 1));
		uint64_t *entry = entry_at(table, va, level);

		if (chunk > size)
			chunk = size;
		if (chunk == block && !(pa & (block - 1)) && !pages) {
			/* A whole, aligned block: a leaf at this level. */
			*entry = (pa & PTE_ADDR_MASK) | attr | PTE_VALID |
				 (level == 3 ? PTE_TABLE : 0);
		} else {
			uint64_t next;

			if (!(*entry & PTE_VALID)) {
				next = paging_alloc_table();
				if (!next)
					return -1;
				*entry = next | PTE_TABLE | PTE_VALID;
			}
			/* Invariant: regions are checked not to overlap, so
			   a partial block never meets an existing leaf. */
			CHECK(*entry & PTE_TABLE);
			if (map_level(*entry & PTE_ADDR_MASK, level + 1, va, pa,
				      chunk, attr, pages))
				return -1;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

/* Invariant: the validator bounds every input address to the level-1
   walk (a larger one would wrap the index onto another entry) and every
   output address to PS (bits past it would be dropped). */
static void check_bounds(uint64_t va, uint64_t pa, uint64_t size)
{
	CHECK(size && va + size - 1 >= va &&
	      va + size - 1 < (1ull << PAGING_INPUT_BITS) &&
	      pa + size - 1 >= pa &&
	      pa + size - 1 < (1ull << CB_LIMIT_PHYS_BITS));
}

int __boot paging_map(uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
		      uint64_t attr)
{
	check_bounds(va, pa, size);
	return map_level(root, 1, va, pa, size, attr, 0);
}

int __boot paging_map_pages(uint64_t root, uint64_t va, uint64_t pa,
			    uint64_t size, uint64_t attr)
{
	check_bounds(va, pa, size);
	return map_level(root, 1, va, pa, size, attr, 1);
}
