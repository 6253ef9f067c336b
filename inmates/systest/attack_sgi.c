// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks through the SGI register ICC_SGI1R_EL1, which the hypervisor
 * emulates: a cell's SGIs reach only its own CPUs (docs/hypervisor.md).
 * Group "sgi": broadcast (IRM), foreign target lists and affinities, and
 * the architecture's rules for a disabled SGI and the hypervisor's SGI
 * 15. Alone: a read of the write-only register.
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "attack_kinds.h"

#define WAIT_US 50

#define SGI1R_IRM (1ull << 40)
#define SGI1R_INTID(n) ((uint64_t)(n) << 24)

static volatile unsigned int receiver_ready, receiver_exit;

static void sgi_receiver(void *arg)
{
	unsigned int sgi;

	(void)arg;
	for (sgi = 0; sgi < 16; sgi++)
		gic_enable(sgi);
	receiver_ready = 1;
	while (!wait_for(&receiver_exit, 100000))
		;
}

static void send_sgi1r(uint64_t value)
{
	dsb_ish();
	write_sysreg(icc_sgi1r_el1, value);
	isb();
}

static void sgi_broadcast(void)
{
	unsigned int seen2, seen3;

	kind_begin("sgi-irm-broadcast");
	receiver_ready = receiver_exit = 0;
	kind_check(second_start(sgi_receiver, 0) == PSCI_SUCCESS,
		   "CPU_ON of CPU 3 failed");
	kind_check(wait_for(&receiver_ready, 20000), "CPU 3 not ready");
	gic_enable(3);
	gic_enable(4);
	seen2 = irq_seen[2][3];
	seen3 = irq_seen[3][3];
	send_sgi1r(SGI1R_IRM | SGI1R_INTID(3));
	wait_us(WAIT_US);
	kind_check(irq_seen[3][3] == seen3 + 1, "CPU 3 took SGI 3 %u times, "
		   "expected once", irq_seen[3][3] - seen3);
	kind_check(irq_seen[2][3] == seen2, "the sender took its own "
		   "broadcast SGI 3");
	/* Every field set, INTID 4: IRM rules, the rest is ignored. */
	seen2 = irq_seen[2][4];
	seen3 = irq_seen[3][4];
	send_sgi1r((~0ull & ~SGI1R_INTID(0xf)) | SGI1R_INTID(4));
	wait_us(WAIT_US);
	kind_check(irq_seen[3][4] == seen3 + 1 && irq_seen[2][4] == seen2,
		   "all-ones SGI 4: CPU 3 took it %u times, CPU 2 %u",
		   irq_seen[3][4] - seen3, irq_seen[2][4] - seen2);
	kind_end();
}

static void sgi_foreign_targets(void)
{
	static const uint64_t values[] = {
		0x3,				/* CPUs 0 and 1 */
		0xfff3,				/* all but the cell's */
		(1ull << 16) | 0xffff,		/* Aff1 1 */
		(1ull << 32) | 0xffff,		/* Aff2 1 */
		(0xffull << 48) | 0xc,		/* Aff3 0xff, CPUs 2, 3 */
		(1ull << 44) | 0xffff,		/* RS 1: Aff0 16-31 */
		(0xfull << 44) | 0xffff,	/* RS 15 */
		0,				/* nobody */
	};
	unsigned int i, before2 = irq_seen[2][5], before3 = irq_seen[3][5];

	kind_begin("sgi-foreign-targets");
	gic_enable(5);
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		send_sgi1r(values[i] | SGI1R_INTID(5));
		kind_check(true, "sent");
	}
	wait_us(WAIT_US);
	kind_check(irq_seen[2][5] == before2 && irq_seen[3][5] == before3,
		   "SGI 5 to foreign targets arrived here: CPU 2 %u, CPU 3 %u "
		   "times", irq_seen[2][5] - before2, irq_seen[3][5] - before3);
	kind_end();
}

/*
 * GICv3 spec (interrupt enables; the same for virtual interrupts): one that
 * is not enabled is not forwarded to the CPU interface; it stays pending
 * and is taken once it is enabled.
 */
static void sgi_self_disabled(void)
{
	unsigned int before = irq_seen[2][6];

	kind_begin("sgi-self-disabled");
	gic_disable(6);
	gic_send_sgi(6, cpu_mpidr());
	wait_us(WAIT_US);
	kind_check(irq_seen[2][6] == before, "SGI 6, disabled at the "
		   "redistributor, was taken %u times: a disabled interrupt "
		   "must not be forwarded", irq_seen[2][6] - before);
	gic_enable(6);
	wait_us(WAIT_US);
	kind_check(irq_seen[2][6] == before + 1, "SGI 6 taken %u times "
		   "in all, expected once (after it was enabled)",
		   irq_seen[2][6] - before);
	gic_disable(6);
	kind_end();
}

/* SGI 15 is the hypervisor's: the cell cannot enable it (its enable bit
   reads as zero), so for the cell it is a disabled interrupt. */
static void sgi_hypervisor_sgi(void)
{
	unsigned int before2 = irq_seen[2][HV_SGI];
	unsigned int before3 = irq_seen[3][HV_SGI];

	kind_begin("sgi-hypervisor-sgi15");
	gic_enable(HV_SGI);
	send_sgi1r(SGI1R_INTID(HV_SGI) | 0x4);		/* itself */
	send_sgi1r(SGI1R_IRM | SGI1R_INTID(HV_SGI));	/* CPU 3 */
	wait_us(WAIT_US);
	kind_check(irq_seen[2][HV_SGI] == before2 &&
		   irq_seen[3][HV_SGI] == before3, "the cell took SGI 15, "
		   "which it cannot enable: CPU 2 %u, CPU 3 %u times",
		   irq_seen[2][HV_SGI] - before2,
		   irq_seen[3][HV_SGI] - before3);
	receiver_exit = 1;
	gic_send_sgi(7, SECOND_MPIDR);	/* wakes it to see the flag */
	kind_check(second_wait_off(), "CPU 3 did not power off");
	kind_end();
}

/* ICC_SGI1R_EL1 is write-only (GICv3 spec, its description): MRS of it is an
   unallocated encoding, UNDEFINED at EL1. */
static void sgi1r_read(void)
{
	unsigned int before;
	uintptr_t at;
	uint64_t value = 0;

	kind_begin("sgi1r-read");
	catch_begin();
	before = caught.count;
	__asm__ __volatile__("adr %0, 1f\n1: mrs %1, icc_sgi1r_el1"
			     : "=&r"(at), "+r"(value) : : "memory");
	catch_end();
	kind_check(caught_at(before, EC_UNKNOWN, at), "MRS ICC_SGI1R_EL1: "
		   "%u exceptions, ESR 0x%llx at 0x%llx; expected EC 0 at "
		   "0x%lx", caught.count - before,
		   (unsigned long long)caught.esr,
		   (unsigned long long)caught.elr, (unsigned long)at);
	kind_end();
}

const struct attack_kind attack_sgi_kinds[] = {
	{ "sgi-irm-broadcast", "sgi", sgi_broadcast },
	{ "sgi-foreign-targets", "sgi", sgi_foreign_targets },
	{ "sgi-self-disabled", "sgi", sgi_self_disabled },
	{ "sgi-hypervisor-sgi15", "sgi", sgi_hypervisor_sgi },
	{ "sgi1r-read", 0, sgi1r_read },
	{ 0, 0, 0 },
};
