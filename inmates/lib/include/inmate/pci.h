/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PCI configuration space through ECAM (PCI Express Base 7.2.2), bus 0
 * only: what a bare-metal driver of cellblock's virtual host bridge needs
 * to find its functions, size and read their 64-bit memory BARs and set
 * the command register. Inside a cell every access traps to the
 * hypervisor, which emulates the bridge; accesses are 32 bits wide (or 16
 * for the 16-bit registers), as the emulation decodes them.
 *
 *	uintptr_t config = pci_config(pci_ecam(), 0);
 *	if (pci_read16(config, PCI_VENDOR_ID) == PCI_VENDOR_NONE) ...
 */
#ifndef INMATE_PCI_H
#define INMATE_PCI_H

#include <stdint.h>

/* Where the test and demo configs put the ECAM (the system config's
   vpci { ecam }); the parameter `ecam=` overrides it. */
#define PCI_ECAM_DEFAULT 0x30000000ul
#define PCI_DEVICES_PER_BUS 32

/* Type-0 header (PCI Local Bus 3.0, 6.1). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_CLASS_REVISION 0x08
#define PCI_BAR0 0x10
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

/* What an absent function answers (a master abort reads all ones). */
#define PCI_VENDOR_NONE 0xffff

#define PCI_COMMAND_MEMORY (1u << 1)
#define PCI_COMMAND_MASTER (1u << 2)
#define PCI_COMMAND_INTX_DISABLE (1u << 10)
#define PCI_STATUS_INTERRUPT (1u << 3)

#define PCI_BAR_TYPE_MASK 0x6u
#define PCI_BAR_TYPE_64 0x4u
#define PCI_BAR_PREFETCH 0x8u
#define PCI_BAR_FLAGS_MASK 0xfu

/** pci_ecam() - the ECAM base: the `ecam` parameter, or PCI_ECAM_DEFAULT. */
uintptr_t pci_ecam(void);

/** pci_config() - config space of function 0 of @device on bus 0. */
static inline uintptr_t pci_config(uintptr_t ecam, unsigned int device)
{
	return ecam + ((uintptr_t)device << 15);
}

uint32_t pci_read32(uintptr_t config, unsigned int reg);
void pci_write32(uintptr_t config, unsigned int reg, uint32_t value);
uint16_t pci_read16(uintptr_t config, unsigned int reg);
void pci_write16(uintptr_t config, unsigned int reg, uint16_t value);

/**
 * pci_find() - the first device number from @from on bus 0 whose function
 * 0 has @vendor and @device, or -1 when none has.
 */
int pci_find(uintptr_t ecam, uint16_t vendor, uint16_t device,
	     unsigned int from);

/**
 * pci_bar64() - address of the 64-bit memory BAR @bar (0, 2 or 4: its low
 * dword) without its flag bits.
 */
uint64_t pci_bar64(uintptr_t config, unsigned int bar);

/**
 * pci_bar64_size() - size of that BAR the way an OS finds it: write all
 * ones to both dwords, read the mask, write the address back. Returns 0
 * for a BAR that is not implemented. Leaves the BAR as it was.
 */
uint64_t pci_bar64_size(uintptr_t config, unsigned int bar);

/** pci_set_command() - set the @set bits of the command register, clear
 * the @clear bits; returns the value read back afterwards. */
uint16_t pci_set_command(uintptr_t config, uint16_t set, uint16_t clear);

#endif /* INMATE_PCI_H */
