// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks through HVC and SMC: PSCI (ARM DEN 0022D) with hostile
 * arguments, SMCCC (ARM DEN 0028) function IDs of every range, and
 * cellblock's hypercalls (include/cellblock/hypercall.h). Group "calls";
 * alone: HVC and SMC with a non-zero immediate (parked), and CPU_ON with
 * an entry point outside the cell.
 *
 * Every call of the group answers with an error code (or its result);
 * none may end, reset or park the cell, or reach another cell's CPU.
 *
 * Past 500 lines: one kind per PSCI or SMCCC function family, each a
 * short list of hostile arguments with the answer they must get.
 */
#include <inmate/console.h>
#include <inmate/hypercall.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "attack_kinds.h"

#define OWN_ENTRY 0x40200000ull		/* this image: a valid entry */
#define OUTSIDE ((uint64_t)CELL_TOP)	/* past the cell's memory */
#define GARBAGE 0xa5a5a5a5a5a5a5a5ull

static const char *const conduit_names[2] = { "smc", "hvc" };

/* The result of a 32-bit (SMC32) call is W0: compare 32 bits. */
static bool is_32(uint64_t fn)
{
	return !(fn & 0x40000000u);
}

static bool result_is(uint64_t fn, int64_t got, int64_t want)
{
	return is_32(fn) ? (int32_t)got == (int32_t)want : got == want;
}

/* One call with a check of its result. */
static void expect(bool hvc, uint64_t fn, uint64_t a1, uint64_t a2,
		   uint64_t a3, int64_t want)
{
	int64_t got = call3(hvc, fn, a1, a2, a3);

	kind_check(result_is(fn, got, want), "%s 0x%llx (0x%llx, 0x%llx, "
		   "0x%llx) returned %lld, expected %lld",
		   conduit_names[hvc], (unsigned long long)fn,
		   (unsigned long long)a1, (unsigned long long)a2,
		   (unsigned long long)a3, (long long)got, (long long)want);
}

/* Another cell's CPU does not exist for the cell: INVALID_PARAMETERS
   (PSCI 1.1 lists no DENIED among CPU_ON's answers). */
static void cpu_on_foreign(void)
{
	static const uint64_t entries[] = { OWN_ENTRY, 0, ~0ull, OUTSIDE };
	unsigned int hvc, target, e;

	kind_begin("psci-cpu-on-foreign");
	for (hvc = 0; hvc < 2; hvc++)
		for (target = 0; target < 2; target++)
			for (e = 0; e < 4; e++) {
				expect(hvc, FN_CPU_ON_64, target, entries[e],
				       GARBAGE, RET_INVALID_PARAMETERS);
				expect(hvc, FN_CPU_ON_32, target, entries[e],
				       GARBAGE, RET_INVALID_PARAMETERS);
			}
	kind_end();
}

/* MPIDRs with bits outside Aff3-Aff0, or affinities no CPU has. */
static const uint64_t bad_mpidrs[] = {
	~0ull, (1ull << 63) | 2, (1ull << 63) | 3, 0x80000003ull,
	0x01000003ull, 0x40000003ull, 0xff00000003ull, 0x10000000003ull,
	0x7, 0xff, 0x102, 0x10002, 0x100000002ull, 0xffffffff00000000ull,
};

static void cpu_on_garbage_mpidr(void)
{
	unsigned int hvc, i;

	kind_begin("psci-garbage-mpidr");
	for (hvc = 0; hvc < 2; hvc++) {
		for (i = 0; i < sizeof(bad_mpidrs) / sizeof(bad_mpidrs[0]);
		     i++) {
			expect(hvc, FN_CPU_ON_64, bad_mpidrs[i], OWN_ENTRY, 0,
			       RET_INVALID_PARAMETERS);
			expect(hvc, FN_AFFINITY_INFO_64, bad_mpidrs[i], 0, 0,
			       RET_INVALID_PARAMETERS);
		}
		expect(hvc, FN_CPU_ON_32, 0x80000003ull, OWN_ENTRY, 0,
		       RET_INVALID_PARAMETERS);
		expect(hvc, FN_CPU_ON_32, 0x7, OWN_ENTRY, 0,
		       RET_INVALID_PARAMETERS);
	}
	kind_end();
}

