// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpu_off: a cell that ends with PSCI CPU_OFF instead of SYSTEM_OFF. With
 * second=1 the cell first starts its second CPU, which powers itself off
 * (through the other conduit), and waits until AFFINITY_INFO says OFF:
 * the cell still runs. Then, after delay_us, the first CPU, now the
 * cell's last running one, calls CPU_OFF: the hypervisor is expected to
 * stop the cell as if it had called SYSTEM_OFF, with its own line.
 *
 * In-QEMU test protocol (check.h): RUN cpu-off, its checks (the call is
 * a PSCI feature, this CPU is ON, the second CPU started and went OFF),
 * PASS cpu-off checks=N, then one line announcing the last CPU_OFF. What
 * happens then is the hypervisor's to say; should CPU_OFF return, the
 * inmate prints FAIL and powers off.
 *
 * Parameters:
 *   hvc       1: the first CPU's CPU_OFF through HVC, else SMC (default 0)
 *   second    1: start the second CPU first (default 0)
 *   delay_us  wait before the last CPU_OFF (default 0)
 *   mpidr     MPIDR of the cell's second CPU (default 0x3)
 */
#include <stdbool.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/smccc.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>
#include <inmate/wait.h>

#define SIGNAL_SGI 1
#define WAIT_US 100000
#define POLL_US 10

static volatile unsigned int signals;
static enum smccc_conduit conduit;

static const char *conduit_name(enum smccc_conduit c)
{
	return c == SMCCC_HVC ? "hvc" : "smc";
}

static void on_signal(unsigned int intid)
{
	(void)intid;
	signals++;
}

/* The second CPU: tell the first, then CPU_OFF through the other
 * conduit. */
static void second_cpu(void *arg)
{
	enum smccc_conduit other = conduit == SMCCC_HVC ? SMCCC_SMC : SMCCC_HVC;

	(void)arg;
	if (gic_init_cpu() == 0)
		gic_send_sgi(SIGNAL_SGI, cpu_mpidr_of(0));
	smccc_call(other, PSCI_CPU_OFF, 0, 0, 0);
	console_printf("FAIL cpu-off: CPU_OFF on cpu %u returned\n",
		       cpu_index());
	psci_system_off();
}

static void run_second(uint64_t mpidr)
{
	unsigned int seen = signals;
	unsigned int polls;

	CHECK_EQ(cpu_start(mpidr, second_cpu, NULL), PSCI_SUCCESS);
	if (!wait_change(&signals, seen, WAIT_US))
		check_fail("timeout: mpidr 0x%llx did not run within %u us",
			   (unsigned long long)mpidr, WAIT_US);
	for (polls = 0; polls < WAIT_US / POLL_US; polls++) {
		if (psci_affinity_info(mpidr) == PSCI_AFFINITY_OFF)
			break;
		timer_delay_us(POLL_US);
	}
	CHECK_EQ(psci_affinity_info(mpidr), PSCI_AFFINITY_OFF);
	console_printf("cpu_off: cpu 1 (mpidr 0x%llx) powered itself off via "
		       "%s; AFFINITY_INFO says OFF\n", (unsigned long long)mpidr,
		       conduit_name(conduit == SMCCC_HVC ? SMCCC_SMC
							  : SMCCC_HVC));
}

int inmate_main(void)
{
	static const char *const keys[] = { "hvc", "second", "delay_us",
					    "mpidr", NULL };
	uint64_t self = cpu_mpidr() & MPIDR_AFFINITY_MASK;
	unsigned long second, delay_us;
	uint64_t mpidr;
	int64_t result;

	params_check_keys(keys);
	conduit = params_get_ulong("hvc", 0, 0, 1) ? SMCCC_HVC : SMCCC_SMC;
	second = params_get_ulong("second", 0, 0, 1);
	delay_us = params_get_ulong("delay_us", 0, 0, 1000000000);
	mpidr = params_get_ulong("mpidr", 0x3, 0, MPIDR_AFFINITY_MASK);
	check_begin("cpu-off");
	if (gic_init())
		check_fail("no interrupt controller");
	irq_set_handler(SIGNAL_SGI, on_signal);
	gic_enable(SIGNAL_SGI);
	wait_init();
	console_printf("cpu_off: cpu 0 mpidr=0x%llx, second=%lu, last CPU_OFF "
		       "via %s\n", (unsigned long long)self, second,
		       conduit_name(conduit));
	CHECK_EQ(smccc_call(conduit, PSCI_FEATURES, PSCI_CPU_OFF, 0, 0),
		 PSCI_SUCCESS);
	CHECK_EQ(psci_affinity_info(self), PSCI_AFFINITY_ON);
	if (second)
		run_second(mpidr);
	if (delay_us)
		timer_delay_us(delay_us);
	check_pass();
	console_printf("cpu_off: CPU_OFF via %s on the cell's last running "
		       "CPU\n", conduit_name(conduit));
	result = smccc_call(conduit, PSCI_CPU_OFF, 0, 0, 0);
	check_fail("CPU_OFF returned %lld", (long long)result);
}
