// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * held_sgi: a physical SGI made pending at a CPU of the cell while that CPU
 * is off. The cell's first CPU enables SGI 3 in the second CPU's
 * redistributor and sets it pending there (GICR_ISENABLER0, GICR_ISPENDR0
 * of the other frame, both the cell's own), while the second CPU has not
 * been started: the hypervisor takes it on that idle CPU and holds it
 * (active) until the CPU enters the cell again (hypervisor/arch/arm64/
 * irq.c). Then the first CPU starts the second, which enables SGI 3 and
 * unmasks IRQs; then the first sets SGI 3 pending at it once more. The
 * second CPU counts what it takes each time; the first prints:
 *
 *   held_sgi: pended while off: taken N, pended again: taken M
 *
 * The second pend must be taken (M = 1): a held SGI left active would
 * never be signalled again. In-QEMU test protocol (check.h): RUN held_sgi,
 * that line, PASS held_sgi checks=N, then SYSTEM_OFF.
 *
 * Parameters:
 *   second    MPIDR of the cell's second CPU (default 0x3); its
 *             redistributor is found by Aff0 (QEMU virt's frames)
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "polled.h"

#define GICR_BASE 0x080a0000ul
#define GICR_STRIDE 0x20000ul
#define GICR_ISENABLER0 0x10100ul
#define GICR_ISPENDR0 0x10200ul
#define SGI 3
#define WAIT_US 50

static volatile unsigned int taken, phase;

static inline void relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

static void on_sgi(unsigned int intid)
{
	(void)intid;
	taken++;
}

static void second_cpu(void *arg)
{
	(void)arg;
	if (gic_init_cpu())
		runtime_panic("held_sgi: no redistributor");
	irq_set_handler(SGI, on_sgi);
	gic_enable(SGI);
	irq_unmask();
	spin_us(WAIT_US);
	phase = 1;				/* first count taken */
	while (phase != 2)
		relax();
	spin_us(WAIT_US);
	irq_mask();
	phase = 3;
}

int inmate_main(void)
{
	static const char *const keys[] = { "second", NULL };
	uint64_t second;
	uintptr_t frame;
	unsigned int first;

	params_check_keys(keys);
	second = params_get_ulong("second", 3, 0, ~0ul);
	frame = GICR_BASE + (second & 0xf) * GICR_STRIDE;
	check_begin("held_sgi");
	if (gic_init())
		check_fail("no interrupt controller");
	mmio_write32(frame + GICR_ISENABLER0, 1u << SGI);
	mmio_write32(frame + GICR_ISPENDR0, 1u << SGI);
	spin_us(WAIT_US);
	CHECK_EQ(cpu_start(second, second_cpu, 0), PSCI_SUCCESS);
	while (phase != 1)
		relax();
	first = taken;
	mmio_write32(frame + GICR_ISPENDR0, 1u << SGI);
	phase = 2;
	while (phase != 3)
		relax();
	console_printf("held_sgi: pended while off: taken %u, pended again: "
		       "taken %u\n", first, taken - first);
	CHECK_EQ(taken - first, 1);
	check_pass();
	psci_system_off();
}
