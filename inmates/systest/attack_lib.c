// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The helpers of attack.h: per-kind results, recorded exceptions, raw
 * SMCCC calls, the wide stage-1 map and the PRNG.
 */
#include <stdarg.h>

#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "attack.h"
#include "format.h"

/* ------------------------------------------------------------- results */

static const char *kind_name;
static unsigned int kind_count, kind_failures;

void kind_begin(const char *name)
{
	kind_name = name;
	kind_count = 0;
	kind_failures = 0;
	console_printf("RUN %s\n", name);
}

bool kind_check(bool ok, const char *fmt, ...)
{
	char reason[200];
	va_list ap;

	pace();
	kind_count++;
	if (ok)
		return true;
	if (!kind_failures++) {
		va_start(ap, fmt);
		format_vstring(reason, sizeof(reason), fmt, ap);
		va_end(ap);
		console_printf("FAIL %s: %s\n", kind_name, reason);
	}
	return false;
}

bool kind_end(void)
{
	if (kind_failures) {
		if (kind_failures > 1)
			console_printf("attack: %s: %u of %u checks failed\n",
				       kind_name, kind_failures, kind_count);
		return false;
	}
	console_printf("PASS %s checks=%u\n", kind_name, kind_count);
	return true;
}

unsigned int kind_checks(void)
{
	return kind_count;
}

/* --------------------------------------------------- exceptions at EL1 */

struct caught caught;

static int record_exception(uint64_t esr, uint64_t elr)
{
	caught.esr = esr;
	caught.elr = elr;
	caught.far = read_sysreg(far_el1);
	caught.count++;
	return 1;
}

void catch_begin(void)
{
	exception_set_handler(record_exception);
}

void catch_end(void)
{
	exception_set_handler(0);
}

bool caught_at(unsigned int count_before, unsigned int ec, uintptr_t pc)
{
	return caught.count == count_before + 1 && ESR_EC(caught.esr) == ec &&
	       caught.elr == pc;
}

/* ------------------------------------------------------------- calls */

