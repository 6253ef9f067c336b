// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * smccc_wa1: SMCCC_ARCH_WORKAROUND_1 (branch-predictor invalidation,
 * CVE-2017-5715) as an operating system uses it: ask SMCCC_ARCH_FEATURES
 * over both conduits, and, if it answers 0, call the workaround over both.
 * The hypervisor offers it on a CPU that needs it when the firmware
 * implements it, and forwards each call (docs/hypervisor.md); the system
 * tests count the calls that reach the firmware (fakefw.S).
 *
 *   smccc_wa1: SMCCC_VERSION 0x10001
 *   smccc_wa1: ARCH_FEATURES(ARCH_WORKAROUND_1): R over smc, R over hvc
 *   smccc_wa1: ARCH_WORKAROUND_1 called over smc and hvc  (or: not called)
 *
 * With `pend=N`, it then enables its SPI N, makes it pending through the
 * distributor and unmasks IRQs for 100 us (`smccc_wa1: SPI N taken T
 * times`). Then SYSTEM_OFF.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/smccc.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define GICD_ISPENDR 0x08000200ul

static volatile unsigned int taken;

static void on_spi(unsigned int intid)
{
	(void)intid;
	taken++;
}

int inmate_main(void)
{
	static const char *const keys[] = { "pend", NULL };
	int64_t smc, hvc;
	unsigned long pend;
	uint64_t deadline;

	params_check_keys(keys);
	pend = params_get_ulong("pend", 0, 0, 1019);
	console_printf("smccc_wa1: SMCCC_VERSION 0x%llx\n",
		       (unsigned long long)smccc_call(SMCCC_HVC, SMCCC_VERSION,
						      0, 0, 0));
	smc = smccc_call(SMCCC_SMC, SMCCC_ARCH_FEATURES,
			 SMCCC_ARCH_WORKAROUND_1, 0, 0);
	hvc = smccc_call(SMCCC_HVC, SMCCC_ARCH_FEATURES,
			 SMCCC_ARCH_WORKAROUND_1, 0, 0);
	console_printf("smccc_wa1: ARCH_FEATURES(ARCH_WORKAROUND_1): %lld over "
		       "smc, %lld over hvc\n", (long long)smc, (long long)hvc);
	if (smc == 0 && hvc == 0) {
		smccc_call(SMCCC_SMC, SMCCC_ARCH_WORKAROUND_1, 0, 0, 0);
		smccc_call(SMCCC_HVC, SMCCC_ARCH_WORKAROUND_1, 0, 0, 0);
		console_printf("smccc_wa1: ARCH_WORKAROUND_1 called over smc "
			       "and hvc\n");
	} else {
		console_printf("smccc_wa1: ARCH_WORKAROUND_1 not called\n");
	}
	if (pend >= 32) {
		if (gic_init())
			runtime_panic("smccc_wa1: no interrupt controller");
		irq_set_handler((unsigned int)pend, on_spi);
		gic_enable((unsigned int)pend);
		mmio_write32(GICD_ISPENDR + 4 * (pend / 32), 1u << (pend % 32));
		irq_unmask();
		deadline = timer_counter() + timer_us_to_ticks(100);
		while (timer_counter() < deadline)
			__asm__ __volatile__("yield" ::: "memory");
		irq_mask();
		console_printf("smccc_wa1: SPI %lu taken %u times\n", pend,
			       taken);
	}
	return 0;
}
