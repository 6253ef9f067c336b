// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device descriptions of io regions (see region_device.h).
 */
#include "region_device.h"

#include <cellblock/config.h>

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

static const char *const properties[] = { REGION_DEVICE_PROPERTIES, NULL };

/* One or more non-empty strings of printable ASCII, as Linux matches. */
static int is_string_list(const char *v, int length)
{
	int i;

	if (length <= 0 || v[length - 1] || !v[0])
		return 0;
	for (i = 0; i < length - 1; i++)
		if ((!v[i] && !v[i + 1]) ||
		    (v[i] && (v[i] < 0x20 || v[i] > 0x7e)))
			return 0;
	return 1;
}

static void read_compatible(struct dts_reader *rd, int node,
			    struct region_device *out)
{
	int length;
	const char *v = fdt_getprop(rd->fdt, node, "compatible", &length);

	if (!v)
		return;
	if (!is_string_list(v, length)) {
		dts_error(rd, node, "property 'compatible' (%d bytes) is not "
			  "a list of non-empty printable strings (expected the "
			  "device's, like \"arm,pl031\", \"arm,primecell\")",
			  length);
		return;
	}
	out->compatible = v;
	out->compatible_length = (unsigned int)length;
}

static void read_interrupts(struct dts_reader *rd, int node,
			    const uint32_t *irq, unsigned int irq_count,
			    struct region_device *out)
{
	char owned[256] = "none";
	unsigned int i, j, used = 0;

	if (!dts_u32_list(rd, node, "interrupts", 0, out->interrupt,
			  REGION_DEVICE_MAX_INTERRUPTS, &out->interrupt_count))
		return;
	for (j = 0; j < irq_count && used < sizeof(owned); j++)
		used += (unsigned int)snprintf(owned + used,
					       sizeof(owned) - used, "%s%u",
					       j ? ", " : "", irq[j]);
	for (i = 0; i < out->interrupt_count; i++) {
		for (j = 0; j < irq_count && irq[j] != out->interrupt[i]; j++)
			;
		if (j == irq_count)
			dts_error(rd, node, "property 'interrupts' has %u, "
				  "which is not in the cell's 'interrupts' "
				  "(expected SPI INTIDs the cell owns: %s)",
				  out->interrupt[i], owned);
	}
}

int region_device_read(struct dts_reader *rd, int node, uint32_t flags,
		       const uint32_t *irq, unsigned int irq_count,
		       struct region_device *out)
{
	const char *const *p;
	int length, found = 0;

	memset(out, 0, sizeof(*out));
	for (p = properties; *p; p++)
		found |= dts_has(rd, node, *p);
	if (!found)
		return 0;
	if (!(flags & CB_REGION_IO)) {
		for (p = properties; *p; p++)
			if (dts_has(rd, node, *p))
				dts_error(rd, node, "property '%s' is only for "
					  "regions with flag \"io\" (it "
					  "describes the device in the cell's "
					  "device tree)", *p);
		return 0;
	}
	read_compatible(rd, node, out);
	read_interrupts(rd, node, irq, irq_count, out);
	if (fdt_getprop(rd->fdt, node, "clocks", &length)) {
		out->clocks = 1;
		if (length)
			dts_error(rd, node, "property 'clocks' has a %d-byte "
				  "value (expected none: write 'clocks;', "
				  "meaning the cell's apb-pclk)", length);
	}
	if (!dts_has(rd, node, "compatible")) {
		dts_error(rd, node, "has '%s' but no 'compatible' (expected "
			  "'compatible' naming the device, or neither)",
			  dts_has(rd, node, "interrupts") ? "interrupts" :
							     "clocks");
		return 0;
	}
	return out->compatible != NULL;
}
