// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * vgic_queue: a physical interrupt that waits in the hypervisor's per-CPU
 * queue because the list registers are full (hypervisor/arch/arm64/
 * vgic.c), and an SGI sent again while it is active. The cell has two
 * CPUs; the second does the work, the first prints what it recorded, so
 * the lines come in one order.
 *
 * On the second CPU, with IRQs masked: SGIs 1-4 (priorities 0x10, 0x20,
 * 0x30, 0x40) sent to itself fill the four list registers of QEMU's
 * Cortex-A57; then its virtual timer (PPI 27, priority 0xa0) fires. The
 * physical timer interrupt reaches the hypervisor at once (it takes
 * physical IRQs whatever the cell masks) and waits in the queue, backed
 * by the physical interrupt, which stays active until the cell ends it.
 *
 *   round 1: the second CPU unmasks. Its SGI 1 handler sends SGI 1 again
 *     while SGI 1 is active (the list register becomes active and
 *     pending). Expected order, by priority: 1 1 2 3 4 27.
 *   round 2: the same, but the second CPU calls PSCI CPU_OFF instead of
 *     unmasking: the hypervisor must deactivate the queued physical timer
 *     interrupt as the CPU leaves the cell (no EOI of the cell will).
 *   round 3: the first CPU starts the second again, which arms its timer
 *     50 us ahead and unmasks: the timer interrupt must arrive (a timer
 *     PPI left active would never be signalled again).
 *
 * In-QEMU test protocol (check.h): RUN vgic_queue, a line per round,
 * PASS vgic_queue checks=N, then SYSTEM_OFF.
 *
 * Parameters:
 *   second    MPIDR of the cell's second CPU (default 0x3)
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "polled.h"

#include "format.h"

#define SGIS 4
#define SEEN_MAX 16
#define WAIT_US 2000
#define TIMER_PRIORITY 0xa0
#define CNTV_CTL_ISTATUS (1u << 2)

static volatile unsigned int seen[SEEN_MAX];
static volatile unsigned int seen_count;
static volatile unsigned int resent;
static volatile unsigned int round_done;
static volatile unsigned int round;

/* Busy waits yield: under QEMU's -icount one host thread runs every CPU
   in turn, and a CPU that spins without yielding keeps the others from
   running until its time slice ends. */
static inline void relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

static void record(unsigned int intid)
{
	unsigned int n = seen_count;

	if (n < SEEN_MAX)
		seen[n] = intid;
	seen_count = n + 1;
}

static void on_sgi(unsigned int intid)
{
	record(intid);
	if (intid == 1 && !resent) {
		resent = 1;
		gic_send_sgi(1, cpu_mpidr());	/* SGI 1 is active here */
	}
}

static void on_timer(unsigned int intid)
{
	record(intid);
	timer_disarm();
}

static int wait_until(volatile unsigned int *value, unsigned int want)
{
	uint64_t deadline = timer_counter() + timer_us_to_ticks(WAIT_US);

	while (*value < want) {
		if (timer_counter() >= deadline)
			return 0;
		relax();
	}
	return 1;
}

/* Rounds 1 and 2 on the second CPU: the list registers full, the timer
   interrupt queued behind them. */
static void second_fill(void *arg)
{
	(void)arg;
	if (gic_init_cpu())
		runtime_panic("vgic_queue: no redistributor");
	irq_mask();
	for (unsigned int i = 1; i <= SGIS; i++) {
		irq_set_handler(i, on_sgi);
		gic_set_priority(i, (uint8_t)(0x10 * i));
		gic_enable(i);
	}
	irq_set_handler(TIMER_VIRT_INTID, on_timer);
	gic_set_priority(TIMER_VIRT_INTID, TIMER_PRIORITY);
	gic_enable(TIMER_VIRT_INTID);
	for (unsigned int i = 1; i <= SGIS; i++)
		gic_send_sgi(i, cpu_mpidr());
	timer_arm(timer_counter());
	while (!(read_sysreg(cntv_ctl_el0) & CNTV_CTL_ISTATUS))
		relax();
	/* The physical interrupt is taken by the hypervisor right away; a
	   few microseconds for good measure (busy: timer_delay_us() would
	   re-arm the timer). */
	spin_us(5);
	if (round == 2) {
		round_done = 1;
		psci_cpu_off();
		runtime_panic("vgic_queue: CPU_OFF returned");
	}
	irq_unmask();
	wait_until(&seen_count, 2 + SGIS);
	irq_mask();
	round_done = 1;
}

/* Round 3 on the second CPU: is its timer interrupt still deliverable? */
static void second_timer(void *arg)
{
	(void)arg;
	if (gic_init_cpu())
		runtime_panic("vgic_queue: no redistributor");
	irq_mask();
	irq_set_handler(TIMER_VIRT_INTID, on_timer);
	gic_enable(TIMER_VIRT_INTID);
	timer_arm(timer_counter() + timer_us_to_ticks(50));
	irq_unmask();
	wait_until(&seen_count, 1);
	irq_mask();
	round_done = 1;
}

static void start_round(unsigned int n, uint64_t mpidr,
			void (*fn)(void *arg))
{
	round = n;
	round_done = 0;
	seen_count = 0;
	CHECK_EQ(cpu_start(mpidr, fn, NULL), PSCI_SUCCESS);
	if (!wait_until(&round_done, 1))
		check_fail("round %u: the second CPU did not finish within "
			   "%u us", n, WAIT_US);
}

static void wait_off(uint64_t mpidr)
{
	uint64_t deadline = timer_counter() + timer_us_to_ticks(WAIT_US);

	while (psci_affinity_info(mpidr) != PSCI_AFFINITY_OFF) {
		if (timer_counter() >= deadline)
			check_fail("CPU 0x%llx did not go off within %u us",
				   (unsigned long long)mpidr, WAIT_US);
		relax();
	}
}

static void print_order(unsigned int n)
{
	char line[96] = "";
	size_t length = 0;
	unsigned int count = seen_count < SEEN_MAX ? seen_count : SEEN_MAX;

	for (unsigned int i = 0; i < count && length < sizeof(line); i++)
		length += format_string(line + length, sizeof(line) - length,
					" %u", seen[i]);
	console_printf("vgic_queue: round %u: taken%s\n", n, line);
}

int inmate_main(void)
{
	static const char *const keys[] = { "second", NULL };
	static const unsigned int want[] = { 1, 1, 2, 3, 4, TIMER_VIRT_INTID };
	uint64_t second;

	params_check_keys(keys);
	second = params_get_ulong("second", 3, 0, ~0ul);
	check_begin("vgic_queue");
	if (gic_init())
		check_fail("no interrupt controller");

	start_round(1, second, second_fill);
	print_order(1);
	CHECK_EQ(seen_count, sizeof(want) / sizeof(want[0]));
	for (unsigned int i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_EQ(seen[i], want[i]);
	wait_off(second);

	start_round(2, second, second_fill);
	wait_off(second);
	console_printf("vgic_queue: round 2: CPU_OFF with SGIs 1-4 listed and "
		       "the timer queued, taken%s\n", seen_count ? "" : " none");
	CHECK_EQ(seen_count, 0);

	start_round(3, second, second_timer);
	print_order(3);
	CHECK_EQ(seen_count, 1);
	CHECK_EQ(seen[0], TIMER_VIRT_INTID);
	wait_off(second);
	check_pass();
	psci_system_off();
}
