// SPDX-License-Identifier: GPL-2.0-only
/*
 * idle_armed: a CPU that goes off (PSCI CPU_OFF), or was never started,
 * while an interrupt of its cell is asserted at it, must still start
 * again when the cell asks (PSCI CPU_ON), and the interrupt must behave
 * as on hardware: it waits, pending, for the CPU it is routed to, and is
 * taken once that CPU runs with interrupts enabled or once it is routed
 * to a running CPU.
 *
 * The cell has two CPUs: the first (cpu 0) drives the test; the second
 * (the `second` MPIDR) is started, armed, powered off and started again.
 * Only the first CPU prints: the second records what it did and tells the
 * first with an SGI, so the lines come in one order.
 *
 * source=0 (virtual timer): the second CPU enables PPI 27 in its
 *   redistributor and arms its virtual timer with CVAL in the past
 *   (CNTV_CTL_EL0 ENABLE, ISTATUS set: asserting), IRQs masked, and
 *   powers off. AFFINITY_INFO must then say OFF; a second CPU_ON must
 *   start it again.
 * source=1 (PMU): the same with the PMU cycle counter's overflow interrupt
 *   (PPI 23): PMCCNTR_EL0 just below the 32-bit overflow, PMINTENSET_EL1
 *   and PMCNTENSET_EL0 bit 31, PMCR_EL0.E; it waits until the counter has
 *   overflowed (PMOVSSET_EL0 bit 31), then powers off.
 * source=2 (level SPI): the PL031 RTC's interrupt (SPI 34, level: the
 *   match interrupt stays asserted until RTCICR is written) is routed with
 *   GICD_IROUTER to the second CPU, never started yet, enabled and
 *   asserted. The first CPU must not take it; CPU_ON must start the second
 *   CPU, which takes it once it has enabled its interrupts. Then, with the
 *   second CPU off again, the RTC asserts again: still not taken by the
 *   first CPU, until the first CPU routes the SPI to itself and takes it.
 *
 * Follows the in-QEMU test protocol (check.h): RUN idle-timer (or
 * idle-pmu, idle-spi), one line per step, PASS ... checks=N or FAIL, then
 * SYSTEM_OFF.
 *
 * Parameters:
 *   source    0 virtual timer, 1 PMU overflow, 2 level SPI (default 0)
 *   delay_us  wait before the test (default 0)
 *   second    MPIDR of the cell's second CPU (default 0x3)
 */
#include <stdbool.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>
#include <inmate/wait.h>

#include <hw/gicv3.h>

#define GICD_BASE 0x08000000ul

#define SIGNAL_SGI 1
#define PMU_INTID 23		/* PMUIRQ, PPI 7 on QEMU virt */
/* A started CPU reports within a few hundred microseconds. */
#define WAIT_US 100000
#define POLL_US 10
/* How long an interrupt that must not be taken is given to show up. */
#define LISTEN_US 200

#define CNTV_CTL_ENABLE 1u

#define PMCR_E (1u << 0)
#define PMCR_LC (1u << 6)
#define PMU_CYCLE_BIT (1u << 31)
/* Cycles before PMCCNTR_EL0 wraps at 32 bits (PMCR_EL0.LC clear). */
#define PMU_HEADROOM 1000u
#define PMU_POLL_LIMIT 1000000u
/* Reads of ICC_HPPIR1_EL1 until the armed interrupt shows as pending. */
#define PENDING_POLL_LIMIT 100000u

/* PL031 (ARM DDI 0224): data, match, interrupt mask, raw and masked
 * status, clear. */
#define RTC_BASE 0x09010000ul
#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_IMSC 0x10
#define RTC_RIS 0x14
#define RTC_MIS 0x18
#define RTC_ICR 0x1c
#define RTC_INTID 34
#define RTC_TRIES 3

enum source { SOURCE_TIMER, SOURCE_PMU, SOURCE_SPI };

static unsigned long source;
static uint64_t second;

static volatile unsigned int signals;	/* SGIs the first CPU got */
static volatile unsigned int rtc_taken;
static volatile unsigned int rtc_cpu;	/* cpu_index() of the last */

