// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks with both of the cell's CPUs (2 and 3), and reset loops.
 *
 * Group "smp": both CPUs hammer the distributor and each other with SGIs
 * at once; CPU_ON and CPU_OFF of CPU 3 race a hundred times; then CPU 3
 * spins with D, A, I and F masked while CPU 2 calls SYSTEM_OFF, which must
 * still stop the cell (the hypervisor's IPI is taken at EL2 whatever
 * PSTATE says at EL1).
 *
 * Alone: both CPUs fault at the same instant (one line, one park); both
 * call SYSTEM_RESET at the same instant, five times (one restart each);
 * and the reset loop: RESET_LOOP_RESETS SYSTEM_RESETs, each boot leaving
 * behind CPU 3 running, armed timers, pending and active interrupts, a
 * routed SPI, a RAM marker and a running PMU, and checking at entry that
 * none of it is left and that the reset took as long as the first one
 * (no leak). The boot count lives in the cell's kept region, which a
 * reset keeps (docs/hypervisor.md, SYSTEM_RESET).
 *
 * Past 500 lines: the reset kinds' state kept across boots and the
 * checks at entry belong with the kinds that leave the state behind.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "attack_kinds.h"

#define OUTSIDE CELL_TOP
#define SHARED CELL_SHARED		/* attacker.dts: kept on a reset */
#define RAM_MARKER (CELL_SHARED - 0x1000)	/* cleared on a reset */
#define RESET_LOOP_RESETS 300
#define TOGETHER_RESETS 5
#define OWN_RD (GICR_BASE + 2 * GICR_STRIDE)

/* --------------------------------------------------------- CPU 3 stubs */

/*
 * Entered by PSCI CPU_ON (MMU off, EL1) with x0 = the context:
 *   count_stub: adds one to the word at x0, then CPU_OFF;
 *   spin_stub:  masks D, A, I and F and spins for good (with a YIELD
 *               hint: QEMU then lets the other CPUs run, see pace()).
 */
__asm__(".pushsection .text\n"
	".balign 8\n"
	"count_stub:\n"
	"	ldr w1, [x0]\n"
	"	add w1, w1, #1\n"
	"	str w1, [x0]\n"
	"	dc civac, x0\n"
	"	dsb sy\n"
	"	movz w0, #0x0002\n"
	"	movk w0, #0x8400, lsl #16\n"
	"	smc #0\n"
	"1:	wfi\n"
	"	b 1b\n"
	"spin_stub:\n"
	"	msr daifset, #0xf\n"
	"2:	yield\n"
	"	b 2b\n"
	".popsection");
extern char count_stub[], spin_stub[];

static int64_t cpu_on_raw(const char *stub, uint64_t context)
{
	return call3(false, FN_CPU_ON_64, SECOND_MPIDR,
		     (uint64_t)(uintptr_t)stub, context);
}

static uint32_t read_uncached(volatile uint32_t *word)
{
	__asm__ __volatile__("dc civac, %0\n dsb sy" : : "r"(word) : "memory");
	return *word;
}

/* ------------------------------------------------------------- "smp" */

#define RACE_ROUNDS 300

static volatile unsigned int race_go, race_done[CPU_COUNT];

/* Both CPUs: read-modify-write of the shared distributor words of SPI
   39, its routing back and forth, GICD_CTLR, and SGIs to the other. */
static void gic_race(unsigned int self, unsigned int other)
{
	uintptr_t priority = GICD_BASE + GICD_IPRIORITYR + OWN_SPI;
	uintptr_t cfg = GICD_BASE + GICD_ICFGR + 4 * (OWN_SPI / 16);
	uintptr_t router = GICD_BASE + GICD_IROUTER + 8 * OWN_SPI;
	uint32_t field = 2u << (2 * (OWN_SPI % 16)), bit = 1u << (OWN_SPI % 32);
	unsigned int i;

	while (!race_go)
		pace_relax();
	for (i = 0; i < RACE_ROUNDS; i++) {
		pace();
		mmio_write8(priority, (uint8_t)(0x80 + 0x10 * self));
		mmio_write32(cfg, mmio_read32(cfg) ^ field);
		mmio_write64(router, i & 1 ? other : self);
		mmio_write32(GICD_BASE + GICD_CTLR, 0);
		mmio_write32(GICD_BASE + GICD_ISENABLER + 4, bit);
		mmio_write32(GICD_BASE + GICD_ICENABLER + 4, bit);
		gic_send_sgi(1, other);
	}
	race_done[self] = 1;
}

