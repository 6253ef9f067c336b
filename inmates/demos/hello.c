// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hello: the smallest useful inmate. Prints a banner with where it runs
 * (entry EL, current EL, CPU, PSCI version, parameters; inside a cell the
 * hypervisor's answer to GET_INFO) and powers off with PSCI SYSTEM_OFF.
 * Uses no interrupts, so it is the first thing to try in a new cell.
 */
#include <inmate/console.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

static void hello_hypervisor(void)
{
	int64_t info;

	/* Bare metal nothing is installed at EL2 to answer an HVC. */
	if (runtime_entry_el() != 1) {
		console_printf("hello: bare metal, no hypervisor\n");
		return;
	}
	info = cb_hc_get_info();
	if (info == CB_HC_INFO_MAGIC)
		console_printf("hello: hypervisor: cellblock (GET_INFO 0x%llx)\n",
			       (unsigned long long)info);
	else
		console_printf("hello: hypervisor: not cellblock (GET_INFO "
			       "returned %lld)\n",
			       (long long)info);
}

int inmate_main(void)
{
	int32_t psci = psci_version();

	console_printf("hello from cellblock inmate\n");
	console_printf("hello: cpu %u mpidr=0x%llx entered at EL%u, running "
		       "at EL%u\n",
		       cpu_index(), (unsigned long long)cpu_mpidr(),
		       runtime_entry_el(), current_el());
	console_printf("hello: psci %d.%d, counter %llu Hz\n",
		       psci >> 16, psci & 0xffff,
		       (unsigned long long)timer_frequency());
	if (params_string()[0])
		console_printf("hello: parameters '%s'%s\n", params_string(),
			       params_truncated() ? " (cut)" : "");
	else
		console_printf("hello: no parameters\n");
	hello_hypervisor();
	console_printf("hello: powering off\n");
	psci_system_off();
}
