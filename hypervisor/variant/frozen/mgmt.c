// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frozen build's management (see hv/mgmt.h): none. Every management
 * hypercall is refused, whoever calls it and whatever the configs say:
 * the code that would stop, start or restart another cell is not in this
 * hypervisor at all. The read-only calls (core/control.c) work as in the
 * full build.
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/mgmt.h>

#include <cellblock/hypercall.h>

int64_t mgmt_call(struct cell *caller, unsigned int number,
		  const uint64_t arg[4])
{
	(void)caller, (void)number, (void)arg;
	return CB_HC_EFROZEN;
}

int64_t mgmt_create(struct cell *caller, uint64_t guest, uint64_t size)
{
	(void)caller, (void)guest, (void)size;
	return CB_HC_EFROZEN;
}

int mgmt_frozen(void)
{
	return 1;
}

void mgmt_boot_done(void)
{
	if (system_config->flags & CB_SYSTEM_FREEZE_AFTER_BOOT)
		hv_printf("management frozen (freeze-after-boot)");
}
