/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parts of board_scan() (board.h) kept in their own files: the GIC
 * (board_gic.c), RAM (board_ram.c) and device registers
 * (board_devices.c). Called in that order by board_scan().
 */
#ifndef CELLBLOCK_BOARD_PARTS_H
#define CELLBLOCK_BOARD_PARTS_H

#include "board.h"

/** board_first_reg() - @node's reg[0] as a CPU physical address; reports
 *  a node without one and returns -1. */
int board_first_reg(struct board *b, int node, uint64_t *address);

/** board_scan_gic() - the GICv3 node: frames, stride, ITS, maintenance
 *  interrupt; refuses a GICv2-only board. */
void board_scan_gic(struct board *b);

/** board_check_redistributors() - once the CPUs are known: one frame per
 *  CPU fits the redistributor region CPU 0's frame is in. */
void board_check_redistributors(struct board *b);

/** board_scan_ram() - RAM banks less no-map reserved memory. */
void board_scan_ram(struct board *b);

/** board_scan_devices() - a member per register range of each device. */
void board_scan_devices(struct board *b);

/** board_count_interrupts() - the GIC's interrupt-count (see there). */
void board_count_interrupts(struct board *b);

/** board_add_member() - a new member of @path (NULL when full). */
struct board_member *board_add_member(struct board *b, const char *path,
				      uint64_t start, uint64_t size);

#endif /* CELLBLOCK_BOARD_PARTS_H */
