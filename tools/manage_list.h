/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The manage list of a cell's config source (docs/config.md):
 *
 *	manage-cells = "rt", "app";	the cells it may shut down, start
 *					and restart
 *
 * Read here into the binary config's manage[][CB_NAME_SIZE] array; the
 * shared validator then checks the names (distinct, not the cell's own,
 * cells of the system).
 */
#ifndef CELLBLOCK_MANAGE_LIST_H
#define CELLBLOCK_MANAGE_LIST_H

#include "dts_reader.h"

#include <cellblock/config.h>

/**
 * manage_list_read() - property "manage-cells" of @node into @out (room
 * for CB_MAX_CELLS names, each NUL-padded) and its length into *@count.
 * Absent: *@count = 0. A value that is not 1 to CB_MAX_CELLS strings of 1
 * to CB_NAME_SIZE - 1 characters is reported, and *@count is 0.
 * Return: whether the list was present and read.
 */
int manage_list_read(struct dts_reader *rd, int node,
		     char (*out)[CB_NAME_SIZE], unsigned int *count);

#endif /* CELLBLOCK_MANAGE_LIST_H */
