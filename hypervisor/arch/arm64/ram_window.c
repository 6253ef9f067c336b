// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writing a cell's RAM (clearing it, loading payloads, copying what a
 * manager loads from its own RAM) through a window only the CPU doing it
 * has. No EL2 map holds a cell's RAM otherwise (mmu.c): a hypervisor bug
 * or a speculative gadget on any CPU finds nothing there, and while one
 * CPU fills its cell the others still do not.
 *
 * Each CPU runs on its own copy of the shared root table (the same lower
 * tables, so every other mapping is shared and the boot code's unmapping
 * reaches all of them), plus one 1 GiB slot no other mapping uses, which
 * leads to this CPU's own level-2 and level-3 tables: up to 2 MiB of RAM,
 * mapped a page at a time for each chunk, then unmapped and forgotten from
 * this CPU's TLB (EL2 has no ASIDs; a non-shareable TLBI suffices, as no
 * other CPU ever walked these tables).
 */
#include <asm/cache.h>
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <asm/ram_window.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/lib.h>

#define SLOT_SIZE (1ull << 30)		/* one level-1 entry */

static uint64_t window_va;
static uint64_t cpu_root[HV_MAX_CPUS];
static uint64_t *cpu_window[HV_MAX_CPUS];	/* level-3 table */

int __boot arch_ram_windows_init(void)
{
	uint64_t *shared = (uint64_t *)(uintptr_t)mmu_root();
	unsigned int slot, cpu;

	/* Any free level-1 slot; the identity map takes a few of 512. */
	for (slot = 1; slot < 512 && shared[slot]; slot++)
		;
	if (slot == 512)
		return -1;
	window_va = slot * SLOT_SIZE;
	for (cpu = 0; cpu < HV_MAX_CPUS; cpu++) {
		uint64_t root = paging_alloc_table();
		uint64_t level2 = paging_alloc_table();
		uint64_t level3 = paging_alloc_table();

		if (!root || !level2 || !level3)
			return -1;
		memcpy((void *)(uintptr_t)root, shared, PAGE_SIZE);
		((uint64_t *)(uintptr_t)root)[slot] =
			level2 | PTE_TABLE | PTE_VALID;
		*(uint64_t *)(uintptr_t)level2 = level3 | PTE_TABLE | PTE_VALID;
		cpu_root[cpu] = root;
		cpu_window[cpu] = (uint64_t *)(uintptr_t)level3;
	}
	dsb(ishst);
	return 0;
}

/* This CPU on its own root: everything else maps as before. */
unsigned int ram_window_cpu(void)
{
	unsigned int cpu = this_percpu()->cpu;

	if (read_sysreg(ttbr0_el2) != cpu_root[cpu]) {
		write_sysreg(ttbr0_el2, cpu_root[cpu]);
		isb();
		__asm__ volatile("tlbi alle2\n dsb nsh\n isb" ::: "memory");
	}
	return cpu;
}

/* Maps the pages of [@phys, @phys + @size) with @attributes from entry
   @first of the window on (they fit in the entries left) and returns the
   VA of @phys. */
uint64_t ram_window_map(unsigned int cpu, unsigned int first,
			uint64_t attributes, uint64_t phys, uint64_t size)
{
	uint64_t page = phys & ~(PAGE_SIZE - 1), n;
	uint64_t pages = (ALIGN_UP(phys + size, PAGE_SIZE) - page) / PAGE_SIZE;

	for (n = 0; n < pages; n++)
		cpu_window[cpu][first + n] = (page + n * PAGE_SIZE) |
					     attributes | PTE_VALID | PTE_TABLE;
	dsb(nshst);
	isb();
	return window_va + first * PAGE_SIZE + (phys - page);
}

void ram_window_unmap(unsigned int cpu)
{
	memset(cpu_window[cpu], 0, PAGE_SIZE);
	dsb(nshst);
	__asm__ volatile("tlbi alle2\n dsb nsh\n isb" ::: "memory");
}