static void race_second(void *arg)
{
	(void)arg;
	gic_enable(1);
	irq_unmask();
	gic_race(3, 2);
	irq_mask();
	while (!wait_for(&race_done[2], 100000))
		;
	wait_us(100);	/* SGIs from CPU 2 still on their way */
}

static void smp_gic_race(void)
{
	uintptr_t router = GICD_BASE + GICD_IROUTER + 8 * OWN_SPI;
	uint8_t priority;
	uint64_t route;
	unsigned int got2 = irq_seen[2][1], got3 = irq_seen[3][1];

	kind_begin("smp-gic-race");
	race_go = 0;
	gic_enable(1);
	kind_check(second_start(race_second, 0) == PSCI_SUCCESS, "CPU_ON of "
		   "CPU 3 failed");
	wait_us(200);
	race_go = 1;
	dsb_ish();
	__asm__ __volatile__("sev");
	irq_unmask();
	gic_race(2, 3);
	irq_mask();
	gic_send_sgi(1, SECOND_MPIDR);	/* wakes CPU 3 to see race_done */
	kind_check(wait_for(&race_done[3], 100000), "CPU 3 did not finish");
	kind_check(second_wait_off(), "CPU 3 did not power off");
	wait_us(100);
	priority = mmio_read8(GICD_BASE + GICD_IPRIORITYR + OWN_SPI);
	route = mmio_read64(router);
	kind_check(priority == 0xa0 || priority == 0xb0, "SPI %u priority "
		   "0x%x: neither CPU wrote that", OWN_SPI, priority);
	kind_check(route == 2 || route == 3, "SPI %u routed to 0x%llx",
		   OWN_SPI, (unsigned long long)route);
	got2 = irq_seen[2][1] - got2;
	got3 = irq_seen[3][1] - got3;
	kind_check(got2 && got2 <= RACE_ROUNDS + 1 && got3 &&
		   got3 <= RACE_ROUNDS + 1, "SGI 1 taken %u times on CPU 2, "
		   "%u on CPU 3, of %u sent each", got2, got3, RACE_ROUNDS);
	mmio_write64(router, 2);
	console_printf("attack: smp-gic-race: SGI 1 taken %u times on CPU 2, "
		       "%u on CPU 3\n", got2, got3);
	kind_end();
}

#define ON_OFF_ROUNDS 100

static volatile uint32_t on_count;

static void smp_on_off_race(void)
{
	unsigned int round, started = 0, polls;
	int64_t first, second;

	kind_begin("smp-cpu-on-off-race");
	on_count = 0;
	read_uncached(&on_count);
	for (round = 0; round < ON_OFF_ROUNDS; round++) {
		first = cpu_on_raw(count_stub, (uintptr_t)&on_count);
		second = cpu_on_raw(count_stub, (uintptr_t)&on_count);
		kind_check(first == RET_SUCCESS, "round %u: CPU_ON returned "
			   "%lld", round, (long long)first);
		kind_check(second == RET_ALREADY_ON || second == RET_ON_PENDING
			   || second == RET_SUCCESS, "round %u: second CPU_ON "
			   "returned %lld", round, (long long)second);
		started += (first == RET_SUCCESS) + (second == RET_SUCCESS);
		for (polls = 0; polls < 1000; polls++) {
			int64_t state = call3(true, FN_AFFINITY_INFO_64,
					      SECOND_MPIDR, 0, 0);

			kind_check(state >= 0 && state <= 2, "AFFINITY_INFO "
				   "%lld", (long long)state);
			if (state == PSCI_AFFINITY_OFF)
				break;
			pace_relax();	/* let CPU 3 run (pace()) */
		}
		kind_check(polls < 1000, "round %u: CPU 3 did not go off",
			   round);
	}
	kind_check(read_uncached(&on_count) == started, "CPU 3 ran %u times, "
		   "CPU_ON succeeded %u times", on_count, started);
	kind_end();
}

