// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * GICv3 (ARM IHI 0069): distributor set-up, redistributor discovery and
 * wake-up, per-INTID enable/priority/routing, and the ICC_* CPU interface.
 * Bare metal QEMU virt runs the GIC with a single security state (DS=1);
 * the GICD_CTLR value below also works with two, seen from Non-secure.
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/mmio.h>
#include <inmate/runtime.h>
#include <inmate/spinlock.h>
#include <inmate/sysreg.h>

#include "internal.h"

#include <hw/gicv3.h>

#define GICD_BASE 0x08000000ul
/* ARE, EnableGrp1, EnableGrp0 (DS=1); ARE_NS, EnableGrp1A, EnableGrp1
 * seen from Non-secure with DS=0. */
#define GICD_CTLR_ENABLE 0x13

#define GICR_BASE 0x080a0000ul
#define GICR_STRIDE 0x20000ul
/* Bounds the scan if no frame says Last (a broken emulation). */
#define GICR_MAX_FRAMES 256
/* The SGI_base frame's banks, from RD_base. */
#define GICR_IGROUPR0 (GICR_SGI_BASE + GICD_IGROUPR)
#define GICR_ISENABLER0 (GICR_SGI_BASE + GICD_ISENABLER)
#define GICR_ICENABLER0 (GICR_SGI_BASE + GICD_ICENABLER)
#define GICR_IPRIORITYR (GICR_SGI_BASE + GICD_IPRIORITYR)

/* Register polls end in a few accesses; more means the GIC is broken. */
#define GIC_POLL_LIMIT 1000000

#define ICC_SRE_EL1_SRE 1
#define ICC_IGRPEN1_EL1_ENABLE 1
#define ICC_PMR_LOWEST 0xff

static uintptr_t gic_redistributors[INMATE_MAX_CPUS];
/* SPIs whose priority gic_set_priority() chose; gic_enable() gives the
   others GIC_PRIORITY_DEFAULT. Priorities reset to an UNKNOWN value in
   some GIC implementations (0xff masks them all): nothing is left to the
   reset value. */
static uint32_t spi_priority_set[(GIC_INTID_SPECIAL + 31) / 32];
/* Serialises read-modify-write of distributor registers across CPUs. */
static struct spinlock gic_lock;

/* Aff3.Aff2.Aff1.Aff0 packed as GICR_TYPER[63:32] has them. */
static uint32_t mpidr_to_affinity32(uint64_t mpidr)
{
	return (uint32_t)(mpidr & 0xffffff) |
	       (uint32_t)((mpidr >> 32) & 0xff) << 24;
}

static bool gic_poll_clear(uintptr_t reg, uint32_t bits, const char *what)
{
	for (unsigned int i = 0; i < GIC_POLL_LIMIT; i++) {
		if (!(mmio_read32(reg) & bits))
			return true;
	}
	console_printf("gic: cpu %u: %s still set after %u reads\n",
		       cpu_index(), what, GIC_POLL_LIMIT);
	return false;
}

/*
 * The frame whose GICR_TYPER has this CPU's affinity. On QEMU virt, and in
 * a cellblock cell, CPU N (Aff0 N) has frame N: tried first, since a walk
 * from the first frame stops at a frame marked Last, which in a cell ends
 * each run of its own CPUs (a cell of CPUs 1 and 3 has two).
 */
static uintptr_t gic_find_redistributor(uint64_t mpidr)
{
	uint32_t affinity = mpidr_to_affinity32(mpidr);
	uintptr_t guess = GICR_BASE + (mpidr & 0xff) * GICR_STRIDE;

	if ((mpidr & 0xff) < GICR_MAX_FRAMES &&
	    (uint32_t)(mmio_read64(guess + GICR_TYPER) >> 32) == affinity)
		return guess;
	for (unsigned int i = 0; i < GICR_MAX_FRAMES; i++) {
		uintptr_t frame = GICR_BASE + i * GICR_STRIDE;
		uint64_t typer = mmio_read64(frame + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == affinity)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

uintptr_t gic_redistributor(void)
{
	return gic_redistributors[cpu_index()];
}

int gic_init(void)
{
	mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE);
	if (!gic_poll_clear(GICD_BASE + GICD_CTLR, GICD_CTLR_RWP,
			    "GICD_CTLR.RWP"))
		return -1;
	return gic_init_cpu();
}

int gic_init_cpu(void)
{
	uint64_t mpidr = cpu_mpidr();
	uintptr_t rd = gic_find_redistributor(mpidr);
	uint32_t waker;

	if (!rd) {
		console_printf("gic: cpu %u: no redistributor has affinity of "
			       "MPIDR 0x%llx\n",
			       cpu_index(), (unsigned long long)mpidr);
		return -1;
	}
	gic_redistributors[cpu_index()] = rd;

	waker = mmio_read32(rd + GICR_WAKER);
	mmio_write32(rd + GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	if (!gic_poll_clear(rd + GICR_WAKER, GICR_WAKER_CHILDREN_ASLEEP,
			    "GICR_WAKER.ChildrenAsleep"))
		return -1;

	/* A clean start: whoever ran here before may have left some on. */
	mmio_write32(rd + GICR_ICENABLER0, 0xffffffff);
	mmio_write32(rd + GICR_IGROUPR0, 0xffffffff);
	for (unsigned int i = 0; i < GIC_PRIVATE_COUNT; i += 4)
		mmio_write32(rd + GICR_IPRIORITYR + i,
			     GIC_PRIORITY_DEFAULT * 0x01010101u);
	if (!gic_poll_clear(rd + GICR_CTLR, GICR_CTLR_RWP, "GICR_CTLR.RWP"))
		return -1;

	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_EL1_SRE);
	isb();
	write_sysreg(icc_pmr_el1, ICC_PMR_LOWEST);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, 0);	/* EOImode 0: EOI also deactivates */
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_EL1_ENABLE);
	isb();
	return 0;
}

