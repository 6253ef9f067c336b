// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * crash: a misbehaving inmate. Waits delay_us (default 1000) on the
 * virtual timer, then writes outside its RAM, at 0x7ff00000. Inside a cell
 * the hypervisor must stop this cell there and let every other cell run
 * on. Bare metal 0x7ff00000 is ordinary RAM: the write succeeds and crash
 * says so before powering off.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/timer.h>

#define CRASH_ADDRESS 0x7ff00000ul
#define CRASH_VALUE 0xdeadbeefu

int inmate_main(void)
{
	static const char *const keys[] = { "delay_us", NULL };
	unsigned long delay_us;
	uint64_t start, waited;

	params_check_keys(keys);
	delay_us = params_get_ulong("delay_us", 1000, 0, 1000000000);
	if (gic_init())
		runtime_panic("crash: no interrupt controller");
	console_printf("crash: waiting %lu us\n", delay_us);
	start = timer_counter();
	timer_delay_us(delay_us);
	waited = timer_counter() - start;
	console_printf("crash: waited %llu counter ticks\n",
		       (unsigned long long)waited);
	console_printf("crash: writing 0x%x to 0x%lx, outside this cell's "
		       "RAM\n",
		       CRASH_VALUE, CRASH_ADDRESS);
	*(volatile uint32_t *)CRASH_ADDRESS = CRASH_VALUE;
	console_printf("crash: write did not fault (read back 0x%x)\n",
		       *(volatile uint32_t *)CRASH_ADDRESS);
	psci_system_off();
}
