// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * sgi_sysreg: the SGI register accesses a cell does not get. With
 * HCR_EL2.FMO and IMO set (hypervisor/arch/arm64/el2_setup.c), writes of
 * ICC_SGI0R_EL1 (Group 0 SGIs) and ICC_ASGI1R_EL1 (Group 1 SGIs for the
 * other Security state) trap to EL2 like ICC_SGI1R_EL1, which the
 * hypervisor emulates; these two it does not, and the cell's CPU takes the
 * Undefined Instruction exception at EL1 instead (ESR_EL1 EC 0, ELR_EL1
 * the MSR), as for any system register it is not given. A read of the
 * write-only ICC_SGI1R_EL1 is UNDEFINED too. The cell goes on, and no SGI
 * arrives.
 *
 * Each write targets SGI 5 on this CPU, which is enabled; after both, the
 * inmate unmasks IRQs for 100 us (busy) and counts SGI 5. In-QEMU test protocol
 * (check.h): RUN sgi_sysreg, a line per register, PASS sgi_sysreg
 * checks=N, then SYSTEM_OFF.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define SGI 5
#define ESR_EC(esr) ((unsigned int)((esr) >> 26) & 0x3f)

/* Busy waits yield: under QEMU's -icount one host thread runs every CPU
   in turn, and a CPU that spins without yielding keeps the others from
   running until its time slice ends. */
static inline void relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

static volatile uint64_t taken_esr, taken_elr;
static volatile unsigned int taken, sgis;

static int take_undefined(uint64_t esr, uint64_t elr)
{
	taken_esr = esr;
	taken_elr = elr;
	taken++;
	return 1;
}

static void on_sgi(unsigned int intid)
{
	(void)intid;
	sgis++;
}

/* The ICC_SGI1R_EL1 layout: INTID in bits 24-27, Aff1 in 16-23, the
   target list (Aff0) in 0-15. */
static uint64_t sgi_value(void)
{
	uint64_t mpidr = cpu_mpidr();

	return (uint64_t)SGI << 24 | ((mpidr >> 8) & 0xff) << 16 |
	       (((mpidr >> 16) & 0xff) << 32) | (1ull << (mpidr & 0xf));
}

#define WRITE_AT(reg, value, at)                                               \
	__asm__ __volatile__("adr %0, 1f\n1:\tmsr " #reg ", %1"                \
			     : "=&r"(at)                                       \
			     : "r"(value)                                      \
			     : "memory")

static void expect_undefined(const char *name, unsigned int before,
			     uint64_t at)
{
	console_printf("sgi_sysreg: %s write: exception EC 0x%x, at the MSR: "
		       "%s\n", name, ESR_EC(taken_esr),
		       taken_elr == at ? "yes" : "no");
	CHECK_EQ(taken, before + 1);
	CHECK_EQ(ESR_EC(taken_esr), 0);
	CHECK_EQ(taken_elr, at);
}

int inmate_main(void)
{
	uint64_t value, at, deadline;
	unsigned int before;

	check_begin("sgi_sysreg");
	if (gic_init())
		check_fail("no interrupt controller");
	irq_mask();
	irq_set_handler(SGI, on_sgi);
	gic_enable(SGI);
	value = sgi_value();
	exception_set_handler(take_undefined);

	before = taken;
	WRITE_AT(S3_0_C12_C11_7, value, at);	/* ICC_SGI0R_EL1 */
	expect_undefined("ICC_SGI0R_EL1", before, at);
	before = taken;
	WRITE_AT(S3_0_C12_C11_6, value, at);	/* ICC_ASGI1R_EL1 */
	expect_undefined("ICC_ASGI1R_EL1", before, at);
	before = taken;
	__asm__ __volatile__("adr %0, 1f\n1:\tmrs %1, S3_0_C12_C11_5"
			     : "=&r"(at), "=r"(value) : : "memory");
	console_printf("sgi_sysreg: ICC_SGI1R_EL1 read: exception EC 0x%x, at "
		       "the MRS: %s\n", ESR_EC(taken_esr),
		       taken_elr == at ? "yes" : "no");
	CHECK_EQ(taken, before + 1);
	CHECK_EQ(ESR_EC(taken_esr), 0);
	CHECK_EQ(taken_elr, at);
	exception_set_handler(0);

	irq_unmask();
	deadline = timer_counter() + timer_us_to_ticks(100);
	while (timer_counter() < deadline)
		relax();
	irq_mask();
	console_printf("sgi_sysreg: SGI %u taken %u times\n", SGI, sgis);
	CHECK_EQ(sgis, 0);
	check_pass();
	psci_system_off();
}
