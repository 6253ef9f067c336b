// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Helpers of the benchmark inmates (see bench.h): statistics in integer
 * arithmetic, a fixed pseudo-random sequence, the first console line, and
 * starting and stopping the other CPUs.
 */
#include <inmate/console.h>
#include <inmate/hypercall.h>
#include <inmate/layout.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/timer.h>

#include "bench.h"

/* Between AFFINITY_INFO polls while waiting for CPUs to stop. */
#define CPUS_POLL_US 20

static uint64_t cpus_started[INMATE_MAX_CPUS];
static unsigned int cpus_started_count;

void stats_init(struct bench_stats *s)
{
	s->n = 0;
	s->min = UINT64_MAX;
	s->max = 0;
	s->sum = 0;
}

void stats_add(struct bench_stats *s, uint64_t value)
{
	s->n++;
	s->sum += value;
	if (value < s->min)
		s->min = value;
	if (value > s->max)
		s->max = value;
}

void stats_print(const char *name, const struct bench_stats *s,
		 const char *extra)
{
	uint64_t n = s->n ? s->n : 1;
	uint64_t hundredths = s->sum * 100 / n;

	console_printf("bench %s n=%llu min=%llu avg=%llu.%02llu max=%llu "
		       "sum=%llu%s\n",
		       name, (unsigned long long)s->n,
		       (unsigned long long)(s->n ? s->min : 0),
		       (unsigned long long)(hundredths / 100),
		       (unsigned long long)(hundredths % 100),
		       (unsigned long long)s->max, (unsigned long long)s->sum,
		       extra);
}

uint32_t bench_random(void)
{
	/* xorshift32: the same sequence every run, no state beyond this. */
	static uint32_t state = 0x2545f491u;

	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

bool bench_is_cell(void)
{
	return runtime_entry_el() == 1;
}

void bench_boot_line(uint64_t cntvct)
{
	console_printf("bench boot cntvct=%llu where=%s\n",
		       (unsigned long long)cntvct,
		       bench_is_cell() ? "cell" : "bare");
}

unsigned int cpus_start_others(void (*fn)(void *arg), void *arg,
			       unsigned int max)
{
	uint64_t self = cpu_mpidr() & MPIDR_AFFINITY_MASK;
	unsigned int started = 0;

	for (uint64_t aff0 = 0; aff0 < INMATE_MAX_CPUS && started < max;
	     aff0++) {
		uint64_t mpidr = (self & ~0xffull) | aff0;

		if (mpidr == self || cpus_started_count == INMATE_MAX_CPUS ||
		    psci_affinity_info(mpidr) != PSCI_AFFINITY_OFF)
			continue;
		if (cpu_start(mpidr, fn, arg) != PSCI_SUCCESS)
			continue;
		cpus_started[cpus_started_count++] = mpidr;
		started++;
	}
	return started;
}

uint64_t cpus_started_mpidr(unsigned int index)
{
	return index < cpus_started_count ? cpus_started[index] : 0;
}

void cpus_wait_off(void)
{
	for (unsigned int i = 0; i < cpus_started_count; i++)
		while (psci_affinity_info(cpus_started[i]) !=
		       PSCI_AFFINITY_OFF)
			timer_delay_us(CPUS_POLL_US);
	cpus_started_count = 0;
}

uint64_t storm_run(const volatile uint32_t *stop, uint64_t deadline,
		   uint64_t pad, uint64_t newline_pad)
{
	if (bench_is_cell())
		return storm_cell(stop, deadline, CB_HC_GET_INFO);
	return storm_bare(stop, deadline, pad, newline_pad);
}
