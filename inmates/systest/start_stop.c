// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * start_stop: PSCI CPU_ON of the cell's second CPU, then at once SYSTEM_OFF,
 * before that CPU can have run: the hypervisor's stop must overtake the
 * start it has not acted on yet (hypervisor/arch/arm64/cpu.c, the run
 * states), so the second CPU never enters the cell. Were it to run, it
 * would print `start_stop: the second CPU ran`.
 *
 *   start_stop: CPU_ON of 0x3, then SYSTEM_OFF
 *
 * Parameters:
 *   second    MPIDR of the cell's second CPU (default 0x3)
 */
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>

static void second_cpu(void *arg)
{
	(void)arg;
	console_printf("start_stop: the second CPU ran\n");
}

int inmate_main(void)
{
	static const char *const keys[] = { "second", NULL };
	uint64_t second;

	params_check_keys(keys);
	second = params_get_ulong("second", 3, 0, ~0ul);
	console_printf("start_stop: CPU_ON of 0x%llx, then SYSTEM_OFF\n",
		       (unsigned long long)second);
	cpu_start(second, second_cpu, 0);
	psci_system_off();
}
