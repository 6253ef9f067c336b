// SPDX-License-Identifier: GPL-2.0-only
/*
 * psci_probe: PSCI CPU_ON and AFFINITY_INFO from inside a cell, through
 * SMC and through HVC. For each conduit it asks to start CPUs of other
 * cells and a CPU the board does not have (expected INVALID_PARAMETERS
 * for both: another cell's CPU does not exist for the cell) and the
 * affinity of another cell's CPU (expected INVALID_PARAMETERS: not
 * visible). Then it starts its own second CPU,
 * checks AFFINITY_INFO says ON and a second CPU_ON says ALREADY_ON, lets
 * that CPU power itself off (CPU_OFF) and waits until AFFINITY_INFO says
 * OFF. Every result is one console line `psci: ... -> CODE NAME`.
 *
 * Parameters:
 *   probe     0: print the banner, wait and power off without probing, for
 *             a control run with the same timing up to the wait (default 1)
 *   delay_us  wait before probing (default 0)
 *   foreign, foreign2
 *             MPIDRs of other cells' CPUs (default 0x0 and 0x1)
 *   missing   an MPIDR no CPU has (default 0x7)
 *   second    MPIDR of this cell's second CPU (default 0x3)
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/smccc.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define PROBE_SGI 1
/* Generous: a started CPU answers within a few hundred microseconds. */
#define PROBE_TIMEOUT_US 100000
#define PROBE_POLL_US 10

static volatile unsigned int sgis_seen;
static volatile bool timed_out[INMATE_MAX_CPUS];
static uint64_t deadline[INMATE_MAX_CPUS];

/* AFFINITY_INFO answers a state where CPU_ON answers a status. */
static const char *result_name(const char *call, int64_t result)
{
	static const char *const states[] = { "ON", "OFF", "ON_PENDING" };

	if (call[0] == 'A' && result >= 0 && result <= 2)
		return states[result];
	return psci_error_name((int32_t)result);
}

static void report(const char *conduit, const char *call, uint64_t mpidr,
		   const char *what, int64_t result)
{
	console_printf("psci: %s %s mpidr=0x%llx (%s) -> %lld %s\n", conduit,
		       call, (unsigned long long)mpidr, what, (long long)result,
		       result_name(call, result));
}

static void probe_sgi(unsigned int intid)
{
	(void)intid;
	sgis_seen++;
}

/*
 * A timer interrupt that fired during an earlier timer_delay_us() may
 * still be pending (virtually) after that disarmed the timer: only a
 * deadline that has passed counts.
 */
static void probe_timeout(unsigned int intid)
{
	unsigned int cpu = cpu_index();

	(void)intid;
	if (timer_counter() < deadline[cpu])
		return;
	timer_disarm();
	timed_out[cpu] = true;
}

/* Waits for the SGI count to pass @seen; false on timeout. */
static bool wait_sgi(unsigned int seen)
{
	unsigned int cpu = cpu_index();

	timed_out[cpu] = false;
	deadline[cpu] = timer_counter() + timer_us_to_ticks(PROBE_TIMEOUT_US);
	timer_arm(deadline[cpu]);
	irq_mask();
	while (sgis_seen == seen && !timed_out[cpu])
		irq_wait();
	irq_unmask();
	timer_disarm();
	return sgis_seen != seen;
}

/* The second CPU: says hello, tells the first, waits to be released. */
static void second_cpu(void *arg)
{
	unsigned int seen;

	(void)arg;
	if (gic_init_cpu())
		return;
	irq_set_handler(PROBE_SGI, probe_sgi);
	gic_enable(PROBE_SGI);
	irq_set_handler(TIMER_VIRT_INTID, probe_timeout);
	gic_enable(TIMER_VIRT_INTID);
	console_printf("psci: cpu %u up, mpidr=0x%llx\n", cpu_index(),
		       (unsigned long long)(cpu_mpidr() & MPIDR_AFFINITY_MASK));
	seen = sgis_seen;
	gic_send_sgi(PROBE_SGI, cpu_mpidr_of(0));
	if (!wait_sgi(seen))
		console_printf("psci: cpu %u: not released\n", cpu_index());
	/* Returning powers this CPU off (PSCI CPU_OFF). */
}

