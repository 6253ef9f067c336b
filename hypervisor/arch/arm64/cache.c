// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data cache maintenance by virtual address on the hypervisor's own memory
 * (hv/arch.h): for the pages it shares with cells that may run with their
 * MMU and caches off (the comm region), so that such a cell reads what
 * the hypervisor wrote and the hypervisor reads what the cell wrote.
 */
#include <asm/sysreg.h>
#include <hv/arch.h>

/* The smallest data cache line, from CTR_EL0.DminLine (ARM ARM, CTR_EL0):
   a loop by it reaches every line of the range. */
static uint64_t dcache_line(void)
{
	return 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

/* A DC by VA runs in program order with the loads and stores to its own
   line (ARM ARM, "Ordering and completion of data and instruction cache
   instructions"); the DSB completes it before whatever signals the cell
   next, or before the next load of the line. */
void arch_dcache_clean(const volatile void *va, uint64_t size)
{
	uint64_t line = dcache_line(), start = (uintptr_t)va;
	uint64_t address;

	for (address = start & ~(line - 1); address < start + size;
	     address += line)
		__asm__ volatile("dc cvac, %0" : : "r"(address) : "memory");
	dsb(ish);
}

void arch_dcache_clean_invalidate(const volatile void *va, uint64_t size)
{
	uint64_t line = dcache_line(), start = (uintptr_t)va;
	uint64_t address;

	for (address = start & ~(line - 1); address < start + size;
	     address += line)
		__asm__ volatile("dc civac, %0" : : "r"(address) : "memory");
	dsb(ish);
}
