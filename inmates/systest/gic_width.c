// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * gic_width: reads the distributor's GICD_ISENABLER1 (SPIs 32-63) the
 * right way, 32 bits, then with a 64-bit load, which the GIC architecture
 * does not define for that register. In a cell the hypervisor refuses the
 * second read and parks the cell; bare metal the result is
 * implementation-defined. Prints what it does first.
 */
#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/runtime.h>

#include <hw/gicv3.h>

#define GICD_BASE 0x08000000ul

int inmate_main(void)
{
	uintptr_t isenabler1 = GICD_BASE + GICD_ISENABLER + 4;

	console_printf("gic_width: 32-bit read of ISENABLER1: 0x%x\n",
		       mmio_read32(isenabler1));
	console_printf("gic_width: 64-bit read of ISENABLER0-1\n");
	console_printf("gic_width: read 0x%llx, not refused\n",
		       (unsigned long long)mmio_read64(isenabler1 - 4));
	return 0;
}
