/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A cell's emulated devices as units (core/devices.c): the comm region,
 * the console UART, sub-page io regions, the virtual PCI host and the
 * links on it. Which units a cell gets, its config says, and each unit's
 * create() decides from it. The generic core creates them at boot, after
 * the architecture built the cell's stage 2 and interrupt controller,
 * resets them when the cell stops or restarts, and, when one cannot be
 * created, undoes the ones before it in reverse order: the cell is then
 * skipped and its slot reused, so nothing outside the slot (a link's
 * peer) may still point at it.
 */
#ifndef HV_DEVICES_H
#define HV_DEVICES_H

struct cell;

/**
 * devices_cell_create() - boot: every unit @cell's config asks for, in
 * order. 0, or -1 after the failing unit's console line, with the units
 * created before it undone.
 */
int devices_cell_create(struct cell *cell);

/** devices_cell_reset() - every CPU of @cell is off: each unit back to
 * its state at boot. */
void devices_cell_reset(struct cell *cell);

/** devices_cell_adopt() - the root Linux's devices as it set them up
 * (Linux-managed boot); devices_cell_hand_back() - back to it. */
void devices_cell_adopt(struct cell *cell);
void devices_cell_hand_back(struct cell *cell);

#endif /* HV_DEVICES_H */
