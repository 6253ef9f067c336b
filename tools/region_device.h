/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device an `io` region of a cell's config source may describe for
 * the cell's generated device tree (docs/config.md, "Cell device trees"):
 *
 *	compatible = "arm,pl031", "arm,primecell";	string list
 *	interrupts = <34>;				SPI INTIDs
 *	clocks;						uses the apb-pclk
 *
 * The binary config has no room for strings, so `config compile` only
 * checks these (here) and leaves them out of the blob; the device tree
 * generator reads them again from the source (also here).
 */
#ifndef CELLBLOCK_REGION_DEVICE_H
#define CELLBLOCK_REGION_DEVICE_H

#include "dts_reader.h"

#include <stdint.h>

/* More than any one device has; a longer list is refused. */
#define REGION_DEVICE_MAX_INTERRUPTS 32

/* The properties above, for the region's schema. */
#define REGION_DEVICE_PROPERTIES "compatible", "interrupts", "clocks"

struct region_device {
	const char *compatible;		/* into the source tree; NULL: none */
	unsigned int compatible_length;	/* bytes, the last NUL included */
	uint32_t interrupt[REGION_DEVICE_MAX_INTERRUPTS];
	unsigned int interrupt_count;
	int clocks;
};

/**
 * region_device_read() - read and check the device properties of region
 * node @node, whose flags are @flags, in a cell owning the SPIs @irq.
 * Problems go through @rd (a property on a region that is not `io`, a
 * compatible that is not a list of printable strings, an interrupt the
 * cell does not own, `interrupts` or `clocks` without `compatible`).
 * Return: 1 if the region describes a device (*@out filled), else 0.
 */
int region_device_read(struct dts_reader *rd, int node, uint32_t flags,
		       const uint32_t *irq, unsigned int irq_count,
		       struct region_device *out);

#endif /* CELLBLOCK_REGION_DEVICE_H */
