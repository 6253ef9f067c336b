// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data cache maintenance by virtual address (hv/arch.h): for the pages the
 * hypervisor shares with cells that may run with their MMU and caches off
 * (the comm region), so that such a cell reads what the hypervisor wrote
 * and the hypervisor reads what the cell wrote; and for a cell's RAM as
 * the hypervisor fills it (ram_window.c), through its window's VAs.
 */
#include <asm/cache.h>
#include <asm/sysreg.h>
#include <hv/arch.h>

/* The smallest data cache line, from CTR_EL0.DminLine (ARM ARM, CTR_EL0):
   a loop by it reaches every line of the range. */
uint64_t dcache_line(void)
{
	return 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

/*
 * A DC by VA runs in program order with the loads and stores to its own
 * line (ARM ARM, "Ordering and completion of data and instruction cache
 * instructions"); the DSB completes it before whatever signals the cell
 * next, or before the next load of the line. The yield hint every 4
 * lines is a no-op on hardware; QEMU's single-threaded round robin
 * switches to the next CPU there, so maintaining tens of MiB (a payload,
 * a load) does not delay other CPUs' interrupts in virtual time.
 */
static void dcache_by_va(uint64_t start, uint64_t size, int invalidate)
{
	uint64_t line = dcache_line(), address;
	unsigned int n = 0;

	for (address = start & ~(line - 1); address < start + size;
	     address += line) {
		if (invalidate)
			__asm__ volatile("dc civac, %0" : : "r"(address)
					 : "memory");
		else
			__asm__ volatile("dc cvac, %0" : : "r"(address)
					 : "memory");
		if (!(++n & 3))
			__asm__ volatile("yield" ::: "memory");
	}
	dsb(ish);
}

void arch_dcache_clean(const volatile void *va, uint64_t size)
{
	dcache_by_va((uintptr_t)va, size, 0);
}

void arch_dcache_clean_invalidate(const volatile void *va, uint64_t size)
{
	dcache_by_va((uintptr_t)va, size, 1);
}