static void smp_spinning_stop(void)
{
	int64_t result;

	unsigned int polls;

	kind_begin("smp-stop-spinning-cpu");
	result = cpu_on_raw(spin_stub, 0);
	kind_check(result == RET_SUCCESS, "CPU_ON returned %lld",
		   (long long)result);
	/* No sleep from here on: with CPU 3 spinning, virtual time would
	   crawl (pace()). */
	for (polls = 0; polls < 1000 && psci_affinity_info(SECOND_MPIDR) !=
					    PSCI_AFFINITY_ON; polls++)
		__asm__ __volatile__("yield");
	kind_check(psci_affinity_info(SECOND_MPIDR) == PSCI_AFFINITY_ON,
		   "CPU 3 is not on");
	console_printf("attack: smp-stop-spinning-cpu: CPU 3 spins with DAIF "
		       "masked; SYSTEM_OFF on CPU 2\n");
	kind_end();
}

/* ------------------------------------------------------------ alone */

static volatile unsigned int together_ready[CPU_COUNT], together_go;

/* Both CPUs reach @fn within a few instructions of each other. */
static void together(unsigned int self, void (*fn)(unsigned int cpu))
{
	together_ready[self] = 1;
	if (self == 2) {
		while (!together_ready[3])
			pace_relax();
		together_go = 1;
		dsb_ish();
		__asm__ __volatile__("sev");
	} else {
		while (!together_go)
			__asm__ __volatile__("wfe");
	}
	fn(self);
}

static void fault_now(unsigned int cpu)
{
	probe_str64(OUTSIDE + 8 * (cpu - 2), cpu);
}

static void fault_second(void *arg)
{
	(void)arg;
	together(3, fault_now);
}

static void smp_fault_together(void)
{
	announce("smp-fault-together", PROBE_PC(probe_str64),
		 "CPUs 2 and 3 store to 0x%lx and 0x%lx at once",
		 (unsigned long)OUTSIDE, (unsigned long)OUTSIDE + 8);
	if (second_start(fault_second, 0) != PSCI_SUCCESS)
		console_printf("FAIL smp-fault-together: CPU_ON failed\n");
	together(2, fault_now);
	not_parked("smp-fault-together", "the store");
}

/* ------------------------------------------------ state kept on reset */

struct reset_state {
	uint32_t magic;
	uint32_t boots;			/* started so far, this one included */
	uint64_t reset_at;		/* counter at the last SYSTEM_RESET */
	uint32_t failures;
	uint32_t first_failed_boot;
	char first_failure[120];
	uint32_t pmu_enabled_boots;	/* PMCR_EL0.E set at entry */
	uint32_t latency[RESET_LOOP_RESETS + 1];	/* [k]: reset k */
};

#define LOOP_MAGIC 0x4c4f4f50u		/* "LOOP" */
#define TOGETHER_MAGIC 0x544f4745u	/* "TOGE" */
#define STATE ((volatile struct reset_state *)SHARED)

/* Read before anything of this boot touches the GIC or the timers. */
struct entry_snapshot {
	uint64_t counter;
	uint32_t isenabler0, ispendr0, isactiver0;
	uint32_t spi_enabled, spi_pending, spi_active;
	uint64_t spi_route;
	uint64_t cntv_ctl, cntp_ctl, pmcr;
	uint32_t marker;
};

static struct entry_snapshot at_entry;

bool attack_resetting(void)
{
	return STATE->magic == LOOP_MAGIC || STATE->magic == TOGETHER_MAGIC;
}

void attack_entry_snapshot(void)
{
	uint32_t bit = 1u << (OWN_SPI % 32);

	at_entry.counter = timer_counter();
	at_entry.cntv_ctl = read_sysreg(cntv_ctl_el0);
	at_entry.cntp_ctl = read_sysreg(cntp_ctl_el0);
	at_entry.pmcr = read_sysreg(pmcr_el0);
	at_entry.isenabler0 = mmio_read32(OWN_RD + GICR_SGI_BASE +
					  GICD_ISENABLER);
	at_entry.ispendr0 = mmio_read32(OWN_RD + GICR_SGI_BASE + GICD_ISPENDR);
	at_entry.isactiver0 = mmio_read32(OWN_RD + GICR_SGI_BASE +
					  GICD_ISACTIVER);
	at_entry.spi_enabled = mmio_read32(GICD_BASE + GICD_ISENABLER + 4) &
			       bit;
	at_entry.spi_pending = mmio_read32(GICD_BASE + GICD_ISPENDR + 4) & bit;
	at_entry.spi_active = mmio_read32(GICD_BASE + GICD_ISACTIVER + 4) &
			      bit;
	at_entry.spi_route = mmio_read64(GICD_BASE + GICD_IROUTER +
					 8 * OWN_SPI);
	at_entry.marker = *(volatile uint32_t *)RAM_MARKER;
}

