/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one config validator. It is freestanding C built unchanged into the
 * host tool (`cellblock config compile|check`) and into the hypervisor, so
 * the hypervisor refuses exactly what the tool refuses.
 *
 * Checking goes in three steps, each of which reports every problem it
 * finds rather than stopping at the first:
 *   1. config_check_system(): one system config, with its links and its
 *      embedded root cell;
 *   2. config_check_cell(): one cell config, on its own or against a system;
 *   3. config_check_set(): the cells of one system taken together (names,
 *      CPU, interrupt and memory ownership).
 * A config is valid when no step reported a problem. Besides what the
 * formats can express, every step holds configs to the limits of this
 * build of the hypervisor (include/cellblock/limits.h), so what passes here
 * is what the boot runs.
 */
#ifndef CELLBLOCK_CONFIG_CHECK_H
#define CELLBLOCK_CONFIG_CHECK_H

#include <cellblock/config.h>

/**
 * struct config_report - where problems go.
 * @problem: called once per problem. @subject is the blob the problem is
 *	about (a system config for itself and its root cell, otherwise the cell
 *	config), @where the node path in the documented source schema (the
 *	embedded root cell's paths start with "/root-cell"), @what one sentence
 *	naming the property, the value and what was expected.
 * @problem_count: incremented by the validator before each call.
 */
struct config_report {
	void (*problem)(struct config_report *report, const void *subject,
			const char *where, const char *what);
	unsigned int problem_count;
};

/**
 * config_name_valid() - whether @name (CB_NAME_SIZE bytes) holds 1 to 31
 * printable characters followed by NUL padding, as every name in the
 * config and image formats must.
 */
int config_name_valid(const char *name);

/**
 * config_check_system() - check a system config and its root cell.
 * @blob must be 8-byte aligned and @size bytes long.
 * Return: the config, typed, when its header and array bounds are sound
 * (further checks may then read it; it is valid only if no problem was
 * reported), or NULL when it cannot be read at all.
 */
const struct cb_system_config *
config_check_system(const void *blob, uint64_t size,
		    struct config_report *report);

/**
 * config_check_cell() - check one cell config.
 * @system: a system config returned by config_check_system(), or NULL to
 *	check only what the cell says about itself (as `config compile` does).
 * Return: as config_check_system().
 */
const struct cb_cell_config *
config_check_cell(const struct cb_system_config *system, const void *blob,
		  uint64_t size, struct config_report *report);

/**
 * config_check_set() - check the cells of @system taken together.
 * @cells: the non-root cells, each returned by config_check_cell() for this
 *	@system; the system's root cell, if any, takes part implicitly.
 * Rules: at most CB_LIMIT_CELLS cells, the root cell included; names are
 * unique; every CPU belongs to exactly one cell; no CPU, interrupt or
 * physical page is claimed by two cells, except that a cell may take
 * resources the root cell declares (the root cell lends them, and must keep
 * at least one CPU). Cells share memory only through the system's links:
 * each peer of a link is a cell of the set with room for the link's device
 * and free guest space for its BARs, and no cell's region, the root cell's
 * included, overlaps a link's memory. Every name of a cell's manage list
 * is a cell of the set.
 */
void config_check_set(const struct cb_system_config *system,
		      const struct cb_cell_config *const *cells,
		      unsigned int cell_count, struct config_report *report);

#endif /* CELLBLOCK_CONFIG_CHECK_H */
