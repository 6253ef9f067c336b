/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What `cellblock config create` learns of a board from its flattened
 * device tree: RAM, CPUs, the GICv3, the console UART and the device
 * windows, each value with the node it came from. board_scan.c fills it
 * from the tree, board_windows.c turns device registers into the schema's
 * windows, system_write.c prints it as a system config.
 */
#ifndef CELLBLOCK_BOARD_H
#define CELLBLOCK_BOARD_H

#include <cellblock/config.h>

#include <stddef.h>
#include <stdint.h>

#define BOARD_PATH_SIZE 256
#define BOARD_NOTE_SIZE 160
/* Enough for the trees of Debian's arm64 kernel (the largest has ~700
   register ranges); a larger board is refused with the count. */
#define BOARD_MAX_MEMBERS 2048
#define BOARD_MAX_NOTES 64
#define BOARD_MAX_IRQS 64		/* INTIDs kept per device node */
#define BOARD_MAX_RAM 16		/* banks before reserved ranges */

/* A range of physical addresses, @size bytes from @start. */
struct board_range {
	uint64_t start, size;
};

/* One register range of a device node: a `reg` entry or, for a PCI host
   bridge, one of its `ranges`. Its window is found by board_windows(). */
struct board_member {
	char path[BOARD_PATH_SIZE];	/* the node */
	char what[48];			/* "reg[0]", "ranges: 32-bit memory" */
	char space[8];			/* PCI ranges: "io", "mmio", "mmio64" */
	char compatible[48];		/* the node's first, or "" */
	uint64_t start, size;		/* CPU physical, bytes as the node says */
	uint32_t irq[BOARD_MAX_IRQS];	/* the node's GIC INTIDs */
	unsigned int irq_count;
	const char *dma;		/* why it masters the bus, or NULL */
	int apart;			/* GIC frame or console: own window */
	unsigned int window;		/* index into board.window */
};

/* A device window of the schema: page-aligned, made of members. */
struct board_window {
	char name[CB_NAME_SIZE];
	uint64_t start, size;
	const char *dma;		/* a member's reason, or NULL */
	const char *merged;		/* why members share it, or NULL */
	int keep_apart;			/* GIC and console: never merged */
};

struct board_ram {
	char name[CB_NAME_SIZE];
	char path[BOARD_PATH_SIZE];
	char what[48];			/* "reg[0]", "reg[0] above /reserved..." */
	uint64_t start, size;
};

struct board_cpu {
	char path[BOARD_PATH_SIZE];
	uint64_t mpidr;
};

struct board_gic {
	char path[BOARD_PATH_SIZE];
	char compatible[64];
	uint64_t distributor;		/* reg[0] */
	struct board_range redist;	/* the region CPU 0's frame opens */
	unsigned int redist_regions;	/* #redistributor-regions */
	uint64_t stride;
	const char *stride_why;		/* "redistributor-stride", "default" */
	char its_path[BOARD_PATH_SIZE];	/* "" when there is none */
	uint64_t its;
	uint32_t maintenance;		/* INTID */
	uint32_t interrupt_count;
	const char *count_why;
};

struct board_console {
	char path[BOARD_PATH_SIZE];
	const char *how;		/* "chosen/stdout-path", ... */
	uint64_t address;
	uint32_t interrupt;		/* 0: none */
};

struct board {
	const char *file;		/* the DTB, named in messages */
	const void *fdt;
	char model[CB_NAME_SIZE];
	char model_from[96];		/* "/ model", "/ compatible" */
	struct board_ram ram[CB_MAX_RAM_WINDOWS];
	unsigned int ram_count;
	struct board_cpu cpu[CB_MAX_CPUS];
	unsigned int cpu_count;
	char psci_path[BOARD_PATH_SIZE];
	struct board_gic gic;
	struct board_console console;
	struct board_member *member;	/* BOARD_MAX_MEMBERS of them */
	unsigned int member_count;
	struct board_window window[CB_MAX_DEVICE_WINDOWS];
	unsigned int window_count;
	/* Comments for the output: what was left out and why. */
	char note[BOARD_MAX_NOTES][BOARD_NOTE_SIZE];
	unsigned int note_count;
	unsigned int error_count;
};

/** board_error() - report "FILE: NODE: message" and count it. */
void board_error(struct board *b, const char *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** board_note() - keep one line for the output's comments. */
void board_note(struct board *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * board_scan() - read the board from @fdt (checked with fdt_check_full).
 * Every reason to refuse the board is reported with board_error().
 * Return: 0, or -1 if anything was refused (error_count says how much).
 */
int board_scan(struct board *b);

/**
 * board_windows() - group the members into at most CB_MAX_DEVICE_WINDOWS
 * page-aligned windows (see the rules in board_windows.c) and set each
 * member's window. Return: 0, or -1 after board_error().
 */
int board_windows(struct board *b);

#endif /* CELLBLOCK_BOARD_H */
