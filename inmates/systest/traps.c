// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * traps: what a cell reads back of the hypervisor's EL2 traps
 * (hypervisor/arch/arm64/el2_setup.c), each a check of the in-cell test
 * protocol (`PASS traps checks=N` or `FAIL traps: ...`):
 *
 *   - DC ISW, DC CSW and DC CISW on set 0, way 0 complete (the hypervisor
 *     does a clean and invalidate instead; the cell is not parked);
 *   - ACTLR_EL1 reads as zero and ignores a write;
 *   - an implementation-defined register encoding the CPU does not give
 *     EL1 (S3_0_C15_C0_0) is UNDEFINED: an EC 0 exception at EL1, at the
 *     access (on hardware HCR_EL2.TIDCP traps it and the hypervisor
 *     injects that exception; QEMU 7.2 does not implement TIDCP and
 *     raises it itself), never a parked cell;
 *   - the EL1 physical timer (CNTP_*, PPI 30) is the cell's: armed 1000
 *     counter ticks ahead, its interrupt arrives no earlier.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define PPI_EL1_PHYS_TIMER 30
#define TIMER_AHEAD 1000

static unsigned int checks, failures;
static volatile uint64_t undefined_esr, undefined_elr;
static volatile uint64_t timer_fired_at;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		checks++;                                                      \
		if (!(cond)) {                                                 \
			failures++;                                            \
			console_printf("FAIL traps: " __VA_ARGS__);            \
		}                                                              \
	} while (0)

static int take_undefined(uint64_t esr, uint64_t elr)
{
	undefined_esr = esr;
	undefined_elr = elr;
	return 1;
}

static void physical_timer(unsigned int intid)
{
	(void)intid;
	timer_fired_at = read_sysreg(cntpct_el0);
	write_sysreg(cntp_ctl_el0, 0);
}

static void set_way_maintenance(void)
{
	uint64_t set_way = 0;	/* level 1, set 0, way 0 */

	__asm__ volatile("dc isw, %0\n dc csw, %0\n dc cisw, %0"
			 : : "r"(set_way) : "memory");
	console_printf("traps: dc isw, csw, cisw completed\n");
}

static void auxiliary_control(void)
{
	uint64_t before = read_sysreg(actlr_el1), after;

	write_sysreg(actlr_el1, ~0ull);
	isb();
	after = read_sysreg(actlr_el1);
	console_printf("traps: ACTLR_EL1 0x%llx, after writing ones 0x%llx\n",
		       (unsigned long long)before, (unsigned long long)after);
	CHECK(before == 0 && after == 0, "ACTLR_EL1 0x%llx then 0x%llx, "
	      "expected 0 both\n", (unsigned long long)before,
	      (unsigned long long)after);
}

static void implementation_defined(void)
{
	uint64_t value = 0;
	uintptr_t at;

	exception_set_handler(take_undefined);
	__asm__ volatile("adr %0, 1f\n1: mrs %1, S3_0_C15_C0_0"
			 : "=&r"(at), "=r"(value) : : "memory");
	exception_set_handler(0);
	console_printf("traps: S3_0_C15_C0_0 read: exception EC 0x%llx at "
		       "the access: %s\n",
		       (unsigned long long)(undefined_esr >> 26),
		       undefined_elr == at ? "yes" : "no");
	CHECK(undefined_elr == at && (undefined_esr >> 26) == 0,
	      "IMPDEF read: ESR 0x%llx ELR 0x%llx, expected EC 0 at 0x%lx\n",
	      (unsigned long long)undefined_esr,
	      (unsigned long long)undefined_elr, (unsigned long)at);
}

static void physical_timer_interrupt(void)
{
	uint64_t armed;

	irq_set_handler(PPI_EL1_PHYS_TIMER, physical_timer);
	gic_enable(PPI_EL1_PHYS_TIMER);
	irq_mask();
	armed = read_sysreg(cntpct_el0);
	write_sysreg(cntp_cval_el0, armed + TIMER_AHEAD);
	write_sysreg(cntp_ctl_el0, 1);
	isb();
	while (!timer_fired_at)
		irq_wait();
	irq_unmask();
	console_printf("traps: EL1 physical timer interrupt, not before its "
		       "deadline: %s\n",
		       timer_fired_at >= armed + TIMER_AHEAD ? "yes" : "no");
	CHECK(timer_fired_at >= armed + TIMER_AHEAD, "physical timer fired "
	      "%lld ticks early\n",
	      (long long)(armed + TIMER_AHEAD - timer_fired_at));
}

int inmate_main(void)
{
	if (gic_init())
		runtime_panic("traps: no interrupt controller");
	set_way_maintenance();
	checks++;	/* reaching here: the set/way operations did not park */
	auxiliary_control();
	implementation_defined();
	physical_timer_interrupt();
	if (!failures)
		console_printf("PASS traps checks=%u\n", checks);
	return 0;
}