static void note_failure(const char *what)
{
	volatile struct reset_state *s = STATE;
	unsigned int i;

	if (!s->failures++) {
		s->first_failed_boot = s->boots;
		for (i = 0; what[i] && i + 1 < sizeof(s->first_failure); i++)
			s->first_failure[i] = what[i];
		s->first_failure[i] = '\0';
	}
}

/* What a fresh cell finds at entry (attack_entry_snapshot()). */
static void check_clean_entry(void)
{
	if (at_entry.isenabler0 || at_entry.ispendr0 || at_entry.isactiver0)
		note_failure("SGIs or PPIs enabled, pending or active at "
			     "entry");
	if (at_entry.spi_enabled || at_entry.spi_pending ||
	    at_entry.spi_active)
		note_failure("SPI 39 enabled, pending or active at entry");
	if (at_entry.spi_route != 0x2)
		note_failure("SPI 39 not routed back to CPU 2");
	if (at_entry.cntv_ctl & 1 || at_entry.cntp_ctl & 1)
		note_failure("a timer still enabled at entry");
	if (at_entry.marker)
		note_failure("RAM not cleared: the marker survived");
	if (psci_affinity_info(SECOND_MPIDR) != PSCI_AFFINITY_OFF)
		note_failure("CPU 3 not off at entry");
	if (read_sysreg(icc_hppir1_el1) != 1023)
		note_failure("an interrupt pending at entry (HPPIR1)");
}

static volatile unsigned int loop_second_ready;

static void loop_second(void *arg)
{
	(void)arg;
	/* CPU 3's share of the leftovers: an SGI enabled, its timers armed
	   far ahead, then WFI with everything masked. (Not a spin: under
	   QEMU's round robin a spinning CPU makes virtual time crawl while
	   the others sleep, see pace(); smp-stop-spinning-cpu has that.) */
	gic_enable(2);
	write_sysreg(cntp_cval_el0, timer_counter() + 1000000000ull);
	write_sysreg(cntp_ctl_el0, 1);
	timer_arm(timer_counter() + 1000000000ull);
	loop_second_ready = 1;
	__asm__ __volatile__("msr daifset, #0xf\n1: wfi\n b 1b");
}

/* The state a reset must not let through to the next boot. */
static void leave_state_behind(void)
{
	uint32_t bit = 1u << (OWN_SPI % 32);

	loop_second_ready = 0;
	if (second_start(loop_second, 0) != PSCI_SUCCESS ||
	    !wait_for(&loop_second_ready, 20000))
		note_failure("CPU 3 did not start");
	irq_mask();
	gic_enable(1);
	gic_send_sgi(1, cpu_mpidr());
	gic_enable(OWN_SPI);
	mmio_write64(GICD_BASE + GICD_IROUTER + 8 * OWN_SPI, SECOND_MPIDR);
	mmio_write32(GICD_BASE + GICD_ISPENDR + 4, bit);
	mmio_write32(GICD_BASE + GICD_ISACTIVER + 4, bit);
	write_sysreg(cntp_cval_el0, timer_counter() + 1000000000ull);
	write_sysreg(cntp_ctl_el0, 1);
	timer_arm(timer_counter() + 1000000000ull);
	write_sysreg(pmcr_el0, 1);
	write_sysreg(pmcntenset_el0, ~0ull);
	write_sysreg(vbar_el1, CELL_TOP);	/* outside: never used */
	*(volatile uint32_t *)RAM_MARKER = 0x6d61726bu;
	dsb_sy();
}

static void reset_now(bool hvc)
{
	struct smc_regs r = { { FN_SYSTEM_RESET, 0, 0, 0, 0, 0, 0, 0 } };

	pace();		/* before the clock starts, not in between */
	STATE->reset_at = timer_counter();
	dsb_sy();
	if (hvc)
		call_hvc(&r);
	else
		call_smc(&r);
	console_printf("FAIL reset: SYSTEM_RESET returned\n");
}

