// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * latency: the figures of a quiet machine, the same binary bare metal
 * (QEMU -kernel) and inside a cell. In order, one CPU busy at a time:
 *
 *   bench boot       the counter read first thing in inmate_main()
 *   bench timer      virtual-timer latency, handler entry - compare value
 *   bench ipi        SGI send -> handler entry on another CPU of the cell
 *   bench hypercall  HVC CB_HC_GET_INFO round trip (in a cell only)
 *   bench cell-count HVC CB_HC_CELL_COUNT round trip, a read-only
 *                    management call (in a cell only)
 *   bench mmio       32-bit read of the UART's flag register (UARTFR):
 *                    the real PL011 bare metal, the emulated one in a cell
 *   bench gicd       32-bit read of GICD_ISENABLER1 (SPIs 32-63), which
 *                    Linux reads and writes on every interrupt enable and
 *                    disable: the real distributor bare metal, trapped and
 *                    filtered by the hypervisor in a cell
 *   bench console    writes of 63 dots and a newline to UARTDR, timed
 *                    apart: the cost of a character and of the newline
 *                    that ends a line (in a cell the hypervisor prints
 *                    the line then)
 *   bench storm-iteration
 *                    iterations of the interference figure's storm loop
 *                    (storm.S, pad 0 bare metal) in storm_us on this CPU
 *                    alone: the length of one iteration
 *
 * Parameters: boot_only=1 stops after the first line (the boot figure of
 * the 3-cell image); n (default 1000) samples of each figure; period_us
 * (default 10) the least gap between timer deadlines; storm_us (1000);
 * wait_us (0) a sleep in WFI between the first line and the figures (the
 * cell started from Linux: until the command that started it is done and
 * Linux is idle again, bench/managed-init).
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/timer.h>

#include "bench.h"

/* The console figure: lines of dots, as long as the storm's lines. */
#define CONSOLE_LINES 50
#define CONSOLE_LINE_DOTS 63

/* Printed by the timed-loop figures; run.py computes the cost per call. */
static void print_loop(const char *name, uint64_t n, uint64_t ticks,
		       uint64_t base)
{
	console_printf("bench %s n=%llu ticks=%llu base=%llu\n", name,
		       (unsigned long long)n, (unsigned long long)ticks,
		       (unsigned long long)base);
}

static void bench_hypercall(unsigned long n)
{
	int64_t info;

	if (!bench_is_cell()) {
		console_printf("bench hypercall skipped=bare-metal\n");
		return;
	}
	info = cb_hc_get_info();
	if (info != CB_HC_INFO_MAGIC) {
		console_printf("bench hypercall skipped=not-cellblock "
			       "info=%lld\n", (long long)info);
		return;
	}
	print_loop("hypercall", n, loop_hvc(n, CB_HC_GET_INFO),
		   loop_none(n, CB_HC_GET_INFO));
	print_loop("cell-count", n, loop_hvc(n, CB_HC_CELL_COUNT),
		   loop_none(n, CB_HC_CELL_COUNT));
}

static void bench_mmio(unsigned long n)
{
	uintptr_t fr = BENCH_UART + BENCH_UART_FR;

	print_loop("mmio", n, loop_load32(n, fr), loop_none(n, fr));
}

/* The board's distributor (QEMU virt), as inmates/lib/gic.c has it. */
#define BENCH_GICD_ISENABLER1 (0x08000000ul + 0x104)

static void bench_gicd(unsigned long n)
{
	print_loop("gicd", n, loop_load32(n, BENCH_GICD_ISENABLER1),
		   loop_none(n, BENCH_GICD_ISENABLER1));
}

static void bench_console(unsigned long lines)
{
	uint64_t chars = 0, newlines = 0;

	for (unsigned long i = 0; i < lines; i++) {
		uint64_t start = bench_counter(), middle;

		for (unsigned int c = 0; c < CONSOLE_LINE_DOTS; c++)
			mmio_write32(BENCH_UART, '.');
		middle = bench_counter();
		mmio_write32(BENCH_UART, '\n');
		newlines += bench_counter() - middle;
		chars += middle - start;
	}
	console_printf("bench console lines=%lu chars=%u char_ticks=%llu "
		       "newline_ticks=%llu\n",
		       lines, CONSOLE_LINE_DOTS, (unsigned long long)chars,
		       (unsigned long long)newlines);
}

static void bench_storm_iteration(uint64_t duration)
{
	static const volatile uint32_t never;
	uint64_t start = bench_counter();
	uint64_t count = storm_run(&never, start + duration, 0, 0);
	uint64_t ticks = bench_counter() - start;

	if (count % 64)
		console_putc('\n');	/* end the line of dots */
	console_printf("bench storm-iteration n=%llu ticks=%llu\n",
		       (unsigned long long)count, (unsigned long long)ticks);
}

int inmate_main(void)
{
	static const char *const keys[] = { "boot_only", "n", "period_us",
					    "storm_us", "wait_us", NULL };
	uint64_t boot = bench_counter();
	struct bench_stats s;
	unsigned long n;
	uint64_t period, wait;

	bench_boot_line(boot);
	params_check_keys(keys);
	if (params_get_ulong("boot_only", 0, 0, 1))
		return 0;
	n = params_get_ulong("n", 1000, 1, 1000000);
	period = timer_us_to_ticks(params_get_ulong("period_us", 10, 1,
						    1000000));
	wait = timer_us_to_ticks(params_get_ulong("wait_us", 0, 0, 10000000));
	if (gic_init())
		runtime_panic("bench: no interrupt controller");
	if (wait)
		bench_wait_until(bench_counter() + wait);

	timer_latency(&s, n, period);
	stats_print("timer", &s, "");
	if (ipi_latency(&s, n) == 0)
		stats_print("ipi", &s, "");
	bench_hypercall(n);
	bench_mmio(n);
	bench_gicd(n);
	bench_console(CONSOLE_LINES);
	bench_storm_iteration(timer_us_to_ticks(
		params_get_ulong("storm_us", 1000, 1, 1000000)));
	console_printf("bench done\n");
	return 0;
}
