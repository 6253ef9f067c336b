// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * fuzz: a deterministic fuzzer of everything a cell can make the
 * hypervisor do, from inside a cell (tests/system/adversarial_tests.py,
 * docs/adversarial.md). Seeded by `seed` (xorshift64*), `calls`
 * operations, each one of:
 *
 *   - HVC or SMC #0 with a random function ID (any 32 bits, PSCI's range,
 *     cellblock's, every owner with small function numbers; random upper
 *     halves of x0 too) and random or telling arguments in x1-x7;
 *   - a trapped system register: ICC_SGI1R_EL1 written with a random
 *     value (the SGIs it sends itself are taken and counted), ACTLR_EL1
 *     read or written, DC ISW/CSW/CISW with a random operand;
 *   - an access to the emulated GIC distributor or a redistributor at a
 *     random offset of the cell's view, read or a write of a random value;
 *   - an access to the emulated PL011 at a random offset, 1, 2, 4 or 8
 *     bytes.
 *
 * Only what the hypervisor handles is issued (docs/hypervisor.md: the
 * widths the GIC architecture defines, aligned; no HVC/SMC immediates),
 * and none of the calls that end or restart the cell or start one of its
 * CPUs at a random address: SYSTEM_OFF, SYSTEM_RESET, SYSTEM_RESET2,
 * CPU_OFF, CPU_SUSPEND, CPU_DEFAULT_SUSPEND, SYSTEM_SUSPEND, and CPU_ON
 * of CPU 2 or 3; nor CB_HC_CELL_INFO or _STATS with a buffer in the
 * cell's own memory, which the hypervisor would write into. Writes that would take away this CPU's own timers (the
 * virtual timer paces it, the EL1 physical timer is its watchdog) are
 * masked: their enable, active, priority and configuration fields.
 *
 * Results are checked against what docs/hypervisor.md promises (unknown
 * functions answer -1, PSCI_VERSION 1.1, another cell's GIC state and
 * redistributors read as zero, the PL011 reads as an idle one with the
 * settings written...). At the
 * end: `PASS fuzz checks=N` (N: operations made), or `FAIL fuzz: ` and the
 * first mismatch; then SYSTEM_OFF. A deadline in virtual time (the EL1
 * physical timer) turns a hang into `FAIL fuzz: timeout`.
 *
 * Parameters: seed, calls, delay_us, pace_period, pace_phase (attack.c).
 *
 * Past 500 lines: the generator and the oracle of each target (calls,
 * system registers, GIC, PL011) side by side, so they cannot drift apart.
 */
#include <stdarg.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "attack.h"
#include "attack_kinds.h"
#include "format.h"

#define PPI_VTIMER 27u
#define PPI_PTIMER 30u
#define PROTECTED_PPIS ((1u << PPI_VTIMER) | (1u << PPI_PTIMER))
#define WATCHDOG_SECONDS 20
#define GICD_SIZE 0x10000u
#define GICR_SIZE (CPU_COUNT * GICR_STRIDE)

static uint64_t rng;
static unsigned long calls_made, failures;
static unsigned long made[4];	/* calls, sysregs, gic, uart */
static char first_failure[200];
static uint64_t watchdog_at;

static uint64_t rnd(void)
{
	return attack_rand(&rng);
}

static unsigned int below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

static void mismatch(const char *fmt, ...)
{
	va_list ap;

	if (!failures++) {
		va_start(ap, fmt);
		format_vstring(first_failure, sizeof(first_failure), fmt, ap);
		va_end(ap);
	}
}

static void watchdog(unsigned int intid)
{
	(void)intid;
	if (timer_counter() < watchdog_at)
		return;		/* an early or stale one */
	write_sysreg(cntp_ctl_el0, 0);
	console_printf("\nFAIL fuzz: timeout after %lu calls\n", calls_made);
	psci_system_off();
}

/* ------------------------------------------------------------ calls */

static const uint64_t telling[] = {
	0, 1, 2, 3, 7, 0xff, ~0ull, 0x80000000ull, 0x80000002ull,
	0x40200000ull, 0x40250000ull, 0x40000000ull, 0x09000000ull,
	0x84000000ull, 0xffffffff00000002ull, 1ull << 63, 0x100000000ull,
};

