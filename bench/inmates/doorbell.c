// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * doorbell: the figures of a shared-memory link (docs/ivshmem.md), run by
 * both peers of a two-peer link (bench/bench.mk's link.img), and bare
 * metal for the copy's reference:
 *
 *   bench doorbell            (peer 1) peer 0 reads the counter, stores
 *                             it in the common section and writes
 *                             DOORBELL; peer 1's handler reads the
 *                             counter first thing: the difference, ticks
 *   bench doorbell-roundtrip  (peer 0) the same send to peer 0's handler
 *                             entry for peer 1's answering doorbell
 *   bench copy                `bytes` copied in 64-bit words, timed: bare
 *                             metal RAM to RAM, in a cell from RAM into
 *                             this peer's output section (peer 0)
 *
 * After each doorbell peer 0 sleeps in WFI until the answer, so the next
 * one finds peer 1 asleep again (under -icount the CPUs take turns; see
 * ipi.c). An interrupt peer 0 takes while no doorbell is out is another
 * peer's state change (peer 1 coming up or stopping), not an answer.
 * Parameters: n (default 1000) doorbells; bytes (default 4096, at most
 * the output section); the library's ecam and intx_base.
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/ivshmem.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/wait.h>

#include "bench.h"

#define DOORBELL_READY 1
#define DOORBELL_UP_US 100000
#define COPY_MAX 0x10000

static struct ivshmem link;
static struct bench_stats doorbell_stats;
static unsigned long doorbell_count;
static volatile unsigned long doorbell_answers;
static volatile bool doorbell_out; /* peer 0 rang, no answer yet */
/* The counter when peer 0 rang, in the common section. */
static volatile uint64_t *doorbell_sent;

static uint64_t copy_source[COPY_MAX / 8];
static uint64_t copy_target[COPY_MAX / 8];

/* Counter read, its store for the peer, the doorbell: as close as it
   gets, as ipi_send_timed() in ipi.c. */
static void doorbell_send_timed(uint32_t peer)
{
	uint64_t now;

	doorbell_out = true;
	__asm__ __volatile__("isb\n\t"
			     "mrs	%0, cntvct_el0\n\t"
			     "str	%0, [%1]\n\t"
			     "dsb	sy\n\t"
			     "str	%w2, [%3]"
			     : "=&r"(now)
			     : "r"(doorbell_sent),
			       "r"(peer << CB_IVSHMEM_DOORBELL_PEER_SHIFT),
			       "r"(link.regs + CB_IVSHMEM_DOORBELL)
			     : "memory");
}

/* Peer 1: the one-way figure, then the answer. */
static void doorbell_on_ring(unsigned int intid)
{
	uint64_t now = bench_counter();

	(void)intid;
	ivshmem_ack(&link);
	stats_add(&doorbell_stats, now - *doorbell_sent);
	ivshmem_doorbell(&link, 0);
}

/* Peer 0: the round trip. */
static void doorbell_on_answer(unsigned int intid)
{
	uint64_t now = bench_counter();

	(void)intid;
	ivshmem_ack(&link);
	if (!doorbell_out)
		return;
	doorbell_out = false;
	stats_add(&doorbell_stats, now - *doorbell_sent);
	doorbell_answers++;
}

static uint64_t copy_timed(volatile uint64_t *to, const uint64_t *from,
			   unsigned long bytes)
{
	uint64_t start = bench_counter();

	for (unsigned long i = 0; i < bytes / 8; i++)
		to[i] = from[i];
	return bench_counter() - start;
}

static void copy_figure(volatile uint64_t *to, unsigned long bytes)
{
	uint64_t ticks;

	for (unsigned long i = 0; i < COPY_MAX / 8; i++)
		copy_source[i] = i * 0x9e3779b97f4a7c15ull;
	ticks = copy_timed(to, copy_source, bytes);
	console_printf("bench copy bytes=%lu ticks=%llu\n", bytes,
		       (unsigned long long)ticks);
}

static int peer0(unsigned long bytes)
{
	/* The library's handler counts the interrupt of peer 1's state. */
	if (!ivshmem_wait_peer_state(&link, 1, DOORBELL_READY,
				     DOORBELL_UP_US)) {
		console_printf("bench doorbell: peer 1 is not up after %u us\n",
			       DOORBELL_UP_US);
		return 1;
	}
	irq_mask();
	irq_set_handler(link.intid, doorbell_on_answer);
	for (unsigned long i = 0; i < doorbell_count; i++) {
		doorbell_send_timed(1);
		while (doorbell_answers < i + 1)
			irq_wait();
	}
	irq_unmask();
	stats_print("doorbell-roundtrip", &doorbell_stats, "");
	copy_figure((volatile uint64_t *)ivshmem_output(&link, 0), bytes);
	return 0;
}

static int peer1(void)
{
	irq_set_handler(link.intid, doorbell_on_ring);
	irq_mask();
	ivshmem_set_state(&link, DOORBELL_READY);
	while (doorbell_stats.n < doorbell_count)
		irq_wait();
	irq_unmask();
	stats_print("doorbell", &doorbell_stats, "");
	return 0;
}

int inmate_main(void)
{
	static const char *const keys[] = {"n", "bytes", "boot_only",
					   IVSHMEM_PARAM_KEYS, NULL};
	uint64_t entry = bench_counter();
	unsigned long bytes;

	bench_boot_line(entry);
	params_check_keys(keys);
	doorbell_count = params_get_ulong("n", 1000, 1, 1000000);
	bytes = params_get_ulong("bytes", 4096, 8, COPY_MAX) & ~7ul;
	stats_init(&doorbell_stats);
	if (!bench_is_cell()) {
		copy_figure(copy_target, bytes);
		return 0;
	}
	if (gic_init() || ivshmem_probe(&link, 0) || link.peers != 2 ||
	    link.rw_size < 8) {
		console_printf("bench doorbell: no link of two peers with a "
			       "common section\n");
		return 1;
	}
	if (bytes > link.output_size) {
		console_printf("bench doorbell: bytes=%lu: expected at most "
			       "%llu (the output section)\n",
			       bytes, (unsigned long long)link.output_size);
		return 1;
	}
	wait_init();
	doorbell_sent = (volatile uint64_t *)ivshmem_common(&link);
	ivshmem_irq_enable(&link);
	return link.id == 0 ? peer0(bytes) : peer1();
}
