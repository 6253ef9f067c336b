// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Synchronous exceptions: the inmate's handler, if it takes them (test
 * inmates that provoke one); else one console line with the syndrome, then
 * power off.
 * Inside a cell most faults never get here (the hypervisor parks the cell
 * on a stage-2 fault); these are the inmate's own bugs.
 */
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "internal.h"

/* ESR_ELx.EC values worth a name (ARM ARM D17.2.37). */
static const char *exception_class_name(unsigned int ec)
{
	switch (ec) {
	case 0x00:
		return "unknown reason";
	case 0x01:
		return "trapped WFI/WFE";
	case 0x07:
		return "FP/SIMD access";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "SVC";
	case 0x16:
		return "HVC";
	case 0x17:
		return "SMC";
	case 0x18:
		return "trapped system register";
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "PC alignment";
	case 0x25:
		return "data abort";
	case 0x26:
		return "SP alignment";
	case 0x3c:
		return "BRK";
	default:
		return "other";
	}
}

#define FRAME_ELR 21	/* vectors.S save_frame */

static exception_handler_t sync_handler;

void exception_set_handler(exception_handler_t handler)
{
	sync_handler = handler;
}

void exception_sync(uint64_t *frame)
{
	uint64_t esr = read_sysreg(esr_el1);
	unsigned int ec = (unsigned int)(esr >> 26) & 0x3f;

	if (sync_handler && sync_handler(esr, frame[FRAME_ELR])) {
		frame[FRAME_ELR] += 4;
		return;
	}

	console_emergency("inmate: cpu %u: synchronous exception, EC 0x%x (%s) "
			  "ESR 0x%llx FAR 0x%llx ELR 0x%llx\n",
			  cpu_index(), ec, exception_class_name(ec),
			  (unsigned long long)esr,
			  (unsigned long long)read_sysreg(far_el1),
			  (unsigned long long)read_sysreg(elr_el1));
	console_emergency("inmate: powering off\n");
	psci_system_off();
}

void exception_unexpected(uint64_t vector)
{
	static const char *const kinds[4] = { "synchronous", "IRQ", "FIQ",
					      "SError" };
	static const char *const rows[4] = { "current EL, SP_EL0",
					     "current EL, SP_EL1",
					     "lower EL, AArch64",
					     "lower EL, AArch32" };

	console_emergency("inmate: cpu %u: unexpected %s exception (%s) "
			  "ESR 0x%llx ELR 0x%llx\n",
			  cpu_index(), kinds[vector & 3], rows[(vector >> 2) & 3],
			  (unsigned long long)read_sysreg(esr_el1),
			  (unsigned long long)read_sysreg(elr_el1));
	console_emergency("inmate: powering off\n");
	psci_system_off();
}
