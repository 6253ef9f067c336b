// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual lines in a cell's GIC (hv/vline.h): the distributor state the
 * cell sees for each (enable, pending, active, priority, a fixed level
 * configuration, its route) and their delivery, with level semantics,
 * through the list registers of the CPU the cell routes them to.
 *
 * Delivery is a reconciliation that runs only on the target CPU (list
 * registers are per CPU): vgic_virt_sync() injects a line that is wanted
 * (level high or pended by the cell, enabled, routed here) and not held,
 * and withdraws one still pending, not yet taken, that is no longer wanted
 * (the device was drained or masked first: no stale interrupt). One the
 * cell has taken stays until it ends it. Its list register carries EOI,
 * so the end raises the maintenance interrupt and the line is reconciled
 * then: taken again only if still asserted, as a level interrupt is.
 * (Resampling at the cell's next trap would not do: a cell that ends the
 * interrupt and waits in WFI, which is not trapped, might never trap.)
 *
 * Whoever changes a line (its device, on any CPU, or the cell's own
 * distributor writes) asks the CPUs concerned to reconcile: itself at
 * once, another through the request that carries virtual SGIs (REQ_SGI,
 * with vline_sync set; vgic_take_sgis()). Only CPUs of the line's own
 * cell are asked. A CPU entering its cell reconciles too
 * (irq_release_held()), so a line routed to a CPU that was off arrives
 * when it comes on.
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/vline.h>

#define IROUTER_IRM (1ull << 31)
#define MPIDR_AFFINITY 0xff00ffffffull

void vgic_virt_reset(struct cell *cell)
{
	unsigned int line;

	memset(cell->arch.vline_enabled, 0, sizeof(cell->arch.vline_enabled));
	for (line = 0; line < cell->vline_count; line++) {
		struct vgic_vline *v = &cell->arch.vline[line];

		v->latched = 0;
		v->priority = GIC_PRIO_DEFAULT;
		v->target = cell_first_cpu(cell);
		v->holder = -1;
		/* Which distributor words need vgic_virt_bank() (vgic_mmio.c):
		   the lines are the devices', fixed since boot. */
		cell->arch.vline_words |= 1u << (cell->vline[line].intid / 32);
	}
}

uint8_t vgic_virt_priority(const struct cell *cell, unsigned int intid)
{
	int line = vline_find(cell, intid);

	return line < 0 ? GIC_PRIO_DEFAULT :
			  (uint8_t)cell->arch.vline[line].priority;
}

unsigned int arch_vline_cpu(const struct cell *cell, unsigned int line)
{
	return cell->arch.vline[line].target;
}

static int line_enabled(const struct cell *cell, unsigned int line)
{
	unsigned int intid = cell->vline[line].intid;

	return (__atomic_load_n(&cell->arch.vline_enabled[intid / 32],
				__ATOMIC_RELAXED) >> (intid % 32)) & 1;
}

/* Enables (GICD_ISENABLER) or disables (GICD_ICENABLER) line @line:
   atomically, as other lines' bits share the word. */
