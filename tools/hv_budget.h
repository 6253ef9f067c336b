/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How much memory the hypervisor needs on a board, for the `hypervisor`
 * node `cellblock config create` writes: its image (code, data, stacks),
 * the configs and payloads packed after it, and the page pool its
 * translation tables come from (docs/config.md, "Generating configs from
 * the board", has the formula and today's figures).
 */
#ifndef CELLBLOCK_HV_BUDGET_H
#define CELLBLOCK_HV_BUDGET_H

#include <stdint.h>

/*
 * Where the hypervisor is linked (hypervisor/arch/arm64/hypervisor.lds):
 * it runs at this address, so its memory must hold it (the boot refuses an
 * image outside it). A test reads the ELF and holds the two together.
 */
#define HV_LINK_ADDRESS 0x40200000ull

/* The image's footprint when no hypervisor.bin is named: twice today's
   (0x3f000: 60 KiB of code and data, 8 stacks of 16 KiB and guards). */
#define HV_FOOTPRINT_DEFAULT 0x80000ull
/* The image table and every config blob (a system config with 32
   windows is under 3 KiB, a cell under 5 KiB). */
#define HV_CONFIG_ROOM 0x10000ull
/* Payloads when --payload-room is not given: the demo inmates are 13-15
   KiB each; a Linux kernel needs --payload-room 64M. */
#define HV_PAYLOAD_ROOM_DEFAULT 0x100000ull

struct hv_budget_in {
	uint64_t ram_start, ram_size;	/* the RAM window it goes into */
	uint64_t footprint;		/* image_size of hypervisor.bin */
	uint64_t payload_room;
	unsigned int cpu_count;
	unsigned int device_windows;
	uint64_t gicd, gicr, stride;	/* frames the EL2 map holds */
	uint64_t console;
};

struct hv_budget {
	uint64_t start, size;		/* the hypervisor node */
	int linked_here;		/* start holds HV_LINK_ADDRESS */
	unsigned int el2_pages;		/* EL2 stage-1 tables */
	unsigned int window_pages;	/* per-CPU RAM windows */
	unsigned int cells, cell_pages;	/* stage-2 tables, per cell */
	unsigned int device_pages;	/* per device window */
	unsigned int pool_pages;	/* all of the above */
};

/**
 * hv_budget() - place and size the hypervisor's memory.
 * Return: 0, or -1 if the RAM window is too small (@out->size says what
 * was needed).
 */
int hv_budget(const struct hv_budget_in *in, struct hv_budget *out);

#endif /* CELLBLOCK_HV_BUDGET_H */
