// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual PCI host bridge (see vpci.h): the ECAM window of a cell
 * traps here, and each access is decoded to bus, device, function and
 * register (PCI Express Base 7.2.2). Functions exist only on bus 0,
 * function 0, as many devices as the cell has emulated functions.
 *
 * Accesses of 1, 2 and 4 bytes work on the register's dword: a narrow
 * write merges into it first, so each register below is written whole.
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/vpci.h>

#define ECAM_BUS(offset) ((offset) >> 20)
#define ECAM_DEVICE(offset) (((offset) >> 15) & 0x1f)
#define ECAM_FUNCTION(offset) (((offset) >> 12) & 0x7)
#define ECAM_REGISTER(offset) ((offset) & 0xffc)

/* Type-0 header registers (dword offsets, PCI Local Bus 6.1). */
#define PCI_ID 0x00
#define PCI_COMMAND_STATUS 0x04
#define PCI_CLASS_REVISION 0x08
#define PCI_BAR_FIRST 0x10
#define PCI_BAR_END 0x28
#define PCI_SUBSYSTEM 0x2c
#define PCI_INTERRUPT 0x3c
#define PCI_INTERRUPT_PIN_A 1u

#define PCI_BAR_MEM_64 0x4u	/* memory BAR, 64-bit (type 10b) */
#define PCI_COMMAND_WRITABLE (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | \
			      PCI_COMMAND_INTX_DISABLE)

static struct vpci_function *function_at(const struct cell *cell,
					 uint64_t offset)
{
	unsigned int device = ECAM_DEVICE(offset);

	if (ECAM_BUS(offset) || ECAM_FUNCTION(offset) ||
	    device >= cell->pci_function_count)
		return NULL;
	return cell->pci_function[device];
}

/* Dword @i (0-5) of the BARs: the low half with the type bits, or the
   high half, of the address or (while sizing) of the size mask. */
static uint32_t bar_read(const struct vpci_function *fn, unsigned int i)
{
	const struct vpci_bar *bar = &fn->bar[i / 2];
	uint64_t value = (fn->sizing >> i) & 1 ? ~(bar->size - 1) : bar->address;

	if (!bar->size)
		return 0;
	if (i & 1)
		return (uint32_t)(value >> 32);
	return ((uint32_t)value & ~0xfu) | PCI_BAR_MEM_64 | bar->flags;
}

/* Writing all ones (the address bits of it) is the sizing probe; any
   other value ends it and leaves the fixed address as it is. */
static void bar_write(struct vpci_function *fn, unsigned int i, uint32_t value)
{
	uint32_t probe = i & 1 ? 0xffffffffu : 0xfffffff0u;

	if ((value & probe) == probe)
		fn->sizing |= (uint8_t)(1u << i);
	else
		fn->sizing &= (uint8_t)~(1u << i);
}

static uint32_t config_read(struct vpci_function *fn, unsigned int reg)
{
	uint32_t status;

	switch (reg) {
	case PCI_ID:
		return (uint32_t)fn->device << 16 | fn->vendor;
	case PCI_COMMAND_STATUS:
		status = fn->interrupt_status(fn) ? PCI_STATUS_INTERRUPT : 0;
		return status << 16 | fn->command;
	case PCI_CLASS_REVISION:
		return fn->class_revision;
	case PCI_SUBSYSTEM:
		return (uint32_t)fn->subsystem << 16 | fn->subsystem_vendor;
	case PCI_INTERRUPT:
		return PCI_INTERRUPT_PIN_A << 8 | fn->interrupt_line;
	}
	if (reg >= PCI_BAR_FIRST && reg < PCI_BAR_END)
		return bar_read(fn, (reg - PCI_BAR_FIRST) / 4);
	return 0;
}

/* @mask: the bytes of the dword the access wrote. */
static void config_write(struct vpci_function *fn, unsigned int reg,
			 uint32_t value, uint32_t mask)
{
	switch (reg) {
	case PCI_COMMAND_STATUS:
		/* Status has no bit a write changes (no error is ever
		   recorded); only a write reaching command counts. */
		if (!(mask & 0xffff))
			return;
		fn->command = (uint16_t)(value & PCI_COMMAND_WRITABLE);
		fn->command_written(fn);
		return;
	case PCI_INTERRUPT:
		fn->interrupt_line = (uint8_t)value;
		return;
	}
	if (reg >= PCI_BAR_FIRST && reg < PCI_BAR_END)
		bar_write(fn, (reg - PCI_BAR_FIRST) / 4, value);
}

static enum mmio_result ecam_access(struct cell *cell, struct mmio_access *a,
				    uint64_t offset)
{
	struct vpci_function *fn = function_at(cell, offset);
	unsigned int shift = (unsigned int)(offset & 3) * 8;
	uint32_t mask, dword;

	if (a->size > 4)
		return MMIO_REFUSED;	/* ECAM takes 1, 2 and 4 bytes */
	mask = (uint32_t)(((1ull << (a->size * 8)) - 1) << shift);
	spin_lock(&cell->pci_lock);
	dword = fn ? config_read(fn, ECAM_REGISTER(offset)) : 0xffffffffu;
	if (!a->is_write)
		a->value = (dword & mask) >> shift;
	else if (fn)
		config_write(fn, ECAM_REGISTER(offset),
			     (dword & ~mask) | (((uint32_t)a->value << shift) & mask),
			     mask);
	spin_unlock(&cell->pci_lock);
	return MMIO_HANDLED;
}

int __boot vpci_add(struct cell *cell, struct vpci_function *fn)
{
	if (cell->pci_function_count == CB_LIMIT_CELL_LINKS)
		return -1;
	cell->pci_function[cell->pci_function_count] = fn;
	return (int)cell->pci_function_count++;
}

int __boot vpci_cell_create(struct cell *cell)
{
	const struct cb_vpci_config *v = &system_config->vpci;

	if (!v->ecam)
		return 0;
	if (mmio_register(cell, v->ecam, v->bus_count * CB_VPCI_BUS_SIZE,
			  ecam_access, STAT_MMIO_PCI)) {
		hv_printf("cell %s: more than %u emulated regions (the virtual "
			  "PCI host's ECAM); cell skipped", cell->name,
			  MMIO_MAX_REGIONS);
		return -1;
	}
	return 0;
}

void vpci_reset(struct cell *cell)
{
	unsigned int i;

	spin_lock(&cell->pci_lock);
	for (i = 0; i < cell->pci_function_count; i++) {
		struct vpci_function *fn = cell->pci_function[i];

		fn->command = 0;
		fn->interrupt_line = 0;
		fn->sizing = 0;
	}
	spin_unlock(&cell->pci_lock);
}
