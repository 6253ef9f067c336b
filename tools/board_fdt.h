/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a board's flattened device tree (not a config source): the
 * Devicetree Specification's addressing (#address-cells, #size-cells,
 * ranges) and interrupt (interrupt-parent, interrupts,
 * interrupts-extended, interrupt-map) rules, resolved to what the
 * hypervisor sees: CPU physical addresses and GICv3 INTIDs.
 */
#ifndef CELLBLOCK_BOARD_FDT_H
#define CELLBLOCK_BOARD_FDT_H

#include <stddef.h>
#include <stdint.h>

/**
 * bfdt_load() - read @path and check it whole (fdt_check_full).
 * Return: a malloc'ed tree, or NULL after one line naming the file.
 */
void *bfdt_load(const char *path);

/** bfdt_path() - @node's full path into @buf ("?" if it cannot tell). */
const char *bfdt_path(const void *fdt, int node, char *buf, size_t size);

/** bfdt_enabled() - no `status`, or "okay"/"ok" (Devicetree spec 2.3.4). */
int bfdt_enabled(const void *fdt, int node);

/** bfdt_cells() - @name ("#address-cells"...) of @node, or @fallback. */
unsigned int bfdt_cells(const void *fdt, int node, const char *name,
			unsigned int fallback);

/** bfdt_number() - @count big-endian cells at @p as one value (the low
 *  64 bits when there are more). */
uint64_t bfdt_number(const void *p, unsigned int count);

/** bfdt_string() - @node's @name if it is a NUL-terminated string (its
 *  first, for a list), else NULL. */
const char *bfdt_string(const void *fdt, int node, const char *name);

/** bfdt_is_string() - @node's @name is exactly @value (first string). */
int bfdt_is_string(const void *fdt, int node, const char *name,
		   const char *value);

/**
 * bfdt_translate() - a `reg`-style address of a child of @bus into a CPU
 * physical address, through the `ranges` of @bus and its ancestors.
 * Return: 0, or -1 when some bus on the way has no `ranges` (its children
 * are not memory-mapped: I2C, SPI...) or no range holds the address.
 */
int bfdt_translate(const void *fdt, int bus, uint64_t address, uint64_t *out);

/** bfdt_interrupt_parent() - the controller @node's interrupts go to. */
int bfdt_interrupt_parent(const void *fdt, int node);

/* A node's interrupts, in GICv3 INTIDs. */
struct bfdt_irqs {
	uint32_t intid[64];
	unsigned int count;
	unsigned int not_gic;	/* specifiers of other controllers */
	unsigned int unusable;	/* GIC specifiers outside SPI and PPI */
	char other[128];	/* the first other controller's path */
};

/**
 * bfdt_irqs() - @node's `interrupts-extended`, else `interrupts`, plus its
 * `interrupt-map` (a PCI host's INTx), converted for @gic: SPI n is INTID
 * 32 + n, PPI n is 16 + n (GICv3 binding). Controllers known to pass GIC
 * specifiers through unchanged (bfdt_passes_through) are followed.
 */
void bfdt_irqs(const void *fdt, int node, int gic, struct bfdt_irqs *out);

/** bfdt_gic_intid() - one GIC specifier (type, number) as an INTID, or 0. */
uint32_t bfdt_gic_intid(uint32_t type, uint32_t number);

#endif /* CELLBLOCK_BOARD_FDT_H */
