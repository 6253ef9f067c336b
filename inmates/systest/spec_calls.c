// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * spec_calls: the SMCCC 1.1 (ARM DEN 0028) and PSCI 1.1 (ARM DEN 0022D/E)
 * answers a stock OS relies on, from a cell of two CPUs
 * (tests/system/spec_tests.py, docs/hypervisor.md):
 *
 *   - unknown function IDs of every kind (SMC32 and SMC64, fast and
 *     yielding, several owners: TRNG_VERSION, a vendor hypervisor number,
 *     SiP, OEM, trusted OS, reserved bits set...), over HVC and SMC:
 *     NOT_SUPPORTED (-1) in all of x0, x1-x17 as they were;
 *   - the vendor hypervisor service over HVC: CALL_UID is cellblock's
 *     UUID in x0-x3 (not KVM's), CALL_COUNT and REVISION; over SMC none;
 *   - SMCCC_VERSION 1.1, SMCCC_ARCH_FEATURES (QEMU's firmware has no
 *     workaround services: -1 for all three, 0 for SMCCC_VERSION);
 *   - PSCI_VERSION 1.1, PSCI_FEATURES of every PSCI function number (0 for
 *     those implemented, -1 for the rest, each of which answers -1 when
 *     called), MIGRATE_INFO_TYPE 2;
 *   - CPU_SUSPEND, standby over HVC and power-down over SMC, with IRQs
 *     masked and the virtual timer armed: returns SUCCESS once the timer
 *     fired, not before; the timer interrupt is then taken when unmasked;
 *     a power_state with reserved bits: INVALID_PARAMETERS;
 *   - SYSTEM_RESET2 with vendor-specific or reserved reset types:
 *     INVALID_PARAMETERS; CPU_ON of another cell's CPU:
 *     INVALID_PARAMETERS; outside the cell: INVALID_ADDRESS; of itself:
 *     ALREADY_ON; AFFINITY_INFO above level 0: INVALID_PARAMETERS.
 *
 * In-QEMU test protocol (check.h): RUN spec-calls, PASS spec-calls
 * checks=N, then SYSTEM_OFF.
 *
 * Parameters:
 *   second    MPIDR of the cell's second CPU (default 0x2)
 *   foreign   MPIDR of another cell's CPU (default 0x0)
 */
#include <stdbool.h>

#include <hw/smccc.h>
#include <inmate/check.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/irq.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define NOT_SUPPORTED 0xffffffffffffffffull
#define PATTERN(i) (0x5a5a000000000000ull | ((uint64_t)(i) << 8) | (i))
#define SUSPEND_US 300

/* x0-x17 around one call. */
struct regs {
	uint64_t x[18];
};

/* raw_call(regs, smc): x0-x17 from @regs, HVC #0 (or SMC #0 when smc is
   not 0), x0-x17 back into @regs. x19 holds @regs across the call:
   SMCCC preserves x18-x30. */
__asm__(".pushsection .text\n"
	".balign 4\n"
	"raw_call:\n"
	"	stp x19, x30, [sp, #-16]!\n"
	"	mov x19, x0\n"
	"	mov x9, x1\n"
	"	ldp x2, x3, [x19, #16]\n"
	"	ldp x4, x5, [x19, #32]\n"
	"	ldp x6, x7, [x19, #48]\n"
	"	ldp x10, x11, [x19, #80]\n"
	"	ldp x12, x13, [x19, #96]\n"
	"	ldp x14, x15, [x19, #112]\n"
	"	ldp x16, x17, [x19, #128]\n"
	"	ldp x0, x1, [x19, #0]\n"
	"	cbnz x9, 1f\n"
	"	ldp x8, x9, [x19, #64]\n"
	"	hvc #0\n"
	"	b 2f\n"
	"1:	ldp x8, x9, [x19, #64]\n"
	"	smc #0\n"
	"2:	stp x0, x1, [x19, #0]\n"
	"	stp x2, x3, [x19, #16]\n"
	"	stp x4, x5, [x19, #32]\n"
	"	stp x6, x7, [x19, #48]\n"
	"	stp x8, x9, [x19, #64]\n"
	"	stp x10, x11, [x19, #80]\n"
	"	stp x12, x13, [x19, #96]\n"
	"	stp x14, x15, [x19, #112]\n"
	"	stp x16, x17, [x19, #128]\n"
	"	ldp x19, x30, [sp], #16\n"
	"	ret\n"
	".popsection\n");
void raw_call(struct regs *r, uint64_t smc);

static const char *const conduits[2] = { "smc", "hvc" };

/* One counted check with a message naming the call. */
static void expect(bool ok, bool hvc, uint64_t fn, const char *what,
		   uint64_t got, uint64_t want)
{
	if (!ok)
		check_fail("%s 0x%08llx: %s 0x%llx, expected 0x%llx",
			   conduits[hvc], (unsigned long long)fn, what,
			   (unsigned long long)got, (unsigned long long)want);
	CHECK_EQ(ok, true);
}

/* @fn with x1-x3 = @a1-@a3 and x4-x17 a pattern; checks that x from
   @kept up to x17 come back as they went in. Returns the registers. */
static struct regs call(bool hvc, uint64_t fn, uint64_t a1, uint64_t a2,
			uint64_t a3, unsigned int kept)
{
	struct regs r, in;
	unsigned int i, changed = 0;

	for (i = 0; i < 18; i++)
		r.x[i] = PATTERN(i);
	r.x[0] = fn;
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	in = r;
	raw_call(&r, !hvc);
	for (i = kept; i < 18; i++)
		if (r.x[i] != in.x[i] && !changed++)
			expect(false, hvc, fn, i < 4 ? "changed x1-x3 to" :
			       "changed x4-x17 to", r.x[i], in.x[i]);
	CHECK_EQ(changed, 0);
	return r;
}

/* x0 of @fn; x1-x17 must be kept (the call returns one value). */
static uint64_t call1(bool hvc, uint64_t fn, uint64_t a1, uint64_t a2,
		      uint64_t a3)
{
	return call(hvc, fn, a1, a2, a3, 1).x[0];
}

static void expect1(bool hvc, uint64_t fn, uint64_t a1, uint64_t a2,
		    uint64_t want)
{
	uint64_t got = call1(hvc, fn, a1, a2, 0);
	bool is32 = !(fn & SMCCC_64);

	expect(is32 && want != NOT_SUPPORTED ? (uint32_t)got == (uint32_t)want
					     : got == want,
	       hvc, fn, "returned", got, want);
}

static void unknown_ids(void)
{
	static const uint32_t ids[] = {
		TRNG_VERSION, TRNG_FEATURES, TRNG_GET_UUID, TRNG_RND_32,
		TRNG_RND_64, 0x8600beefu, 0x8600ff02u, 0xc600ff01u,
		0xc6000000u, 0x0600ff01u, 0x06000000u, 0x84000020u,
		0xc4000050u, 0x04000000u, 0x44000003u, SMCCC_ARCH_SOC_ID,
		0xc0000000u, 0x8000ff01u, 0x80ff0000u, 0x84ff0000u,
		0x8601ff01u, 0x81000000u, 0x8200ff01u, 0xc2000001u,
		0x83000000u, 0x85000000u, 0x8500ff01u, 0xb000ff01u,
		0xbf00ff01u, 0x32000000u, 0x7f000000u, 0xffffffffu,
	};
	unsigned int i, hvc;

	for (hvc = 0; hvc < 2; hvc++)
		for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
			expect1(hvc, ids[i], PATTERN(1), PATTERN(2),
				NOT_SUPPORTED);
	/* The vendor hypervisor service and the hypercalls: HVC only. */
	expect1(false, VENDOR_HYP_CALL_UID, 0, 0, NOT_SUPPORTED);
	expect1(false, VENDOR_HYP_CALL_COUNT, 0, 0, NOT_SUPPORTED);
	expect1(false, VENDOR_HYP_REVISION, 0, 0, NOT_SUPPORTED);
	expect1(false, CB_HC_GET_INFO, 0, 0, NOT_SUPPORTED);
}

static void vendor_hyp(void)
{
	static const uint32_t uid[4] = { CB_HC_UID_0, CB_HC_UID_1, CB_HC_UID_2,
					 CB_HC_UID_3 };
	struct regs r = call(true, VENDOR_HYP_CALL_UID, 0, 0, 0, 4);
	unsigned int i;

	for (i = 0; i < 4; i++)
		expect(r.x[i] == uid[i], true, VENDOR_HYP_CALL_UID,
		       "returned a UID word", r.x[i], uid[i]);
	/* KVM's UID, 28b46fb6-2ec5-11e9-a9ca-4b564d003a74: not ours. */
	CHECK_EQ(r.x[0] != 0xb66fb428u, true);
	expect1(true, VENDOR_HYP_CALL_COUNT, 0, 0, CB_HC_CALL_COUNT);
	r = call(true, VENDOR_HYP_REVISION, 0, 0, 0, 2);
	expect(r.x[0] == CB_HC_REVISION_MAJOR && r.x[1] == CB_HC_REVISION_MINOR,
	       true, VENDOR_HYP_REVISION, "returned major", r.x[0],
	       CB_HC_REVISION_MAJOR);
	expect1(true, CB_HC_GET_INFO, 0, 0, CB_HC_INFO_MAGIC);
}

static void arch_calls(bool hvc)
{
	expect1(hvc, SMCCC_VERSION, 0, 0, SMCCC_VERSION_1_1);
	expect1(hvc, SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0);
	expect1(hvc, SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0,
		NOT_SUPPORTED);
	expect1(hvc, SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2, 0,
		NOT_SUPPORTED);
	expect1(hvc, SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_3, 0,
		NOT_SUPPORTED);
	expect1(hvc, SMCCC_ARCH_FEATURES, SMCCC_ARCH_SOC_ID, 0, NOT_SUPPORTED);
	expect1(hvc, SMCCC_ARCH_WORKAROUND_2, 1, 0, NOT_SUPPORTED);
}

/* PSCI functions implemented, by number: 32-bit IDs, then 64-bit. */
static bool implemented(uint32_t fn)
{
	static const uint32_t ids[] = {
		PSCI_VERSION, PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64,
		PSCI_CPU_OFF, PSCI_CPU_ON_32, PSCI_CPU_ON_64,
		PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64,
		PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET,
		PSCI_FEATURES, PSCI_SYSTEM_RESET2_32, PSCI_SYSTEM_RESET2_64,
	};
	unsigned int i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i] == fn)
			return true;
	return false;
}