/* What the second CPU did, for the first to print. */
static struct {
	uint64_t mpidr;
	uint64_t state;		/* CNTV_CTL_EL0, or PMOVSSET_EL0 */
	uint64_t enabled;	/* PMINTENSET_EL1 */
	uint64_t pending;	/* ICC_HPPIR1_EL1 once it showed up */
	unsigned int rtc_taken;
	unsigned int rtc_cpu;
	unsigned int cpu;
	bool ok;
} report;

static void on_signal(unsigned int intid)
{
	(void)intid;
	signals++;
}

static void rtc_quiet(void)
{
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	mmio_write32(RTC_BASE + RTC_ICR, 1);
}

static void on_rtc(unsigned int intid)
{
	(void)intid;
	rtc_quiet();
	rtc_cpu = cpu_index();
	rtc_taken++;
}

/*
 * The match interrupt, raised at once by a match register equal to the
 * counter (retried in case the counter's second turned over between the
 * read and the write), then unmasked: the line is high until RTCICR.
 */
static uint32_t rtc_assert(void)
{
	for (unsigned int i = 0; i < RTC_TRIES; i++) {
		rtc_quiet();
		mmio_write32(RTC_BASE + RTC_MR,
			     mmio_read32(RTC_BASE + RTC_DR));
		if (mmio_read32(RTC_BASE + RTC_RIS) & 1)
			break;
	}
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	return mmio_read32(RTC_BASE + RTC_MIS);
}

static void spi_route(unsigned int intid, uint64_t mpidr)
{
	mmio_write64(GICD_BASE + GICD_IROUTER + 8ul * intid,
		     mpidr & MPIDR_AFFINITY_MASK);
}

/* Group 1 and enabled, routed to @mpidr (not necessarily the caller). */
static void spi_enable_at(unsigned int intid, uint64_t mpidr)
{
	uintptr_t word = 4 * (intid / 32);
	uint32_t bit = 1u << (intid % 32);

	mmio_write32(GICD_BASE + GICD_IGROUPR + word,
		     mmio_read32(GICD_BASE + GICD_IGROUPR + word) | bit);
	spi_route(intid, mpidr);
	mmio_write32(GICD_BASE + GICD_ISENABLER + word, bit);
}

static const char *state_name(int32_t state)
{
	static const char *const names[] = { "ON", "OFF", "ON_PENDING" };

	if (state >= 0 && state <= 2)
		return names[state];
	return psci_error_name(state);
}

static int32_t affinity(const char *when)
{
	int32_t state = psci_affinity_info(second);

	console_printf("idle: AFFINITY_INFO mpidr=0x%llx %s -> %d %s\n",
		       (unsigned long long)second, when, state,
		       state_name(state));
	return state;
}

/* AFFINITY_INFO of the second CPU until it says OFF, bounded. */
static void wait_off(const char *when)
{
	for (unsigned int polls = 0; polls < WAIT_US / POLL_US; polls++) {
		if (psci_affinity_info(second) == PSCI_AFFINITY_OFF)
			break;
		timer_delay_us(POLL_US);
	}
	CHECK_EQ(affinity(when), PSCI_AFFINITY_OFF);
}

static void start_second(void (*fn)(void *), const char *what)
{
	unsigned int seen = signals;
	int32_t result = cpu_start(second, fn, NULL);

	console_printf("idle: CPU_ON mpidr=0x%llx%s -> %d %s\n",
		       (unsigned long long)second, what, result,
		       psci_error_name(result));
	CHECK_EQ(result, PSCI_SUCCESS);
	if (!wait_change(&signals, seen, WAIT_US))
		check_fail("timeout: CPU_ON%s said SUCCESS, but mpidr 0x%llx "
			   "did not run within %u us", what,
			   (unsigned long long)second, WAIT_US);
	CHECK_EQ(report.ok, true);
}

/* The second CPU's start: the interrupt interface, then its report. */
static bool second_init(void)
{
	report.ok = false;
	report.cpu = cpu_index();
	report.mpidr = cpu_mpidr() & MPIDR_AFFINITY_MASK;
	if (gic_init_cpu())
		return false;
	wait_init();
	return true;
}

