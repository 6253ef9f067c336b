// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The link device's driver (ivshmem.h): probe through the PCI config
 * space, doorbells and state through the register frame, the INTx line
 * as a level-triggered SPI whose handler clears the device before the
 * IRQ dispatch ends it at the GIC (so the line is low by the EOI).
 */
#include <stddef.h>

#include <cellblock/limits.h>

#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/ivshmem.h>
#include <inmate/params.h>
#include <inmate/pci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>
#include <inmate/wait.h>

/* The register frame (BAR 0) and the memory (BAR 2). */
#define IVSHMEM_BAR_REGS 0
#define IVSHMEM_BAR_MEM 2
/* Highest SPI a link's line can be: the GIC's last INTID below 1020. */
#define IVSHMEM_INTX_MAX (GIC_INTID_SPECIAL - 1)

/* The devices whose interrupts ivshmem_irq_enable() took, by line. */
static struct ivshmem *ivshmem_lines[CB_LIMIT_CELL_LINKS];
static unsigned int ivshmem_line_count;

int ivshmem_probe(struct ivshmem *dev, unsigned int index)
{
	uintptr_t ecam = pci_ecam();
	int found = -1;

	for (unsigned int i = 0; i <= index; i++) {
		found = pci_find(ecam, CB_IVSHMEM_VENDOR, CB_IVSHMEM_DEVICE,
				 (unsigned int)(found + 1));
		if (found < 0)
			return -1;
	}
	dev->device = (unsigned int)found;
	dev->config = pci_config(ecam, dev->device);
	dev->regs = (uintptr_t)pci_bar64(dev->config, IVSHMEM_BAR_REGS);
	dev->mem = (uintptr_t)pci_bar64(dev->config, IVSHMEM_BAR_MEM);
	dev->mem_size = pci_bar64_size(dev->config, IVSHMEM_BAR_MEM);
	pci_set_command(dev->config, PCI_COMMAND_MEMORY, 0);
	dev->id = ivshmem_read(dev, CB_IVSHMEM_ID);
	dev->peers = ivshmem_read(dev, CB_IVSHMEM_PEERS);
	dev->rw_size = (uint64_t)ivshmem_read(dev, CB_IVSHMEM_RW_SIZE + 4)
			   << 32 |
		       ivshmem_read(dev, CB_IVSHMEM_RW_SIZE);
	dev->output_size =
	    (uint64_t)ivshmem_read(dev, CB_IVSHMEM_OUTPUT_SIZE + 4) << 32 |
	    ivshmem_read(dev, CB_IVSHMEM_OUTPUT_SIZE);
	dev->intid = (unsigned int)params_get_ulong(
			 "intx_base", IVSHMEM_INTX_BASE_DEFAULT,
			 GIC_PRIVATE_COUNT, IVSHMEM_INTX_MAX) +
		     dev->device;
	dev->interrupts = 0;
	return 0;
}

void ivshmem_set_state(struct ivshmem *dev, uint32_t state)
{
	ivshmem_write(dev, CB_IVSHMEM_STATE, state);
}

uint32_t ivshmem_doorbell(struct ivshmem *dev, uint32_t peer)
{
	/* The message must be visible before the peer's handler runs. */
	dsb_sy();
	ivshmem_write(dev, CB_IVSHMEM_DOORBELL,
		      peer << CB_IVSHMEM_DOORBELL_PEER_SHIFT);
	return ivshmem_read(dev, CB_IVSHMEM_DOORBELL);
}

bool ivshmem_ack(struct ivshmem *dev)
{
	uint32_t status = ivshmem_read(dev, CB_IVSHMEM_INT_STATUS);

	if (!(status & CB_IVSHMEM_INT_PENDING))
		return false;
	ivshmem_write(dev, CB_IVSHMEM_INT_STATUS, CB_IVSHMEM_INT_PENDING);
	return true;
}

static void ivshmem_interrupt(unsigned int intid)
{
	for (unsigned int i = 0; i < ivshmem_line_count; i++) {
		struct ivshmem *dev = ivshmem_lines[i];

		if (dev->intid == intid && ivshmem_ack(dev))
			dev->interrupts = dev->interrupts + 1;
	}
}

void ivshmem_irq_enable(struct ivshmem *dev)
{
	uint64_t flags = irq_save();
	unsigned int i;

	for (i = 0; i < ivshmem_line_count; i++) {
		if (ivshmem_lines[i] == dev)
			break;
	}
	if (i == ivshmem_line_count) {
		if (i == CB_LIMIT_CELL_LINKS)
			runtime_panic("ivshmem: more than %u devices",
				      CB_LIMIT_CELL_LINKS);
		ivshmem_lines[ivshmem_line_count++] = dev;
	}
	irq_set_handler(dev->intid, ivshmem_interrupt);
	gic_enable(dev->intid);
	ivshmem_write(dev, CB_IVSHMEM_INT_CONTROL, CB_IVSHMEM_INT_ENABLE);
	irq_restore(flags);
}

bool ivshmem_wait(struct ivshmem *dev, unsigned int seen, uint64_t us)
{
	return wait_change(&dev->interrupts, seen, us);
}

bool ivshmem_wait_peer_state(struct ivshmem *dev, uint32_t peer, uint32_t state,
			     uint64_t us)
{
	uint64_t end = timer_counter() + timer_us_to_ticks(us);

	for (;;) {
		unsigned int seen = dev->interrupts;
		uint64_t now;

		if (ivshmem_peer_state(dev, peer) == state)
			return true;
		now = timer_counter();
		if (now >= end)
			return false;
		/* ticks back to microseconds, rounded up */
		ivshmem_wait(dev, seen,
			     ((end - now) * 1000000 + timer_frequency() - 1) /
				 timer_frequency());
	}
}

const char *ivshmem_doorbell_name(uint32_t result)
{
	static const char *const names[] = {
	    [CB_IVSHMEM_DOORBELL_OK] = "OK",
	    [CB_IVSHMEM_DOORBELL_NO_PEER] = "NO_PEER",
	    [CB_IVSHMEM_DOORBELL_SELF] = "SELF",
	    [CB_IVSHMEM_DOORBELL_VECTOR] = "VECTOR",
	    [CB_IVSHMEM_DOORBELL_DOWN] = "DOWN",
	};

	if (result < sizeof(names) / sizeof(names[0]))
		return names[result];
	return "unknown";
}