/* Every PSCI number, both widths: PSCI_FEATURES 0 or -1, and the
   unimplemented ones answer -1 themselves. */
static void psci_features(bool hvc)
{
	unsigned int n, wide;
	uint32_t fn;

	expect1(hvc, PSCI_VERSION, 0, 0, PSCI_VERSION_1_1);
	expect1(hvc, PSCI_MIGRATE_INFO_TYPE, 0, 0, PSCI_TOS_NOT_PRESENT_MP);
	for (wide = 0; wide < 2; wide++)
		for (n = 0; n < 0x20; n++) {
			fn = PSCI_FN_FIRST + n + (wide ? SMCCC_64 : 0);
			expect1(hvc, PSCI_FEATURES, fn, 0,
				implemented(fn) ? 0 : NOT_SUPPORTED);
			if (!implemented(fn))
				expect1(hvc, fn, 0, 0, NOT_SUPPORTED);
		}
	expect1(hvc, PSCI_FEATURES, SMCCC_VERSION, 0, 0);
	expect1(hvc, PSCI_FEATURES, SMCCC_ARCH_FEATURES, 0, NOT_SUPPORTED);
	expect1(hvc, PSCI_FEATURES, TRNG_VERSION, 0, NOT_SUPPORTED);
}

static void psci_refusals(bool hvc, uint64_t second, uint64_t foreign)
{
	static const uint32_t reset_types[] = { 0x80000000u, 0x8000deadu,
						0xffffffffu, 1, 0x7fffffffu };
	unsigned int i;

	for (i = 0; i < sizeof(reset_types) / sizeof(reset_types[0]); i++) {
		expect1(hvc, PSCI_SYSTEM_RESET2_32, reset_types[i], 0,
			(uint64_t)PSCI_INVALID_PARAMETERS);
		expect1(hvc, PSCI_SYSTEM_RESET2_64, reset_types[i], 0,
			(uint64_t)PSCI_INVALID_PARAMETERS);
	}
	expect1(hvc, PSCI_CPU_ON_64, foreign, 0x40200000, (uint64_t)
		PSCI_INVALID_PARAMETERS);
	expect1(hvc, PSCI_CPU_ON_32, foreign, 0x40200000, (uint64_t)
		PSCI_INVALID_PARAMETERS);
	expect1(hvc, PSCI_CPU_ON_64, second, 0x0, (uint64_t)
		PSCI_INVALID_ADDRESS);
	expect1(hvc, PSCI_CPU_ON_64, cpu_mpidr() & 0xff00ffffffull, 0x40200000,
		(uint64_t)PSCI_ALREADY_ON);
	expect1(hvc, PSCI_AFFINITY_INFO_64, second, 1, (uint64_t)
		PSCI_INVALID_PARAMETERS);
	expect1(hvc, PSCI_AFFINITY_INFO_64, foreign, 0, (uint64_t)
		PSCI_INVALID_PARAMETERS);
	expect1(hvc, PSCI_AFFINITY_INFO_64, second, 0, PSCI_AFFINITY_OFF);
	expect1(hvc, PSCI_CPU_SUSPEND_32, 0x80000000u, 0, (uint64_t)
		PSCI_INVALID_PARAMETERS);
	expect1(hvc, PSCI_CPU_SUSPEND_64, 0x00020000u, 0, (uint64_t)
		PSCI_INVALID_PARAMETERS);
}