static void second_signal(void)
{
	gic_send_sgi(SIGNAL_SGI, cpu_mpidr_of(0));
}

static void arm_timer(void)
{
	gic_enable(TIMER_VIRT_INTID);
	write_sysreg(cntv_cval_el0, timer_counter() - 1);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	report.state = read_sysreg(cntv_ctl_el0);
}

static void arm_pmu(void)
{
	unsigned int polls = 0;

	gic_enable(PMU_INTID);
	write_sysreg(pmcntenclr_el0, PMU_CYCLE_BIT);
	write_sysreg(pmovsclr_el0, PMU_CYCLE_BIT);
	write_sysreg(pmccfiltr_el0, 0);		/* EL0 and EL1 */
	write_sysreg(pmccntr_el0, 0xffffffffull - PMU_HEADROOM);
	write_sysreg(pmintenset_el1, PMU_CYCLE_BIT);
	write_sysreg(pmcntenset_el0, PMU_CYCLE_BIT);
	write_sysreg(pmcr_el0, (read_sysreg(pmcr_el0) & ~(uint64_t)PMCR_LC) |
				       PMCR_E);
	isb();
	/* A thousand cycles: spinning is shorter than any timer wait. */
	while (!(read_sysreg(pmovsset_el0) & PMU_CYCLE_BIT) &&
	       polls < PMU_POLL_LIMIT)
		polls++;
	report.state = read_sysreg(pmovsset_el0) & PMU_CYCLE_BIT;
	report.enabled = read_sysreg(pmintenset_el1) & PMU_CYCLE_BIT;
}

/* The highest-priority pending interrupt once it is @intid, bounded:
 * the armed source really asserts its interrupt at this CPU. */
static uint64_t pending_intid(unsigned int intid)
{
	uint64_t hppir = read_sysreg(icc_hppir1_el1) & 0xffffff;

	for (unsigned int i = 0; i < PENDING_POLL_LIMIT && hppir != intid; i++)
		hppir = read_sysreg(icc_hppir1_el1) & 0xffffff;
	return hppir;
}

/* First start (timer, PMU): leave the source asserting, power off. */
static void second_armed(void *arg)
{
	(void)arg;
	if (second_init()) {
		if (source == SOURCE_TIMER) {
			arm_timer();
			report.pending = pending_intid(TIMER_VIRT_INTID);
		} else {
			arm_pmu();
			report.pending = pending_intid(PMU_INTID);
		}
		report.ok = true;
	}
	second_signal();
	/* Returning is PSCI CPU_OFF, IRQs still masked. */
}

/* First start (SPI): take the RTC interrupt waiting for this CPU. */
static void second_takes_spi(void *arg)
{
	(void)arg;
	if (second_init()) {
		wait_change(&rtc_taken, 0, WAIT_US);
		report.rtc_taken = rtc_taken;
		report.rtc_cpu = rtc_cpu;
		report.ok = true;
	}
	second_signal();
}

/* Second start: just say so. */
static void second_again(void *arg)
{
	(void)arg;
	report.ok = second_init();
	second_signal();
}

static void test_armed(void)
{
	CHECK_EQ(affinity("before CPU_ON"), PSCI_AFFINITY_OFF);
	start_second(second_armed, "");
	if (source == SOURCE_TIMER) {
		console_printf("idle: cpu %u up, mpidr=0x%llx: virtual timer "
			       "armed with CVAL in the past (CNTV_CTL 0x%llx), "
			       "PPI 27 enabled, pending INTID %llu; CPU_OFF\n",
			       report.cpu, (unsigned long long)report.mpidr,
			       (unsigned long long)report.state,
			       (unsigned long long)report.pending);
		/* ENABLE and ISTATUS: the timer asserts its interrupt. */
		CHECK_EQ(report.state, 0x5);
		CHECK_EQ(report.pending, TIMER_VIRT_INTID);
	} else {
		console_printf("idle: cpu %u up, mpidr=0x%llx: PMU cycle "
			       "counter overflowed (PMOVSSET 0x%llx, PMINTENSET "
			       "0x%llx), PPI 23 enabled, pending INTID %llu; "
			       "CPU_OFF\n", report.cpu,
			       (unsigned long long)report.mpidr,
			       (unsigned long long)report.state,
			       (unsigned long long)report.enabled,
			       (unsigned long long)report.pending);
		CHECK_EQ(report.state, PMU_CYCLE_BIT);
		CHECK_EQ(report.enabled, PMU_CYCLE_BIT);
		CHECK_EQ(report.pending, PMU_INTID);
	}
	wait_off("after CPU_OFF");
	start_second(second_again, " again");
	console_printf("idle: cpu %u up again, mpidr=0x%llx\n", report.cpu,
		       (unsigned long long)report.mpidr);
	CHECK_EQ(report.mpidr, second);
	wait_off("at the end");
}