static void reset_loop(void)
{
	volatile struct reset_state *s = STATE;
	unsigned int boot, i, min, max;

	if (s->magic != LOOP_MAGIC) {
		for (i = 0; i < sizeof(*s); i++)
			((volatile uint8_t *)s)[i] = 0;
		s->magic = LOOP_MAGIC;
		kind_begin("reset-loop");
		console_printf("attack: reset-loop: %u SYSTEM_RESETs, each "
			       "boot leaving CPU 3, timers, interrupts and RAM "
			       "behind\n", RESET_LOOP_RESETS);
	} else {
		s->latency[s->boots] = (uint32_t)(at_entry.counter -
						  s->reset_at);
		check_clean_entry();
		if (at_entry.pmcr & 1)
			s->pmu_enabled_boots++;
	}
	boot = ++s->boots;
	if (boot <= RESET_LOOP_RESETS) {
		leave_state_behind();
		reset_now(boot & 1);
		return;
	}
	kind_begin("reset-loop");
	kind_check(!s->failures, "%u boots failed a check; the first, boot "
		   "%u: %s", s->failures, s->first_failed_boot,
		   (const char *)s->first_failure);
	min = max = s->latency[1];
	for (i = 1; i <= RESET_LOOP_RESETS; i++) {
		min = s->latency[i] < min ? s->latency[i] : min;
		max = s->latency[i] > max ? s->latency[i] : max;
	}
	console_printf("attack: reset-loop: %u resets; SYSTEM_RESET to entry "
		       "%u counter ticks at the first, %u at the last (min %u, "
		       "max %u)\n", RESET_LOOP_RESETS, s->latency[1],
		       s->latency[RESET_LOOP_RESETS], min, max);
	/*
	 * No leak: every reset takes the same instructions, so the same time
	 * under -icount. One counter tick (16 instructions) apart at most:
	 * where the reset call falls within a tick decides the rounding. A
	 * leak of even one instruction per reset would add 300 by the last.
	 */
	kind_check(max - min <= 1, "resets took %u to %u counter ticks (the "
		   "first %u, the last %u): they should all take the same",
		   min, max, s->latency[1], s->latency[RESET_LOOP_RESETS]);
	kind_check(boot == RESET_LOOP_RESETS + 1, "boot %u", boot);
	kind_end();
	/*
	 * A reset CPU starts from the architecture's reset values where the
	 * architecture defines them: PMCR_EL0.E is 0 after a reset (its
	 * description in the ARM ARM), so counters the previous boot enabled
	 * stand still.
	 */
	kind_begin("reset-pmu-state");
	kind_check(!s->pmu_enabled_boots, "PMCR_EL0.E was still set at entry "
		   "in %u of %u boots after SYSTEM_RESET (its reset value is "
		   "0)", s->pmu_enabled_boots, RESET_LOOP_RESETS);
	kind_end();
	s->magic = 0;
}

static void reset_both(unsigned int cpu)
{
	reset_now(cpu == 3);
}

static void reset_second_cpu(void *arg)
{
	(void)arg;
	together(3, reset_both);
}

static void smp_reset_together(void)
{
	volatile struct reset_state *s = STATE;

	if (s->magic != TOGETHER_MAGIC) {
		s->magic = TOGETHER_MAGIC;
		s->boots = 0;
		s->failures = 0;
		console_printf("attack: smp-reset-together: CPUs 2 and 3 call "
			       "SYSTEM_RESET at once, %u times\n",
			       TOGETHER_RESETS);
	} else {
		check_clean_entry();
	}
	if (++s->boots <= TOGETHER_RESETS) {
		together_ready[3] = together_go = 0;
		if (second_start(reset_second_cpu, 0) != PSCI_SUCCESS)
			note_failure("CPU_ON of CPU 3 failed");
		together(2, reset_both);
		return;
	}
	kind_begin("smp-reset-together");
	kind_check(!s->failures, "%u failed checks; the first, boot %u: %s",
		   s->failures, s->first_failed_boot,
		   (const char *)s->first_failure);
	kind_check(s->boots == TOGETHER_RESETS + 1, "boot %u", s->boots);
	s->magic = 0;
	kind_end();
}

const struct attack_kind attack_cpu_kinds[] = {
	{ "smp-gic-race", "smp", smp_gic_race },
	{ "smp-cpu-on-off-race", "smp", smp_on_off_race },
	{ "smp-stop-spinning-cpu", "smp", smp_spinning_stop },
	{ "smp-fault-together", 0, smp_fault_together },
	{ "smp-reset-together", 0, smp_reset_together },
	{ "reset-loop", 0, reset_loop },
	{ 0, 0, 0 },
};