/*
 * CPU 2's first instruction if CPU_ON of itself restarted it: says so on
 * the console (MMU off: the UART's data register directly) and ends.
 */
__asm__(".pushsection .text\n"
	".balign 8\n"
	"reentry_stub:\n"
	"	movz x1, #0x0900, lsl #16\n"
	"	adr x2, reentry_text\n"
	"1:	ldrb w3, [x2], #1\n"
	"	cbz w3, 2f\n"
	"	str w3, [x1]\n"
	"	b 1b\n"
	"2:	movz w0, #0x0008\n"
	"	movk w0, #0x8400, lsl #16\n"
	"	smc #0\n"
	"3:	wfi\n"
	"	b 3b\n"
	"reentry_text:\n"
	"	.asciz \"FAIL psci-cpu-on-running: CPU_ON of the calling CPU "
	"restarted it at the entry point given\\n\"\n"
	".popsection");
extern char reentry_stub[];

/* PSCI CPU_ON of a CPU that is on answers ALREADY_ON, the
   calling CPU included (alone: a CPU_ON that restarts the caller ends
   the boot). */
static void cpu_on_self(void)
{
	uint64_t entry = (uint64_t)(uintptr_t)reentry_stub;
	unsigned int hvc;

	kind_begin("psci-cpu-on-running");
	for (hvc = 0; hvc < 2; hvc++) {
		expect(hvc, FN_CPU_ON_64, 0x2, entry, GARBAGE, RET_ALREADY_ON);
		expect(hvc, FN_CPU_ON_32, 0xffffffff00000002ull, entry, 0,
		       RET_ALREADY_ON);
	}
	kind_end();
}

static void affinity_levels(void)
{
	static const uint64_t levels[] = { 1, 2, 3, 4, 0xff, 1ull << 32,
					   ~0ull };
	unsigned int hvc, i;

	kind_begin("psci-affinity-info-levels");
	for (hvc = 0; hvc < 2; hvc++) {
		expect(hvc, FN_AFFINITY_INFO_64, 0x2, 0, GARBAGE,
		       PSCI_AFFINITY_ON);
		expect(hvc, FN_AFFINITY_INFO_64, 0x3, 0, GARBAGE,
		       PSCI_AFFINITY_OFF);
		expect(hvc, FN_AFFINITY_INFO_32, 0x3, 0, GARBAGE,
		       PSCI_AFFINITY_OFF);
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			expect(hvc, FN_AFFINITY_INFO_64, 0x2, levels[i], 0,
			       RET_INVALID_PARAMETERS);
		expect(hvc, FN_AFFINITY_INFO_64, 0x0, 0, 0,
		       RET_INVALID_PARAMETERS);
		expect(hvc, FN_AFFINITY_INFO_64, 0x1, 0, 0,
		       RET_INVALID_PARAMETERS);
	}
	kind_end();
}

/*
 * SMC32/HVC32 functions take their arguments in W1-W7 (SMCCC, the 32-bit
 * calling convention); the
 * upper halves of X1-X7 are not part of the call (TF-A's PSCI handler
 * and KVM clear them): AFFINITY_INFO_32 of CPU 2 at level 0 with garbage
 * above the low words is CPU 2 at level 0.
 */
static void affinity_32_narrow(void)
{
	unsigned int hvc;

	kind_begin("psci-affinity-info-32-upper-bits");
	for (hvc = 0; hvc < 2; hvc++) {
		expect(hvc, FN_AFFINITY_INFO_32, 0xffffffff00000002ull,
		       0xffffffff00000000ull, 0, PSCI_AFFINITY_ON);
		expect(hvc, FN_AFFINITY_INFO_32, 0x2, 0x100000000ull, 0,
		       PSCI_AFFINITY_ON);
	}
	kind_end();
}

