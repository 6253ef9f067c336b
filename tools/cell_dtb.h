/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A cell's device tree, generated from its config and its system's: the
 * tree a stock Linux kernel boots with in the cell, describing what the
 * cell owns and nothing else (docs/config.md, "Cell device trees"). Used
 * by `cellblock config dtb` and `cellblock image`.
 */
#ifndef CELLBLOCK_CELL_DTB_H
#define CELLBLOCK_CELL_DTB_H

#include <cellblock/config.h>

#include <stddef.h>
#include <stdint.h>

struct cell_dtb_options {
	const char *bootargs;		/* NULL: no bootargs property */
	uint64_t initrd_start;		/* guest-physical; both 0: no initrd */
	uint64_t initrd_end;		/* exclusive */
	const uint8_t *rng_seed;	/* NULL: none; else rng_seed_size bytes
					   -> /chosen/rng-seed */
	size_t rng_seed_size;
	int has_kaslr_seed;		/* -> /chosen/kaslr-seed (u64) */
	uint64_t kaslr_seed;
	const char *fragment_path;	/* user DT fragment (.dts), NULL:
					   none */
	const char *cell_source_path;	/* the cell's .dts source, NULL if
					   only a compiled .cell is known */
};

/**
 * cell_dtb_build() - build the device tree of @cell in @system.
 * @system, @cell: configs that passed config_check_system() and
 *	config_check_cell(@system, ...) without a problem.
 * @options: what /chosen gets, and the sources to read: the cell's source
 *	for its io regions' devices, and a fragment merged into the tree.
 *
 * The merged tree is then checked: every memory-mapped `reg` must lie in
 * the cell's guest address space (its regions, its emulated console, the
 * GIC frames of its CPUs), every GIC interrupt must be a PPI, an SPI of
 * the cell or its console's, and the initrd must lie in its RAM.
 *
 * Return: 0 with a malloc'd blob in *@dtb (*@size bytes), or 1 after
 * printing every problem to stderr (naming the file and the node path).
 */
int cell_dtb_build(const struct cb_system_config *system,
		   const struct cb_cell_config *cell,
		   const struct cell_dtb_options *options,
		   void **dtb, size_t *size);

#endif /* CELLBLOCK_CELL_DTB_H */
