// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * smp: starts every other CPU it may use, one at a time. Each CPU probed
 * (MPIDR Aff0 0-7 next to the first CPU's) is asked AFFINITY_INFO; one
 * that is off gets PSCI CPU_ON, initialises its GIC CPU interface, prints
 * a line and answers with an SGI before it powers off again. Exercises
 * the runtime's secondary entry, per-CPU stacks, redistributor discovery
 * and SGIs. One CPU prints at a time, so the output is repeatable.
 *
 * Parameter: timeout_us (default 100000), how long to wait for each CPU.
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define SMP_SGI 1

static volatile unsigned int smp_arrived;
static volatile bool smp_timed_out;

static void smp_sgi(unsigned int intid)
{
	(void)intid;
	smp_arrived++;
}

static void smp_timeout(unsigned int intid)
{
	(void)intid;
	timer_disarm();
	smp_timed_out = true;
}

static void smp_secondary(void *arg)
{
	(void)arg;
	if (gic_init_cpu())
		return;
	console_printf("smp: cpu %u up: mpidr=0x%llx entered at EL%u, "
		       "running at EL%u, redistributor 0x%lx\n",
		       cpu_index(), (unsigned long long)cpu_mpidr(),
		       runtime_entry_el(), current_el(),
		       (unsigned long)gic_redistributor());
	gic_send_sgi(SMP_SGI, cpu_mpidr_of(0));
}

/* Starts @mpidr and waits for its SGI; true if it came in time. */
static bool smp_start_one(uint64_t mpidr, uint64_t timeout)
{
	unsigned int before = smp_arrived;
	int32_t status = cpu_start(mpidr, smp_secondary, NULL);

	if (status != PSCI_SUCCESS) {
		console_printf("smp: mpidr 0x%llx: CPU_ON failed: %s\n",
			       (unsigned long long)mpidr,
			       psci_error_name(status));
		return false;
	}
	smp_timed_out = false;
	timer_arm(timer_counter() + timeout);
	irq_mask();
	while (smp_arrived == before && !smp_timed_out)
		irq_wait();
	irq_unmask();
	timer_disarm();
	if (smp_arrived == before) {
		console_printf("smp: mpidr 0x%llx: no SGI within the timeout\n",
			       (unsigned long long)mpidr);
		return false;
	}
	return true;
}

int inmate_main(void)
{
	static const char *const keys[] = { "timeout_us", NULL };
	uint64_t self = cpu_mpidr() & MPIDR_AFFINITY_MASK;
	unsigned int up = 1, failed = 0;
	uint64_t timeout;

	params_check_keys(keys);
	timeout = timer_us_to_ticks(
		params_get_ulong("timeout_us", 100000, 1, 100000000));
	if (gic_init())
		runtime_panic("smp: no interrupt controller");
	irq_set_handler(SMP_SGI, smp_sgi);
	gic_enable(SMP_SGI);
	irq_set_handler(TIMER_VIRT_INTID, smp_timeout);
	gic_enable(TIMER_VIRT_INTID);
	console_printf("smp: cpu 0 mpidr=0x%llx\n",
		       (unsigned long long)cpu_mpidr());

	for (uint64_t aff0 = 0; aff0 < INMATE_MAX_CPUS; aff0++) {
		uint64_t mpidr = (self & ~0xffull) | aff0;
		int32_t state;

		if (mpidr == self)
			continue;
		state = psci_affinity_info(mpidr);
		if (state < 0) {
			console_printf("smp: mpidr 0x%llx: not available "
				       "(AFFINITY_INFO: %s)\n",
				       (unsigned long long)mpidr,
				       psci_error_name(state));
			continue;
		}
		if (state != PSCI_AFFINITY_OFF) {
			console_printf("smp: mpidr 0x%llx: not off (state "
				       "%d)\n",
				       (unsigned long long)mpidr, state);
			continue;
		}
		if (smp_start_one(mpidr, timeout))
			up++;
		else
			failed++;
	}
	console_printf("smp: %u cpus up, %u failed\n", up, failed);
	psci_system_off();
}
