// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own EL2 stage-1 tables: an identity map of the board's
 * RAM (normal memory) and device windows (device memory), built once by the
 * boot CPU and switched on by every CPU (ARM ARM D8.2, TCR_EL2 D13.2.129).
 */
#include <asm/gicv3.h>
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/cell.h>
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
 * Only what the hypervisor itself must touch (DESIGN: EL2 touches only what
 * it must), so that a hypervisor bug or a speculative gadget cannot reach a
 * cell's memory:
 *   - its own memory (the config's hypervisor region: image, blobs, page
 *     pool, stacks): data, writable and never executable, but for its code
 *     and constants, read-only and executable in 4 KiB pages, so that the
 *     boot code can be unmapped alone after boot (SCTLR_EL2.WXN backs this
 *     up: nothing writable executes); the stacks' guard pages unmapped;
 *   - the GIC's distributor and redistributors, and the console UART.
 * The pages of cells' sub-page devices are added by arch_cell_map_el2().
 * A cell's RAM is never in this map: the hypervisor reaches it only while
 * it clears it and loads payloads, through a window only the CPU doing it
 * has (ram_window.c).
 */
int __boot mmu_build(const struct cb_system_config *s)
{
	uint64_t start = s->hypervisor_start;
	uint64_t end = s->hypervisor_start + s->hypervisor_size;
	uint64_t code_start = (uintptr_t)__hv_start;
	uint64_t code_end = (uintptr_t)__boot_end;
	unsigned int i;

	el2_root = paging_alloc_table();
	if (!el2_root)
		return -1;
	/* Invariant: boot checked that the image lies in this region. */
	CHECK(code_start >= start && code_end <= end);
	if (map_range(start, code_start, S1_DATA) ||
	    map_range(code_start, code_end, S1_CODE) ||
	    map_range(code_end, end, S1_DATA))
		return -1;
	/* Guard pages below the stacks: page-mapped, inside the image. */
	for (i = 0; i < HV_MAX_CPUS; i++)
		*paging_leaf(el2_root, percpu_stack_guard(i)) = 0;
	return paging_map(el2_root, s->gic.distributor, s->gic.distributor,
			  GICD_FRAME_SIZE, S1_DEVICE) ||
	       paging_map(el2_root, s->gic.redistributor, s->gic.redistributor,
			  s->gic.redistributor_stride * s->cpu_count,
			  S1_DEVICE) ||
	       paging_map_pages(el2_root, s->console.address & ~(PAGE_SIZE - 1),
				s->console.address & ~(PAGE_SIZE - 1),
				PAGE_SIZE, S1_DEVICE);
}

int __boot arch_cell_map_el2(const struct cell *cell)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->region_count; i++) {
		uint64_t page = r[i].phys_start & ~(PAGE_SIZE - 1);
		uint64_t size = ALIGN_UP(r[i].phys_start + r[i].size, PAGE_SIZE) -
				page;

		/* Pages: two cells' sub-page regions may share one. */
		if ((r[i].flags & CB_REGION_SUBPAGE) &&
		    paging_map_pages(el2_root, page, page, size, S1_DEVICE))
			return -1;
	}
	return 0;
}

int __boot arch_map_el2_device(uint64_t phys, uint64_t size)
{
	return paging_map_pages(el2_root, phys, phys, size, S1_DEVICE);
}

uint64_t __boot mmu_root(void)
{
	return el2_root;
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