static uint64_t argument(void)
{
	if (below(2))
		return rnd();
	return telling[below(sizeof(telling) / sizeof(telling[0]))];
}

static uint32_t function_id(void)
{
	switch (below(4)) {
	case 0:
		return (uint32_t)rnd();
	case 1:			/* PSCI, 32 and 64 bits */
		return 0x84000000u | ((uint32_t)rnd() & 0x4000001fu);
	case 2:			/* cellblock's owner */
		return 0x86000000u | ((uint32_t)rnd() & 0x400000ffu);
	default:		/* any owner, fast or yielding, small numbers */
		return ((uint32_t)rnd() & 0xff000000u) |
		       (below(4) ? 0 : ((uint32_t)rnd() & 0x00ff0000u)) |
		       below(0x20);
	}
}

/* The CPU a PSCI target names, as the hypervisor reads it: -1 none. */
static int target_cpu(uint64_t mpidr)
{
	if (mpidr & ~AFFINITY_MASK || (mpidr & AFFINITY_MASK) >= CPU_COUNT)
		return -1;
	return (int)mpidr;
}

static bool skipped(uint32_t fn, const uint64_t *x)
{
	switch (fn) {
	case FN_SYSTEM_OFF: case FN_SYSTEM_RESET: case FN_CPU_OFF:
	case FN_SYSTEM_RESET2_32: case FN_SYSTEM_RESET2_64:
	case FN_CPU_SUSPEND_32: case FN_CPU_SUSPEND_64:
	case FN_CPU_DEFAULT_SUSPEND_32: case FN_CPU_DEFAULT_SUSPEND_64:
	case FN_SYSTEM_SUSPEND_32: case FN_SYSTEM_SUSPEND_64:
		return true;
	case CB_HC_CELL_INFO: case CB_HC_CELL_STATS:
		/* Not a buffer in the cell: the hypervisor would overwrite
		   this very code or its stack there (any x2 with a size that
		   fits; tests/system/mgmt_tests.py checks those). */
		return x[2] >= CELL_RAM - 0x100 && x[2] < CELL_TOP;
	case FN_CPU_ON_32:
		return target_cpu((uint32_t)x[1]) >= 2 ||
		       target_cpu(x[1]) >= 2;
	case FN_CPU_ON_64:
		return target_cpu(x[1]) >= 2;
	}
	return false;
}

static bool known(uint32_t fn, bool hvc)
{
	switch (fn) {
	case FN_PSCI_VERSION: case FN_CPU_ON_32: case FN_CPU_ON_64:
	case FN_AFFINITY_INFO_32: case FN_AFFINITY_INFO_64:
	case FN_MIGRATE_INFO_TYPE: case FN_PSCI_FEATURES:
	case FN_SMCCC_VERSION: case FN_SMCCC_ARCH_FEATURES:
	case FN_SMCCC_ARCH_WORKAROUND_1:
		return true;
	case CB_HC_GET_INFO: case CB_HC_CONSOLE_PUTC:
	case CB_HC_CELL_SELF: case CB_HC_CELL_COUNT: case CB_HC_CELL_INFO:
	case CB_HC_CELL_STATS: case CB_HC_CELL_SHUTDOWN: case CB_HC_CELL_START:
	case CB_HC_CELL_RESTART: case CB_HC_FREEZE:
	case CB_HC_CELL_SET_LOADABLE: case CB_HC_CELL_LOAD:
	case CB_HC_CELL_DESTROY: case CB_HC_WATCHDOG_PET:
	case FN_VENDOR_HYP_CALL_COUNT: case FN_VENDOR_HYP_CALL_UID:
	case FN_VENDOR_HYP_REVISION:
		return hvc;
	}
	return false;
}

/* The cell calls with random arguments, from a cell with no permission:
   an unknown ID, the cell's own (which it may read, not manage), or
   another cell's; any buffer outside the cell (skipped() keeps the
   others out). The frozen build answers every management call EFROZEN;
   the management calls are refused before any argument is used. */