/* To the point of coherency (DC CVAC, ARM ARM D7.4), where a cell that
   starts with its MMU off reads. */
static void clean_to_poc(uint64_t va, uint64_t size)
{
	arch_dcache_clean((const volatile void *)(uintptr_t)va, size);
}

/*
 * DC ZVA zeroes a block of DCZID_EL0.BS words without reading memory
 * (D7.4.8), the fastest way to clear; DCZID_EL0.DZP forbids it. The cell
 * starts with its MMU off, so it reads memory, not caches: every line is
 * cleaned to the point of coherency too, in the same pass when a cache
 * line is a ZVA block (4 blocks an iteration).
 */
static void zero(uint64_t va, uint64_t size)
{
	uint64_t dczid = read_sysreg(dczid_el0);
	uint64_t block = 4ull << (dczid & 0xf), address, end = va + size;

	if ((dczid & (1u << 4)) || ((va | size) & (4 * block - 1)) ||
	    dcache_line() != block) {
		memset((void *)(uintptr_t)va, 0, size);
		clean_to_poc(va, size);
		return;
	}
	for (address = va; address < end; address += 4 * block) {
		__asm__ volatile("dc zva, %0\n dc cvac, %0\n"
				 "dc zva, %1\n dc cvac, %1\n"
				 "dc zva, %2\n dc cvac, %2\n"
				 "dc zva, %3\n dc cvac, %3"
				 : : "r"(address), "r"(address + block),
				   "r"(address + 2 * block),
				   "r"(address + 3 * block) : "memory");
		/* A hint, no-op on hardware: QEMU's single-threaded round
		   robin switches to the next CPU here, so that clearing a
		   large cell does not delay other CPUs' interrupts in virtual
		   time (they run in parallel on hardware). */
		__asm__ volatile("yield");
	}
}

/*
 * Unaligned 8-byte loads and stores are fine on Normal memory while
 * SCTLR_EL2.A is clear (mmu.c), so one loop serves any alignment, as a
 * manager's load (arch_copy_ram()) may come from any byte address.
 */
typedef uint64_t __attribute__((aligned(1), may_alias)) any_word;

/* 32 bytes at a time, with the same yield hint as zero(), which it
   gives as often (every dozen instructions or so): a payload can be tens
   of MiB (a kernel). */
void ram_window_copy(uint64_t va, const uint8_t *from, uint64_t size)
{
	any_word *to = (any_word *)(uintptr_t)va;
	const any_word *src = (const any_word *)from;

	for (; size >= 32; size -= 32, to += 4, src += 4) {
		to[0] = src[0]; to[1] = src[1]; to[2] = src[2]; to[3] = src[3];
		__asm__ volatile("yield" ::: "memory");
	}
	memcpy(to, src, size);
}

/* @data NULL: zeroes. Chunks end on WINDOW_SIZE boundaries of @phys. */
static void fill(uint64_t phys, const void *data, uint64_t size)
{
	unsigned int cpu = ram_window_cpu();
	const uint8_t *from = data;

	while (size) {
		uint64_t chunk = WINDOW_SIZE - (phys & (WINDOW_SIZE - 1));
		uint64_t va;

		if (chunk > size)
			chunk = size;
		va = ram_window_map(cpu, 0, S1_DATA, phys, chunk);
		if (from) {
			ram_window_copy(va, from, chunk);
			clean_to_poc(va, chunk);
			from += chunk;
		} else {
			zero(va, chunk);
		}
		dsb(ish);
		ram_window_unmap(cpu);
		phys += chunk;
		size -= chunk;
	}
}

void arch_clear_ram(uint64_t phys, uint64_t size)
{
	fill(phys, NULL, size);
}

/* Stale instructions of an earlier run of the cell (D7.5.2). */
void ram_window_forget_instructions(void)
{
	__asm__ volatile("ic ialluis" ::: "memory");
	dsb(ish);
	isb();
}

void arch_copy_to_ram(uint64_t phys, const void *data, uint64_t size)
{
	fill(phys, data, size);
	ram_window_forget_instructions();
}
