/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated MMIO: a cell's access to a guest-physical address that stage 2
 * leaves unmapped arrives here decoded (address, size, direction, value),
 * and is handed to the region registered for that address, if any.
 */
#ifndef HV_MMIO_H
#define HV_MMIO_H

#include <hv/stats.h>
#include <stdint.h>

#include <cellblock/limits.h>

#define MMIO_MAX_REGIONS CB_LIMIT_EMULATED_REGIONS

struct cell;

struct mmio_access {
	uint64_t address;	/* guest-physical */
	uint64_t value;		/* in: written value; out: read value */
	unsigned int size;	/* 1, 2, 4 or 8 bytes */
	int is_write;
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_REFUSED,		/* the cell may not do this: park it */
	MMIO_ABORTED,		/* the device aborted the replayed access */
};

struct mmio_region {
	uint64_t start, size;
	enum mmio_result (*handle)(struct cell *cell, struct mmio_access *a,
				   uint64_t offset);
	enum stat_kind stat;	/* what an access to it counts as */
};

/** mmio_register() - route accesses to [start, start + size) to @handle,
 * each counted as @stat (STAT_MMIO_*). Returns 0, or -1 when the cell has
 * MMIO_MAX_REGIONS already. */
int mmio_register(struct cell *cell, uint64_t start, uint64_t size,
		  enum mmio_result (*handle)(struct cell *, struct mmio_access *,
					     uint64_t),
		  enum stat_kind stat);

/** mmio_emulated() - whether @address is in one of @cell's regions. */
int mmio_emulated(const struct cell *cell, uint64_t address);

/** mmio_dispatch() - emulate @a for @cell; MMIO_REFUSED if nothing may. */
enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *a);

#endif /* HV_MMIO_H */