static bool cell_call_ok(uint32_t fn, int64_t got)
{
	switch (fn) {
	case CB_HC_CELL_SELF:
		return got >= 0 && got < 3;
	case CB_HC_CELL_COUNT:
		return got == 3;
	case CB_HC_CELL_INFO: case CB_HC_CELL_STATS:
		return got == CB_HC_ENOENT || got == CB_HC_EPERM ||
		       got == CB_HC_EINVAL;
	case CB_HC_FREEZE:
		return got == CB_HC_EPERM || got == CB_HC_EFROZEN;
	case CB_HC_WATCHDOG_PET:	/* the fuzzing cell has no watchdog */
		return got == CB_HC_EINVAL;
	}
	return got == CB_HC_ENOENT || got == CB_HC_EPERM ||
	       got == CB_HC_EINVAL || got == CB_HC_EFROZEN;
}

/* What docs/hypervisor.md promises for @fn with @x; false if @got is not
   one of the answers allowed. */
static bool answer_ok(uint32_t fn, bool hvc, const uint64_t *x, int64_t got)
{
	int32_t w = (int32_t)got;
	int cpu;

	if (!known(fn, hvc))	/* PSCI's unimplemented ones included */
		return fn & 0x40000000u ? got == -1 : w == -1;
	switch (fn) {
	case FN_PSCI_VERSION: case FN_SMCCC_VERSION:
		return w == 0x10001;
	case FN_MIGRATE_INFO_TYPE:
		return w == 2;
	case CB_HC_GET_INFO:
		return got == CB_HC_INFO_MAGIC;
	case CB_HC_CONSOLE_PUTC:
		return got == 0;
	case CB_HC_CELL_SELF: case CB_HC_CELL_COUNT: case CB_HC_CELL_INFO:
	case CB_HC_CELL_STATS: case CB_HC_CELL_SHUTDOWN: case CB_HC_CELL_START:
	case CB_HC_CELL_RESTART: case CB_HC_FREEZE:
	case CB_HC_CELL_SET_LOADABLE: case CB_HC_CELL_LOAD:
	case CB_HC_CELL_DESTROY: case CB_HC_WATCHDOG_PET:
		return cell_call_ok(fn, got);
	case FN_VENDOR_HYP_CALL_COUNT:
		return got == CB_HC_CALL_COUNT;
	case FN_VENDOR_HYP_CALL_UID:
		return got == CB_HC_UID_0;
	case FN_VENDOR_HYP_REVISION:
		return got == CB_HC_REVISION_MAJOR;
	case FN_PSCI_FEATURES: case FN_SMCCC_ARCH_FEATURES:
		return w == 0 || w == RET_NOT_SUPPORTED || w > 0;
	case FN_SMCCC_ARCH_WORKAROUND_1:	/* forwarded: x0 is kept */
		return w == RET_NOT_SUPPORTED || (uint32_t)got == fn;
	case FN_CPU_ON_32: case FN_CPU_ON_64:
		/* Own CPUs were skipped: another cell's, or none, which
		   do not exist for the cell. */
		return w == RET_INVALID_PARAMETERS;
	default:	/* AFFINITY_INFO: the cell's CPUs only */
		cpu = target_cpu(x[1]);
		if (cpu == 0 || cpu == 1)
			return w == RET_INVALID_PARAMETERS;
		return w == RET_INVALID_PARAMETERS ||
		       w == PSCI_AFFINITY_ON || w == PSCI_AFFINITY_OFF;
	}
}

static void fuzz_call(void)
{
	struct smc_regs r;
	uint32_t fn = function_id();
	bool hvc = below(2);
	unsigned int i;
	int64_t got;

	for (i = 1; i < 8; i++)
		r.x[i] = argument();
	if (skipped(fn, r.x))
		return;
	r.x[0] = fn | (below(2) ? rnd() << 32 : 0);
	pace();
	{
		uint64_t x1 = r.x[1], x2 = r.x[2], x3 = r.x[3];

		got = hvc ? call_hvc(&r) : call_smc(&r);
		r.x[1] = x1;
		r.x[2] = x2;
		r.x[3] = x3;
	}
	calls_made++;
	made[0]++;
	if (!answer_ok(fn, hvc, r.x, got))
		mismatch("%s 0x%08x (x1 0x%llx, x2 0x%llx) answered 0x%llx",
			 hvc ? "hvc" : "smc", fn, (unsigned long long)r.x[1],
			 (unsigned long long)r.x[2], (unsigned long long)got);
}

