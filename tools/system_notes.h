/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a system config source says of its device windows beyond the
 * schema: the register ranges and interrupts `config create` wrote as
 * comments inside each window (system_write.h has the form). dtc drops
 * comments, so `config create-cell` reads them from the source text. A
 * hand-written system has none: its windows are still usable whole, and
 * their interrupts are given with --interrupt.
 */
#ifndef CELLBLOCK_SYSTEM_NOTES_H
#define CELLBLOCK_SYSTEM_NOTES_H

#include <cellblock/config.h>

#include <stdint.h>

#define NOTE_PATH_SIZE 256
#define NOTE_MAX_IRQS 64

struct note_member {
	char window[CB_NAME_SIZE];	/* the device window it is in */
	char path[NOTE_PATH_SIZE];	/* the board's node */
	char what[48];			/* "reg[0]", "ranges[1]: mmio" */
	uint64_t start, size;
	uint32_t irq[NOTE_MAX_IRQS];
	unsigned int irq_count;
};

struct system_notes {
	struct note_member *member;
	unsigned int count, capacity;
};

/**
 * system_notes_read() - the members of @path's device windows.
 * Return: 0 (a source without notes gives none), or -1 if @path cannot be
 * read (reported). Free with system_notes_free().
 */
int system_notes_read(const char *path, struct system_notes *notes);

void system_notes_free(struct system_notes *notes);

#endif /* CELLBLOCK_SYSTEM_NOTES_H */
