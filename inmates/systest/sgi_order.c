// SPDX-License-Identifier: GPL-2.0-only
/*
 * sgi_order: more pending interrupts than the virtual CPU interface has
 * list registers (4 on QEMU's cortex-a57), each with its own priority.
 * With IRQs masked it gives SGIs 0 to count-1 distinct priorities through
 * its redistributor (SGI i gets ((5 * i) % 16) * 8: a shuffle, so neither
 * INTID order nor sending order is priority order), sends them all to
 * itself in the order `send` asks, then unmasks and records the order in
 * which its handler sees them. A GIC signals the highest-priority pending
 * interrupt first, so the expected order is by priority, whatever the
 * sending order, and every SGI exactly once.
 *
 * Prints `sgi: sent ...`, `sgi: handled ...` (INTIDs) and the running
 * priority seen in each handler, then powers off.
 *
 * Parameters:
 *   count  SGIs, 1 to 15 (15 is left to the hypervisor; default 8)
 *   send   0: INTID order, 1: highest priority first, 2: lowest priority
 *          first (default 2)
 *   off_us wait before powering off (default 0), so that cells running
 *          this side by side do not all stop at the same moment
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "format.h"

#define SGI_MAX 15
/* Room for duplicates too: a lost-and-found SGI must not overrun. */
#define SEEN_MAX 32
#define LINE_MAX 160
/* Bounds the wait for SGIs still to come (each takes microseconds). */
#define WAIT_US 1000

static unsigned int seen[SEEN_MAX];
static unsigned int seen_priority[SEEN_MAX];
static volatile unsigned int seen_count;

static uint8_t sgi_priority(unsigned int intid)
{
	return (uint8_t)(((5 * intid) % 16) * 8);
}

static void sgi_handler(unsigned int intid)
{
	unsigned int n = seen_count;

	if (n < SEEN_MAX) {
		seen[n] = intid;
		seen_priority[n] = (unsigned int)read_sysreg(icc_rpr_el1);
	}
	seen_count = n + 1;
}

/* Sorts @order[0..@count) by the key @send asks for (insertion sort). */
static void sending_order(unsigned int *order, unsigned int count,
			  unsigned long send)
{
	for (unsigned int i = 0; i < count; i++)
		order[i] = i;
	if (send == 0)
		return;
	for (unsigned int i = 1; i < count; i++) {
		unsigned int v = order[i], j = i;

		while (j > 0 &&
		       (send == 1 ? sgi_priority(order[j - 1]) > sgi_priority(v)
				  : sgi_priority(order[j - 1]) <
					    sgi_priority(v))) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
}

static void print_list(const char *what, const unsigned int *values,
		       unsigned int count, bool hex)
{
	char line[LINE_MAX] = "";
	size_t length = 0;

	for (unsigned int i = 0; i < count && length < sizeof(line); i++)
		length += format_string(line + length, sizeof(line) - length,
					hex ? " 0x%x" : " %u", values[i]);
	console_printf("sgi: %s%s\n", what, line);
}

int inmate_main(void)
{
	static const char *const keys[] = { "count", "send", "off_us", NULL };
	unsigned int order[SGI_MAX];
	unsigned long count, send, off_us;
	uint64_t self = cpu_mpidr(), deadline;

	params_check_keys(keys);
	count = params_get_ulong("count", 8, 1, SGI_MAX);
	send = params_get_ulong("send", 2, 0, 2);
	off_us = params_get_ulong("off_us", 0, 0, 1000000000);
	if (gic_init())
		runtime_panic("sgi: no interrupt controller");
	irq_mask();
	for (unsigned int i = 0; i < count; i++) {
		irq_set_handler(i, sgi_handler);
		gic_set_priority(i, sgi_priority(i));
		gic_enable(i);
	}
	sending_order(order, (unsigned int)count, send);
	for (unsigned int i = 0; i < count; i++)
		gic_send_sgi(order[i], self);
	print_list("sent", order, (unsigned int)count, false);
	deadline = timer_counter() + timer_us_to_ticks(WAIT_US);
	irq_unmask();
	/* Most are taken right at the unmask; the rest after refills of
	   the list registers, each a trip through the hypervisor. A busy
	   wait: the virtual timer would add an interrupt of its own. */
	while (seen_count < count && timer_counter() < deadline)
		;
	irq_mask();
	print_list("handled", seen,
		   seen_count < SEEN_MAX ? seen_count : SEEN_MAX, false);
	print_list("running priorities", seen_priority,
		   seen_count < SEEN_MAX ? seen_count : SEEN_MAX, true);
	console_printf("sgi: %u of %lu handled\n", seen_count, count);
	if (off_us)
		timer_delay_us(off_us);
	psci_system_off();
}