/* CPU 3's first instruction at CPU_ON (MMU off, EL1): stores x0, its
   context, where CPU 2 reads it, then CPU_OFF. */
__asm__(".pushsection .text\n"
	".balign 8\n"
	"context_stub:\n"
	"	adrp x1, stub_context\n"
	"	add x1, x1, :lo12:stub_context\n"
	"	str x0, [x1]\n"
	"	dc civac, x1\n"
	"	dsb sy\n"
	"	movz w0, #0x0002\n"
	"	movk w0, #0x8400, lsl #16\n"
	"	smc #0\n"
	"1:	wfi\n"
	"	b 1b\n"
	".popsection");
extern char context_stub[];
volatile uint64_t stub_context;

/*
 * CPU_ON_32's entry point and context ID are W2 and W3: the upper halves
 * are not the caller's (the SMC32 convention), so CPU 3 starts at the
 * low word of
 * X2 with X0 = the low word of X3.
 */
static void cpu_on_32_narrow(void)
{
	uint64_t entry = (uint64_t)(uintptr_t)context_stub;
	int64_t result;
	unsigned int i;

	kind_begin("psci-cpu-on-32-upper-bits");
	stub_context = 0;
	__asm__ __volatile__("dc civac, %0\n dsb sy" : : "r"(&stub_context)
			     : "memory");
	result = call3(false, FN_CPU_ON_32, 0xdead000000000003ull,
		       0xbeef000000000000ull | entry, 0xfeed000000000007ull);
	kind_check((int32_t)result == RET_SUCCESS, "CPU_ON_32 of CPU 3 "
		   "returned %d", (int32_t)result);
	for (i = 0; i < 200 && !stub_context; i++) {
		wait_us(50);
		__asm__ __volatile__("dc civac, %0\n dsb sy"
				     : : "r"(&stub_context) : "memory");
	}
	kind_check(stub_context == 7, "CPU 3 started with x0 = 0x%llx, "
		   "expected 0x7 (the context ID in W3)",
		   (unsigned long long)stub_context);
	kind_check(second_wait_off(), "CPU 3 did not power off");
	kind_end();
}

static void features(void)
{
	static const uint32_t listed[] = {
		FN_PSCI_VERSION, FN_CPU_OFF, FN_CPU_ON_32, FN_CPU_ON_64,
		FN_AFFINITY_INFO_32, FN_AFFINITY_INFO_64, FN_SYSTEM_OFF,
		FN_SYSTEM_RESET, FN_PSCI_FEATURES, FN_MIGRATE_INFO_TYPE,
		FN_SYSTEM_RESET2_32, FN_SYSTEM_RESET2_64, FN_SMCCC_VERSION,
	};
	/* PSCI_FEATURES answers for PSCI functions and SMCCC_VERSION
	   only: SMCCC_ARCH_FEATURES is not one of them. */
	static const uint64_t unknown[] = {
		0, ~0ull, 0x84000020, 0xc4000020, 0x86000000, 0x86000001,
		0x04000000, 0x8400ffff, 0xbf000000, 0xffffffff,
		FN_SMCCC_ARCH_FEATURES,
	};
	unsigned int hvc, i;

	kind_begin("psci-features-hostile");
	for (hvc = 0; hvc < 2; hvc++) {
		for (i = 0; i < sizeof(listed) / sizeof(listed[0]); i++) {
			expect(hvc, FN_PSCI_FEATURES, listed[i], GARBAGE,
			       GARBAGE, RET_SUCCESS);
			/* PSCI_FEATURES is SMC32: W1 is the function. */
			expect(hvc, FN_PSCI_FEATURES,
			       0xffffffff00000000ull | listed[i], 0, 0,
			       RET_SUCCESS);
		}
		for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
			expect(hvc, FN_PSCI_FEATURES, unknown[i], GARBAGE, 0,
			       RET_NOT_SUPPORTED);
	}
	kind_end();
}