/* ------------------------------------------------------- sysregs */

static void fuzz_sysreg(void)
{
	uint64_t value = rnd();

	pace();
	switch (below(6)) {
	case 0: case 1:
		/* Half of them within Aff3-Aff1 0, RS 0: CPUs 0-15, this
		   one among them. */
		if (below(2))
			value &= ~(0xffull << 16 | 0xffull << 32 |
				   0xfull << 44 | 0xffull << 48);
		dsb_ish();
		write_sysreg(icc_sgi1r_el1, value);
		isb();
		break;
	case 2:
		value = read_sysreg(actlr_el1);
		if (value)
			mismatch("ACTLR_EL1 reads 0x%llx",
				 (unsigned long long)value);
		break;
	case 3:
		write_sysreg(actlr_el1, value);
		break;
	case 4:
		__asm__ __volatile__("dc isw, %0" : : "r"(value) : "memory");
		break;
	default:
		if (value & 1)
			__asm__ __volatile__("dc csw, %0" : : "r"(value)
					     : "memory");
		else
			__asm__ __volatile__("dc cisw, %0" : : "r"(value)
					     : "memory");
		break;
	}
	calls_made++;
	made[1]++;
}

/* ------------------------------------------------------------ GIC */

/* The per-interrupt banks of a distributor, or of a redistributor's
   SGI_base frame, as the hypervisor decodes them: bits per interrupt. */
