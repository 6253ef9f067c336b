/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared-memory links (include/cellblock/ivshmem.h, docs/ivshmem.md): for
 * each link of the system config, one PCI function per member cell, whose
 * memory stage 2 maps with each section's permissions and whose register
 * frame traps here: doorbells and state changes raise the other members'
 * interrupt lines.
 */
#ifndef HV_IVSHMEM_H
#define HV_IVSHMEM_H

#include <stdint.h>

struct cell;

/**
 * ivshmem_cell_create() - boot, a device unit (hv/devices.h): make @cell
 * a peer of every link that names it: maps the link's memory into its
 * stage 2, adds the function to its virtual PCI bus, registers the
 * register frame and the INTx line. Returns 0, or -1 after printing why.
 */
int ivshmem_cell_create(struct cell *cell);

/** ivshmem_cell_exit() - boot: @cell is skipped after all: it is no
 * link's peer (of any link a create, whole or half-way, made it one). */
void ivshmem_cell_exit(struct cell *cell);

/**
 * ivshmem_clear() - before any cell starts: zero every link's memory
 * (state words 0: no peer is up yet).
 */
void ivshmem_clear(void);

/**
 * ivshmem_cell_reset() - @cell stopped, failed or restarts: its peers'
 * registers go back to their reset values, its state words become 0, and
 * every other peer of its links is interrupted. Any CPU.
 */
void ivshmem_cell_reset(struct cell *cell);

/**
 * ivshmem_describe() - for a refused access of @cell at guest @address:
 * the part of a link it hit (e.g. "link pp's state table, read-only"),
 * or NULL when it is in no link's memory.
 */
const char *ivshmem_describe(const struct cell *cell, uint64_t address);

#endif /* HV_IVSHMEM_H */
