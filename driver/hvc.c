// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whether EL2 is free for the hypervisor, and the hypervisor's error
 * results (include/cellblock/hypercall.h) as text and errno values.
 */
#include "cellblock.h"

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include <cellblock/hypercall.h>

#include "hvc.h"

/* ID_AA64PFR0_EL1.EL2, ARM ARM D19.2.64 (kept here: the kernel's own
   name for it changed between releases). */
#define CB_PFR0_EL2_SHIFT 8
#define CB_PFR0_EL2_MASK 0xfull

bool cb_el2_implemented(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	return ((pfr0 >> CB_PFR0_EL2_SHIFT) & CB_PFR0_EL2_MASK) != 0;
}

int cb_el2_check(void)
{
	/* With VHE, Linux (and KVM with it) is the EL2 software. */
	if (is_kernel_in_hyp_mode()) {
		pr_err("Linux runs at EL2 (VHE), so EL2 is not free for the hypervisor: boot with id_aa64mmfr1.vh=0 kvm-arm.mode=none\n");
		return -ENODEV;
	}
	if (!cb_el2_implemented()) {
		pr_err("this CPU has no EL2 (ID_AA64PFR0_EL1.EL2 is 0): the hypervisor cannot run here (QEMU: -machine virtualization=on)\n");
		return -ENODEV;
	}
	return 0;
}

/* Indexed by -error. What each means for ENTER and DISABLE is said by
   the messages that print it. */
static const struct {
	const char *name;
	int errno_value;
} cb_hc_errors[] = {
	[-CB_HC_ENOSYS] = { "ENOSYS (no such call)", ENOSYS },
	[-CB_HC_EINVAL] = { "EINVAL (a bad argument)", EINVAL },
	[-CB_HC_EPERM] = { "EPERM (not permitted)", EPERM },
	[-CB_HC_ENOENT] = { "ENOENT (no such cell)", ENOENT },
	[-CB_HC_EBUSY] = { "EBUSY (not in a state for it)", EBUSY },
	[-CB_HC_EFROZEN] = { "EFROZEN (management is frozen)", EROFS },
	[-CB_HC_EDENIED] = { "EDENIED (a voting cell denied it)", EACCES },
	[-CB_HC_ETIMEDOUT] = { "ETIMEDOUT (a voting cell did not answer)", ETIMEDOUT },
};

static bool cb_hc_error_known(s64 error)
{
	return error < 0 && -error < (s64)ARRAY_SIZE(cb_hc_errors) &&
	       cb_hc_errors[-error].name;
}

const char *cb_hc_error_name(s64 error)
{
	return cb_hc_error_known(error) ? cb_hc_errors[-error].name :
					  "an unknown result";
}

int cb_hc_errno(s64 error)
{
	return cb_hc_error_known(error) ? -cb_hc_errors[-error].errno_value :
					  -EIO;
}
