// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * second_reset: PSCI SYSTEM_RESET called by a cell's second CPU, not the
 * one the cell starts on. The hypervisor stops the other CPUs, the caller
 * goes off, and the cell starts again on its first CPU, at its entry
 * (docs/hypervisor.md, SYSTEM_RESET). A boot counter in the `kept`
 * region (kept across a reset, tests/system/configs/pair_kept.dts) tells
 * the boots apart.
 *
 *   boot 1: the first CPU starts the second, which calls SYSTEM_RESET;
 *     the first waits (in WFI) to be stopped.
 *   boot 2: prints which CPU it entered on, checks the second CPU is off
 *     (AFFINITY_INFO), starts it again (it must run) and stops the cell
 *     with SYSTEM_OFF.
 *
 * Each boot prints `second_reset: boot N on cpu mpidr 0x..`; the second
 * also the in-QEMU test protocol lines (check.h): RUN second_reset, PASS
 * second_reset checks=N.
 *
 * Parameters:
 *   second    MPIDR of the cell's second CPU (default 0x3)
 *   counter   guest address of the boot counter (default 0x40f00000, in
 *             pair_kept.dts's kept region)
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define MAGIC 0x32525354u		/* "TSR2" */
#define WAIT_US 2000

struct boot_counter {
	uint32_t magic;
	uint32_t boots;
};

/* Busy waits yield: under QEMU's -icount one host thread runs every CPU
   in turn, and a CPU that spins without yielding keeps the others from
   running until its time slice ends. */
static inline void relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

static volatile unsigned int second_ran;

static void reset_from_second(void *arg)
{
	(void)arg;
	psci_system_reset();
}

static void say_hello(void *arg)
{
	(void)arg;
	second_ran = 1;
}

int inmate_main(void)
{
	static const char *const keys[] = { "second", "counter", NULL };
	volatile struct boot_counter *counter;
	uint64_t second, deadline;

	params_check_keys(keys);
	second = params_get_ulong("second", 3, 0, ~0ul);
	counter = (volatile struct boot_counter *)params_get_ulong(
		"counter", 0x40f00000ul, 0x40000000ul, 0x7ffffff8ul);
	if (counter->magic != MAGIC) {
		counter->magic = MAGIC;
		counter->boots = 0;
	}
	counter->boots++;
	console_printf("second_reset: boot %u on cpu mpidr 0x%llx\n",
		       counter->boots,
		       (unsigned long long)(cpu_mpidr() & MPIDR_AFFINITY_MASK));
	if (counter->boots == 1) {
		int32_t result = cpu_start(second, reset_from_second, 0);

		if (result != PSCI_SUCCESS)
			runtime_panic("second_reset: CPU_ON: %s",
				      psci_error_name(result));
		deadline = timer_counter() + timer_us_to_ticks(WAIT_US);
		while (timer_counter() < deadline)
			relax();
		runtime_panic("second_reset: still running %u us after the "
			      "second CPU's SYSTEM_RESET", WAIT_US);
	}
	check_begin("second_reset");
	CHECK_EQ(counter->boots, 2);
	CHECK_EQ(psci_affinity_info(second), PSCI_AFFINITY_OFF);
	CHECK_EQ(cpu_start(second, say_hello, 0), PSCI_SUCCESS);
	deadline = timer_counter() + timer_us_to_ticks(WAIT_US);
	while (!second_ran && timer_counter() < deadline)
		relax();
	CHECK_EQ(second_ran, 1);
	console_printf("second_reset: the second CPU ran again\n");
	check_pass();
	psci_system_off();
}
