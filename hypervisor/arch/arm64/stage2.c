// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell's address space: stage-2 tables built from its memory regions,
 * with read, write and execute enforced and device memory for io regions
 * (ARM ARM D8.5), and the emulation of its GIC; the other devices the
 * hypervisor emulates for it are generic units (hv/devices.h). The
 * hypervisor's own memory and every emulated frame stay unmapped, so a
 * cell's access to them traps.
 */
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>

/* VTCR_EL2: T0SZ 25, start at level 1, write-back, inner shareable, 4 KiB
   granule, 40-bit physical addresses, RES1 bit 31. */
#define VTCR_EL2_VALUE (25ull | (1ull << 6) | (1ull << 8) | (1ull << 10) | \
			(3ull << 12) | (2ull << 16) | (1ull << 31))
#define IPA_LIMIT (1ull << CB_LIMIT_GUEST_BITS)

static __boot uint64_t region_attributes(uint32_t flags)
{
	uint64_t attr = flags & CB_REGION_IO ? S2_DEVICE : S2_NORMAL;

	if (flags & CB_REGION_READ)
		attr |= S2_READ;
	if (flags & CB_REGION_WRITE)
		attr |= S2_WRITE;
	if (!(flags & CB_REGION_EXECUTE))
		attr |= S2_XN;
	return attr;
}

int __boot arch_cell_map(struct cell *cell, uint64_t guest, uint64_t phys,
			 uint64_t size, uint32_t flags)
{
	return paging_map(cell->stage2_root, guest, phys, size,
			  region_attributes(flags & ~CB_REGION_IO));
}

/* A page of the hypervisor's own pool, identity-mapped for it like all
   its memory (the comm region's). */
void *__boot arch_cell_map_page(struct cell *cell, uint64_t guest,
				uint32_t flags)
{
	uint64_t page = paging_alloc_table();

	if (!page ||
	    paging_map(cell->stage2_root, guest, page, PAGE_SIZE,
		       region_attributes(flags &
					 (CB_REGION_READ | CB_REGION_WRITE))))
		return NULL;
	return (void *)(uintptr_t)page;
}

void stage2_init_cpu(void)
{
	write_sysreg(vtcr_el2, VTCR_EL2_VALUE);
}

int __boot arch_cell_create(struct cell *cell)
{
	const struct cb_memory_region *r = cb_cell_regions(cell->config);
	unsigned int i;

	cell->stage2_root = paging_alloc_table();
	if (!cell->stage2_root || arch_cell_map_el2(cell))
		goto out_of_pages;
	for (i = 0; i < cell->config->region_count; i++) {
		if (r[i].guest_start + r[i].size > IPA_LIMIT) {
			hv_printf("cell %s: /memory/%s: guest 0x%llx is beyond "
				  "this hypervisor's 39-bit guest space; cell "
				  "skipped", cell->name, r[i].name,
				  (unsigned long long)r[i].guest_start);
			return -1;
		}
		/* Emulated (sub-page) or the hypervisor's page (comm):
		   device units, hv/devices.h. */
		if (r[i].flags & (CB_REGION_SUBPAGE | CB_REGION_COMM))
			continue;
		if ((r[i].flags & CB_REGION_LENDABLE ? paging_map_pages
						      : paging_map)(
			    cell->stage2_root, r[i].guest_start,
			    r[i].phys_start, r[i].size,
			    region_attributes(r[i].flags)))
			goto out_of_pages;
	}
	if (vgic_cell_init(cell)) {
		hv_printf("cell %s: more than %u emulated regions (the GIC's); "
			  "cell skipped", cell->name, MMIO_MAX_REGIONS);
		return -1;
	}
	return 0;

out_of_pages:
	hv_printf("cell %s: the hypervisor's page pool is exhausted; cell "
		  "skipped", cell->name);
	return -1;
}

/*
 * Lending (core/mgmt_lend.c) clears and sets level-3 entries only: a
 * lendable region is mapped with pages from the start, so no live block
 * is ever split under the lender's running CPUs (which would need
 * break-before-make on memory they may be using), and nothing is
 * allocated or freed.
 */
void arch_cell_unmap_lent(struct cell *cell, uint64_t guest, uint64_t size)
{
	uint64_t own = read_sysreg(vttbr_el2);

	for (; size; size -= PAGE_SIZE, guest += PAGE_SIZE)
		*paging_leaf(cell->stage2_root, guest) = 0;
	/* Its CPUs' TLBs, wherever they run: the invalidation broadcasts
	   for the VMID in VTTBR_EL2, which this CPU's cell may not have. */
	write_sysreg(vttbr_el2, cell->stage2_root | ((uint64_t)cell->vmid << 48));
	__asm__ volatile("isb\n dsb ishst\n tlbi vmalls12e1is\n dsb ish\n isb"
			 ::: "memory");
	write_sysreg(vttbr_el2, own);
	__asm__ volatile("isb" ::: "memory");
}

void __boot arch_cell_map_lent(struct cell *cell, uint64_t guest, uint64_t phys,
			       uint64_t size, uint32_t flags)
{
	/* Invariant: the tables are there (unmapping kept them). */
	CHECK(!paging_map_pages(cell->stage2_root, guest, phys, size,
				region_attributes(flags)));
	__asm__ volatile("dsb ishst\n isb" ::: "memory");
}

void __boot arch_cell_devices_ready(struct cell *cell)
{
	vgic_virt_reset(cell);	/* the lines its devices have now */
	if (cell->adopted)
		vgic_virt_adopt(cell);
}

void arch_cell_reset(struct cell *cell)
{
	vgic_cell_reset(cell);
	vgic_virt_reset(cell);
}