static void migrate(void)
{
	unsigned int hvc;

	kind_begin("psci-migrate");
	for (hvc = 0; hvc < 2; hvc++) {
		expect(hvc, FN_MIGRATE_INFO_TYPE, GARBAGE, GARBAGE, GARBAGE, 2);
		expect(hvc, FN_MIGRATE_32, 0x0, 0, 0, RET_NOT_SUPPORTED);
		expect(hvc, FN_MIGRATE_64, ~0ull, 0, 0, RET_NOT_SUPPORTED);
		expect(hvc, FN_MIGRATE_INFO_UP_CPU_32, GARBAGE, 0, 0,
		       RET_NOT_SUPPORTED);
		expect(hvc, FN_MIGRATE_INFO_UP_CPU_64, GARBAGE, 0, 0,
		       RET_NOT_SUPPORTED);
	}
	kind_end();
}

/*
 * CPU_SUSPEND is mandatory (PSCI 1.1 lists PSCI_VERSION, CPU_SUSPEND,
 * CPU_OFF, CPU_ON, AFFINITY_INFO, SYSTEM_OFF, SYSTEM_RESET, PSCI_FEATURES),
 * as mandatory), and a power_state with reserved bits set is
 * INVALID_PARAMETERS (CPU_SUSPEND's description).
 */
static void cpu_suspend(void)
{
	unsigned int hvc;
	int64_t feature;

	kind_begin("psci-cpu-suspend");
	for (hvc = 0; hvc < 2; hvc++) {
		feature = call3(hvc, FN_PSCI_FEATURES, FN_CPU_SUSPEND_64, 0, 0);
		kind_check((int32_t)feature >= 0, "%s PSCI_FEATURES("
			   "CPU_SUSPEND) = %d: a mandatory function is "
			   "missing", conduit_names[hvc], (int32_t)feature);
		expect(hvc, FN_CPU_SUSPEND_64, 0xffffffffull, OUTSIDE, GARBAGE,
		       RET_INVALID_PARAMETERS);
		expect(hvc, FN_CPU_SUSPEND_32, 0xfc000000ull, OUTSIDE, 0,
		       RET_INVALID_PARAMETERS);
	}
	kind_end();
}

/* Optional PSCI functions: what PSCI_FEATURES says, and if they are
   there, an error for these hostile arguments (never a suspend, reset
   or start at an address outside the cell). */
static void optional_calls(void)
{
	static const uint32_t fns[] = {
		FN_CPU_FREEZE, FN_CPU_DEFAULT_SUSPEND_32,
		FN_CPU_DEFAULT_SUSPEND_64, FN_NODE_HW_STATE_32,
		FN_NODE_HW_STATE_64, FN_SYSTEM_SUSPEND_32,
		FN_SYSTEM_SUSPEND_64, FN_PSCI_SET_SUSPEND_MODE,
		FN_PSCI_STAT_RESIDENCY_32, FN_PSCI_STAT_RESIDENCY_64,
		FN_PSCI_STAT_COUNT_32, FN_PSCI_STAT_COUNT_64,
		FN_SYSTEM_RESET2_32, FN_SYSTEM_RESET2_64, FN_MEM_PROTECT,
		FN_MEM_PROTECT_CHECK_32, FN_MEM_PROTECT_CHECK_64,
	};
	unsigned int hvc, i;
	int64_t feature, got;
	bool reset2;

	kind_begin("psci-optional-calls");
	for (hvc = 0; hvc < 2; hvc++)
		for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
			feature = call3(hvc, FN_PSCI_FEATURES, fns[i], 0, 0);
			/* Foreign CPU, outside entry, vendor reset type. */
			reset2 = fns[i] == FN_SYSTEM_RESET2_32 ||
				 fns[i] == FN_SYSTEM_RESET2_64;
			got = call3(hvc, fns[i], reset2 ? 0x8000dead : 0x1,
				    OUTSIDE, GARBAGE);
			if ((int32_t)feature == RET_NOT_SUPPORTED)
				kind_check((int32_t)got == RET_NOT_SUPPORTED,
					   "%s 0x%x: PSCI_FEATURES says not "
					   "supported, the call returned %lld",
					   conduit_names[hvc], fns[i],
					   (long long)got);
			else
				kind_check((int32_t)got ==
						   RET_INVALID_PARAMETERS ||
					   (int32_t)got == RET_DENIED ||
					   (int32_t)got == RET_INVALID_ADDRESS,
					   "%s 0x%x with hostile arguments "
					   "returned %lld", conduit_names[hvc],
					   fns[i], (long long)got);
		}
	kind_end();
}

