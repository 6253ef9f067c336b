// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated GICv3 distributor and redistributors. Neither is mapped into a
 * cell: every access traps here and is filtered so a cell reads and changes
 * only its own lines: the SPIs its config lists (routable only to its own
 * CPUs) and the SGIs and PPIs of its own CPUs' redistributors, except those
 * the hypervisor keeps. Foreign bits read as zero and ignore writes.
 *
 * Lock order: vgic_lock is taken alone (read-modify-write of shared
 * distributor registers).
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/vgic.h>
#include <hv/cell.h>
#include <hv/lib.h>

static spinlock_t vgic_lock;

enum bank_kind {
	BANK_SET_CLEAR,	/* write-1-to-set/clear: other bits unaffected */
	BANK_RMW,	/* fields: read-modify-write the owned ones */
	BANK_READ_ONLY,	/* group: fixed by the hypervisor */
};

struct bank {
	uint32_t offset;
	uint8_t bits;	/* per interrupt */
	uint8_t kind;
};

static const struct bank banks[] = {
	{ GICD_IGROUPR, 1, BANK_READ_ONLY },
	{ GICD_ISENABLER, 1, BANK_SET_CLEAR },
	{ GICD_ICENABLER, 1, BANK_SET_CLEAR },
	{ GICD_ISPENDR, 1, BANK_SET_CLEAR },
	{ GICD_ICPENDR, 1, BANK_SET_CLEAR },
	{ GICD_ISACTIVER, 1, BANK_SET_CLEAR },
	{ GICD_ICACTIVER, 1, BANK_SET_CLEAR },
	{ GICD_IPRIORITYR, 8, BANK_RMW },
	{ GICD_ICFGR, 2, BANK_RMW },
	{ GICD_IGRPMODR, 1, BANK_READ_ONLY },
};

typedef int (*owns_fn)(const struct cell *cell, unsigned int intid);

static uint64_t read_sized(uint64_t address, unsigned int size)
{
	switch (size) {
	case 1: return *(volatile uint8_t *)address;
	case 2: return *(volatile uint16_t *)address;
	case 8: return *(volatile uint64_t *)address;
	default: return *(volatile uint32_t *)address;
	}
}

static void write_sized(uint64_t address, unsigned int size, uint64_t value)
{
	switch (size) {
	case 1: *(volatile uint8_t *)address = (uint8_t)value; break;
	case 2: *(volatile uint16_t *)address = (uint16_t)value; break;
	case 8: *(volatile uint64_t *)address = value; break;
	default: *(volatile uint32_t *)address = (uint32_t)value; break;
	}
}

/*
 * One access to a per-interrupt register bank at @hw (the physical frame)
 * and @offset: the bits of interrupts @owns allows pass, others do not.
 * Returns 0 when @offset is in no bank.
 */
static int bank_access(struct cell *cell, struct mmio_access *a, uint64_t hw,
		       uint64_t offset, unsigned int intid_base, owns_fn owns)
{
	const struct bank *b = NULL;
	uint64_t mask = 0, current;
	unsigned int i, first, count, span;

	for (i = 0; i < ARRAY_SIZE(banks); i++) {
		span = 1024 * banks[i].bits / 8;
		if (offset >= banks[i].offset && offset < banks[i].offset + span)
			b = &banks[i];
	}
	if (!b)
		return 0;
	first = (unsigned int)(offset - b->offset) * 8 / b->bits;
	count = a->size * 8 / b->bits;
	for (i = 0; i < count; i++)
		if (first + i >= intid_base && owns(cell, first + i))
			mask |= ((1ull << b->bits) - 1) << (i * b->bits);
	if (!a->is_write) {
		a->value = read_sized(hw + offset, a->size) & mask;
		return 1;
	}
	if (b->kind == BANK_SET_CLEAR) {
		if (a->value & mask)
			write_sized(hw + offset, a->size, a->value & mask);
	} else if (b->kind == BANK_RMW && mask) {
		spin_lock(&vgic_lock);
		current = read_sized(hw + offset, a->size);
		write_sized(hw + offset, a->size,
			    (current & ~mask) | (a->value & mask));
		spin_unlock(&vgic_lock);
	}
	return 1;
}

int vgic_owns_spi(const struct cell *cell, unsigned int intid)
{
	return intid < 1024 &&
	       (cell->arch.spi_owned[intid / 32] >> (intid % 32)) & 1;
}

static int owns_private(const struct cell *cell, unsigned int intid)
{
	(void)cell;
	return intid < 32 && !((HV_RESERVED_PRIVATE >> intid) & 1);
}

static int cell_has_cpu_mpidr(const struct cell *cell, uint64_t affinity)
{
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1 &&
		    percpu[cpu].mpidr == (affinity & 0xff00ffffffull))
			return 1;
	return 0;
}

