/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trapped sub-page io regions.
 */
#ifndef HV_SUBPAGE_H
#define HV_SUBPAGE_H

#include <cellblock/config.h>

struct cell;

/** subpage_register() - trap and replay accesses to region @r of @cell;
 * 0, or -1 when the cell has too many emulated regions. */
int subpage_register(struct cell *cell, const struct cb_memory_region *r);

#endif /* HV_SUBPAGE_H */
