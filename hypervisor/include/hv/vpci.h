/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual PCI host bridge: ECAM config space of bus 0 of a cell's own
 * virtual segment (system config's vpci), emulated, with the cell's
 * emulated functions on it (today: its links, hv/ivshmem.h). No physical
 * PCI device is ever reached through it. Each function has a type-0
 * header: IDs, class, command and status, up to three 64-bit memory BARs
 * at fixed addresses, interrupt pin A; everything else reads as zero and
 * ignores writes. Absent functions read as all ones.
 */
#ifndef HV_VPCI_H
#define HV_VPCI_H

#include <stdint.h>

struct cell;

/* Command register bits a function implements (PCI Local Bus 6.2.2). */
#define PCI_COMMAND_MEMORY (1u << 1)
#define PCI_COMMAND_MASTER (1u << 2)
#define PCI_COMMAND_INTX_DISABLE (1u << 10)
#define PCI_STATUS_INTERRUPT (1u << 3)

#define VPCI_BARS 3	/* 64-bit BARs: 0/1, 2/3, 4/5 */
#define VPCI_BAR_PREFETCH 0x8u

struct vpci_bar {
	uint64_t address;	/* fixed */
	uint64_t size;		/* a power of two; 0: not implemented */
	uint32_t flags;		/* VPCI_BAR_PREFETCH or 0 */
};

struct vpci_function {
	uint16_t vendor, device;
	uint16_t subsystem_vendor, subsystem;
	uint32_t class_revision;	/* class code << 8 | revision ID */
	struct vpci_bar bar[VPCI_BARS];
	/* State the cell writes; reset with the cell (vpci_reset()). */
	volatile uint16_t command;
	uint8_t interrupt_line;
	uint8_t sizing;		/* bit i: BAR dword i reads its size mask */
	/* The device's interrupt condition, shown as status bit 3. */
	int (*interrupt_status)(struct vpci_function *fn);
	/* The cell wrote the command register (INTx disable may mask). */
	void (*command_written)(struct vpci_function *fn);
};

/**
 * vpci_cell_create() - boot, a device unit (hv/devices.h): if the system
 * has a vPCI host, give @cell its ECAM window (its functions, the links,
 * come with the next unit). Returns 0, or -1 after printing why (the cell
 * is then skipped).
 */
int vpci_cell_create(struct cell *cell);

/**
 * vpci_add() - boot: put @fn on @cell's bus as the next device number.
 * Returns that number, or -1 when the bus has CB_LIMIT_CELL_LINKS.
 */
int vpci_add(struct cell *cell, struct vpci_function *fn);

/** vpci_reset() - the cell restarts: its functions' command registers,
 * interrupt lines and BAR sizing go back to their reset values. */
void vpci_reset(struct cell *cell);

#endif /* HV_VPCI_H */
