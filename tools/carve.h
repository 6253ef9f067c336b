/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `cellblock config create-cell`: what a new cell asks for and what it is
 * given. config_carve.c reads the command line, the system and the cells
 * to avoid and writes the result; carve_pick.c picks the resources.
 */
#ifndef CELLBLOCK_CARVE_H
#define CELLBLOCK_CARVE_H

#include "system_notes.h"

#include <cellblock/config.h>

#include <stddef.h>
#include <stdint.h>

#define CARVE_MAX_ARGS 64
#define CARVE_MAX_AVOID CB_MAX_CELLS

struct carve_region {
	char name[CB_NAME_SIZE];
	uint64_t phys, guest, size;
	uint32_t flags;			/* enum cb_region_flag */
	char why[400];			/* the comment: where it came from */
};

struct carve_irq {
	uint32_t intid;
	char why[96];
};

struct carve_avoid {
	const char *path;
	void *blob;
	const struct cb_cell_config *cell;
};

struct carve {
	/* asked for */
	const char *system_path, *name, *output, *cpus_text;
	uint64_t cpus, ram, guest, entry;
	int guest_set, entry_set, no_console, dma_trusted;
	const char *device[CARVE_MAX_ARGS];
	unsigned int device_count;
	uint32_t extra_irq[CARVE_MAX_ARGS];
	unsigned int extra_irq_count;
	/* read */
	void *system_blob;
	const struct cb_system_config *system;
	struct system_notes notes;
	struct carve_avoid avoid[CARVE_MAX_AVOID];
	unsigned int avoid_count;
	/* given */
	struct carve_region region[CB_MAX_REGIONS];
	unsigned int region_count;
	struct carve_irq irq[CB_MAX_INTERRUPTS];
	unsigned int irq_count;
	char ram_why[200];
};

/** carve_error() - "cellblock config create-cell: ARG: message"; -1. */
int carve_error(const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** carve_ram() - the first free RAM of the size asked (2 MiB aligned if
 *  it can be), avoiding the hypervisor, the root cell and --avoid cells. */
int carve_ram(struct carve *c);

/** carve_devices() - a region (and the interrupts) of each --device. */
int carve_devices(struct carve *c);

/** carve_interrupt() - add @intid once, with its reason @why; refused
 *  (naming @arg) if an --avoid cell has it. */
int carve_interrupt(struct carve *c, uint32_t intid, const char *arg,
		    const char *why);

#endif /* CELLBLOCK_CARVE_H */
