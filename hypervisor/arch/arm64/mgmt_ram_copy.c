// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch_copy_ram() (hv/arch.h): a manager's bytes into a loadable cell's
 * RAM (core/mgmt_load.c), through the copying CPU's own RAM window
 * (ram_window.c). Management code: the frozen build does not link it.
 */
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/ram_window.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/lib.h>

/* ARM ARM D7.4 (DC CIVAC): what a cell wrote through its caches goes to
   memory, and a line this CPU holds from before (a clear, an earlier
   load) is dropped, so the read below sees what a cell wrote with its
   caches off too. */
static void clean_invalidate(uint64_t va, uint64_t size)
{
	arch_dcache_clean_invalidate((const volatile void *)(uintptr_t)va,
				     size);
}

/*
 * Both ranges through this CPU's window at once, each in its half of the
 * entries: a chunk is HALF_SIZE less the larger of the two offsets into
 * a page, so on either side its pages span at most HALF_SIZE.
 */
#define HALF_SIZE (WINDOW_SIZE / 2)
#define HALF_PAGES ((unsigned int)(HALF_SIZE / PAGE_SIZE))

void arch_copy_ram(uint64_t to, uint64_t from, uint64_t size)
{
	unsigned int cpu = ram_window_cpu();

	while (size) {
		uint64_t in = to & (PAGE_SIZE - 1), chunk, dst, src;

		if ((from & (PAGE_SIZE - 1)) > in)
			in = from & (PAGE_SIZE - 1);
		chunk = HALF_SIZE - in;
		if (chunk > size)
			chunk = size;
		dst = ram_window_map(cpu, 0, S1_DATA, to, chunk);
		/* Read only: nothing here writes the caller's RAM. */
		src = ram_window_map(cpu, HALF_PAGES, S1_DATA | S1_READ_ONLY,
				 from, chunk);
		clean_invalidate(src, chunk);
		ram_window_copy(dst, (const uint8_t *)(uintptr_t)src, chunk);
		arch_dcache_clean((const volatile void *)(uintptr_t)dst, chunk);
		dsb(ish);
		ram_window_unmap(cpu);
		to += chunk;
		from += chunk;
		size -= chunk;
	}
	ram_window_forget_instructions();
}
