// SPDX-License-Identifier: GPL-2.0-only
/*
 * psci_edge: PSCI answers at the edges of the spec (ARM DEN 0022D).
 *
 * - CPU_ON and AFFINITY_INFO with a target that has a bit set outside
 *   the MPIDR affinity fields (bit 60) name no CPU: INVALID_PARAMETERS
 *   (5.1.4, 5.1.5), whether the affinity bits alone are another cell's
 *   CPU (0x0), this CPU (own) or this cell's CPU that is off (second).
 *   Such a CPU_ON must not start that CPU: AFFINITY_INFO of the plain
 *   MPIDR still says OFF afterwards.
 * - PSCI_FEATURES(SMCCC_ARCH_FEATURES) is NOT_SUPPORTED: PSCI_FEATURES
 *   answers for PSCI functions and SMCCC_VERSION only (PSCI 5.1.14), and
 *   SMCCC_ARCH_FEATURES, though implemented, is an Arm architecture call,
 *   not a PSCI function (Arm's own PSCI, TF-A, answers so too).
 *
 * Every call goes through SMC and HVC. One line per answer, then the
 * checks (in-QEMU test protocol, check.h): PASS psci-edge checks=N or
 * FAIL at the first wrong answer, then SYSTEM_OFF.
 *
 * Parameters:
 *   second    MPIDR of this cell's second CPU, left off (default 0x3)
 */
#include <stdbool.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/smccc.h>

#define STRAY_BIT (1ull << 60)
#define ANSWERS_MAX 16

struct answer {
	int64_t got;
	int64_t want;
};

static struct answer answers[ANSWERS_MAX];
static unsigned int answer_count;

/* Where a CPU started by mistake would go: nowhere. */
__asm__(".text\n"
	".global edge_parked\n"
	".type edge_parked, %function\n"
	"edge_parked:\n"
	"	msr	daifset, #0xf\n"
	"1:	wfi\n"
	"	b	1b\n");
void edge_parked(void);

static const char *answer_name(bool state, int64_t value)
{
	static const char *const states[] = { "ON", "OFF", "ON_PENDING" };

	if (state && value >= 0 && value <= 2)
		return states[value];
	return psci_error_name((int32_t)value);
}

static void ask(enum smccc_conduit conduit, const char *call,
		uint32_t function, uint64_t arg, const char *what,
		int64_t want)
{
	const char *name = conduit == SMCCC_HVC ? "hvc" : "smc";
	uintptr_t entry = (uintptr_t)edge_parked;
	int64_t got;

	if (function == PSCI_CPU_ON_64)
		got = smccc_call(conduit, function, arg, entry, 0);
	else
		got = smccc_call(conduit, function, arg, 0, 0);
	console_printf("psci_edge: %s %s 0x%llx (%s) -> %lld %s\n", name, call,
		       (unsigned long long)arg, what, (long long)got,
		       answer_name(function == PSCI_AFFINITY_INFO_64, got));
	if (answer_count < ANSWERS_MAX)
		answers[answer_count++] = (struct answer){ got, want };
}

int inmate_main(void)
{
	static const char *const keys[] = { "second", NULL };
	uint64_t own = cpu_mpidr() & MPIDR_AFFINITY_MASK;
	uint64_t second;

	params_check_keys(keys);
	second = params_get_ulong("second", 0x3, 0, MPIDR_AFFINITY_MASK);
	check_begin("psci-edge");
	for (unsigned int i = 0; i < 2; i++) {
		enum smccc_conduit c = i ? SMCCC_HVC : SMCCC_SMC;

		ask(c, "CPU_ON", PSCI_CPU_ON_64, STRAY_BIT, "bit 60, another "
		    "cell's CPU 0x0", PSCI_INVALID_PARAMETERS);
		ask(c, "CPU_ON", PSCI_CPU_ON_64, STRAY_BIT | second,
		    "bit 60, this cell's CPU that is off",
		    PSCI_INVALID_PARAMETERS);
		ask(c, "AFFINITY_INFO", PSCI_AFFINITY_INFO_64, STRAY_BIT,
		    "bit 60, another cell's CPU 0x0", PSCI_INVALID_PARAMETERS);
		ask(c, "AFFINITY_INFO", PSCI_AFFINITY_INFO_64, STRAY_BIT | own,
		    "bit 60, this CPU", PSCI_INVALID_PARAMETERS);
		ask(c, "PSCI_FEATURES", PSCI_FEATURES, SMCCC_ARCH_FEATURES,
		    "SMCCC_ARCH_FEATURES", PSCI_NOT_SUPPORTED);
	}
	ask(SMCCC_SMC, "AFFINITY_INFO", PSCI_AFFINITY_INFO_64, second,
	    "this cell's CPU, after the CPU_ONs above", PSCI_AFFINITY_OFF);
	for (unsigned int i = 0; i < answer_count; i++)
		CHECK_EQ(answers[i].got, answers[i].want);
	check_pass();
	psci_system_off();
}
