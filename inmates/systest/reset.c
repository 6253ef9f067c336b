// SPDX-License-Identifier: GPL-2.0-only
/*
 * reset: restarts its own cell with PSCI SYSTEM_RESET, then stops it with
 * SYSTEM_OFF. The hypervisor clears the cell's RAM and re-copies the
 * payloads on a reset, but keeps its `kept` regions, so a boot counter
 * kept in one tells the boots apart; it also carries the counter value
 * read right before SYSTEM_RESET to the next boot. Each boot prints, as
 * its first line, its number, the counter at entry and that value, then
 * what it found at entry: the .data marker the previous boot overwrote (a
 * re-copied payload restores it), a RAM word outside the image the
 * previous boot wrote (a cleared RAM reads 0), and the interrupt and timer
 * state the previous boot left behind (a reset cell starts clean).
 *
 * Parameters:
 *   resets    SYSTEM_RESETs before the SYSTEM_OFF (default 1)
 *   delay_us  wait before each SYSTEM_RESET or SYSTEM_OFF (default 0)
 *   hvc       1: make the PSCI calls with HVC instead of SMC (default 0)
 *   counter   guest address of the boot counter (default 0x40f00000, in
 *             the kept region of tests/system/configs/reset_hello.dts)
 *   scratch   guest address of the RAM word each boot checks and then
 *             writes (default 0x40300000: in every QEMU virt demo cell's
 *             RAM, and in reset_hello.dts's, 1 MiB past the image)
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/smccc.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define RESET_MAGIC 0x52535431u		/* "RST1" */
#define DATA_MARKER 0x600d1deau
#define DATA_SPOILED 0x0badf00du
#define COUNTER_DEFAULT 0x40f00000ul
#define SCRATCH_DEFAULT 0x40300000ul
#define SCRATCH_MARK 0x5c4a7c11u
/* Before gic_init(): this CPU's redistributor on QEMU virt, by Aff0. */
#define GICR_BASE 0x080a0000ul
#define GICR_STRIDE 0x20000ul
#define GICR_ISENABLER0 0x10100
#define GICR_ISPENDR0 0x10200
/* An SGI the previous boot leaves enabled and pending. */
#define RESET_SGI 2

struct boot_counter {
	uint32_t magic;
	uint32_t boots;
	uint64_t reset_at;	/* counter right before the last SYSTEM_RESET */
};

/* In .data: the payload brings it, the first boot spoils it. */
static volatile uint32_t data_marker = DATA_MARKER;

static void reset_ignore_sgi(unsigned int intid)
{
	(void)intid;
}

/* Leaves state a reset must clear: an enabled virtual timer armed far
 * ahead, and an SGI enabled and pending while IRQs are masked. */
static void leave_state_behind(void)
{
	irq_mask();
	gic_enable(TIMER_VIRT_INTID);
	timer_arm(timer_counter() + timer_us_to_ticks(1000000));
	irq_set_handler(RESET_SGI, reset_ignore_sgi);
	gic_enable(RESET_SGI);
	gic_send_sgi(RESET_SGI, cpu_mpidr());
}

int inmate_main(void)
{
	static const char *const keys[] = { "resets", "delay_us", "hvc",
					    "counter", "scratch", NULL };
	/* Read before anything of this boot touches the GIC or the timer. */
	uint64_t entry = timer_counter();
	uint64_t cntv_ctl = read_sysreg(cntv_ctl_el0);
	uintptr_t rd = GICR_BASE + (cpu_mpidr() & 0xff) * GICR_STRIDE;
	uint32_t enabled = mmio_read32(rd + GICR_ISENABLER0);
	uint32_t pending = mmio_read32(rd + GICR_ISPENDR0);
	uint32_t marker = data_marker;
	unsigned long resets, delay_us, hvc;
	volatile struct boot_counter *counter;
	volatile uint32_t *scratch;
	uint32_t boot, left;

	params_check_keys(keys);
	resets = params_get_ulong("resets", 1, 0, 100);
	delay_us = params_get_ulong("delay_us", 0, 0, 1000000000);
	hvc = params_get_ulong("hvc", 0, 0, 1);
	counter = (volatile struct boot_counter *)params_get_ulong(
		"counter", COUNTER_DEFAULT, 0x40000000ul, 0x7ffffff0ul);
	scratch = (volatile uint32_t *)params_get_ulong(
		"scratch", SCRATCH_DEFAULT, 0x40000000ul, 0x7ffffffcul);
	left = *scratch;
	if (counter->magic != RESET_MAGIC) {
		counter->magic = RESET_MAGIC;
		counter->boots = 0;
	}
	boot = ++counter->boots;
	if (boot == 1)
		console_printf("reset: boot 1 of %lu, entered at cntvct=%llu\n",
			       resets + 1, (unsigned long long)entry);
	else
		console_printf("reset: boot %u of %lu, entered at cntvct=%llu, "
			       "SYSTEM_RESET called at cntvct=%llu\n",
			       boot, resets + 1, (unsigned long long)entry,
			       (unsigned long long)counter->reset_at);
	console_printf("reset: at entry: data marker 0x%x, RAM word 0x%x, "
		       "GICR ISENABLER0 0x%x, ISPENDR0 0x%x, CNTV_CTL 0x%llx\n",
		       marker, left, enabled, pending,
		       (unsigned long long)cntv_ctl);
	*scratch = SCRATCH_MARK;
	data_marker = DATA_SPOILED;
	if (gic_init())
		runtime_panic("reset: no interrupt controller");
	/* A virtual interrupt the previous boot left in a list register
	   would show here (1023: none pending). */
	console_printf("reset: highest pending interrupt after gic_init: "
		       "%llu\n",
		       (unsigned long long)read_sysreg(icc_hppir1_el1));
	if (delay_us)
		timer_delay_us(delay_us);
	if (boot <= resets) {
		leave_state_behind();
		console_printf("reset: SYSTEM_RESET via %s\n",
			       hvc ? "hvc" : "smc");
		counter->reset_at = timer_counter();
		smccc_call(hvc ? SMCCC_HVC : SMCCC_SMC, PSCI_SYSTEM_RESET, 0,
			   0, 0);
		runtime_panic("reset: SYSTEM_RESET returned");
	}
	counter->magic = 0;	/* a later run of this RAM starts afresh */
	console_printf("reset: SYSTEM_OFF via %s\n", hvc ? "hvc" : "smc");
	smccc_call(hvc ? SMCCC_HVC : SMCCC_SMC, PSCI_SYSTEM_OFF, 0, 0, 0);
	runtime_panic("reset: SYSTEM_OFF returned");
}
