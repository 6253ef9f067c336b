// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt delivery through list registers (GICv3 spec 11.2). An
 * interrupt goes into a free list register with the priority the cell gave
 * it; when all four are busy it waits in a per-CPU queue kept in priority
 * order (a higher-priority arrival takes the place of the lowest pending
 * one), and the underflow maintenance interrupt (ICH_HCR_EL2.UIE) brings
 * the CPU back to refill. Nothing is dropped, and the order is kept.
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/cell.h>
#include <hv/lib.h>

#define LR_STATE_PENDING (1ull << 62)
#define LR_HW (1ull << 61)
#define LR_GROUP1 (1ull << 60)
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

/* The lowest free list register, or -1 (ICH_ELRSR_EL2: 1 = free). */
static int free_lr(void)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2) & ((1u << LR_COUNT) - 1);

	return empty ? __builtin_ctzll(empty) : -1;
}

#define LR_PRIORITY(lr) (((lr) >> 48) & 0xff)
#define LR_INTID(lr) ((lr) & 0xffffffffull)

/* Whether virtual SGI @intid waits already, in a list register (pending)
   or in the queue: a second one merges with it, as the GIC merges edges.
   Physical interrupts need no such check: one stays active until the
   cell's EOI. */
static int sgi_already_pending(const struct percpu *pc, unsigned int intid)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2);
	unsigned int n;

	for (n = 0; n < LR_COUNT; n++)
		if (!((empty >> n) & 1) &&
		    (read_lr(n) & (LR_STATE_MASK | 0xffffffffull)) ==
			    (LR_STATE_PENDING | intid))
			return 1;
	for (n = 0; n < pc->virq_count; n++)
		if (LR_INTID(pc->virq_queue[n]) == intid)
			return 1;
	return 0;
}

/* The list register value for @intid, with the priority the cell gave it
   (the timer path runs through here: every instruction counts). */
static uint64_t make_lr(const struct percpu *pc, unsigned int intid, int hw)
{
	uint64_t frame = intid < 32 ? pc->sgi_base : gicd_base;
	uint64_t priority = *(volatile uint8_t *)(frame + GICD_IPRIORITYR +
						  intid);
	uint64_t lr = LR_STATE_PENDING | LR_GROUP1 | intid | priority << 48;

	return hw ? lr | LR_HW | (uint64_t)intid << 32 : lr;
}

/* The queue holds list register values, highest priority (lowest value)
   first, equal priorities in arrival order. */
static void queue_insert(struct percpu *pc, uint64_t lr)
{
	unsigned int i = pc->virq_count;

	/* Invariant: at most one entry per interrupt of this CPU's cell can
	   be outstanding, far fewer than the queue holds. */
	CHECK(pc->virq_count < VIRQ_QUEUE);
	for (; i && LR_PRIORITY(pc->virq_queue[i - 1]) > LR_PRIORITY(lr); i--)
		pc->virq_queue[i] = pc->virq_queue[i - 1];
	pc->virq_queue[i] = lr;
	pc->virq_count++;
}

static uint64_t queue_pop(struct percpu *pc)
{
	uint64_t lr = pc->virq_queue[0];
	unsigned int i;

	for (i = 1; i < pc->virq_count; i++)
		pc->virq_queue[i - 1] = pc->virq_queue[i];
	pc->virq_count--;
	return lr;
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

static void set_underflow_irq(struct percpu *pc, int on)
{
	if (pc->underflow_irq == on)
		return;
	pc->underflow_irq = on;
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN | (on ? ICH_HCR_UIE : 0));
}

/*
 * Invariant kept: the list registers hold the highest-priority interrupts
 * waiting; everything queued has no higher priority than any interrupt
 * pending in a list register. So the cell takes its interrupts in priority
 * order however many wait.
 */
void vgic_inject(unsigned int intid, int hw)
{
	struct percpu *pc = this_percpu();
	uint64_t lr = make_lr(pc, intid, hw), evicted;
	int n;

	if (!hw && sgi_already_pending(pc, intid))
		return;
	if (!pc->virq_count && (n = free_lr()) >= 0) {
		write_lr((unsigned int)n, lr);	/* the common case */
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
	queue_insert(pc, lr);
	vgic_refill_queue(pc);
}

void vgic_refill_queue(struct percpu *pc)
{
	int n;

	while (pc->virq_count && (n = free_lr()) >= 0)
		write_lr((unsigned int)n, queue_pop(pc));
	set_underflow_irq(pc, pc->virq_count != 0);
}

void vgic_reset_cpu(void)
{
	struct percpu *pc = this_percpu();
	unsigned int n;

	for (n = 0; n < LR_COUNT; n++)
		write_lr(n, 0);
	write_sysreg(ICH_AP0R0_EL2, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, 0);
	pc->virq_count = 0;
	pc->sgi_pending = 0;
	pc->underflow_irq = 0;
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
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

void vgic_sgi_write(struct cell *cell, uint64_t value)
{
	unsigned int self = this_percpu()->cpu, cpu;
	unsigned int intid = SGI_INTID(value);

	/* Only the cell's own CPUs: other cells' are out of reach. */
	for (uint64_t set = cell->cpu_set; set; set &= set - 1) {
		cpu = (unsigned int)__builtin_ctzll(set);
		if (!sgi_targets(value, cpu, self))
			continue;
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
}
