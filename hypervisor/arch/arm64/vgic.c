// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt delivery through list registers (GICv3 spec 11.2). An
 * interrupt goes into a free list register with the priority the cell gave
 * it; when all four are busy it waits in a per-CPU queue kept in priority
 * order (a higher-priority arrival takes the place of the lowest pending
 * one), and the underflow maintenance interrupt (ICH_HCR_EL2.UIE) brings
 * the CPU back to refill. Nothing is dropped, and the order is kept.
 * Virtual lines (vgic_virt.c) go through the same registers and queue,
 * and can be withdrawn while not yet taken; their list registers ask for
 * the maintenance interrupt when the cell ends them (EOI).
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <asm/stats.h>

#define LR_STATE_PENDING (1ull << 62)
#define LR_HW (1ull << 61)
#define LR_GROUP1 (1ull << 60)
#define LR_EOI (1ull << 41)	/* HW 0: maintenance when deactivated */
#define LR_STATE_ACTIVE (2ull << 62)
#define LR_STATE_MASK (3ull << 62)
#define ICH_HCR_EN (1ull << 0)
#define ICH_HCR_UIE (1ull << 1)
#define LR_COUNT 4	/* ICH_VTR_EL2.ListRegs + 1 on cortex-a57 */

static uint64_t read_lr(unsigned int n)
{
	switch (n) {
	case 0: return read_sysreg(ICH_LR0_EL2);
	case 1: return read_sysreg(ICH_LR1_EL2);
	case 2: return read_sysreg(ICH_LR2_EL2);
	default: return read_sysreg(ICH_LR3_EL2);
	}
}

static void write_lr(unsigned int n, uint64_t value)
{
	switch (n) {
	case 0: write_sysreg(ICH_LR0_EL2, value); break;
	case 1: write_sysreg(ICH_LR1_EL2, value); break;
	case 2: write_sysreg(ICH_LR2_EL2, value); break;
	default: write_sysreg(ICH_LR3_EL2, value); break;
	}
}

#define LR_PRIORITY(lr) (((lr) >> 48) & 0xff)
#define LR_INTID(lr) ((unsigned int)((lr) & 0xffffffffull))
#define LR_ALL ((1u << LR_COUNT) - 1)

/* The list register value for @intid, with the priority the cell gave it
   (the timer path runs through here: every instruction counts). An SPI
   with no physical interrupt behind it is a virtual line (vgic_virt.c):
   its priority is the emulated one, and its end is reported (EOI
   maintenance), for level semantics. */
static uint64_t make_lr(const struct percpu *pc, unsigned int intid, int hw)
{
	uint64_t frame = intid < 32 ? pc->sgi_base : gicd_base;
	uint64_t priority, lr;

	if (!hw && intid >= 32)
		return LR_STATE_PENDING | LR_GROUP1 | LR_EOI | intid |
		       (uint64_t)vgic_virt_priority(pc->cell, intid) << 48;
	priority = *(volatile uint8_t *)(frame + GICD_IPRIORITYR + intid);
	lr = LR_STATE_PENDING | LR_GROUP1 | intid | priority << 48;
	return hw ? lr | LR_HW | (uint64_t)intid << 32 : lr;
}

/*
 * The queue: interrupts waiting for a list register, a bit per INTID (so it
 * cannot overflow, and an INTID waits at most once), and whether a physical
 * interrupt backs each. The next to go is the highest priority, the lowest
 * INTID among equals, as the GIC itself would choose.
 */
static int queued(const struct percpu *pc, unsigned int intid)
{
	return (pc->virq_queued[intid / 32] >> (intid % 32)) & 1;
}

static int queued_hw(const struct percpu *pc, unsigned int intid)
{
	return (pc->virq_hw[intid / 32] >> (intid % 32)) & 1;
}

static void queue_add(struct percpu *pc, unsigned int intid, int hw)
{
	pc->virq_queued[intid / 32] |= 1u << (intid % 32);
	if (hw)
		pc->virq_hw[intid / 32] |= 1u << (intid % 32);
	pc->virq_count++;
}

