// SPDX-License-Identifier: GPL-2.0-only
/*
 * wd_target: the watched cell of tests/system/watchdog_tests.py. Each run
 * first says what it found: its own statistics (CB_HC_CELL_STATS of
 * itself: starts, failures, watchdog expiries, policy restarts, the last
 * failure and its reason), a RAM word outside its image that every run
 * writes (cleared RAM reads 0) and a .data word every run overwrites
 * (re-copied payloads restore it). Then it pets its watchdog `pets` times,
 * `pet_us` apart, and ends as `end` says:
 *
 *   0  powers off (PSCI SYSTEM_OFF)
 *   1  hangs: reads the counter, pets once more, prints that reading, then
 *      masks every exception (DAIF) and spins in a tight loop at EL1
 *   2  as 1, with a YIELD in the loop: the same hang for the hypervisor;
 *      under QEMU's -icount the hint ends the CPU's turn, so its spinning
 *      does not hold up the other CPUs' interrupts (docs/benchmarks.md)
 *   3  crashes: writes outside the cell's RAM
 *
 * With `second` 1 it first starts its second CPU, which sleeps in WFI
 * with every exception masked for good: a CPU of the cell that neither
 * pets nor hangs, watching the same deadline.
 *
 * Parameters (numbers keep their digit count between runs compared line
 * for line: see system_common.py):
 *   pets     pets before the end (default 3; 0: it never pets)
 *   pet_us   the wait before each pet (default 1000)
 *   end      as above (default 0)
 *   second   1: start the second CPU (MPIDR affinity 3, app's CPU 3)
 *   scratch  the RAM word checked and written (default 0x40300000)
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/timer.h>
#include <inmate/wait.h>

#define DATA_MARKER 0x600d1deau
#define DATA_SPOILED 0x0badf00du
#define SCRATCH_MARK 0x5c4a7c11u
#define CRASH_ADDRESS 0x7ff00000ul
#define SECOND_MPIDR 0x3ull

static volatile uint32_t data_marker = DATA_MARKER;
/* What the waits wait on: nothing, so only their deadline ends them. */
static volatile unsigned int never;
static volatile unsigned int second_up;
static struct cb_cell_stats stats;

static void second_cpu(void *arg)
{
	(void)arg;
	__atomic_store_n(&second_up, 1, __ATOMIC_RELEASE);
	__asm__ volatile("msr daifset, #0xf");
	for (;;)
		__asm__ volatile("wfi");
}

static void start_second(uint32_t run)
{
	int32_t status = cpu_start(SECOND_MPIDR, second_cpu, NULL);

	if (status == PSCI_SUCCESS)
		wait_change(&second_up, 0, 1000);
	console_printf("wd_target: run %u: second CPU %s\n", run,
		       second_up ? "up, sleeping" : "did not start");
}

static uint32_t report_start(volatile uint32_t *scratch)
{
	uint32_t marker = data_marker, found = *scratch;
	int64_t result = cb_cell_stats((uint64_t)cb_cell_self(), &stats);

	if (result)
		runtime_panic("wd_target: stats(self): %s",
			      cb_hc_error_name(result));
	console_printf("wd_target: run %llu cntvct=%llu: RAM word 0x%x, data "
		       "marker 0x%x\n", (unsigned long long)stats.starts,
		       (unsigned long long)timer_counter(), found, marker);
	console_printf("wd_target: run %llu: failures %llu, watchdog expiries "
		       "%llu, policy restarts %llu, last failure %u\n",
		       (unsigned long long)stats.starts,
		       (unsigned long long)stats.failures,
		       (unsigned long long)stats.watchdog_expiries,
		       (unsigned long long)stats.policy_restarts,
		       stats.last_failure);
	/* A line of its own: up to 127 characters, it fits the console's
	   160-character line with this prefix. */
	console_printf("wd_target: reason: \"%s\"\n",
		       stats.last_failure_reason);
	*scratch = SCRATCH_MARK;
	data_marker = DATA_SPOILED;
	return (uint32_t)stats.starts;
}

static void __attribute__((noreturn)) hang(uint32_t run, int yield)
{
	uint64_t now = timer_counter();
	int64_t result = cb_watchdog_pet();

	console_printf("wd_target: run %u: pet %s, hanging from cntvct=%llu\n",
		       run, cb_hc_error_name(result),
		       (unsigned long long)now);
	__asm__ volatile("msr daifset, #0xf");
	if (yield)
		for (;;)
			__asm__ volatile("yield");
	for (;;)
		__asm__ volatile("");
}

int inmate_main(void)
{
	static const char *const keys[] = { "pets", "pet_us", "end", "second",
					    "scratch", NULL };
	unsigned long pets, pet_us, end, second, i;
	volatile uint32_t *scratch;
	int64_t result = 0;
	uint32_t run;

	params_check_keys(keys);
	pets = params_get_ulong("pets", 3, 0, 1000000);
	pet_us = params_get_ulong("pet_us", 1000, 1, 60000000);
	end = params_get_ulong("end", 0, 0, 3);
	second = params_get_ulong("second", 0, 0, 1);
	scratch = (volatile uint32_t *)params_get_ulong(
		"scratch", 0x40300000ul, 0x40000000ul, 0x7ffffffcul);
	run = report_start(scratch);
	if (gic_init())
		runtime_panic("wd_target: no interrupt controller");
	/* Waits that take their timer interrupt: a WFI with one left
	   pending would spin, holding up the other CPUs under -icount. */
	wait_init();
	if (second)
		start_second(run);
	for (i = 0; i < pets && !result; i++) {
		wait_change(&never, 0, pet_us);
		result = cb_watchdog_pet();
	}
	console_printf("wd_target: run %u: %lu pets: %s\n", run, i,
		       cb_hc_error_name(result));
	if (end == 1 || end == 2)
		hang(run, end == 2);
	if (end == 3) {
		console_printf("wd_target: run %u: writing outside the cell\n",
			       run);
		*(volatile uint32_t *)CRASH_ADDRESS = 0xdeadbeefu;
		runtime_panic("wd_target: the write outside did not fault");
	}
	console_printf("wd_target: run %u: powering off\n", run);
	psci_system_off();
}
