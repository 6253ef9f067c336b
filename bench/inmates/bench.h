/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What the benchmark inmates share: integer statistics, the counter read
 * every figure starts from, the timer-latency measurement, the timed loops
 * behind the round-trip figures, the storm loops of the interference
 * figure, and starting and stopping the other CPUs. Every result is printed
 * as one `bench NAME key=value ...` line that bench/run.py parses; the
 * same binary prints the same keys bare metal and inside a cell.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include <inmate/sysreg.h>

/* SGIs of the IPI figure: A pings B, B answers. */
#define BENCH_SGI_PING 1
#define BENCH_SGI_PONG 2

/* The PL011 the console uses: real bare metal, emulated in a cell. */
#define BENCH_UART 0x09000000ul
#define BENCH_UART_FR 0x18

struct bench_stats {
	uint64_t n, min, max, sum;
};

/**
 * bench_counter() - CNTVCT_EL0 after every earlier instruction (isb). The
 * one way every figure reads time, so both sides of a difference cost the
 * same two instructions.
 */
static inline uint64_t bench_counter(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

void stats_init(struct bench_stats *s);
void stats_add(struct bench_stats *s, uint64_t value);

/**
 * stats_print() - `bench NAME n=.. min=.. avg=I.FF max=.. sum=..` plus
 * @extra (may be ""), the average cut to two decimals.
 */
void stats_print(const char *name, const struct bench_stats *s,
		 const char *extra);

/** bench_random() - the next number of a fixed pseudo-random sequence. */
uint32_t bench_random(void);

/** bench_is_cell() - entered at EL1, that is inside a cell. */
bool bench_is_cell(void);

/**
 * bench_boot_line() - the first console line of every benchmark inmate:
 * `bench boot cntvct=V` with @cntvct read first thing in inmate_main().
 */
void bench_boot_line(uint64_t cntvct);

/**
 * timer_latency() - @n virtual-timer interrupts, each at a deadline a
 * pseudo-random @period..2*@period - 1 ticks after the previous handler
 * read the counter; @s gets handler entry minus deadline, in ticks. The
 * CPU waits in WFI. gic_init() or gic_init_cpu() must have run. Returns
 * the counter at the end.
 */
uint64_t timer_latency(struct bench_stats *s, unsigned long n,
		       uint64_t period);

/**
 * bench_wait_until() - asleep in WFI until the counter passes @deadline
 * (ticks from reset), woken by the virtual timer's interrupt; returns at
 * once if it has passed. gic_init() or gic_init_cpu() must have run.
 */
void bench_wait_until(uint64_t deadline);

/*
 * Timed loops (loops.S): @n >= 1 iterations of `mov x0, arg`, the
 * operation named in the function (none for loop_none()), `subs`, `b.ne`;
 * each returns the counter ticks the whole loop took, so
 * (loop_X(n) - loop_none(n)) / n is the cost of one operation.
 */
uint64_t loop_none(uint64_t n, uint64_t arg);
uint64_t loop_hvc(uint64_t n, uint64_t function);
uint64_t loop_load32(uint64_t n, uintptr_t address);

/*
 * Storm loops (storm.S), one iteration: stop flag, deadline, a call (in a
 * cell `hvc #0` with x0 = @function), a read of UARTFR, a character to
 * UARTDR ('\n' every 64th). storm_bare() has a NOP for the call and adds
 * 2 * @pad instructions and a SEVL; WFE per iteration, and another SEVL;
 * WFE and 2 * @newline_pad instructions per newline, standing in for the
 * hypervisor's share of a cell iteration (see storm.S). They run until
 * *@stop is non-zero or the counter reaches @deadline and return the
 * iteration count.
 */
uint64_t storm_cell(const volatile uint32_t *stop, uint64_t deadline,
		    uint64_t function);
uint64_t storm_bare(const volatile uint32_t *stop, uint64_t deadline,
		    uint64_t pad, uint64_t newline_pad);

/**
 * storm_run() - the storm loop of this environment (storm_cell() in a
 * cell, storm_bare() with the pads bare metal) until *@stop or @deadline.
 */
uint64_t storm_run(const volatile uint32_t *stop, uint64_t deadline,
		   uint64_t pad, uint64_t newline_pad);

/**
 * cpus_start_others() - start up to @max CPUs, in MPIDR Aff0 order 0-7
 * next to this one, that AFFINITY_INFO reports off (bare metal: the
 * board's; in a cell: the cell's own), each with @fn(@arg). Returns how
 * many started; cpus_started_mpidr() tells which.
 */
unsigned int cpus_start_others(void (*fn)(void *arg), void *arg,
			       unsigned int max);

/** cpus_started_mpidr() - MPIDR of the @index-th CPU started above. */
uint64_t cpus_started_mpidr(unsigned int index);

/**
 * cpus_wait_off() - sleep (WFI, timer) until every CPU started by
 * cpus_start_others() is off again. Needs the GIC set up on this CPU.
 */
void cpus_wait_off(void);

/**
 * ipi_latency() - @n SGIs from this CPU to another CPU of the same cell
 * (the first one that is off, started for the purpose): @s gets the
 * target's handler entry minus the send, in ticks. After each SGI this CPU
 * sleeps in WFI until the target answers. Returns 0, or -1 if no CPU could
 * be started.
 */
int ipi_latency(struct bench_stats *s, unsigned long n);

#endif /* BENCH_H */
