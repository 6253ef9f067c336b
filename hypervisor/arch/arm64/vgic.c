// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt delivery through list registers (GICv3 spec 11.2). An
 * interrupt goes into a free list register with the priority the cell gave
 * it; when all four are busy it waits in a per-CPU queue and the underflow
 * maintenance interrupt (ICH_HCR_EL2.UIE) brings the CPU back to refill.
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

/* Whether virtual SGI @intid is pending in a list register already: a
   second one merges with it, as the GIC merges edges. Physical interrupts
   need no such check: one stays active until the cell's EOI. */
static int sgi_already_pending(unsigned int intid)
{
	uint64_t empty = read_sysreg(ICH_ELRSR_EL2);
	unsigned int n;

	for (n = 0; n < LR_COUNT; n++)
		if (!((empty >> n) & 1) &&
		    (read_lr(n) & (LR_STATE_MASK | 0xffffffffull)) ==
			    (LR_STATE_PENDING | intid))
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

/* Puts @virq in a free list register; 0 when none is free. */
static int try_inject(const struct percpu *pc, uint32_t virq)
{
	unsigned int intid = virq & ~VIRQ_HW;
	int n;

	if (!(virq & VIRQ_HW) && sgi_already_pending(intid))
		return 1;
	n = free_lr();
	if (n < 0)
		return 0;
	write_lr((unsigned int)n, make_lr(pc, intid, virq & VIRQ_HW));
	return 1;
}

static void set_underflow_irq(struct percpu *pc, int on)
{
	if (pc->underflow_irq == on)
		return;
	pc->underflow_irq = on;
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN | (on ? ICH_HCR_UIE : 0));
}

void vgic_inject(unsigned int intid, int hw)
{
	struct percpu *pc = this_percpu();
	uint32_t virq = intid | (hw ? VIRQ_HW : 0);

	if (!pc->virq_count && try_inject(pc, virq))
		return;
	/* Invariant: at most one entry per enabled interrupt of this CPU's
	   cell can be outstanding, far fewer than the queue holds. */
	CHECK(pc->virq_count < VIRQ_QUEUE);
	pc->virq_queue[(pc->virq_head + pc->virq_count++) % VIRQ_QUEUE] = virq;
	set_underflow_irq(pc, 1);
}

void vgic_refill_queue(struct percpu *pc)
{
	while (pc->virq_count &&
	       try_inject(pc, pc->virq_queue[pc->virq_head])) {
		pc->virq_head = (pc->virq_head + 1) % VIRQ_QUEUE;
		pc->virq_count--;
	}
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
	pc->virq_head = pc->virq_count = 0;
	pc->sgi_pending = 0;
	pc->underflow_irq = 0;
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
}

/* ICC_SGI1R_EL1 fields (GICv3 spec 12.11.27). */
#define SGI_INTID(v) (((v) >> 24) & 0xf)
#define SGI_IRM (1ull << 40)
#define SGI_AFFINITY(v) ((((v) >> 16) & 0xff) << 8 | (((v) >> 32) & 0xff) << 16 | \
			 (((v) >> 48) & 0xffull) << 32)

static int sgi_targets(uint64_t value, unsigned int cpu, unsigned int self)
{
	uint64_t mpidr = percpu[cpu].mpidr;

	if (value & SGI_IRM)
		return cpu != self;
	return (mpidr & ~0xffull) == SGI_AFFINITY(value) &&
	       (mpidr & 0xff) < 16 && ((value >> (mpidr & 0xf)) & 1);
}

void vgic_sgi_write(struct cell *cell, uint64_t value)
{
	unsigned int self = this_percpu()->cpu, cpu;
	unsigned int intid = SGI_INTID(value);

	for (cpu = 0; cpu < system_config->cpu_count; cpu++) {
		if (!((cell->cpu_set >> cpu) & 1) || !sgi_targets(value, cpu, self))
			continue;	/* other cells' CPUs are out of reach */
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

	for (intid = 0; intid < 16; intid++)
		if ((pending >> intid) & 1)
			vgic_inject(intid, 0);
}
