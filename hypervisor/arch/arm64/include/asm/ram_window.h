/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each CPU's private window onto cells' RAM (ram_window.c), for the code
 * that copies through it beside arch_clear_ram() and arch_copy_to_ram():
 * arch_copy_ram() of management (mgmt_ram_copy.c).
 */
#ifndef ASM_RAM_WINDOW_H
#define ASM_RAM_WINDOW_H

#include <stdint.h>

#define WINDOW_SIZE 0x200000ull		/* one level-3 table of entries */

/** ram_window_cpu() - this CPU, switched to its own root table. */
unsigned int ram_window_cpu(void);

/** ram_window_map() - map the pages of [@phys, @phys + @size) with
 * @attributes from entry @first of @cpu's window on (they must fit in the
 * entries left); the VA of @phys. */
uint64_t ram_window_map(unsigned int cpu, unsigned int first,
			uint64_t attributes, uint64_t phys, uint64_t size);

/** ram_window_unmap() - @cpu's window empty again, and forgotten by its
 * TLB. */
void ram_window_unmap(unsigned int cpu);

/** ram_window_copy() - @size bytes from @from to window VA @va, any
 * alignment, with the yield hint. */
void ram_window_copy(uint64_t va, const uint8_t *from, uint64_t size);

/** ram_window_forget_instructions() - no CPU runs stale instructions of
 * a cell's earlier run after this. */
void ram_window_forget_instructions(void);

#endif /* ASM_RAM_WINDOW_H */
