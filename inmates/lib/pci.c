// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * ECAM config-space access, bus 0 (pci.h). The 16-bit registers are read
 * and written with 16-bit accesses, so a write of the command register
 * never rewrites the status register beside it.
 */
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/pci.h>

/* ECAM windows are 1 MiB aligned per bus; below 4 GiB is what the
   inmate's identity map covers. */
#define PCI_ECAM_MAX 0xfff00000ul

uintptr_t pci_ecam(void)
{
	return params_get_ulong("ecam", PCI_ECAM_DEFAULT, 0x100000,
				PCI_ECAM_MAX);
}

uint32_t pci_read32(uintptr_t config, unsigned int reg)
{
	return mmio_read32(config + (reg & ~3u));
}

void pci_write32(uintptr_t config, unsigned int reg, uint32_t value)
{
	mmio_write32(config + (reg & ~3u), value);
}

uint16_t pci_read16(uintptr_t config, unsigned int reg)
{
	return mmio_read16(config + (reg & ~1u));
}

void pci_write16(uintptr_t config, unsigned int reg, uint16_t value)
{
	mmio_write16(config + (reg & ~1u), value);
}

int pci_find(uintptr_t ecam, uint16_t vendor, uint16_t device,
	     unsigned int from)
{
	for (unsigned int d = from; d < PCI_DEVICES_PER_BUS; d++) {
		uint32_t id = pci_read32(pci_config(ecam, d), PCI_VENDOR_ID);

		if (id == ((uint32_t)device << 16 | vendor))
			return (int)d;
	}
	return -1;
}

uint64_t pci_bar64(uintptr_t config, unsigned int bar)
{
	unsigned int reg = PCI_BAR0 + 4 * bar;
	uint64_t low = pci_read32(config, reg) & ~PCI_BAR_FLAGS_MASK;

	return (uint64_t)pci_read32(config, reg + 4) << 32 | low;
}

uint64_t pci_bar64_size(uintptr_t config, unsigned int bar)
{
	unsigned int reg = PCI_BAR0 + 4 * bar;
	uint32_t low = pci_read32(config, reg);
	uint32_t high = pci_read32(config, reg + 4);
	uint64_t mask;

	pci_write32(config, reg, 0xffffffffu);
	pci_write32(config, reg + 4, 0xffffffffu);
	mask = (uint64_t)pci_read32(config, reg + 4) << 32 |
	       (pci_read32(config, reg) & ~PCI_BAR_FLAGS_MASK);
	pci_write32(config, reg, low);
	pci_write32(config, reg + 4, high);
	return mask ? ~mask + 1 : 0;
}

uint16_t pci_set_command(uintptr_t config, uint16_t set, uint16_t clear)
{
	uint16_t command = pci_read16(config, PCI_COMMAND);

	pci_write16(config, PCI_COMMAND, (uint16_t)((command & ~clear) | set));
	return pci_read16(config, PCI_COMMAND);
}
