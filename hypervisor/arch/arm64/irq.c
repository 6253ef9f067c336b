// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical interrupts taken at EL2 (see irq.h). The hypervisor runs with
 * EOImode 1: acknowledging and dropping priority is one step, deactivating
 * another, and an interrupt left active is not signalled again (GICv3 spec
 * 4.1.1). That is what holds a cell's interrupt while its CPU is off: on
 * hardware it would stay pending, not delivered, until the CPU comes back.
 * SPIs the hypervisor keeps for itself (the console's input) are handled
 * here too, on whichever CPU they are routed to, in a cell or idle.
 */
#include <asm/el2_timer.h>
#include <asm/gicv3.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <asm/stats.h>

#define INTID_SPURIOUS 1020	/* 1020-1023: nothing to acknowledge */
#define INTID_LPI 8192		/* LPIs from here */

void trap_irq(struct trap_frame *frame);

static int is_spurious(uint32_t intid)
{
	return intid >= INTID_SPURIOUS && intid < INTID_LPI;
}

/*
 * An interrupt no cell on this CPU may have: an SPI routed here against
 * the routing rules (set at boot, filtered after), or an LPI (firmware
 * left GICR_CTLR.EnableLPIs set; the hypervisor gives LPIs to no one). An
 * SPI is deactivated and disabled; an LPI, which has no active state, is
 * over with its priority drop. Either is said once per CPU.
 */
static void refuse_interrupt(uint32_t intid)
{
	struct percpu *pc = this_percpu();

	if (intid >= INTID_LPI) {
		if (!pc->lpi_reported)
			hv_printf("LPI %u arrived on CPU %u: no cell takes LPIs "
				  "(firmware left them enabled); ignored",
				  intid, pc->cpu);
		pc->lpi_reported = 1;
		return;
	}
	write_sysreg(ICC_DIR_EL1, intid);
	if (intid < 32)
		return;
	mmio_write32(gicd_base + GICD_ICENABLER + 4 * (intid / 32),
		     1u << (intid % 32));
	hv_printf("SPI %u arrived on CPU %u, whose cell does not own it: "
		  "disabled", intid, pc->cpu);
}

/*
 * Level semantics for a cell's level-triggered SPIs. A handler that ends
 * the interrupt (EOI) before it clears its device is common: bare metal,
 * the line is still high at the EOI, the interrupt becomes pending again,
 * and when the handler has cleared the device and unmasks, the pending
 * state has followed the line down: one interrupt. In a cell the EOI
 * deactivates the physical interrupt at once, the GIC signals it to EL2
 * again (IMO: regardless of the cell's mask), and a virtual interrupt
 * injected then would stay pending after the line drops: two.
 *
 * So an SPI that comes back to the CPU that just delivered it, while the
 * cell masks IRQs (it cannot take it yet anyway), is not injected at
 * once: it stays active (no further signal) and its line is resampled
 * (GICD_ISPENDR of an active level interrupt is the line) at the cell's
 * next trap on that CPU, or RESAMPLE_US later by the EL2 timer's resample
 * slot (el2_timer.c) if none comes first; it is injected only if still
 * asserted. An edge SPI, a first arrival, one the cell can take at once,
 * or one the cell set pending itself (a latch, not a line) goes straight
 * in.
 */
#define RESAMPLE_US 2

static int spi_is_level(unsigned int intid)
{
	uint32_t icfgr = mmio_read32(gicd_base + GICD_ICFGR + 4 * (intid / 16));

	return !((icfgr >> (2 * (intid % 16) + 1)) & 1);
}

static int spi_line_high(unsigned int intid)
{
	return (mmio_read32(gicd_base + GICD_ISPENDR + 4 * (intid / 32)) >>
		(intid % 32)) & 1;
}

static void resample_later(struct percpu *pc, uint32_t intid)
{
	pc->resampling = intid;
	el2_timer_arm(EL2_TIMER_RESAMPLE,
		      read_sysreg(cntpct_el0) +
			      read_sysreg(cntfrq_el0) * RESAMPLE_US / 1000000);
}

void irq_resample(struct percpu *pc)
{
	uint32_t intid = pc->resampling;

	if (!intid)
		return;
	pc->resampling = 0;
	if (spi_line_high(intid))
		vgic_inject(intid, 1);		/* still asserted: real */
	else
		write_sysreg(ICC_DIR_EL1, intid);	/* it went away */
}

void irq_drop_resampling(void)
{
	struct percpu *pc = this_percpu();

	if (pc->resampling)
		write_sysreg(ICC_DIR_EL1, pc->resampling);
	pc->resampling = 0;
	pc->last_spi = 0;
	el2_timer_disarm(EL2_TIMER_RESAMPLE);
}

/* Whether the cell set @intid pending itself (GICD_ISPENDR): consumed. */
static int take_latched(struct cell *cell, uint32_t intid)
{
	uint32_t bit = 1u << (intid % 32);

	return !!(__atomic_fetch_and(&cell->arch.spi_latched[intid / 32], ~bit,
				     __ATOMIC_RELAXED) & bit);
}

static void inject_spi(struct percpu *pc, struct trap_frame *frame,
		       uint32_t intid)
{
	if (intid == pc->last_spi && (frame->spsr & SPSR_I) &&
	    !pc->resampling && !take_latched(pc->cell, intid) &&
	    spi_is_level(intid)) {
		resample_later(pc, intid);
		return;
	}
	pc->last_spi = intid;
	vgic_inject(intid, 1);
}

/*
 * SPIs the hypervisor keeps for itself (the system console's receive
 * interrupt): level-triggered, group 1, taken at EL2 wherever they are
 * routed (arch_irq_target()), in a cell or idle, and never a cell's.
 */
#define HV_SPI_SLOTS 2

static struct hv_spi {
	uint32_t intid;			/* 0: free */
	void (*handler)(void);
} hv_spis[HV_SPI_SLOTS];

int __boot arch_irq_own(unsigned int intid, void (*handler)(void))
{
	uint64_t icfgr = gicd_base + GICD_ICFGR + 4 * (intid / 16);
	unsigned int i;

	for (i = 0; i < HV_SPI_SLOTS && hv_spis[i].intid; i++)
		;
	if (i == HV_SPI_SLOTS)
		return -1;
	mmio_write32(gicd_base + GICD_ICENABLER + 4 * (intid / 32),
		     1u << (intid % 32));
	gicv3_wait_rwp();	/* ICFGR may change only while disabled */
	mmio_write32(icfgr, mmio_read32(icfgr) & ~(2u << (2 * (intid % 16))));
	*(volatile uint8_t *)(gicd_base + GICD_IPRIORITYR + intid) =
		GIC_PRIO_DEFAULT;
	hv_spis[i] = (struct hv_spi){ intid, handler };
	return 0;
}

void arch_irq_target(unsigned int intid, int cpu)
{
	uint32_t bit = 1u << (intid % 32);

	if (cpu < 0) {
		mmio_write32(gicd_base + GICD_ICENABLER + 4 * (intid / 32),
			     bit);
		return;
	}
	*(volatile uint64_t *)(gicd_base + GICD_IROUTER + 8ull * intid) =
		percpu[cpu].mpidr;
	mmio_write32(gicd_base + GICD_ISENABLER + 4 * (intid / 32), bit);
}

/* 1 if @intid is one of hv_spis: its handler has run, and it is over. */
static int take_hv_spi(uint32_t intid)
{
	unsigned int i;

	for (i = 0; i < HV_SPI_SLOTS; i++)
		if (hv_spis[i].intid == intid && intid) {
			hv_spis[i].handler();
			/* After the handler quieted the device: a level
			   interrupt deactivated while still high would come
			   straight back. */
			write_sysreg(ICC_DIR_EL1, intid);
			return 1;
		}
	return 0;
}

/* The hypervisor's own interrupts: 1 if @intid is one (now handled but for
   the requests an IPI brings), 0 if not. */
static int take_own(uint32_t intid)
{
	switch (intid) {
	case HV_PPI_EL2_TIMER:
		/* Its due slots' handlers; it deactivates the interrupt
		   itself, before a handler that may end the cell's run. */
		el2_timer_take();
		return 1;
	case HV_PPI_MAINTENANCE:
		/* Virtual lines the cell ended, or the underflow that
		   trap_irq() answers with vgic_refill(). One deactivation
		   for it and the IPI keeps the IPI's path an instruction
		   shorter (no constant to load). */
		stats_count(STAT_MAINTENANCE);
		vgic_virt_maintenance();
		/* fall through */
	case HV_SGI_IPI:
		write_sysreg(ICC_DIR_EL1, intid);
		return 1;
	}
	return intid >= 32 && take_hv_spi(intid);
}

/*
 * One physical interrupt per exception: another one pending brings the CPU
 * straight back, and the common case (one interrupt, the cell's) takes the
 * first branch.
 */
void trap_irq(struct trap_frame *frame)
{
	uint32_t intid = (uint32_t)read_sysreg(ICC_IAR1_EL1);
	struct percpu *pc = this_percpu();

	if (is_spurious(intid))
		return;		/* withdrawn before we looked */
	write_sysreg(ICC_EOIR1_EL1, intid);	/* priority drop */
	if (intid < 32 && !((HV_RESERVED_PRIVATE >> intid) & 1)) {
		/* The cell's own PPI or SGI: its EOI will deactivate it. */
		vgic_inject(intid, 1);
	} else if (vgic_owns_spi(pc->cell, intid)) {
		inject_spi(pc, frame, intid);
	} else if (take_own(intid)) {
		if (intid == HV_SGI_IPI)
			cpu_handle_requests();
	} else {
		refuse_interrupt(intid);
	}
	vgic_refill();
}

void irq_take_idle(void)
{
	struct percpu *pc = this_percpu();
	uint32_t intid;

	/* Bounded: each interrupt of a cell is taken once, then held. */
	while (!is_spurious(intid = (uint32_t)read_sysreg(ICC_IAR1_EL1))) {
		write_sysreg(ICC_EOIR1_EL1, intid);
		if (take_own(intid))
			continue;
		if (intid < 32)
			pc->private_held |= 1u << intid;
		else if (pc->cell && vgic_owns_spi(pc->cell, intid))
			__atomic_fetch_or(&pc->cell->arch.spi_held[intid / 32],
					  1u << (intid % 32), __ATOMIC_RELAXED);
		else
			refuse_interrupt(intid);
	}
}

/*
 * A held interrupt is deactivated; an edge-triggered one, whose pending
 * state the acknowledge consumed, is also set pending again, so that it is
 * delivered as the GIC would have kept it (a level one is pending again by
 * itself if its line is still high).
 */
static void release(uint64_t frame, uint32_t bits, uint32_t edge)
{
	mmio_write32(frame + GICD_ICACTIVER, bits);
	if (bits & edge)
		mmio_write32(frame + GICD_ISPENDR, bits & edge);
}

/* The edge-triggered ones of the 32 INTIDs from @first (GICD_ICFGR: two
   bits each, the upper one set for edge), at the frame @frame. */
static uint32_t edge_bits(uint64_t frame, unsigned int first)
{
	uint32_t lo = mmio_read32(frame + GICD_ICFGR + first / 4);
	uint32_t hi = mmio_read32(frame + GICD_ICFGR + first / 4 + 4);
	uint32_t edge = 0;
	unsigned int i;

	for (i = 0; i < 16; i++) {
		edge |= ((lo >> (2 * i + 1)) & 1) << i;
		edge |= ((hi >> (2 * i + 1)) & 1) << (16 + i);
	}
	return edge;
}

/* Releases SPI @intid if this call is the one that clears its hold. */
static void unhold(struct cell *cell, unsigned int intid)
{
	uint32_t bit = 1u << (intid % 32);
	unsigned int word = intid / 32;

	if (__atomic_fetch_and(&cell->arch.spi_held[word], ~bit,
			       __ATOMIC_RELAXED) & bit)
		release(gicd_base + 4 * word, bit,
			edge_bits(gicd_base, word * 32) & bit);
}

void irq_release_held(struct cell *cell)
{
	struct percpu *pc = this_percpu();
	unsigned int word, intid;
	uint32_t bits;

	if (pc->private_held) {
		/* SGIs are always edge-triggered; PPIs as configured. */
		release(pc->sgi_base, pc->private_held,
			0xffffu | (edge_bits(pc->sgi_base, 0) & 0xffff0000u));
		pc->private_held = 0;
	}
	/* Its virtual lines: those pending while it was off come now. */
	vgic_virt_sync();
	/* An SPI held by an off CPU still routes to it: the route changes
	   only through irq_unhold_spi(). */
	for (word = 1; word < ARRAY_SIZE(cell->arch.spi_held); word++)
		for (bits = __atomic_load_n(&cell->arch.spi_held[word],
					    __ATOMIC_RELAXED);
		     bits; bits &= bits - 1) {
			intid = word * 32 + (unsigned int)__builtin_ctz(bits);
			if (*(volatile uint64_t *)(gicd_base + GICD_IROUTER +
						   8ull * intid) == pc->mpidr)
				unhold(cell, intid);
		}
}

void irq_unhold_spi(struct cell *cell, unsigned int intid)
{
	unhold(cell, intid);
}
