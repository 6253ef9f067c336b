// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * interfere: timer latency (as in latency.c) while other CPUs are busy.
 *
 * Measuring (the default): every other CPU this inmate may start (bare
 * metal: the board's three others; in the one-CPU cell: none) runs the
 * storm loop of storm.S while this CPU takes n timer interrupts; then the
 * storms are told to stop and the result is printed:
 *
 *   bench timer-load n=.. min=.. avg=.. max=.. sum=.. start=U end=V storms=K
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
 * cell's), start_us (0: the measurement waits in WFI until the counter
 * passes it, so that it falls inside a load that starts later).
 *
 * linux_entry=A linux_dtb=D (bare metal, the Linux-load figure): instead
 * of storms, start Linux on linux_cpu (MPIDR, default 2) at A with x0 = D
 * by PSCI CPU_ON, as the hypervisor starts a Linux cell: the bare twin of
 * a measuring cell beside a Linux cell. Once the result is printed this
 * CPU switches itself off (CPU_OFF) and leaves the board to Linux, which
 * powers it off when its /init is done.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/params.h>
#include <inmate/psci.h>
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

static void linux_start(unsigned long entry)
{
	unsigned long dtb = params_get_ulong("linux_dtb", 0, 1, ~0ul);
	unsigned long mpidr = params_get_ulong("linux_cpu", 2, 0, 0xff);
	int32_t status;

	if (!dtb)
		runtime_panic("bench: linux_entry needs linux_dtb");
	status = psci_cpu_on(mpidr, entry, dtb);
	if (status != PSCI_SUCCESS)
		runtime_panic("bench: CPU_ON of CPU %lu at 0x%lx for Linux: %s",
			      mpidr, entry, psci_error_name(status));
	console_printf("bench linux-start cpu=%lu entry=0x%lx dtb=0x%lx\n",
		       mpidr, entry, dtb);
}

int inmate_main(void)
{
	static const char *const keys[] = { "storm", "n", "period_us",
					    "stop_us", "storm_pad",
					    "storm_newline_pad", "start_us",
					    "linux_entry", "linux_dtb",
					    "linux_cpu", NULL };
	uint64_t boot = bench_counter();
	unsigned int others = 0;
	struct bench_stats s;
	unsigned long n, linux_entry;
	uint64_t period, start, end;
	char extra[80];

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
	start = timer_us_to_ticks(params_get_ulong("start_us", 0, 0,
						   1000000000));
	linux_entry = params_get_ulong("linux_entry", 0, 0, ~0ul);
	if (gic_init())
		runtime_panic("bench: no interrupt controller");

	if (linux_entry)
		linux_start(linux_entry);
	else
		others = cpus_start_others(storm_cpu, NULL, INMATE_MAX_CPUS);
	if (params_get_ulong("storm", 0, 0, 1)) {
		storm_cpu(NULL);
		cpus_wait_off();
		storm_report(others + 1);
		return 0;
	}
	bench_wait_until(start);
	start = bench_counter();
	end = timer_latency(&s, n, period);
	storm_stop = 1;
	dsb_sy();
	cpus_wait_off();
	if (others)
		console_putc('\n');	/* end the storms' last line of dots */
	format_string(extra, sizeof(extra), " start=%llu end=%llu storms=%u",
		      (unsigned long long)start, (unsigned long long)end,
		      others);
	stats_print("timer-load", &s, extra);
	if (others)
		storm_report(others);
	if (linux_entry) {
		psci_cpu_off();
		runtime_panic("bench: CPU_OFF failed");
	}
	return 0;
}
