// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_absent: a cell that is a member of no link scans bus 0 of its
 * virtual PCI host bridge: every device's vendor ID reads 0xffff (as an
 * absent function answers), and so does a function other than 0.
 * Protocol: `PASS link_absent checks=N`, or `FAIL link_absent ...`.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/pci.h>
#include <inmate/runtime.h>

int inmate_main(void)
{
	static const char *const keys[] = {"ecam", NULL};
	uintptr_t ecam;
	unsigned int present = 0;

	params_check_keys(keys);
	ecam = pci_ecam();
	check_begin("link_absent");
	for (unsigned int d = 0; d < PCI_DEVICES_PER_BUS; d++) {
		uint16_t vendor =
		    pci_read16(pci_config(ecam, d), PCI_VENDOR_ID);

		if (vendor != PCI_VENDOR_NONE) {
			console_printf("link_absent: device %u: vendor "
				       "0x%04x\n",
				       d, vendor);
			present++;
		}
	}
	CHECK_EQ(present, 0);
	CHECK_EQ(pci_read32(pci_config(ecam, 0), PCI_VENDOR_ID), 0xffffffff);
	/* function 1 of device 0 */
	CHECK_EQ(pci_read32(ecam + 0x1000, PCI_VENDOR_ID), 0xffffffff);
	console_printf("link_absent: %u devices on bus 0, none present\n",
		       PCI_DEVICES_PER_BUS);
	check_pass();
	return 0;
}