/* Takes the next interrupt off the queue, as a list register value. */
static uint64_t queue_take(struct percpu *pc)
{
	uint64_t best = 0, lr;
	unsigned int word, intid;
	uint32_t bits;

	for (word = 0; word < 32; word++)
		for (bits = pc->virq_queued[word]; bits; bits &= bits - 1) {
			intid = word * 32 + (unsigned int)__builtin_ctz(bits);
			lr = make_lr(pc, intid, queued_hw(pc, intid));
			if (!best || LR_PRIORITY(lr) < LR_PRIORITY(best))
				best = lr;
		}
	intid = LR_INTID(best);
	pc->virq_queued[intid / 32] &= ~(1u << (intid % 32));
	pc->virq_hw[intid / 32] &= ~(1u << (intid % 32));
	pc->virq_count--;
	return best;
}

/*
 * Merges @intid with a list register that holds it already, if one does.
 * A physical interrupt there, in any state, keeps its physical twin active
 * (its EOI deactivates it), so a second one cannot be real. A virtual SGI
 * merges as the GIC merges edges: pending stays pending, active becomes
 * active and pending. One INTID never occupies two list registers, which
 * the architecture leaves unpredictable.
 */
static int merge_into_lr(unsigned int intid, int hw)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2), lr;
	unsigned int n;

	for (n = 0; n < LR_COUNT; n++) {
		if ((empty >> n) & 1)
			continue;
		lr = read_lr(n);
		if (LR_INTID(lr) != intid)
			continue;
		if (!hw && (lr & LR_STATE_MASK) == LR_STATE_ACTIVE)
			write_lr(n, lr | LR_STATE_PENDING);
		return 1;
	}
	return 0;
}

/* The list register whose pending (not active) interrupt has the lowest
   priority, or -1. */
static int lowest_pending_lr(void)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2);
	int n, lowest = -1;
	uint64_t lowest_priority = 0;

	for (n = 0; n < LR_COUNT; n++) {
		uint64_t lr = read_lr((unsigned int)n);

		if (((empty >> n) & 1) || (lr & LR_STATE_MASK) != LR_STATE_PENDING)
			continue;
		if (lowest < 0 || LR_PRIORITY(lr) >= lowest_priority) {
			lowest = n;
			lowest_priority = LR_PRIORITY(lr);
		}
	}
	return lowest;
}

/* The lowest free list register, or -1 (ICH_ELRSR_EL2: 1 = free). */
static int free_lr(void)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2) & LR_ALL;

	return empty ? __builtin_ctzll(empty) : -1;
}

static void set_underflow_irq(struct percpu *pc, int on)
{
	if (pc->underflow_irq == on)
		return;
	pc->underflow_irq = on;
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN | (on ? ICH_HCR_UIE : 0));
}

/*
 * Invariant kept: the list registers hold the highest-priority interrupts
 * waiting; nothing queued has a higher priority than an interrupt pending
 * in a list register. So the cell takes its interrupts in priority order
 * however many wait, and none is lost or delivered twice.
 */
void vgic_inject(unsigned int intid, int hw)
{
	struct percpu *pc = this_percpu();
	uint64_t lr, evicted;
	int n;

	stats_count(STAT_INJECTED);
	if (!pc->virq_count &&
	    (read_sysreg(ICH_ELRSR_EL2) & LR_ALL) == LR_ALL) {
		write_lr(0, make_lr(pc, intid, hw));	/* the common case */
		return;
	}
	if (queued(pc, intid) || merge_into_lr(intid, hw))
		return;		/* merged with the one already waiting */
	lr = make_lr(pc, intid, hw);
	n = pc->virq_count ? -1 : free_lr();
	if (n >= 0) {
		write_lr((unsigned int)n, lr);
		return;
	}
	n = lowest_pending_lr();
	if (n >= 0) {
		evicted = read_lr((unsigned int)n);
		if (LR_PRIORITY(lr) < LR_PRIORITY(evicted)) {
			write_lr((unsigned int)n, lr);
			lr = evicted;
		}
	}
	queue_add(pc, LR_INTID(lr), !!(lr & LR_HW));
	vgic_refill_queue(pc);
}

void vgic_refill_queue(struct percpu *pc)
{
	int n;

	while (pc->virq_count && (n = free_lr()) >= 0)
		write_lr((unsigned int)n, queue_take(pc));
	set_underflow_irq(pc, pc->virq_count != 0);
}

/* The list register holding @intid, or -1 (ICH_ELRSR_EL2: 1 = free). */
static int lr_of(unsigned int intid)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2);
	unsigned int n;

	for (n = 0; n < LR_COUNT; n++)
		if (!((empty >> n) & 1) && LR_INTID(read_lr(n)) == intid)
			return (int)n;
	return -1;
}