static unsigned int bank_bits(uint32_t offset, uint32_t *base)
{
	static const struct {
		uint32_t offset, bits;
	} banks[] = {
		{ GICD_IGROUPR, 1 }, { GICD_ISENABLER, 1 },
		{ GICD_ICENABLER, 1 }, { GICD_ISPENDR, 1 },
		{ GICD_ICPENDR, 1 }, { GICD_ISACTIVER, 1 },
		{ GICD_ICACTIVER, 1 }, { GICD_IPRIORITYR, 8 },
		{ GICD_ICFGR, 2 }, { GICD_IGRPMODR, 1 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(banks) / sizeof(banks[0]); i++)
		if (offset >= banks[i].offset &&
		    offset < banks[i].offset + 128 * banks[i].bits) {
			*base = banks[i].offset;
			return banks[i].bits;
		}
	return 0;
}

/* The mask of the fields of INTID @first.. (@size bytes, @bits each)
   that belong to @owned (a bit per INTID from @first). */
static uint64_t field_mask(uint32_t owned, unsigned int bits,
			   unsigned int size)
{
	uint64_t mask = 0, field = (1ull << bits) - 1;
	unsigned int i, count = size * 8 / bits;

	for (i = 0; i < count; i++)
		if ((owned >> i) & 1)
			mask |= field << (i * bits);
	return mask;
}

/* The cell's SPIs: its one physical SPI, and its console's virtual line,
   named as the hypervisor's console interrupt (docs/hypervisor.md). */
static uint32_t spi_owned(unsigned int first)
{
	uint32_t owned = 0;

	if (first <= OWN_SPI && OWN_SPI < first + 32)
		owned |= 1u << (OWN_SPI - first);
	if (first <= HV_UART_SPI && HV_UART_SPI < first + 32)
		owned |= 1u << (HV_UART_SPI - first);
	return owned;
}

static void gic_access(uintptr_t address, unsigned int size, bool write,
		       uint64_t value, uint64_t allowed)
{
	uint64_t got;

	pace();
	if (write) {
		switch (size) {
		case 1: mmio_write8(address, (uint8_t)value); break;
		case 4: mmio_write32(address, (uint32_t)value); break;
		default: mmio_write64(address, value); break;
		}
	} else {
		switch (size) {
		case 1: got = mmio_read8(address); break;
		case 4: got = mmio_read32(address); break;
		default: got = mmio_read64(address); break;
		}
		if (got & ~allowed)
			mismatch("read 0x%llx at 0x%lx (%u bytes): bits 0x%llx "
				 "are not the cell's", (unsigned long long)got,
				 (unsigned long)address, size,
				 (unsigned long long)(got & ~allowed));
	}
	calls_made++;
	made[2]++;
}

static void fuzz_gicd(void)
{
	uint32_t offset = (uint32_t)below(GICD_SIZE) & ~3u, base;
	unsigned int bits = bank_bits(offset, &base), size = 4, first;
	uint64_t allowed = ~0ull;

	if (offset >= GICD_IROUTER + 8 * 32 &&
	    offset < GICD_IROUTER + 8 * 1020) {
		if (below(2))
			size = 8, offset &= ~7u;
		first = (offset - GICD_IROUTER) / 8;
		allowed = first == OWN_SPI || first == HV_UART_SPI ? ~0ull : 0;
	} else if (bits) {
		if (bits == 8 && below(2))
			size = 1, offset += below(4);
		first = (offset - base) * 8 / bits;
		allowed = first < 32 ? 0 :
			  field_mask(spi_owned(first), bits, size);
	}
	gic_access(GICD_BASE + offset, size, below(2), rnd(), allowed);
}

static void fuzz_gicr(void)
{
	unsigned int cpu = below(CPU_COUNT), size = 4, bits, first;
	uint32_t in_frame = (uint32_t)below(GICR_STRIDE) & ~3u, base;
	uint64_t allowed = 0, value = rnd();
	bool own = cpu >= 2, write = below(2);

	if (in_frame == GICR_TYPER && below(2))
		size = 8;
	if (in_frame == GICR_TYPER || in_frame == GICR_TYPER + 4 ||
	    in_frame == GICR_IIDR || in_frame == GICR_PIDR2)
		allowed = ~0ull;	/* identification: every frame's */
	if (in_frame >= GICR_SGI_BASE &&
	    (bits = bank_bits(in_frame - GICR_SGI_BASE, &base))) {
		if (bits == 8 && below(2))
			size = 1, in_frame += below(4);
		first = (in_frame - GICR_SGI_BASE - base) * 8 / bits;
		if (own && first < 32) {
			uint32_t owned = ~((1u << HV_SGI) |
					   (1u << HV_PPI_MAINTENANCE) |
					   (1u << HV_PPI_TIMER)) >> first;

			allowed = field_mask(owned, bits, size);
			/* This CPU keeps its two timers. */
			if (base == GICD_ICENABLER || base == GICD_ISACTIVER ||
			    base == GICD_IPRIORITYR || base == GICD_ICFGR)
				value &= ~field_mask(PROTECTED_PPIS >> first,
						     bits, size);
		}
	} else if (own && (in_frame == GICR_CTLR || in_frame == GICR_WAKER)) {
		allowed = ~0ull;
	}
	gic_access(GICR_BASE + cpu * GICR_STRIDE + in_frame, size, write,
		   value, allowed);
}

/* ------------------------------------------------------------ UART */

/*
 * The emulated PL011 (docs/hypervisor.md, "The console"): the line and
 * interrupt settings are stored from their reset values, with their
 * defined bits; nothing is typed, so the receive FIFO stays empty, no
 * overrun is latched, and only TXRIS is raised. An access takes the low
 * bytes of its register at the register's own offset.
 */
#define UART_REGS (0x4c / 4)

static uint32_t uart_reg[UART_REGS] = {
	[0x24 / 4] = 13, [0x28 / 4] = 1, [0x2c / 4] = 0x70,
	[0x30 / 4] = 0x301, [0x34 / 4] = 0x12,
};
static const uint32_t uart_stored[UART_REGS] = {
	[0x20 / 4] = 0xff, [0x24 / 4] = 0xffff, [0x28 / 4] = 0x3f,
	[0x2c / 4] = 0xff, [0x30 / 4] = 0xff87, [0x34 / 4] = 0x3f,
	[0x38 / 4] = 0x7ff,
};

static uint64_t uart_expected(uint32_t offset)
{
	static const uint8_t ids[8] = { 0x11, 0x10, 0x14, 0x00,
					0x0d, 0xf0, 0x05, 0xb1 };

	if (offset & 3)
		return 0;
	if (offset >= 0xfe0)
		return ids[(offset - 0xfe0) / 4];
	switch (offset) {
	case 0x18: return 0x90;				/* TXFE, RXFE */
	case 0x3c: return 0x20;				/* TXRIS */
	case 0x40: return 0x20 & uart_reg[0x38 / 4];	/* MIS */
	}
	return offset < 0x4c ? uart_reg[offset / 4] : 0;
}

/* Its interrupt, if random GIC writes enabled it: off again. */
static void uart_irq(unsigned int intid)
{
	gic_disable(intid);
}

static void fuzz_uart(void)
{
	unsigned int size = 1u << below(4);
	uint32_t offset = (uint32_t)below(UART_SIZE) & ~(size - 1);
	uintptr_t address = UART_BASE + offset;
	uint64_t got, want, value = rnd();
	uint64_t bytes = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;

	pace();
	if (below(2)) {
		if (offset == 0)	/* printable, or a line end */
			value = below(8) ? 0x20 + below(0x5f) : '\n';
		if (offset < 0x4c && !(offset & 3))
			uart_reg[offset / 4] = (uint32_t)(value & bytes) &
					       uart_stored[offset / 4];
		switch (size) {
		case 1: mmio_write8(address, (uint8_t)value); break;
		case 2: mmio_write16(address, (uint16_t)value); break;
		case 4: mmio_write32(address, (uint32_t)value); break;
		default: mmio_write64(address, value); break;
		}
	} else {
		switch (size) {
		case 1: got = mmio_read8(address); break;
		case 2: got = mmio_read16(address); break;
		case 4: got = mmio_read32(address); break;
		default: got = mmio_read64(address); break;
		}
		want = uart_expected(offset) & bytes;
		if (got != want)
			mismatch("PL011 offset 0x%x (%u bytes) reads 0x%llx, "
				 "expected 0x%llx", offset, size,
				 (unsigned long long)got,
				 (unsigned long long)want);
	}
	calls_made++;
	made[3]++;
}

/* ------------------------------------------------------------ main */

int inmate_main(void)
{
	unsigned long seed, calls, delay_us, sgis = 0;
	unsigned int i, intid;

	delay_us = params_get_ulong("delay_us", 0, 0, 100000000);
	pace_init(params_get_ulong("pace_period", 0, 0, 100000000),
		  params_get_ulong("pace_phase", 0, 0, 100000000));
	seed = params_get_ulong("seed", 1, 0, ~0ul);
	calls = params_get_ulong("calls", 100000, 0, 100000000);
	if (gic_init())
		runtime_panic("fuzz: no interrupt controller");
	attack_irq_init();
	irq_set_handler(HV_UART_SPI, uart_irq);
	irq_set_handler(PPI_PTIMER, watchdog);
	gic_enable(PPI_PTIMER);
	if (delay_us)
		timer_delay_us(delay_us);
	rng = seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
	if (!rng)
		rng = 1;
	console_printf("fuzz: seed %lu, %lu calls, start cntvct=%llu\n", seed,
		       calls, (unsigned long long)timer_counter());
	watchdog_at = timer_counter() + WATCHDOG_SECONDS * timer_frequency();
	write_sysreg(cntp_cval_el0, watchdog_at);
	write_sysreg(cntp_ctl_el0, 1);
	irq_unmask();
	while (calls_made < calls) {
		unsigned int pick = below(100);

		if (pick < 45)
			fuzz_call();
		else if (pick < 65)
			fuzz_sysreg();
		else if (pick < 80)
			fuzz_gicd();
		else if (pick < 95)
			fuzz_gicr();
		else
			fuzz_uart();
	}
	irq_mask();
	write_sysreg(cntp_ctl_el0, 0);
	for (i = 0; i < CPU_COUNT; i++)
		for (intid = 0; intid < COUNTED_INTIDS; intid++)
			sgis += irq_seen[i][intid];
	console_printf("\nfuzz: seed %lu: %lu hvc/smc, %lu sysreg, %lu gic, "
		       "%lu uart; %lu interrupts taken; end cntvct=%llu\n",
		       seed, made[0], made[1], made[2], made[3], sgis,
		       (unsigned long long)timer_counter());
	if (failures)
		console_printf("FAIL fuzz: %lu mismatches; the first: %s\n",
			       failures, first_failure);
	else
		console_printf("PASS fuzz checks=%lu\n", calls_made);
	return 0;
}
