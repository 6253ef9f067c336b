// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device units of a cell (see devices.h), in creation order:
 *
 * - the comm region first: its interrupt is the cell's first virtual
 *   line (VLINE_MAX counts it; the others stop at the limit);
 * - the console next: the MMIO dispatch scans a cell's regions in order
 *   when its last-hit hint misses, and a cell writes its console more
 *   often than any other emulated device;
 * - sub-page io regions, the virtual PCI host's ECAM, then the links,
 *   devices on that host.
 *
 * A unit's create() returns 0 when the cell's config gives it nothing to
 * do. Only a unit that leaves state outside the cell's slot has an
 * exit(), which must also undo a create() that failed half-way: the
 * links, whose peers would otherwise still point at a skipped cell's
 * slot, which the next cell reuses. (In this build no cell can see the
 * difference yet: a unit fails only when the page pool runs dry, and the
 * pool never gives pages back, so then no later cell and not the per-CPU
 * RAM windows fit either and nothing starts; system/boot/link-rollback
 * checks exactly that. The exit keeps it safe when the pool can.)
 */
#include <hv/comm.h>
#include <hv/devices.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/subpage.h>
#include <hv/vpci.h>
#include <hv/vuart.h>

struct device_unit {
	int (*create)(struct cell *cell);	/* 0, or -1 after its line */
	void (*reset)(struct cell *cell);	/* NULL: nothing to reset */
	void (*exit)(struct cell *cell);	/* NULL: nothing to undo */
	/* Linux-managed boot: take over the state the running root Linux
	   left in the physical device the unit stands in for, and give it
	   back when the hypervisor is disabled. NULL: nothing to carry. */
	void (*adopt)(struct cell *cell);
	void (*hand_back)(struct cell *cell);
};

static const struct device_unit units[] = {
	{ comm_cell_create, NULL, NULL, NULL, NULL },
	{ vuart_cell_create, vuart_reset, NULL, vuart_adopt, vuart_hand_back },
	{ subpage_cell_create, NULL, NULL, NULL, NULL },
	{ vpci_cell_create, vpci_reset, NULL, NULL, NULL },
	{ ivshmem_cell_create, ivshmem_cell_reset, ivshmem_cell_exit, NULL,
	  NULL },
};

int __boot devices_cell_create(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(units); i++) {
		if (!units[i].create(cell))
			continue;
		/* The failing unit too: it may have done part of its work
		   (a cell on two links, the second out of pages). */
		do
			if (units[i].exit)
				units[i].exit(cell);
		while (i--);
		return -1;
	}
	return 0;
}

void devices_cell_reset(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (units[i].reset)
			units[i].reset(cell);
}

void devices_cell_adopt(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (units[i].adopt)
			units[i].adopt(cell);
}

void devices_cell_hand_back(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (units[i].hand_back)
			units[i].hand_back(cell);
}