/*
 * A list register with EOI set (a virtual line's) whose interrupt the cell
 * has ended is invalid but not free (ICH_ELRSR_EL2 0, ICH_EISR_EL2 1)
 * until it is cleared here; @ended is told its INTID first. This is what
 * raises the maintenance interrupt (ICH_MISR_EL2.EOI), so it is quiet
 * once they are all cleared (GICv3 spec 9.5 and 12.4.1).
 */
void vgic_take_eois(void (*ended)(unsigned int intid))
{
	uint64_t eisr = read_sysreg(ICH_EISR_EL2) & LR_ALL;
	unsigned int n;

	for (; eisr; eisr &= eisr - 1) {
		n = (unsigned int)__builtin_ctzll(eisr);
		ended(LR_INTID(read_lr(n)));
		write_lr(n, 0);
	}
}

int vgic_virq_state(unsigned int intid)
{
	struct percpu *pc = this_percpu();
	int n = lr_of(intid);
	uint64_t state;

	if (n < 0)
		return queued(pc, intid) ? VIRQ_PENDING : VIRQ_ABSENT;
	state = read_lr((unsigned int)n) & LR_STATE_MASK;
	if (state == LR_STATE_PENDING)
		return VIRQ_PENDING;
	return state ? VIRQ_ACTIVE : VIRQ_ABSENT;
}

void vgic_withdraw(unsigned int intid)
{
	struct percpu *pc = this_percpu();
	int n = lr_of(intid);

	if (n >= 0 && (read_lr((unsigned int)n) & LR_STATE_MASK) ==
			      LR_STATE_PENDING) {
		write_lr((unsigned int)n, 0);
	} else if (n < 0 && queued(pc, intid) && !queued_hw(pc, intid)) {
		pc->virq_queued[intid / 32] &= ~(1u << (intid % 32));
		pc->virq_count--;
	}
	vgic_refill_queue(pc);
}

/* Deactivates every physical interrupt this CPU holds for its cell (in a
   list register or queued): dropping them silently would leave them active
   for good (EOImode 1: only the cell's EOI would deactivate them). */
static void release_physical(struct percpu *pc)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2), lr;
	unsigned int n, word;
	uint32_t bits;

	for (n = 0; n < LR_COUNT; n++) {
		lr = read_lr(n);
		if (!((empty >> n) & 1) && (lr & LR_HW))
			write_sysreg(ICC_DIR_EL1, (lr >> 32) & 0x1fff);
	}
	for (word = 0; word < 32; word++)
		for (bits = pc->virq_hw[word]; bits; bits &= bits - 1)
			write_sysreg(ICC_DIR_EL1, word * 32 +
				     (unsigned int)__builtin_ctz(bits));
}

/* Empty list registers and queues, the virtual CPU interface on with
   @vmcr. */
static void clear_cpu(struct percpu *pc, uint64_t vmcr)
{
	unsigned int n;

	for (n = 0; n < LR_COUNT; n++)
		write_lr(n, 0);
	write_sysreg(ICH_AP0R0_EL2, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, vmcr);
	memset(pc->virq_queued, 0, sizeof(pc->virq_queued));
	memset(pc->virq_hw, 0, sizeof(pc->virq_hw));
	pc->virq_count = 0;
	pc->sgi_pending = 0;
	pc->vline_sync = 0;
	pc->underflow_irq = 0;
	vgic_virt_forget(pc);	/* its virtual lines left with the registers */
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
}

void vgic_reset_cpu(void)
{
	struct percpu *pc = this_percpu();

	release_physical(pc);
	clear_cpu(pc, 0);
}

void vgic_adopt_cpu(uint64_t vmcr)
{
	/* The list registers reset UNKNOWN and Linux's stub never used
	   them: nothing in them is real, nothing to release. */
	clear_cpu(this_percpu(), vmcr);
}

static int trigger_is_edge(const struct percpu *pc, unsigned int intid)
{
	uint64_t base = intid < 32 ? pc->sgi_base : gicd_base;

	return (mmio_read32(base + GICD_ICFGR + intid / 16 * 4) >>
		(intid % 16 * 2 + 1)) & 1;
}

/* One interrupt that waited for the cell on this CPU, back to the
   physical GIC: a physical one deactivated (a level one asserts again, an
   edge one is pended first), a virtual SGI sent again to this CPU. A
   virtual line's device keeps its own state. */
