/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Translation tables, 4 KiB granule, 39-bit input addresses, walks starting
 * at level 1 (ARM ARM D8.2): one builder for the hypervisor's EL2 stage 1
 * and every cell's stage 2, which differ only in their attribute bits.
 */
#ifndef ASM_PAGING_H
#define ASM_PAGING_H

#include <stdint.h>

#include <cellblock/limits.h>

#define PAGING_INPUT_BITS 39
#define PAGE_SIZE 0x1000ull

/* Walks start at level 1 for both regimes: that fixes their input size,
   which the validators bound every address to. */
_Static_assert(PAGING_INPUT_BITS == CB_LIMIT_GUEST_BITS &&
	       PAGING_INPUT_BITS == CB_LIMIT_EL2_VA_BITS, "paging limits");

/* Descriptor bits common to both regimes (D8.3). */
#define PTE_VALID (1ull << 0)
#define PTE_TABLE (1ull << 1)	/* at level 1/2: table; at level 3: page */
#define PTE_AF (1ull << 10)
#define PTE_SH_INNER (3ull << 8)
#define PTE_ADDR_MASK 0x0000fffffffff000ull

/* EL2 stage 1: MAIR_EL2 index 0 normal write-back, 1 device-nGnRE. */
#define S1_NORMAL ((0ull << 2) | PTE_AF | PTE_SH_INNER)
#define S1_READ_ONLY (1ull << 7)	/* AP[2] */
#define S1_XN (1ull << 54)
#define S1_CODE (S1_NORMAL | S1_READ_ONLY)
#define S1_DATA (S1_NORMAL | S1_XN)
#define S1_DEVICE ((1ull << 2) | PTE_AF | (1ull << 54))
#define MAIR_EL2_VALUE 0x04ffull

/* Stage 2 (D8.5): MemAttr, S2AP, XN. */
#define S2_NORMAL ((0xfull << 2) | PTE_AF | PTE_SH_INNER)
#define S2_DEVICE ((0x1ull << 2) | PTE_AF)
#define S2_READ (1ull << 6)
#define S2_WRITE (1ull << 7)
#define S2_XN (2ull << 53)

/** paging_alloc_table() - a zeroed table page from the pool, or 0. */
uint64_t paging_alloc_table(void);

/** paging_free_tables() - every table page of the tree at @root back to
 * the pool (a destroyed cell's stage 2; nothing may use it any more). */
void paging_free_tables(uint64_t root);

/**
 * paging_map() - map [va, va + size) to [pa, ...) in the tables at @root
 * with leaf attributes @attr, using the largest blocks alignment allows.
 * Returns 0, or -1 when the page pool runs out.
 */
int paging_map(uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
	       uint64_t attr);

/** paging_map_pages() - paging_map() with 4 KiB pages only. */
int paging_map_pages(uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
		     uint64_t attr);

/** paging_leaf() - the level-3 entry for @va, which must be page-mapped. */
uint64_t *paging_leaf(uint64_t root, uint64_t va);


#endif /* ASM_PAGING_H */