static void smccc_version_features(void)
{
	static const uint64_t asked[] = {
		FN_SMCCC_ARCH_SOC_ID, FN_SMCCC_ARCH_WORKAROUND_1,
		FN_SMCCC_ARCH_WORKAROUND_2, FN_SMCCC_ARCH_WORKAROUND_3, 0,
		~0ull, FN_PSCI_VERSION, 0x80000003,
	};
	unsigned int hvc, i;

	kind_begin("smccc-arch-calls");
	for (hvc = 0; hvc < 2; hvc++) {
		expect(hvc, FN_SMCCC_VERSION, GARBAGE, GARBAGE, GARBAGE,
		       0x10001);
		/* Implemented (SMCCC_ARCH_FEATURES answers 0 for them),
		   asked with garbage above W1. */
		expect(hvc, FN_SMCCC_ARCH_FEATURES,
		       0xffffffff00000000ull | FN_SMCCC_VERSION, GARBAGE, 0,
		       RET_SUCCESS);
		expect(hvc, FN_SMCCC_ARCH_FEATURES, FN_SMCCC_ARCH_FEATURES, 0,
		       GARBAGE, RET_SUCCESS);
		for (i = 0; i < sizeof(asked) / sizeof(asked[0]); i++)
			expect(hvc, FN_SMCCC_ARCH_FEATURES, asked[i], GARBAGE,
			       0, RET_NOT_SUPPORTED);
		/* Not offered (QEMU's firmware has no SMCCC 1.1 services, so
		   not ARCH_WORKAROUND_1 either): NOT_SUPPORTED. */
		expect(hvc, FN_SMCCC_ARCH_SOC_ID, 0, 0, 0, RET_NOT_SUPPORTED);
		expect(hvc, FN_SMCCC_ARCH_WORKAROUND_1, 0, 0, 0,
		       RET_NOT_SUPPORTED);
		expect(hvc, FN_SMCCC_ARCH_WORKAROUND_2, 1, 0, 0,
		       RET_NOT_SUPPORTED);
	}
	kind_end();
}

/* Function IDs the hypervisor implements, and PSCI's whole range. */
static bool known_id(uint32_t fn, bool hvc)
{
	if ((fn & 0xbfffffe0u) == 0x84000000u)
		return true;	/* PSCI, 32 and 64 bits */
	if (fn == FN_SMCCC_VERSION || fn == FN_SMCCC_ARCH_FEATURES)
		return true;
	return hvc && (fn == CB_HC_GET_INFO || fn == CB_HC_CONSOLE_PUTC);
}

/* Every owner (0-63), fast and yielding, 32 and 64 bits, a few function
   numbers and reserved bits 23:16: NOT_SUPPORTED, all 64 bits of x0
   (SMCCC 7.1). Also W0 only: garbage above it is not part of the ID. */