static uintptr_t gic_private_base(void)
{
	uintptr_t rd = gic_redistributor();

	if (!rd)
		runtime_panic("gic: cpu %u used before gic_init_cpu()",
			      cpu_index());
	return rd;
}

static uint32_t gic_bit(unsigned int intid)
{
	return 1u << (intid % 32);
}

void gic_enable(unsigned int intid)
{
	uintptr_t word = (intid / 32) * 4;

	if (intid >= GIC_INTID_SPECIAL)
		runtime_panic("gic_enable: INTID %u out of range", intid);
	if (intid < GIC_PRIVATE_COUNT) {
		uintptr_t rd = gic_private_base();

		/* Only this CPU writes its IGROUPR0: no lock needed. */
		mmio_write32(rd + GICR_IGROUPR0,
			     mmio_read32(rd + GICR_IGROUPR0) | gic_bit(intid));
		mmio_write32(rd + GICR_ISENABLER0, gic_bit(intid));
		return;
	}
	spin_lock(&gic_lock);
	mmio_write32(GICD_BASE + GICD_IGROUPR + word,
		     mmio_read32(GICD_BASE + GICD_IGROUPR + word) |
			     gic_bit(intid));
	if (!(spi_priority_set[intid / 32] & gic_bit(intid)))
		mmio_write8(GICD_BASE + GICD_IPRIORITYR + intid,
			    GIC_PRIORITY_DEFAULT);
	spin_unlock(&gic_lock);
	/* Interrupt_Routing_Mode 0: to this CPU alone. */
	mmio_write64(GICD_BASE + GICD_IROUTER + intid * 8ul,
		     cpu_mpidr() & 0xff00ffffffull);
	mmio_write32(GICD_BASE + GICD_ISENABLER + word, gic_bit(intid));
}

void gic_disable(unsigned int intid)
{
	uintptr_t word = (intid / 32) * 4;

	if (intid >= GIC_INTID_SPECIAL)
		return;
	if (intid < GIC_PRIVATE_COUNT)
		mmio_write32(gic_private_base() + GICR_ICENABLER0,
			     gic_bit(intid));
	else
		mmio_write32(GICD_BASE + GICD_ICENABLER + word,
			     gic_bit(intid));
}

void gic_set_priority(unsigned int intid, uint8_t priority)
{
	if (intid >= GIC_INTID_SPECIAL)
		runtime_panic("gic_set_priority: INTID %u out of range",
			      intid);
	if (intid < GIC_PRIVATE_COUNT) {
		mmio_write8(gic_private_base() + GICR_IPRIORITYR + intid,
			    priority);
		return;
	}
	spin_lock(&gic_lock);
	spi_priority_set[intid / 32] |= gic_bit(intid);
	mmio_write8(GICD_BASE + GICD_IPRIORITYR + intid, priority);
	spin_unlock(&gic_lock);
}

uint32_t gic_ack(void)
{
	uint32_t iar = (uint32_t)read_sysreg(icc_iar1_el1);

	/* Reads of the device that raised it must not pass the ack. */
	dsb_sy();
	return iar;
}

void gic_eoi(uint32_t iar)
{
	write_sysreg(icc_eoir1_el1, iar);
	isb();
}

void gic_send_sgi(unsigned int intid, uint64_t mpidr)
{
	unsigned int aff0 = (unsigned int)(mpidr & 0xff);
	uint64_t value = ((mpidr >> 8) & 0xff) << 16 |	  /* Aff1 */
			 ((mpidr >> 16) & 0xff) << 32 |	  /* Aff2 */
			 ((mpidr >> 32) & 0xff) << 48 |	  /* Aff3 */
			 (uint64_t)(aff0 / 16) << 44 |	  /* RS */
			 (uint64_t)(intid & 0xf) << 24 |  /* INTID */
			 (1ull << (aff0 % 16));		  /* TargetList */

	/* Earlier stores must be visible to the target before the SGI. */
	dsb_ish();
	write_sysreg(icc_sgi1r_el1, value);
	isb();
}
