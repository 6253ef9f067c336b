// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell created at run time (core/mgmt_create.c) takes the interrupt
 * lines its config lists from the cell that lends them, and gives them
 * back with its stage-2 tables when it is destroyed.
 */
#include <asm/gicv3.h>
#include <asm/paging.h>
#include <hv/arch.h>
#include <hv/cell.h>

void arch_cell_lend(struct cell *from, struct cell *to)
{
	unsigned int word;

	for (word = 1; word < 32; word++) {
		uint32_t lent = from->arch.spi_owned[word] &
				to->arch.spi_owned[word];

		__atomic_and_fetch(&from->arch.spi_owned[word], ~lent,
				   __ATOMIC_ACQ_REL);
		to->arch.spi_lent[word] = lent;
	}
}

void arch_cell_return(struct cell *cell, struct cell *to)
{
	unsigned int word;

	for (word = 1; word < 32; word++) {
		uint32_t lent = cell->arch.spi_lent[word];

		if (!lent)
			continue;
		/* Off, as the lender left them when it lent them: its own
		   driver enables them again. */
		mmio_write32(gicd_base + GICD_ICENABLER + 4 * word, lent);
		__atomic_or_fetch(&to->arch.spi_owned[word], lent,
				  __ATOMIC_ACQ_REL);
		cell->arch.spi_lent[word] = 0;
	}
	gicv3_wait_rwp();
	paging_free_tables(cell->stage2_root);
	cell->stage2_root = 0;
}
