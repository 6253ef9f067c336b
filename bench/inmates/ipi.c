// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * IPI latency inside one cell: CPU A reads the counter and sends an SGI to
 * CPU B, whose handler reads the counter first thing. A then sleeps in
 * WFI until B answers with another SGI, so the next ping finds B asleep
 * again. Under QEMU's -icount the CPUs take turns on one host thread, so A
 * must sleep right after sending, or B would not run until A's turn ends.
 */
#include <inmate/console.h>
#include <stddef.h>

#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/runtime.h>

#include "bench.h"

static struct bench_stats *ipi_stats;
static unsigned long ipi_count;
static uint64_t ipi_sender;		/* MPIDR of A */
static volatile uint64_t ipi_sent;	/* counter when A sent the last ping */
static volatile unsigned long ipi_pongs;
static volatile bool ipi_target_done;

/* ICC_SGI1R_EL1 for @intid to the CPU with @mpidr (GICv3 spec 12.11.27). */
static uint64_t sgi1r(unsigned int intid, uint64_t mpidr)
{
	unsigned int aff0 = (unsigned int)(mpidr & 0xff);

	return ((mpidr >> 8) & 0xff) << 16 | ((mpidr >> 16) & 0xff) << 32 |
	       ((mpidr >> 32) & 0xff) << 48 | (uint64_t)(aff0 / 16) << 44 |
	       (uint64_t)(intid & 0xf) << 24 | 1ull << (aff0 % 16);
}

/* The counter read, its store for B, then the SGI: as close as it gets. */
static void ipi_send_timed(uint64_t value)
{
	uint64_t now;

	__asm__ __volatile__("isb\n\t"
			     "mrs	%0, cntvct_el0\n\t"
			     "str	%0, [%1]\n\t"
			     "dsb	ish\n\t"
			     "msr	icc_sgi1r_el1, %2\n\t"
			     "isb"
			     : "=&r"(now)
			     : "r"(&ipi_sent), "r"(value)
			     : "memory");
}

static void ipi_on_ping(unsigned int intid)
{
	uint64_t now = bench_counter();

	(void)intid;
	stats_add(ipi_stats, now - ipi_sent);
	if (ipi_stats->n == ipi_count)
		ipi_target_done = true;
	gic_send_sgi(BENCH_SGI_PONG, ipi_sender);
}

static void ipi_on_pong(unsigned int intid)
{
	(void)intid;
	ipi_pongs++;
}

static void ipi_target(void *arg)
{
	(void)arg;
	if (gic_init_cpu())
		return;
	gic_enable(BENCH_SGI_PING);
	gic_send_sgi(BENCH_SGI_PONG, ipi_sender);	/* ready */
	irq_mask();
	while (!ipi_target_done)
		irq_wait();
	irq_unmask();
}

static void ipi_wait_pongs(unsigned long count)
{
	while (ipi_pongs < count)
		irq_wait();
}

int ipi_latency(struct bench_stats *s, unsigned long n)
{
	uint64_t ping;

	stats_init(s);
	ipi_stats = s;
	ipi_count = n;
	ipi_sender = cpu_mpidr();
	ipi_pongs = 0;
	ipi_target_done = false;
	irq_set_handler(BENCH_SGI_PING, ipi_on_ping);
	irq_set_handler(BENCH_SGI_PONG, ipi_on_pong);
	gic_enable(BENCH_SGI_PONG);
	if (cpus_start_others(ipi_target, NULL, 1) != 1) {
		console_printf("bench ipi: no other CPU could be started\n");
		return -1;
	}
	ping = sgi1r(BENCH_SGI_PING, cpus_started_mpidr(0));
	irq_mask();
	ipi_wait_pongs(1);
	for (unsigned long i = 0; i < n; i++) {
		ipi_send_timed(ping);
		ipi_wait_pongs(i + 2);
	}
	irq_unmask();
	cpus_wait_off();
	irq_set_handler(BENCH_SGI_PING, NULL);
	irq_set_handler(BENCH_SGI_PONG, NULL);
	gic_disable(BENCH_SGI_PONG);
	return 0;
}
