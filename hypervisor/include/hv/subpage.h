/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trapped sub-page io regions.
 */
#ifndef HV_SUBPAGE_H
#define HV_SUBPAGE_H

#include <cellblock/config.h>

struct cell;

/** subpage_cell_create() - boot, a device unit (hv/devices.h): trap and
 * replay accesses to each sub-page region of @cell; 0, or -1 after a line
 * when the cell has too many emulated regions. */
int subpage_cell_create(struct cell *cell);

#endif /* HV_SUBPAGE_H */