static volatile unsigned int timer_irqs;

static void on_timer(unsigned int intid)
{
	(void)intid;
	timer_disarm();
	timer_irqs++;
}

/*
 * CPU_SUSPEND with IRQs masked and the virtual timer armed SUSPEND_US
 * ahead: it returns SUCCESS, and only once the deadline has passed (a
 * call that returned at once would be early); the interrupt is taken
 * after the return, when the cell unmasks it.
 */
static void suspend(bool hvc, uint32_t power_state)
{
	uint64_t deadline, now;
	unsigned int before = timer_irqs;
	struct regs r;

	irq_mask();
	deadline = timer_counter() + timer_us_to_ticks(SUSPEND_US);
	timer_arm(deadline);
	r = call(hvc, PSCI_CPU_SUSPEND_64, power_state, 0x40200000, 0x1234, 1);
	now = timer_counter();
	expect(r.x[0] == PSCI_SUCCESS, hvc, PSCI_CPU_SUSPEND_64, "returned",
	       r.x[0], PSCI_SUCCESS);
	expect(now >= deadline, hvc, PSCI_CPU_SUSPEND_64,
	       "returned before the wake-up interrupt, at counter", now,
	       deadline);
	CHECK_EQ(timer_irqs, before);	/* masked: not taken yet */
	irq_unmask();
	while (timer_irqs == before && timer_counter() < deadline + 62500)
		__asm__ __volatile__("yield" ::: "memory");
	irq_mask();
	CHECK_EQ(timer_irqs, before + 1);
}

int inmate_main(void)
{
	static const char *const keys[] = { "second", "foreign", NULL };
	uint64_t second, foreign;
	unsigned int hvc;

	params_check_keys(keys);
	second = params_get_ulong("second", 2, 0, ~0ul);
	foreign = params_get_ulong("foreign", 0, 0, ~0ul);
	check_begin("spec-calls");
	unknown_ids();
	vendor_hyp();
	for (hvc = 0; hvc < 2; hvc++) {
		arch_calls(hvc);
		psci_features(hvc);
		psci_refusals(hvc, second, foreign);
	}
	if (gic_init())
		check_fail("no interrupt controller");
	irq_set_handler(TIMER_VIRT_INTID, on_timer);
	gic_enable(TIMER_VIRT_INTID);
	suspend(true, 0);				/* standby */
	suspend(false, PSCI_POWER_STATE_TYPE_POWERDOWN);
	suspend(true, PSCI_POWER_STATE_TYPE_POWERDOWN | 0x01000000u | 0x2);
	check_pass();
	return 0;
}
