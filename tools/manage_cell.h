/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the `cellblock cell` verbs share (manage_cell.c, manage_cell_show.c).
 */
#ifndef CELLBLOCK_MANAGE_CELL_H
#define CELLBLOCK_MANAGE_CELL_H

#include "manage_device.h"

#include <stdint.h>

extern const struct manage_reason cell_reasons[];

/** cell_usage_error() - "cellblock cell VERB: MESSAGE" and the usage. */
int cell_usage_error(const char *verb, const char *message);

/** cell_open() - /dev/cellblock for `cell @verb`, or -1 after saying why. */
int cell_open(const char *verb);

/** cell_parse_address() - @text, 0x... or decimal, all of it: 1, or 0. */
int cell_parse_address(const char *text, uint64_t *value);

/**
 * cell_find() - the ID of the cell named @name (or with ID @name) that is
 * not destroyed, through the module on @fd. Return: 0, or -1 after
 * printing why.
 */
int cell_find(int fd, const char *verb, const char *name, uint32_t *id);

/* manage_cell_show.c: `cell list` (@argc must be 0), `cell stats`. */
int cell_list(int argc);
int cell_stats(int argc, char **argv);

/* manage_cell_linux.c: `cell linux`. */
int cell_linux(int argc, char **argv);

#endif /* CELLBLOCK_MANAGE_CELL_H */
