/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The partitioning of a system as `cellblock config map` draws it: every
 * RAM and device window cut into pieces by who owns each byte (the
 * hypervisor, its console and GIC frames, each link, each cell's
 * regions), and the
 * problems `config check` reports, tied to the pieces, cells and lines
 * they are about. map_text.c and map_svg.c print it.
 */
#ifndef CELLBLOCK_MAP_MODEL_H
#define CELLBLOCK_MAP_MODEL_H

#include <cellblock/config.h>

#include <stdio.h>

#define MAP_MAX_CELLS (CB_MAX_CELLS + 1)	/* and the root cell */
#define MAP_MAX_OWNERS 8			/* per piece */
#define MAP_PROBLEM_SIZE 320

enum map_who {
	MAP_HYPERVISOR = -1,		/* its memory */
	MAP_CONSOLE = -2,		/* the hypervisor's UART */
	MAP_GIC = -3,			/* a GIC frame (emulated) */
	MAP_LINK = -4,			/* a link's memory (its peers') */
};

/* Something that owns a physical range: a cell's region or the
   hypervisor's. */
struct map_owner {
	int who;			/* a cell index or enum map_who */
	const char *name;		/* region name, or what it is */
	uint64_t start, end;		/* [start, end) */
	uint32_t flags;			/* region flags (cells) */
	int problem;			/* `check` reports it */
};

/* A piece of one window with the same owners throughout. */
struct map_piece {
	unsigned int window;		/* index: RAM windows, then devices */
	uint64_t start, end;
	unsigned int owner[MAP_MAX_OWNERS];
	unsigned int owner_count;
	int problem;			/* an owner's problem, or a clash */
};

struct map_problem {
	int who;			/* cell index, or -1 for the system */
	char text[MAP_PROBLEM_SIZE];	/* FILE: /path: message */
};

struct map {
	const struct cb_system_config *system;
	const char *system_file;
	const struct cb_cell_config *cell[MAP_MAX_CELLS];
	const char *cell_file[MAP_MAX_CELLS];
	unsigned int cell_count;	/* the root cell first, if any */
	int cell_problem[MAP_MAX_CELLS];	/* a problem not of a region */
	struct map_owner *owner;
	unsigned int owner_count;
	struct map_piece *piece;
	unsigned int piece_count;
	struct map_problem *problem;
	unsigned int problem_count;
};

/** map_window() - window @i of the system: RAM windows, then devices. */
const struct cb_window *map_window(const struct map *m, unsigned int i,
				   int *is_ram);

/** map_window_count() - RAM and device windows together. */
unsigned int map_window_count(const struct map *m);

/**
 * map_build() - owners and pieces of @m (system and cells set, problems
 * collected). Return: 0, or -1 out of memory.
 */
int map_build(struct map *m);

/** map_owner_label() - "hypervisor", "cell hello /memory/ram", ... */
void map_owner_label(const struct map *m, const struct map_owner *o,
		     char *buf, size_t size);

void map_free(struct map *m);

/** map_text(), map_svg() - print @m. */
void map_text(FILE *out, const struct map *m);
void map_svg(FILE *out, const struct map *m);

#endif /* CELLBLOCK_MAP_MODEL_H */