#define SMCCC_CALL(insn, r)                                                    \
	do {                                                                   \
		register uint64_t x0 __asm__("x0") = (r)->x[0];                \
		register uint64_t x1 __asm__("x1") = (r)->x[1];                \
		register uint64_t x2 __asm__("x2") = (r)->x[2];                \
		register uint64_t x3 __asm__("x3") = (r)->x[3];                \
		register uint64_t x4 __asm__("x4") = (r)->x[4];                \
		register uint64_t x5 __asm__("x5") = (r)->x[5];                \
		register uint64_t x6 __asm__("x6") = (r)->x[6];                \
		register uint64_t x7 __asm__("x7") = (r)->x[7];                \
		__asm__ __volatile__(insn                                      \
				     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), \
				       "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7)  \
				     :                                         \
				     : "x8", "x9", "x10", "x11", "x12", "x13", \
				       "x14", "x15", "x16", "x17", "memory");  \
		(r)->x[0] = x0;                                                \
		(r)->x[1] = x1;                                                \
		(r)->x[2] = x2;                                                \
		(r)->x[3] = x3;                                                \
	} while (0)

int64_t call_hvc(struct smc_regs *r)
{
	SMCCC_CALL("hvc #0", r);
	return (int64_t)r->x[0];
}

int64_t call_smc(struct smc_regs *r)
{
	SMCCC_CALL("smc #0", r);
	return (int64_t)r->x[0];
}

int64_t call3(bool hvc, uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct smc_regs r = { { fn, a1, a2, a3, 0xdead000000000004ull,
				0xdead000000000005ull, 0xdead000000000006ull,
				0xdead000000000007ull } };

	pace();
	return hvc ? call_hvc(&r) : call_smc(&r);
}

/* ------------------------------------------------------------ pacing */

static uint64_t pace_period, pace_phase;

void pace_init(uint64_t period, uint64_t phase)
{
	pace_period = period;
	pace_phase = period ? phase % period : 0;
}

/* Where @t lies in the victim's period, 0 at a deadline. */
static uint64_t pace_position(uint64_t t)
{
	return (t + pace_period - pace_phase) % pace_period;
}

uint64_t pace_deadline(uint64_t deadline)
{
	uint64_t position;

	if (!pace_period)
		return deadline;
	position = pace_position(deadline);
	if (position >= PACE_AFTER && position < pace_period - PACE_BEFORE)
		return deadline;
	return deadline - position +
	       (position < PACE_AFTER ? PACE_AFTER : pace_period + PACE_AFTER);
}

void pace(void)
{
	uint64_t now, until;

	if (!pace_period)
		return;
	isb();
	now = read_sysreg(cntvct_el0);
	until = pace_deadline(now);
	if (until == now)
		return;
	/* The virtual timer's interrupt wakes WFI even while masked. Armed
	   again at each wake-up: a handler the caller lets run may have
	   disarmed it. */
	do {
		write_sysreg(cntv_cval_el0, until);
		write_sysreg(cntv_ctl_el0, 1);
		isb();
		__asm__ __volatile__("wfi\n yield" : : : "memory");
		isb();
	} while (read_sysreg(cntvct_el0) < until);
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

void pace_relax(void)
{
	pace();
	__asm__ __volatile__("yield" : : : "memory");
}

/* ------------------------------------------------------------ stage 1 */

/* Level 1 block descriptors (ARM ARM, VMSAv8-64 translation): AF,
   attribute index (MAIR_EL1 of head.S: 0 Device-nGnRnE, 1 Normal
   write-back), inner shareable for normal memory, PXN/UXN. */
#define BLOCK_DEVICE 0x0060000000000401ull
#define BLOCK_NORMAL 0x0040000000000705ull
#define L1_INDEX(va) (((va) >> 30) & 0x1ff)
/* T0SZ 25 (39 bits), walks inner/outer write-back inner shareable, 4 KiB
   granule, TTBR1 walks off (EPD1, TG1 4 KiB), IPS 40 bits. */
#define TCR_WIDE (25ull | 1ull << 8 | 1ull << 10 | 3ull << 12 | 1ull << 23 | \
		  2ull << 30 | 2ull << 32)

static uint64_t wide_table[512] __attribute__((aligned(4096)));

void attack_mmu_wide(void)
{
	if (!wide_table[1]) {
		wide_table[0] = 0x00000000ull | BLOCK_DEVICE;
		wide_table[1] = 0x40000000ull | BLOCK_NORMAL;
		wide_table[L1_INDEX(WIDE_LOW_NORMAL)] = 0x0ull | BLOCK_NORMAL;
		wide_table[L1_INDEX(WIDE_TOP_39)] = WIDE_TOP_39 | BLOCK_DEVICE;
		wide_table[L1_INDEX(WIDE_BEYOND_39)] = WIDE_BEYOND_39_IPA |
						       BLOCK_DEVICE;
	}
	dsb_sy();
	write_sysreg(ttbr0_el1, (uint64_t)(uintptr_t)wide_table);
	write_sysreg(tcr_el1, TCR_WIDE);
	isb();
	__asm__ __volatile__("tlbi vmalle1\n dsb nsh\n isb" : : : "memory");
}

/* -------------------------------------------------------------- misc */

uint64_t attack_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

const char *attack_param(const char *key, char *buf, unsigned int size)
{
	const char *s = params_string();
	unsigned int length = 0, i;

	buf[0] = '\0';
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		for (i = 0; key[i] && s[i] == key[i]; i++)
			;
		if (!key[i] && s[i] == '=') {
			s += i + 1;
			while (s[length] && s[length] != ' ' &&
			       s[length] != '\t' && s[length] != '_' &&
			       length + 1 < size) {
				buf[length] = s[length];
				length++;
			}
			buf[length] = '\0';
			return buf;
		}
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	return buf;
}