/* IROUTER: only to one of the cell's own CPUs; IRM (any CPU) refused. */
static void irouter_access(struct cell *cell, struct mmio_access *a,
			   uint64_t offset)
{
	unsigned int intid = (unsigned int)(offset - GICD_IROUTER) / 8;
	uint64_t address = gicd_base + GICD_IROUTER + 8ull * intid;

	if (!vgic_owns_spi(cell, intid) || a->size != 8 || (offset & 7)) {
		a->value = 0;
		return;
	}
	if (!a->is_write)
		a->value = *(volatile uint64_t *)address;
	else if (!(a->value & (1ull << 31)) && cell_has_cpu_mpidr(cell, a->value))
		*(volatile uint64_t *)address = a->value & 0xff00ffffffull;
}

static enum mmio_result gicd_access(struct cell *cell, struct mmio_access *a,
				    uint64_t offset)
{
	if (bank_access(cell, a, gicd_base, offset, 32, vgic_owns_spi))
		return MMIO_HANDLED;
	if (offset >= GICD_IROUTER + 8 * 32 && offset < GICD_IROUTER + 8 * 1020) {
		irouter_access(cell, a, offset);
		return MMIO_HANDLED;
	}
	if (a->is_write)
		return MMIO_HANDLED;	/* CTLR and the rest: the hypervisor's */
	if (offset == GICD_CTLR || offset == GICD_TYPER || offset == GICD_IIDR ||
	    (offset >= GICD_PIDR2 - 0x28 && offset < 0x10000))
		a->value = read_sized(gicd_base + offset, a->size);
	else
		a->value = 0;
	return MMIO_HANDLED;
}

/* The CPU whose redistributor frame holds @offset from the first one. */
static unsigned int frame_cpu(uint64_t offset)
{
	return (unsigned int)(offset / system_config->gic.redistributor_stride);
}

static enum mmio_result gicr_access(struct cell *cell, struct mmio_access *a,
				    uint64_t offset)
{
	unsigned int cpu = frame_cpu(offset);
	uint64_t in_frame = offset % system_config->gic.redistributor_stride;
	uint64_t rd = percpu[cpu].redistributor;
	int own = cpu < system_config->cpu_count && ((cell->cpu_set >> cpu) & 1);

	/* Identification reads as the hardware for every CPU, so a cell can
	   scan the frames for its own; nothing else of others' frames. */
	if (!a->is_write && cpu < system_config->cpu_count &&
	    (in_frame == GICR_TYPER || in_frame == GICR_TYPER + 4 ||
	     in_frame == GICR_IIDR || in_frame == GICR_PIDR2)) {
		a->value = read_sized(rd + in_frame, a->size);
		return MMIO_HANDLED;
	}
	if (!own || in_frame >= GICR_FRAME_SIZE) {
		a->value = 0;
		return MMIO_HANDLED;
	}
	if (in_frame >= GICR_SGI_BASE &&
	    bank_access(cell, a, rd + GICR_SGI_BASE, in_frame - GICR_SGI_BASE,
			0, owns_private))
		return MMIO_HANDLED;
	if (in_frame == GICR_WAKER || in_frame == GICR_CTLR) {
		if (!a->is_write)
			a->value = read_sized(rd + in_frame, a->size);
		return MMIO_HANDLED;	/* the hypervisor keeps it awake */
	}
	if (!a->is_write)
		a->value = 0;
	return MMIO_HANDLED;
}

int __boot vgic_cell_init(struct cell *cell)
{
	const uint32_t *irq = cb_cell_interrupts(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->interrupt_count; i++)
		cell->arch.spi_owned[irq[i] / 32] |= 1u << (irq[i] % 32);
	return mmio_register(cell, system_config->gic.distributor, 0x10000,
			     gicd_access) ||
	       mmio_register(cell, system_config->gic.redistributor,
			     system_config->gic.redistributor_stride *
				     system_config->cpu_count,
			     gicr_access);
}

void vgic_cell_reset(struct cell *cell)
{
	unsigned int word;

	for (word = 1; word < 32; word++) {
		uint32_t owned = cell->arch.spi_owned[word];

		if (!owned)
			continue;
		mmio_write32(gicd_base + GICD_ICENABLER + 4 * word, owned);
		mmio_write32(gicd_base + GICD_ICPENDR + 4 * word, owned);
		mmio_write32(gicd_base + GICD_ICACTIVER + 4 * word, owned);
	}
	gicv3_wait_rwp();
	for (word = 0; word < system_config->cpu_count; word++) {
		uint64_t sgi = percpu[word].redistributor + GICR_SGI_BASE;

		if (!((cell->cpu_set >> word) & 1))
			continue;
		mmio_write32(sgi + GICD_ICENABLER, ~HV_RESERVED_PRIVATE);
		mmio_write32(sgi + GICD_ICPENDR, ~HV_RESERVED_PRIVATE);
		mmio_write32(sgi + GICD_ICACTIVER, ~HV_RESERVED_PRIVATE);
	}
}