static void hand_back_one(const struct percpu *pc, unsigned int intid, int hw)
{
	uint64_t base = intid < 32 ? pc->sgi_base : gicd_base;

	if (hw) {
		if (trigger_is_edge(pc, intid))
			mmio_write32(base + GICD_ISPENDR + intid / 32 * 4,
				     1u << (intid % 32));
		write_sysreg(ICC_DIR_EL1, intid);
	} else if (intid < 16) {
		gicv3_send_sgi(pc->mpidr, intid);
	}
}

void vgic_hand_back_cpu(void)
{
	struct percpu *pc = this_percpu();
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2), lr;
	unsigned int n, word;
	uint32_t bits;

	for (n = 0; n < LR_COUNT; n++) {
		lr = read_lr(n);
		if (!((empty >> n) & 1))
			hand_back_one(pc, LR_INTID(lr) & 0x1fff, !!(lr & LR_HW));
	}
	for (word = 0; word < 32; word++)
		for (bits = pc->virq_queued[word]; bits; bits &= bits - 1) {
			unsigned int bit = (unsigned int)__builtin_ctz(bits);

			hand_back_one(pc, word * 32 + bit,
				      (pc->virq_hw[word] >> bit) & 1);
		}
	for (bits = pc->sgi_pending; bits; bits &= bits - 1)
		gicv3_send_sgi(pc->mpidr, (unsigned int)__builtin_ctz(bits));
	clear_cpu(pc, 0);
	write_sysreg(ICH_HCR_EL2, 0);
}

/* ICC_SGI1R_EL1 fields (GICv3 spec 12.11.27). */
#define SGI_INTID(v) (((v) >> 24) & 0xf)
#define SGI_IRM (1ull << 40)
#define SGI_AFFINITY(v) ((((v) >> 16) & 0xff) << 8 | (((v) >> 32) & 0xff) << 16 | \
			 (((v) >> 48) & 0xffull) << 32)
#define SGI_RS(v) (((v) >> 44) & 0xf)	/* Aff0 = RS * 16 + target bit */

static int sgi_targets(uint64_t value, unsigned int cpu, unsigned int self)
{
	uint64_t mpidr = percpu[cpu].mpidr;

	if (value & SGI_IRM)
		return cpu != self;
	return (mpidr & ~0xffull) == SGI_AFFINITY(value) &&
	       ((mpidr & 0xff) >> 4) == SGI_RS(value) &&
	       ((value >> (mpidr & 0xf)) & 1);
}

/*
 * An SGI its target has disabled in its redistributor is not delivered
 * but stays pending, as the GIC keeps it: it is set pending in the
 * physical redistributor, which signals it (to EL2, then injected as the
 * physical interrupt it is) once the cell enables it. One the hypervisor
 * keeps for itself (SGI 15) the cell can neither enable nor send.
 */
static int sgi_enabled(unsigned int cpu, unsigned int intid)
{
	return (mmio_read32(percpu[cpu].sgi_base + GICD_ISENABLER) >> intid) &
	       1;
}

void vgic_sgi_write(struct cell *cell, uint64_t value)
{
	unsigned int self = this_percpu()->cpu, cpu;
	unsigned int intid = SGI_INTID(value);

	if ((HV_RESERVED_PRIVATE >> intid) & 1)
		return;
	/* Only the cell's own CPUs: other cells' are out of reach. */
	for (uint64_t set = cell->cpu_set; set; set &= set - 1) {
		cpu = (unsigned int)__builtin_ctzll(set);
		if (!sgi_targets(value, cpu, self))
			continue;
		if (!sgi_enabled(cpu, intid)) {
			mmio_write32(percpu[cpu].sgi_base + GICD_ISPENDR,
				     1u << intid);
			continue;
		}
		if (cpu == self) {
			vgic_inject(intid, 0);
			continue;
		}
		__atomic_fetch_or(&percpu[cpu].sgi_pending, 1u << intid,
				  __ATOMIC_RELEASE);
		cpu_request(cpu, REQ_SGI);
	}
}

void vgic_take_sgis(void)
{
	uint32_t pending = __atomic_exchange_n(&this_percpu()->sgi_pending, 0,
					       __ATOMIC_ACQUIRE);
	unsigned int intid;

	for (; pending; pending &= pending - 1) {
		intid = (unsigned int)__builtin_ctz(pending);
		vgic_inject(intid, 0);
	}
	if (__atomic_exchange_n(&this_percpu()->vline_sync, 0,
				__ATOMIC_ACQUIRE))
		vgic_virt_sync();
}
