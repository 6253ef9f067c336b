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

#endif /* HV_CONTROL_H */
