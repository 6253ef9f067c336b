/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The read-only cell calls (core/control.c), in every build, and what the
 * management calls share with them.
 */
#ifndef HV_CONTROL_H
#define HV_CONTROL_H

#include <stdint.h>

struct cell;

int64_t control_self(struct cell *caller);
int64_t control_count(void);
int64_t control_info(struct cell *caller, uint64_t id, uint64_t guest,
		     uint64_t size);
int64_t control_stats(struct cell *caller, uint64_t id, uint64_t guest,
		      uint64_t size);

/** control_cell() - the cell with ID @id, or NULL with *@error set to
 * CB_HC_ENOENT. */
struct cell *control_cell(uint64_t id, int64_t *error);

/**
 * control_buffer_phys() - whether the range [@guest, @guest + @size) of
 * @cell's guest space lies whole inside one RAM region of it (not io,
 * sub-page or comm) whose flags include all of @flags (CB_REGION_READ,
 * _WRITE, _LOADABLE: a buffer to read, to write, a load's destination),
 * with no wrap past 2^64; then *@phys is where it starts. A @size of 0
 * fits anywhere in a region: the caller refuses it first if it must.
 */
int control_buffer_phys(const struct cell *cell, uint64_t guest,
			uint64_t size, uint32_t flags, uint64_t *phys);

#endif /* HV_CONTROL_H */
