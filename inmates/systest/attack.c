// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * attack: a hostile cell. It waits `delay_us` (so that the attack falls
 * half-way between two of the victim's ticks), then runs the attack kind,
 * or every kind of the group, named by `attack`:
 *
 *   delay_us=5180 pace_period=62500 pace_phase=154327 attack=calls_____
 *
 * pace_period and pace_phase are the victim's tick period and the phase
 * of its deadlines (taken modulo the period), in counter ticks (attack.h,
 * pacing): the attacks happen only while the victim sleeps.
 *
 * The last value is padded with '_' (cut off here) so that every image of
 * the suite has parameter strings of one length, and numbers keep their
 * digit count: the boot and this inmate's start execute the same
 * instructions in every run, and the victim's counter values can be
 * compared byte for byte with a control run (`attack=none`), which does
 * nothing but the same waiting.
 *
 * Each kind prints `RUN kind`, then `PASS kind checks=N` or `FAIL kind:
 * reason`; a kind whose expected outcome is a parked cell announces its
 * access (`attack: KIND: ... pc 0x..`) and makes it, and the test reads
 * the hypervisor's line. After the last kind: `attack: done`, then PSCI
 * SYSTEM_OFF. The kinds and their expected outcomes: docs/adversarial.md;
 * the boots: tests/system/adversarial_tests.py.
 */
#include <stddef.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "attack.h"
#include "attack_kinds.h"

static const struct attack_kind *const tables[] = {
	attack_mem_kinds, attack_gic_kinds, attack_sgi_kinds,
	attack_call_kinds, attack_sysreg_kinds, attack_cache_kinds,
	attack_cpu_kinds, attack_console_kinds,
};

static bool matches(const struct attack_kind *k, const char *name)
{
	const char *a = k->name, *b = name;

	while (*a && *a == *b)
		a++, b++;
	if (!*a && !*b)
		return true;
	if (!k->group)
		return false;
	for (a = k->group, b = name; *a && *a == *b; a++, b++)
		;
	return !*a && !*b;
}

int inmate_main(void)
{
	unsigned long delay_us;
	char name[40];
	unsigned int ran = 0, t;
	const struct attack_kind *k;

	/* Up to the wait, every run executes the same instructions. */
	attack_entry_snapshot();
	delay_us = params_get_ulong("delay_us", 0, 0, 100000000);
	pace_init(params_get_ulong("pace_period", 0, 0, 100000000),
		  params_get_ulong("pace_phase", 0, 0, 100000000));
	if (gic_init())
		runtime_panic("attack: no interrupt controller");
	attack_irq_init();
	if (delay_us && !attack_resetting())
		timer_delay_us(delay_us);

	console_printf("attack: start cntvct=%llu\n",
		       (unsigned long long)timer_counter());
	attack_param("attack", name, sizeof(name));
	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (k = tables[t]; k->name; k++)
			if (matches(k, name)) {
				k->run();
				ran++;
			}
	if (!ran && !(name[0] == 'n' && name[1] == 'o' && name[2] == 'n' &&
		      name[3] == 'e' && !name[4]))
		console_printf("FAIL attack: no attack kind or group '%s'\n",
			       name);
	console_printf("attack: done\n");
	psci_system_off();
}