static void smccc_unknown(void)
{
	static const uint32_t numbers[] = { 0x0000, 0x0001, 0x00ff, 0x1234,
					    0xffff, 0x00ff0000 };
	static const uint32_t types[] = { 0x80000000u, 0xc0000000u,
					  0x00000000u, 0x40000000u };
	unsigned int hvc, owner, t, n, calls = 0;
	uint32_t fn;
	int64_t got;

	kind_begin("smccc-unknown-ids");
	for (hvc = 0; hvc < 2; hvc++)
		for (owner = 0; owner < 64; owner++)
			for (t = 0; t < 4; t++)
				for (n = 0; n < 6; n++) {
					fn = types[t] | owner << 24 |
					     numbers[n];
					if (known_id(fn, hvc))
						continue;
					got = call3(hvc, fn, GARBAGE, ~0ull, 0);
					calls++;
					kind_check(got == -1, "%s 0x%08x "
						   "returned 0x%llx, expected "
						   "-1", conduit_names[hvc], fn,
						   (unsigned long long)got);
				}
	for (hvc = 0; hvc < 2; hvc++) {
		expect(hvc, 0xffffffff00000000ull | FN_SMCCC_VERSION, 0, 0, 0,
		       0x10001);
		expect(hvc, 0x0000000184000000ull, 0, 0, 0, 0x10001);
		expect(hvc, 0xffffffffdeadbeefull, 0, 0, 0, RET_NOT_SUPPORTED);
	}
	console_printf("attack: smccc-unknown-ids: %u calls\n", calls);
	kind_end();
}

/* The cell calls' hostile arguments: unknown IDs, buffers outside the
   cell or too small. Only the read-only calls: the management ones answer
   differently in the frozen build (mgmt_tests.py covers them). */
static void cell_calls(void)
{
	uint64_t self = (uint64_t)call3(true, CB_HC_CELL_SELF, GARBAGE,
					GARBAGE, GARBAGE);

	expect(true, CB_HC_CELL_INFO, GARBAGE, OWN_ENTRY, 4096, CB_HC_ENOENT);
	expect(true, CB_HC_CELL_STATS, ~0ull, OWN_ENTRY, 4096, CB_HC_ENOENT);
	expect(true, CB_HC_CELL_INFO, self | 1ull << 32, OWN_ENTRY, 4096,
	       CB_HC_ENOENT);
	expect(true, CB_HC_CELL_INFO, self, OUTSIDE, 4096, CB_HC_EINVAL);
	expect(true, CB_HC_CELL_INFO, self, OUTSIDE - 16, 4096, CB_HC_EINVAL);
	expect(true, CB_HC_CELL_INFO, self, CELL_RAM - 16, 4096,
	       CB_HC_EINVAL);
	expect(true, CB_HC_CELL_STATS, self, GARBAGE, ~0ull, CB_HC_EINVAL);
	expect(true, CB_HC_CELL_STATS, self, ~0ull - 7, ~0ull, CB_HC_EINVAL);
	expect(true, CB_HC_CELL_STATS, self, OWN_ENTRY, 1, CB_HC_EINVAL);
	expect(true, CB_HC_CELL_INFO, self, 0x09000000, 4096, CB_HC_EINVAL);
}

static void hypercalls(void)
{
	/* The first unknown number is CB_HC_CALL_COUNT (revision 1.1). */
	static const uint32_t unknown[] = { CB_HC_BASE + CB_HC_CALL_COUNT,
					    CB_HC_BASE + CB_HC_CALL_COUNT + 1,
					    0x860000ff, 0x86000100, 0x8600ffff,
					    0xc6000000, 0xc6000001, 0xc6000002,
					    0x06000000, 0x06000002 };
	unsigned int i, n;

	kind_begin("hypercall-hostile");
	expect(true, CB_HC_GET_INFO, ~0ull, GARBAGE, ~0ull, CB_HC_INFO_MAGIC);
	expect(true, 0xffffffff00000000ull | CB_HC_GET_INFO, 0, 0, 0,
	       CB_HC_INFO_MAGIC);
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		expect(true, unknown[i], GARBAGE, GARBAGE, GARBAGE,
		       CB_HC_ENOSYS);
	cell_calls();
	/* Hypercalls are HVC only: over SMC they are unknown functions. */
	for (n = 0; n < CB_HC_CALL_COUNT; n++)
		expect(false, CB_HC_BASE + n, n == 1 ? '!' : 0, 0, 0,
		       RET_NOT_SUPPORTED);
	kind_end();
}

