// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own EL2 stage-1 tables: an identity map of the board's
 * RAM (normal memory) and device windows (device memory), built once by the
 * boot CPU and switched on by every CPU (ARM ARM D8.2, TCR_EL2 D13.2.129).
 */
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/lib.h>

#include <cellblock/config.h>

/* T0SZ 25 (39 bits), inner/outer write-back, inner shareable, 4 KiB
   granule, 40-bit physical addresses, RES1 bits 31 and 23. */
#define TCR_EL2_VALUE ((25ull) | (1ull << 8) | (1ull << 10) | (3ull << 12) | \
		       (2ull << 16) | (1ull << 23) | (1ull << 31))

static uint64_t el2_root;
extern char __hv_start[], __boot_start[], __boot_end[];

/* Maps [start, end) if not empty. */
static __boot int map_range(uint64_t start, uint64_t end, uint64_t attr)
{
	return start < end ? paging_map(el2_root, start, start, end - start, attr)
			   : 0;
}

/*
 * RAM is data (writable, never executable), mapped with the largest blocks
 * possible, except the hypervisor's code and constants: read-only and
 * executable, in 4 KiB pages, so that the boot code can be unmapped alone
 * after boot. SCTLR_EL2.WXN backs this up: nothing writable executes.
 */
int __boot mmu_build(const struct cb_system_config *s)
{
	uint64_t code_start = (uintptr_t)__hv_start;
	uint64_t code_end = (uintptr_t)__boot_end;
	const struct cb_window *w = cb_system_ram(s);
	unsigned int i;

	el2_root = paging_alloc_table();
	if (!el2_root)
		return -1;
	for (i = 0; i < s->ram_count; i++) {
		uint64_t start = w[i].start, end = w[i].start + w[i].size;

		if (code_start >= start && code_end <= end) {
			if (map_range(start, code_start, S1_DATA) ||
			    map_range(code_start, code_end, S1_CODE) ||
			    map_range(code_end, end, S1_DATA))
				return -1;
		} else if (map_range(start, end, S1_DATA)) {
			return -1;
		}
	}
	/* Guard pages below the stacks: page-mapped, inside the image. */
	for (i = 0; i < HV_MAX_CPUS; i++)
		*paging_leaf(el2_root, percpu_stack_guard(i)) = 0;
	w = cb_system_devices(s);
	for (i = 0; i < s->device_count; i++)
		if (paging_map(el2_root, w[i].start, w[i].start, w[i].size,
			       S1_DEVICE))
			return -1;
	return 0;
}

void arch_unmap_boot_code(void)
{
	uint64_t page;

	for (page = (uintptr_t)__boot_start; page < (uintptr_t)__boot_end;
	     page += PAGE_SIZE)
		*paging_leaf(el2_root, page) = 0;
	dsb(ishst);
	__asm__ volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
}

/* ARM ARM D7.4 (DC CVAC, IC IALLUIS); CTR_EL0.DminLine gives the line. */
void arch_sync_loaded(uint64_t phys, uint64_t size)
{
	uint64_t line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	uint64_t address = phys & ~(line - 1);

	for (; address < phys + size; address += line)
		__asm__ volatile("dc cvac, %0" : : "r"(address) : "memory");
	dsb(ish);
	__asm__ volatile("ic ialluis" ::: "memory");
	dsb(ish);
	isb();
}

/*
 * DC ZVA zeroes a block of DCZID_EL0.BS words without reading memory
 * (D7.4.8), the fastest way to clear; DCZID_EL0.DZP forbids it. The cell
 * starts with its MMU off, so it reads memory, not caches: every line is
 * cleaned to the point of coherency too, in the same pass when a cache
 * line is a ZVA block (4 blocks an iteration).
 */
void arch_clear_ram(uint64_t phys, uint64_t size)
{
	uint64_t dczid = read_sysreg(dczid_el0);
	uint64_t block = 4ull << (dczid & 0xf);
	uint64_t line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	uint64_t address = phys, end = phys + size;

	if ((dczid & (1u << 4)) || ((phys | size) & (4 * block - 1))) {
		memset((void *)(uintptr_t)phys, 0, size);
		arch_sync_loaded(phys, size);
		return;
	}
	if (line != block) {
		for (; address < end; address += block)
			__asm__ volatile("dc zva, %0" : : "r"(address) : "memory");
		arch_sync_loaded(phys, size);
		return;
	}
	for (; address < end; address += 4 * block) {
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
	dsb(ish);
}

void mmu_enable(void)
{
	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, TCR_EL2_VALUE);
	write_sysreg(ttbr0_el2, el2_root);
	dsb(ish);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(ish);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I |
				SCTLR_WXN);
	isb();
}
