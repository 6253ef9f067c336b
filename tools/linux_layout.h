/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a cell's Linux goes in its RAM, by the arm64 boot protocol (Linux
 * Documentation/arch/arm64/booting.rst), and its generated device tree:
 * one layout for the boot image (`cellblock image --linux`,
 * image_linux.c) and the Linux-managed boot (`cellblock cell linux`,
 * manage_cell_linux.c), so a cell's Linux finds the same either way:
 *
 * - the kernel Image at text_offset past a 2 MiB-aligned base, which is
 *   the cell config's entry minus text_offset, so the cell's first CPU
 *   starts at the kernel's first instruction; image_size bytes from the
 *   base (the kernel's bss and early page tables) must be free RAM of one
 *   loadable region;
 * - the initrd next, page-aligned past image_size;
 * - the device tree last, page-aligned (booting.rst: 8-byte aligned, at
 *   most 2 MiB), its address in x0.
 */
#ifndef CELLBLOCK_LINUX_LAYOUT_H
#define CELLBLOCK_LINUX_LAYOUT_H

#include <cellblock/config.h>

#include <stddef.h>
#include <stdint.h>

struct linux_file {
	const char *path;
	const void *data;
	size_t size;
};

struct linux_place {
	uint64_t kernel;			/* guest-physical, the entry */
	uint64_t initrd_start, initrd_end;	/* both 0: no initrd */
	uint64_t dtb;				/* after linux_place_dtb() */
	uint64_t end;				/* of the kernel's region */
	uint64_t next;				/* the first free page after */
	const char *region;			/* its name */
};

/**
 * linux_place() - place @kernel and @initrd (NULL: none) in @cell.
 * @tool: the messages' prefix ("cellblock image").
 * Return: 0, or 1 after one line saying why.
 */
int linux_place(const char *tool, const struct cb_cell_config *cell,
		const struct linux_file *kernel,
		const struct linux_file *initrd, struct linux_place *place);

/** linux_place_dtb() - the device tree of @size bytes after them. */
int linux_place_dtb(const char *tool, const struct cb_cell_config *cell,
		    struct linux_place *place, size_t size);

/**
 * linux_generate_dtb() - the device tree the tool generates for @cell
 * (tools/cell_dtb.c) with @bootargs (NULL: none), the initrd of @place,
 * fresh rng and kaslr seeds, @cell_source (NULL: none) for messages.
 * Return: 0 with *@dtb malloc'd, or 1 after saying why.
 */
int linux_generate_dtb(const char *tool, const struct cb_system_config *system,
		       const struct cb_cell_config *cell, const char *bootargs,
		       const struct linux_place *place, const char *cell_source,
		       void **dtb, size_t *size);

#endif /* CELLBLOCK_LINUX_LAYOUT_H */