/* ------------------------------------------------------------ alone */

__asm__(".pushsection .text\n"
	".balign 8\n"
	".global probe_hvc1\n"
	"probe_hvc1:\n"
	"	hvc #1\n"
	"	ret\n"
	".global probe_smc1\n"
	"probe_smc1:\n"
	"	smc #1\n"
	"	ret\n"
	".popsection");
/* w0, the function ID the park line names, is the argument. */
void probe_hvc1(uint32_t fn);
void probe_smc1(uint32_t fn);

static void hvc_immediate(void)
{
	announce("hvc-immediate", PROBE_PC(probe_hvc1), "hvc #1");
	probe_hvc1(FN_PSCI_VERSION);
	not_parked("hvc-immediate", "hvc #1");
}

static void smc_immediate(void)
{
	announce("smc-immediate", PROBE_PC(probe_smc1), "smc #1");
	probe_smc1(FN_PSCI_VERSION);
	not_parked("smc-immediate", "smc #1");
}

/*
 * PSCI 1.1, CPU_ON: INVALID_ADDRESS is the answer for an entry point the
 * implementation knows to be invalid, "in a range that is known not to
 * be available to the caller": the hypervisor knows the cell's memory.
 */
static void cpu_on_outside(void)
{
	int64_t result;

	kind_begin("psci-cpu-on-entry-outside");
	console_printf("attack: psci-cpu-on-entry-outside: CPU_ON of CPU 3 "
		       "at 0x%llx\n", (unsigned long long)OUTSIDE);
	result = call3(false, FN_CPU_ON_64, 0x3, OUTSIDE, 0);
	kind_check(result == RET_INVALID_ADDRESS, "CPU_ON of CPU 3 at 0x%llx "
		   "(outside the cell) returned %lld, expected -9 "
		   "INVALID_ADDRESS", (unsigned long long)OUTSIDE,
		   (long long)result);
	if (result == RET_SUCCESS)
		wait_us(1000);	/* CPU 3 meets the hypervisor meanwhile */
	kind_end();
}

const struct attack_kind attack_call_kinds[] = {
	{ "psci-cpu-on-foreign", "calls", cpu_on_foreign },
	{ "psci-garbage-mpidr", "calls", cpu_on_garbage_mpidr },
	{ "psci-affinity-info-levels", "calls", affinity_levels },
	{ "psci-affinity-info-32-upper-bits", "calls", affinity_32_narrow },
	{ "psci-cpu-on-32-upper-bits", "calls", cpu_on_32_narrow },
	{ "psci-features-hostile", "calls", features },
	{ "psci-migrate", "calls", migrate },
	{ "psci-cpu-suspend", "calls", cpu_suspend },
	{ "psci-optional-calls", "calls", optional_calls },
	{ "smccc-arch-calls", "calls", smccc_version_features },
	{ "smccc-unknown-ids", "calls", smccc_unknown },
	{ "hypercall-hostile", "calls", hypercalls },
	{ "hvc-immediate", 0, hvc_immediate },
	{ "smc-immediate", 0, smc_immediate },
	{ "psci-cpu-on-entry-outside", 0, cpu_on_outside },
	{ "psci-cpu-on-running", 0, cpu_on_self },
	{ 0, 0, 0 },
};
