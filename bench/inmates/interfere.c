// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * interfere: timer latency (as in latency.c) while other CPUs are busy.
 *
 * Measuring (the default): every other CPU this inmate may start (bare
 * metal: the board's three others; in the one-CPU cell: none) runs the
 * storm loop of storm.S while this CPU takes n timer interrupts; then the
 * storms are told to stop and the result is printed:
 *
 *   bench timer-load n=.. min=.. avg=.. max=.. sum=.. end=V storms=K
 *
 * storm=1: this cell is the load. All its CPUs run the storm loop until
 * the counter passes stop_us (from reset), then it prints
 *
 *   bench storm cpus=K iterations=N end=V
 *
 * and stops. Inside cellblock the storm makes HVCs, reads of the emulated
 * UARTFR and console output; bare metal the same loop hits the real UART
 * (storm.S), padded with storm_pad and storm_newline_pad. Parameters:
 * storm, n (1000), period_us (10), stop_us (10000000: bare metal the
 * measuring CPU stops the storm itself), storm_pad and storm_newline_pad
 * (0; bench/run.py sets them so that bare iterations are as long as a
 * cell's).
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/layout.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/timer.h>

#include "bench.h"
#include "format.h"

static volatile uint32_t storm_stop;
static uint64_t storm_deadline, storm_pad, storm_newline_pad;
static uint64_t storm_iterations[INMATE_MAX_CPUS];

static void storm_cpu(void *arg)
{
	(void)arg;
	storm_iterations[cpu_index()] =
		storm_run(&storm_stop, storm_deadline, storm_pad,
			  storm_newline_pad);
}

static void storm_report(unsigned int cpus)
{
	uint64_t total = 0;

	for (unsigned int i = 0; i < INMATE_MAX_CPUS; i++)
		total += storm_iterations[i];
	console_printf("\nbench storm cpus=%u iterations=%llu end=%llu\n", cpus,
		       (unsigned long long)total,
		       (unsigned long long)bench_counter());
}

int inmate_main(void)
{
	static const char *const keys[] = { "storm", "n", "period_us",
					    "stop_us", "storm_pad",
					    "storm_newline_pad", NULL };
	uint64_t boot = bench_counter();
	unsigned int others;
	struct bench_stats s;
	unsigned long n;
	uint64_t period, end;
	char extra[64];

	bench_boot_line(boot);
	params_check_keys(keys);
	n = params_get_ulong("n", 1000, 1, 1000000);
	period = timer_us_to_ticks(params_get_ulong("period_us", 10, 1,
						    1000000));
	storm_deadline = timer_us_to_ticks(
		params_get_ulong("stop_us", 10000000, 1, 1000000000));
	storm_pad = params_get_ulong("storm_pad", 0, 0, 1000000);
	storm_newline_pad = params_get_ulong("storm_newline_pad", 0, 0,
					     1000000);
	if (gic_init())
		runtime_panic("bench: no interrupt controller");

	others = cpus_start_others(storm_cpu, NULL, INMATE_MAX_CPUS);
	if (params_get_ulong("storm", 0, 0, 1)) {
		storm_cpu(NULL);
		cpus_wait_off();
		storm_report(others + 1);
		return 0;
	}
	end = timer_latency(&s, n, period);
	storm_stop = 1;
	dsb_sy();
	cpus_wait_off();
	if (others)
		console_putc('\n');	/* end the storms' last line of dots */
	format_string(extra, sizeof(extra), " end=%llu storms=%u",
		      (unsigned long long)end, others);
	stats_print("timer-load", &s, extra);
	if (others)
		storm_report(others);
	return 0;
}
