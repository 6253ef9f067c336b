/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual interrupt lines: interrupts an emulated device of a cell raises
 * with no wire behind them (the emulated console's, ivshmem doorbells,
 * the comm region's messages). A device only sets its line's level; the
 * architecture shows the line in the cell's view of its interrupt
 * controller, where the cell enables it, gives it a priority and a target
 * CPU, and delivers it with level semantics: pending while the level is
 * high and the line enabled, taken again after the cell ends it only if
 * the level is still high.
 * Which lines a cell has, its config decides (through the devices it
 * gets); each has an INTID no physical interrupt of the cell uses.
 */
#ifndef HV_VLINE_H
#define HV_VLINE_H

#include <stdint.h>

#include <cellblock/limits.h>

/* Lines per cell: the console's, the comm region's (its comm interrupt),
   and one per link (its INTx). */
#define VLINE_MAX (2 + CB_LIMIT_CELL_LINKS)

struct cell;

struct vline {
	uint32_t intid;			/* the cell's name for it */
	volatile uint32_t level;	/* 1: asserted by the device */
};

/**
 * vline_add() - boot: give @cell a virtual line named @intid, low. Returns
 * its number (for vline_set()), or -1 when @cell has VLINE_MAX already.
 */
int vline_add(struct cell *cell, unsigned int intid);

/**
 * vline_set() - the device of @cell's line @line drives it to @level (0 or
 * 1). Callers of one line must be serialized (the device's lock). Any CPU
 * may call it: a change is delivered to, or withdrawn from, the CPU the
 * cell routes the line to (arch_vline_update()).
 */
void vline_set(struct cell *cell, unsigned int line, int level);

/** vline_find() - the number of @cell's line named @intid, or -1. */
int vline_find(const struct cell *cell, unsigned int intid);

#endif /* HV_VLINE_H */
