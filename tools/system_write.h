/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Prints a board (board.h) and its hypervisor budget (hv_budget.h) as a
 * system config source in the schema of docs/config.md, every value with
 * a comment naming the node it came from.
 *
 * Each device window lists its register ranges as comments of one fixed
 * form, which `config create-cell` reads back (system_notes.h):
 *
 *     / * PATH WHAT: 0xSTART, 0xSIZE bytes[; interrupts N N...] * /
 *
 * (without the spaces inside the comment marks).
 */
#ifndef CELLBLOCK_SYSTEM_WRITE_H
#define CELLBLOCK_SYSTEM_WRITE_H

#include "board.h"
#include "hv_budget.h"

#include <stdio.h>

struct system_source {
	const char *board_file;		/* the DTB, as named */
	const char *footprint_from;	/* "hypervisor.bin" or a default */
	unsigned int hv_ram;		/* the RAM window that holds it */
	const struct hv_budget_in *in;
	const struct hv_budget *hv;
};

/** system_write() - print @b as a system config to @out. */
/** dts_number() - @v as the schema writes a number: one cell, or two
 * (high, low) from 2^32 up, in @buf (@size bytes); returns @buf. */
const char *dts_number(char *buf, size_t size, uint64_t v);

void system_write(FILE *out, const struct board *b,
		  const struct system_source *src);

#endif /* CELLBLOCK_SYSTEM_WRITE_H */