static void line_enable(struct cell *cell, unsigned int line, int enable)
{
	unsigned int intid = cell->vline[line].intid;
	uint32_t *word = &cell->arch.vline_enabled[intid / 32];

	if (enable)
		__atomic_fetch_or(word, 1u << (intid % 32), __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(word, ~(1u << (intid % 32)),
				   __ATOMIC_RELAXED);
}

static int wanted(const struct cell *cell, unsigned int line, unsigned int cpu)
{
	const struct vgic_vline *v = &cell->arch.vline[line];

	return line_enabled(cell, line) && v->target == cpu &&
	       (__atomic_load_n(&cell->vline[line].level, __ATOMIC_ACQUIRE) ||
		v->latched);
}

/* @cpu lets go of @v, unless another CPU holds it by now (re-routed). */
static void let_go(struct vgic_vline *v, unsigned int cpu)
{
	int32_t me = (int32_t)cpu;

	__atomic_compare_exchange_n(&v->holder, &me, -1, 0, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED);
}

/* The cell ended virtual line @intid here: taken, so a pend the cell set
   is consumed, and no list register holds it now. */
static void line_ended(unsigned int intid)
{
	struct percpu *pc = this_percpu();
	int line = vline_find(pc->cell, intid);

	if (line < 0)
		return;
	pc->cell->arch.vline[line].latched = 0;
	let_go(&pc->cell->arch.vline[line], pc->cpu);
}

void vgic_virt_sync(void)
{
	struct percpu *pc = this_percpu();
	struct cell *cell = pc->cell;
	unsigned int line, intid;
	int state;

	/* Off, or not entered yet: the registers are cleared on entry. */
	if (!cell || !cell->vline_count || arch_cpu_state(pc->cpu) != CPU_ON)
		return;
	vgic_take_eois(line_ended);
	for (line = 0; line < cell->vline_count; line++) {
		intid = cell->vline[line].intid;
		/* A line no CPU holds is in no list register: not scanned
		   for (the lines idle most of the time cost nothing). */
		state = cell->arch.vline[line].holder < 0 ?
			VIRQ_ABSENT : vgic_virq_state(intid);
		if (wanted(cell, line, pc->cpu)) {
			if (state == VIRQ_ABSENT) {
				cell->arch.vline[line].holder =
					(int32_t)pc->cpu;
				vgic_inject(intid, 0);
			}
		} else if (state == VIRQ_PENDING) {
			vgic_withdraw(intid);
			let_go(&cell->arch.vline[line], pc->cpu);
		}
	}
}

void vgic_virt_maintenance(void)
{
	if (this_percpu()->cell)
		vgic_take_eois(line_ended);
	vgic_virt_sync();
}

void vgic_virt_forget(struct percpu *pc)
{
	unsigned int line;

	for (line = 0; pc->cell && line < pc->cell->vline_count; line++)
		let_go(&pc->cell->arch.vline[line], pc->cpu);
}

/* Reconcile on @cpu, one of the line's cell's. */
static void ask(unsigned int cpu)
{
	if (cpu == this_percpu()->cpu) {
		vgic_virt_sync();
		return;
	}
	__atomic_store_n(&percpu[cpu].vline_sync, 1, __ATOMIC_RELAXED);
	cpu_request(cpu, REQ_SGI);	/* release: vline_sync is seen */
}

void arch_vline_update(struct cell *cell, unsigned int line)
{
	const struct vgic_vline *v = &cell->arch.vline[line];
	int32_t holder = v->holder;
	unsigned int target = v->target;

	ask(target);
	/* Re-routed while one CPU holds it pending: that one gives it up. */
	if (holder >= 0 && (unsigned int)holder != target)
		ask((unsigned int)holder);
}

/* GICD_ISACTIVER: exact on the CPU that holds the line; for another CPU,
   held counts as active (it ends soon: taken, or withdrawn). */
static int line_active(const struct cell *cell, unsigned int line)
{
	int32_t holder = cell->arch.vline[line].holder;

	if (holder < 0)
		return 0;
	if ((unsigned int)holder != this_percpu()->cpu)
		return 1;
	return vgic_virq_state(cell->vline[line].intid) == VIRQ_ACTIVE;
}

/* One bit of a one-bit-per-interrupt bank at @bank (GICv3 spec 12.9). */
static void bit_access(struct cell *cell, struct mmio_access *a,
		       uint64_t bank, unsigned int line, uint32_t bit)
{
	struct vgic_vline *v = &cell->arch.vline[line];
	uint32_t set = 0;

	if (!a->is_write) {
		switch (bank) {
		case GICD_IGROUPR:	/* Group 1, as every line */
			set = 1;
			break;
		case GICD_ISENABLER:
		case GICD_ICENABLER:
			set = (uint32_t)line_enabled(cell, line);
			break;
		case GICD_ISPENDR:
		case GICD_ICPENDR:
			set = cell->vline[line].level || v->latched;
			break;
		case GICD_ISACTIVER:
		case GICD_ICACTIVER:
			set = (uint32_t)line_active(cell, line);
			break;
		}
		if (set)
			a->value |= bit;
		return;
	}
	if (!(a->value & bit))
		return;
	switch (bank) {
	case GICD_ISENABLER:
	case GICD_ICENABLER:
		line_enable(cell, line, bank == GICD_ISENABLER);
		break;
	case GICD_ISPENDR:
	case GICD_ICPENDR:	/* a level still high stays pending */
		v->latched = bank == GICD_ISPENDR;
		break;
	default:	/* group fixed; active changes only by the cell's EOI */
		return;
	}
	arch_vline_update(cell, line);
}

enum mmio_result vgic_virt_bank(struct cell *cell, struct mmio_access *a,
				uint64_t offset)
{
	unsigned int line, intid, first;

	for (line = 0; line < cell->vline_count; line++) {
		intid = cell->vline[line].intid;
		if (offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) {
			/* Bytes or words (bank_access() checked). */
			first = (unsigned int)(offset - GICD_IPRIORITYR);
			if (intid < first || intid >= first + a->size)
				continue;
			if (a->is_write)
				cell->arch.vline[line].priority =
					(uint8_t)(a->value >>
						  (8 * (intid - first)));
			else
				a->value |= (uint64_t)cell->arch.vline[line]
						    .priority
					    << (8 * (intid - first));
		} else if (offset < GICD_IPRIORITYR) {
			if ((offset & 0x7f) / 4 == intid / 32)
				bit_access(cell, a, offset & ~0x7full, line,
					   1u << (intid % 32));
		}
		/* GICD_ICFGR: level, fixed (reads 0, the physical filter's
		   answer); GICD_IGRPMODR: 0. */
	}
	return MMIO_HANDLED;
}

/* The CPU of @cell whose affinity is @route, or -1. */
static int cell_cpu_at(const struct cell *cell, uint64_t route)
{
	uint64_t set;
	unsigned int cpu;

	for (set = cell->cpu_set; set; set &= set - 1) {
		cpu = (unsigned int)__builtin_ctzll(set);
		if (percpu[cpu].mpidr == (route & MPIDR_AFFINITY))
			return (int)cpu;
	}
	return -1;
}

/* As the physical lines' (vgic_mmio.c): 64 bits or either half, to one of
   the cell's own CPUs only; IRM and other CPUs leave the route as it was. */
enum mmio_result vgic_virt_irouter(struct cell *cell, struct mmio_access *a,
				   uint64_t offset, unsigned int line)
{
	struct vgic_vline *v = &cell->arch.vline[line];
	unsigned int shift = (unsigned int)(offset & 4) * 8;
	uint64_t half = a->size == 8 ? ~0ull : 0xffffffffull << shift;
	uint64_t route = percpu[v->target].mpidr & MPIDR_AFFINITY;
	int cpu;

	if ((a->size != 8 && a->size != 4) || (offset & (a->size - 1)))
		return MMIO_REFUSED;
	if (!a->is_write) {
		a->value = (route & half) >> shift;
		return MMIO_HANDLED;
	}
	route = (route & ~half) | ((a->value << shift) & half);
	cpu = cell_cpu_at(cell, route);
	if (!(route & IROUTER_IRM) && cpu >= 0 &&
	    (unsigned int)cpu != v->target) {
		v->target = (uint32_t)cpu;
		arch_vline_update(cell, line);
	}
	return MMIO_HANDLED;
}

/*
 * Linux-managed boot: the root Linux set up a line whose INTID a virtual
 * line now stands for (its UART's, which the emulated console's line
 * takes over) in the physical distributor: the virtual line starts as
 * Linux left it there, enabled, with its priority and route.
 */
void vgic_virt_adopt(struct cell *cell)
{
	unsigned int line;

	for (line = 0; line < cell->vline_count; line++) {
		struct vgic_vline *v = &cell->arch.vline[line];
		unsigned int intid = cell->vline[line].intid;
		int cpu = cell_cpu_at(cell, *(volatile uint64_t *)(gicd_base +
				GICD_IROUTER + 8ull * intid));

		if (intid < 32)
			continue;
		line_enable(cell, line, (mmio_read32(gicd_base + GICD_ISENABLER +
						     intid / 32 * 4) >>
					 (intid % 32)) & 1);
		v->priority = *(volatile uint8_t *)(gicd_base + GICD_IPRIORITYR +
						     intid);
		if (cpu >= 0)
			v->target = (uint32_t)cpu;
	}
}