static void probe_foreign(bool hvc, const uint64_t *foreign,
			  uint64_t missing)
{
	const char *name = hvc ? "hvc" : "smc";
	enum smccc_conduit conduit = hvc ? SMCCC_HVC : SMCCC_SMC;
	uintptr_t entry = 0x40200000;	/* anything: it must not run */

	for (unsigned int i = 0; i < 2; i++)
		report(name, "CPU_ON", foreign[i], "another cell's CPU",
		       smccc_call(conduit, PSCI_CPU_ON_64, foreign[i], entry, 0));
	report(name, "CPU_ON", missing, "no such CPU",
	       smccc_call(conduit, PSCI_CPU_ON_64, missing, entry, 0));
	for (unsigned int i = 0; i < 2; i++)
		report(name, "AFFINITY_INFO", foreign[i],
		       "another cell's CPU",
		       smccc_call(conduit, PSCI_AFFINITY_INFO_64, foreign[i], 0,
				  0));
	report(name, "AFFINITY_INFO", missing, "no such CPU",
	       smccc_call(conduit, PSCI_AFFINITY_INFO_64, missing, 0, 0));
}

/* AFFINITY_INFO of @mpidr until it is OFF; the polls it took, or -1. */
static int wait_off(uint64_t mpidr)
{
	for (int polls = 1; polls <= PROBE_TIMEOUT_US / PROBE_POLL_US;
	     polls++) {
		if (psci_affinity_info(mpidr) == PSCI_AFFINITY_OFF)
			return polls;
		timer_delay_us(PROBE_POLL_US);
	}
	return -1;
}

static void probe_own(uint64_t second)
{
	unsigned int seen = sgis_seen;
	int32_t result;

	report("smc", "AFFINITY_INFO", second, "own CPU, before CPU_ON",
	       psci_affinity_info(second));
	result = cpu_start(second, second_cpu, NULL);
	report("smc", "CPU_ON", second, "own CPU", result);
	if (result != PSCI_SUCCESS)
		return;
	if (!wait_sgi(seen)) {
		console_printf("psci: own CPU sent no SGI\n");
		return;
	}
	report("smc", "AFFINITY_INFO", second, "own CPU, running",
	       psci_affinity_info(second));
	report("hvc", "CPU_ON", second, "own CPU, running",
	       smccc_call(SMCCC_HVC, PSCI_CPU_ON_64, second, 0x40200000, 0));
	gic_send_sgi(PROBE_SGI, second);
	if (wait_off(second) < 0)
		console_printf("psci: own CPU did not power off\n");
	report("smc", "AFFINITY_INFO", second, "own CPU, after CPU_OFF",
	       psci_affinity_info(second));
}

int inmate_main(void)
{
	static const char *const keys[] = { "probe", "delay_us", "foreign",
					    "foreign2", "missing", "second",
					    NULL };
	unsigned long probe, delay_us;
	uint64_t foreign[2], missing, second;

	params_check_keys(keys);
	probe = params_get_ulong("probe", 1, 0, 1);
	delay_us = params_get_ulong("delay_us", 0, 0, 1000000000);
	foreign[0] = params_get_ulong("foreign", 0x0, 0, MPIDR_AFFINITY_MASK);
	foreign[1] = params_get_ulong("foreign2", 0x1, 0,
				      MPIDR_AFFINITY_MASK);
	missing = params_get_ulong("missing", 0x7, 0, MPIDR_AFFINITY_MASK);
	second = params_get_ulong("second", 0x3, 0, MPIDR_AFFINITY_MASK);
	if (gic_init())
		runtime_panic("psci: no interrupt controller");
	irq_set_handler(PROBE_SGI, probe_sgi);
	gic_enable(PROBE_SGI);
	irq_set_handler(TIMER_VIRT_INTID, probe_timeout);
	gic_enable(TIMER_VIRT_INTID);
	console_printf("psci: cpu 0 mpidr=0x%llx, probe=%lu\n",
		       (unsigned long long)(cpu_mpidr() & MPIDR_AFFINITY_MASK),
		       probe);
	if (delay_us)
		timer_delay_us(delay_us);
	if (probe) {
		probe_foreign(false, foreign, missing);
		probe_foreign(true, foreign, missing);
		probe_own(second);
	}
	console_printf("psci: done\n");
	psci_system_off();
}