static void test_spi(uint64_t self)
{
	uint32_t status;

	irq_set_handler(RTC_INTID, on_rtc);
	spi_enable_at(RTC_INTID, second);
	status = rtc_assert();
	console_printf("idle: SPI %u (RTC) enabled, routed to mpidr 0x%llx, "
		       "never started, and asserted (RTCMIS 0x%x)\n", RTC_INTID,
		       (unsigned long long)second, status);
	CHECK_EQ(status, 1);
	wait_change(&rtc_taken, 0, LISTEN_US);
	console_printf("idle: SPI %u taken by cpu 0 within %u us: %u\n",
		       RTC_INTID, LISTEN_US, rtc_taken);
	CHECK_EQ(rtc_taken, 0);
	CHECK_EQ(affinity("before CPU_ON"), PSCI_AFFINITY_OFF);
	start_second(second_takes_spi, "");
	console_printf("idle: cpu %u up, mpidr=0x%llx; SPI %u taken once "
		       "it enabled interrupts: %u, last on cpu %u\n", report.cpu,
		       (unsigned long long)report.mpidr, RTC_INTID,
		       report.rtc_taken, report.rtc_cpu);
	CHECK_EQ(report.rtc_taken, 1);
	CHECK_EQ(report.rtc_cpu, report.cpu);
	wait_off("after CPU_OFF");
	status = rtc_assert();
	console_printf("idle: SPI %u asserted again (RTCMIS 0x%x), still "
		       "routed to mpidr 0x%llx\n", RTC_INTID, status,
		       (unsigned long long)second);
	CHECK_EQ(status, 1);
	wait_change(&rtc_taken, 1, LISTEN_US);
	console_printf("idle: SPI %u taken by cpu 0 within %u us: %u\n",
		       RTC_INTID, LISTEN_US, rtc_taken - 1);
	CHECK_EQ(rtc_taken, 1);
	spi_route(RTC_INTID, self);
	wait_change(&rtc_taken, 1, WAIT_US);
	console_printf("idle: SPI %u routed to mpidr 0x%llx (cpu 0), taken: "
		       "%u, on cpu %u\n", RTC_INTID, (unsigned long long)self,
		       rtc_taken - 1, rtc_cpu);
	CHECK_EQ(rtc_taken, 2);
	CHECK_EQ(rtc_cpu, 0);
}

int inmate_main(void)
{
	static const char *const keys[] = { "source", "delay_us", "second",
					    NULL };
	static const char *const names[] = { "idle-timer", "idle-pmu",
					     "idle-spi" };
	unsigned long delay_us;
	uint64_t self = cpu_mpidr() & MPIDR_AFFINITY_MASK;

	params_check_keys(keys);
	source = params_get_ulong("source", 0, 0, 2);
	delay_us = params_get_ulong("delay_us", 0, 0, 1000000000);
	second = params_get_ulong("second", 0x3, 0, MPIDR_AFFINITY_MASK);
	check_begin(names[source]);
	if (gic_init())
		check_fail("no interrupt controller");
	irq_set_handler(SIGNAL_SGI, on_signal);
	gic_enable(SIGNAL_SGI);
	wait_init();
	if (delay_us)
		timer_delay_us(delay_us);
	console_printf("idle: cpu 0 mpidr=0x%llx, second CPU mpidr=0x%llx\n",
		       (unsigned long long)self, (unsigned long long)second);
	if (source == SOURCE_SPI)
		test_spi(self);
	else
		test_armed();
	check_pass();
	psci_system_off();
}
