// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * What the attack kinds share (attack_kinds.h): interrupt counts and
 * bounded waits, the cell's second CPU, the one-instruction probes and
 * the announcement of an access that should park the cell.
 */
#include <stdarg.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "attack_kinds.h"
#include "format.h"

/* ------------------------------------------------ interrupts and waits */

volatile unsigned int irq_seen[CPU_COUNT][COUNTED_INTIDS];
static volatile uint64_t wait_deadline[CPU_COUNT];
static volatile unsigned int wait_over[CPU_COUNT];

static unsigned int this_cpu(void)
{
	return (unsigned int)(cpu_mpidr() & 0xff) % CPU_COUNT;
}

static void count_irq(unsigned int intid)
{
	if (intid < COUNTED_INTIDS)
		irq_seen[this_cpu()][intid]++;
}

/* A virtual-timer interrupt delivered before the timer was re-armed may
   still come (docs/hypervisor.md, limits): only a passed deadline counts. */
static void wait_timer(unsigned int intid)
{
	unsigned int cpu = this_cpu();

	(void)intid;
	if (timer_counter() < wait_deadline[cpu])
		return;
	timer_disarm();
	wait_over[cpu] = 1;
}

void attack_irq_init(void)
{
	unsigned int intid;

	for (intid = 0; intid < COUNTED_INTIDS; intid++)
		irq_set_handler(intid, count_irq);
	irq_set_handler(TIMER_VIRT_INTID, wait_timer);
	gic_enable(TIMER_VIRT_INTID);
}

/* Sleeps in steps of WAIT_STEP, so that a flag another CPU sets is seen
   without it having to wake this one. */
#define WAIT_STEP 1250ull	/* 20 us */

static bool wait_until(volatile unsigned int *flag, uint64_t us)
{
	unsigned int cpu = this_cpu();
	uint64_t end = timer_counter() + timer_us_to_ticks(us), now, step;

	irq_mask();
	for (;;) {
		if (flag && *flag)
			break;
		now = timer_counter();
		if (now >= end)
			break;
		step = now + WAIT_STEP < end ? now + WAIT_STEP : end;
		step = pace_deadline(step);
		wait_over[cpu] = 0;
		wait_deadline[cpu] = step;
		timer_arm(step);
		while (!wait_over[cpu] && !(flag && *flag))
			irq_wait();
	}
	timer_disarm();
	return flag && *flag;
}

void wait_us(uint64_t us)
{
	wait_until(0, us);
}

bool wait_for(volatile unsigned int *flag, uint64_t us)
{
	return wait_until(flag, us);
}

/* ------------------------------------------------- the second CPU */

struct second_start_args {
	void (*fn)(void *arg);
	void *arg;
};

static struct second_start_args second_args;

static void second_main(void *unused)
{
	(void)unused;
	if (gic_init_cpu())
		return;
	gic_enable(TIMER_VIRT_INTID);
	second_args.fn(second_args.arg);
}

int32_t second_start(void (*fn)(void *arg), void *arg)
{
	second_args.fn = fn;
	second_args.arg = arg;
	return cpu_start(SECOND_MPIDR, second_main, 0);
}

bool second_wait_off(void)
{
	for (unsigned int i = 0; i < 1000; i++) {
		if (psci_affinity_info(SECOND_MPIDR) == PSCI_AFFINITY_OFF)
			return true;
		wait_us(20);
	}
	return false;
}

/* --------------------------------------------------------- probes */

#define PROBE(name, body)                                                      \
	__asm__(".pushsection .text\n"                                         \
		".balign 8\n"                                                  \
		".global " #name "\n"                                          \
		".type " #name ", %function\n" #name ":\n"                     \
		"	" body "\n"                                            \
		"	ret\n"                                                 \
		".size " #name ", . - " #name "\n"                             \
		".popsection")

PROBE(probe_ldr8, "ldrb w0, [x0]");
PROBE(probe_ldr16, "ldrh w0, [x0]");
PROBE(probe_ldr32, "ldr w0, [x0]");
PROBE(probe_ldr64, "ldr x0, [x0]");
PROBE(probe_str8, "strb w1, [x0]");
PROBE(probe_str16, "strh w1, [x0]");
PROBE(probe_str32, "str w1, [x0]");
PROBE(probe_str64, "str x1, [x0]");
PROBE(probe_ldp32, "ldp w2, w3, [x0]\n orr x0, x2, x3, lsl #32");
PROBE(probe_dc_zva, "dc zva, x0");
PROBE(probe_branch, "br x0");

void announce(const char *name, uintptr_t pc, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	format_vstring(what, sizeof(what), fmt, ap);
	va_end(ap);
	console_printf("attack: %s: %s, pc 0x%lx\n", name, what,
		       (unsigned long)pc);
}

void not_parked(const char *name, const char *what)
{
	console_printf("FAIL %s: %s returned: the cell was not parked\n", name,
		       what);
}
