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
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/vgic.h>
#include <asm/vgic_id.h>
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
	uint8_t bits;	/* per interrupt; 0: no bank here */
	uint8_t kind;
};

/* The banks by 128-byte block (1024 one-bit fields) of the frame's start
   (GICv3 spec 12.9): an access finds its bank in one step. */
#define BANK_BLOCK 0x80
#define ONE_BIT(offset, kind) [(offset) / BANK_BLOCK] = { (offset), 1, (kind) }

static const struct bank banks[GICD_IGRPMODR / BANK_BLOCK + 1] = {
	ONE_BIT(GICD_IGROUPR, BANK_READ_ONLY),
	ONE_BIT(GICD_ISENABLER, BANK_SET_CLEAR),
	ONE_BIT(GICD_ICENABLER, BANK_SET_CLEAR),
	ONE_BIT(GICD_ISPENDR, BANK_SET_CLEAR),
	ONE_BIT(GICD_ICPENDR, BANK_SET_CLEAR),
	ONE_BIT(GICD_ISACTIVER, BANK_SET_CLEAR),
	ONE_BIT(GICD_ICACTIVER, BANK_SET_CLEAR),
	[GICD_IPRIORITYR / BANK_BLOCK ... GICD_IPRIORITYR / BANK_BLOCK + 7] =
		{ GICD_IPRIORITYR, 8, BANK_RMW },
	[GICD_ICFGR / BANK_BLOCK ... GICD_ICFGR / BANK_BLOCK + 1] =
		{ GICD_ICFGR, 2, BANK_RMW },
	ONE_BIT(GICD_IGRPMODR, BANK_READ_ONLY),
};

/* Which INTIDs a cell may touch, a bit each: cell->arch.spi_owned in the
   distributor, and in its redistributors its CPUs' SGIs and PPIs but the
   hypervisor's. */
static const uint32_t private_owned[1024 / 32] = {
	~(uint32_t)HV_RESERVED_PRIVATE
};

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

static const struct bank *bank_at(uint64_t offset)
{
	const struct bank *b;

	if (offset >= ARRAY_SIZE(banks) * BANK_BLOCK)
		return NULL;
	b = &banks[offset / BANK_BLOCK];
	return b->bits ? b : NULL;
}

/* The first INTID of an access to @b at @offset. */
static unsigned int bank_first(const struct bank *b, uint64_t offset)
{
	return (unsigned int)(offset - b->offset) * 8 / b->bits;
}

/* The access's mask: the fields of the interrupts @owned allows. */
static uint64_t owned_mask(const struct bank *b, const uint32_t *owned,
			   unsigned int first, unsigned int count)
{
	uint64_t field = (1ull << b->bits) - 1, mask = 0;
	uint32_t bits = owned[first / 32] >> (first % 32);
	unsigned int i;

	if (b->bits == 1)
		return count == 32 ? bits : bits & ((1u << count) - 1);
	for (i = 0; i < count; i++, bits >>= 1)
		if (bits & 1)
			mask |= field << (i * b->bits);
	return mask;
}

/*
 * One access to the per-interrupt register bank @b at @hw (the physical
 * frame) and @offset: the fields of interrupts @owned allows pass, others
 * read as zero and ignore writes. The GIC allows 32-bit accesses to these
 * banks, and byte accesses to the priorities (GICv3 spec 12.1.6); anything
 * else is refused.
 */
static enum mmio_result bank_access(const struct bank *b,
				    struct mmio_access *a, uint64_t hw,
				    uint64_t offset, const uint32_t *owned)
{
	uint64_t mask, current;

	if ((a->size != 4 && !(a->size == 1 && b->bits == 8)) ||
	    (offset & (a->size - 1)))
		return MMIO_REFUSED;
	/* Aligned and at most 32 bits: within one word of 32 INTIDs. */
	mask = owned_mask(b, owned, bank_first(b, offset),
			  a->size * 8 / b->bits);
	if (!a->is_write) {
		a->value = read_sized(hw + offset, a->size) & mask;
		return MMIO_HANDLED;
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
	return MMIO_HANDLED;
}

int vgic_owns_spi(const struct cell *cell, unsigned int intid)
{
	return intid >= 32 && intid < 1024 &&
	       (cell->arch.spi_owned[intid / 32] >> (intid % 32)) & 1;
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

/*
 * IROUTER (64 bits, or either 32-bit half): only to one of the cell's own
 * CPUs; IRM (any CPU) and foreign CPUs leave the routing as it was. A cell
 * reads its own lines' routing and zero for others.
 */
static enum mmio_result irouter_access(struct cell *cell, struct mmio_access *a,
				       uint64_t offset)
{
	unsigned int intid = (unsigned int)(offset - GICD_IROUTER) / 8;
	unsigned int shift = (unsigned int)(offset & 4) * 8;
	uint64_t address = gicd_base + GICD_IROUTER + 8ull * intid;
	uint64_t half = a->size == 8 ? ~0ull : 0xffffffffull << shift;
	uint64_t route;

	if ((a->size != 8 && a->size != 4) || (offset & (a->size - 1)))
		return MMIO_REFUSED;
	if (!vgic_owns_spi(cell, intid)) {
		a->value = 0;
		return MMIO_HANDLED;
	}
	route = *(volatile uint64_t *)address;
	if (!a->is_write) {
		a->value = (route & half) >> shift;
		return MMIO_HANDLED;
	}
	route = (route & ~half) | ((a->value << shift) & half);
	if (!(route & (1ull << 31)) && cell_has_cpu_mpidr(cell, route)) {
		*(volatile uint64_t *)address = route & 0xff00ffffffull;
		/* Held by the CPU it was routed to, which is off: the new
		   target takes it once it is no longer active. */
		irq_unhold_spi(cell, intid);
	}
	return MMIO_HANDLED;
}

/* The distributor's registers other than the per-interrupt banks. */
static enum mmio_result gicd_register(struct cell *cell, struct mmio_access *a,
				      uint64_t offset)
{
	if (offset >= GICD_IROUTER + 8 * 32 && offset < GICD_IROUTER + 8 * 1020) {
		int line = vline_find(cell, (unsigned int)(offset -
							   GICD_IROUTER) / 8);

		return line < 0 ? irouter_access(cell, a, offset) :
		       vgic_virt_irouter(cell, a, offset, (unsigned int)line);
	}
	if (a->size != 4)
		return MMIO_REFUSED;	/* the rest are 32-bit registers */
	if (a->is_write)
		return MMIO_HANDLED;	/* CTLR and the rest: the hypervisor's */
	if (offset == GICD_TYPER)	/* what a cell can use (vgic_id.c) */
		a->value = vgic_gicd_typer((uint32_t)read_sized(gicd_base +
								offset, 4));
	else if (offset == GICD_CTLR || offset == GICD_IIDR ||
		 (offset >= GICD_PIDR2 - 0x28 && offset < 0x10000))
		a->value = read_sized(gicd_base + offset, a->size);
	else
		a->value = 0;
	return MMIO_HANDLED;
}

/*
 * The distributor's word 0 (SGIs, PPIs) is the redistributors' business:
 * it is no SPI, so cell->arch.spi_owned[0] is 0 (vgic_cell_init()), and the
 * banks filter it out with the rest of what the cell does not own. The
 * cell's virtual lines are emulated on top (vgic_virt.c): only a word that
 * holds one needs a look.
 */
static __attribute__((noinline)) enum mmio_result
gicd_bank_access(struct cell *cell, struct mmio_access *a, uint64_t offset)
{
	const struct bank *b = bank_at(offset);
	const uint32_t *owned = cell->arch.spi_owned;
	enum mmio_result result;
	unsigned int word;

	if (!b)
		return gicd_register(cell, a, offset);
	word = bank_first(b, offset) / 32;
	/* A pending state the cell sets itself is latched, not a line:
	   level semantics must not resample it away (irq.c). Before the
	   write, which may signal the interrupt on another CPU at once. */
	if (a->is_write && b->offset == GICD_ISPENDR && a->size == 4)
		__atomic_fetch_or(&cell->arch.spi_latched[word],
				  (uint32_t)a->value & owned[word],
				  __ATOMIC_RELAXED);
	result = bank_access(b, a, gicd_base, offset, owned);
	if (result != MMIO_HANDLED || !((cell->arch.vline_words >> word) & 1))
		return result;
	return vgic_virt_bank(cell, a, offset);
}

/*
 * The distributor. A 32-bit read of a one-bit bank (GICD_IGROUPR to
 * GICD_ICACTIVER: Linux reads them on every enable and disable, a register
 * per word of 32 INTIDs) is what gicd_bank_access() would make of it, with
 * no table and no stack frame; the enables of virtual lines are a word
 * (vgic_virt_enables()).
 */
static enum mmio_result gicd_access(struct cell *cell, struct mmio_access *a,
				    uint64_t offset)
{
	unsigned int word = (unsigned int)(offset % BANK_BLOCK) / 4;
	uint32_t value;

	/* Anything else, misaligned accesses too (bank_access() refuses
	   them), takes the way of the table. */
	if (offset - GICD_IGROUPR >= GICD_IPRIORITYR - GICD_IGROUPR ||
	    a->is_write || a->size != 4 || (offset & 3))
		return gicd_bank_access(cell, a, offset);
	value = cell->arch.spi_owned[word];
	value &= mmio_read32(gicd_base + offset);
	if (likely(!((cell->arch.vline_words >> word) & 1))) {
		a->value = value;
		return MMIO_HANDLED;
	}
	if (offset - GICD_ISENABLER < GICD_ISPENDR - GICD_ISENABLER) {
		a->value = value | vgic_virt_enables(cell, word);
		return MMIO_HANDLED;
	}
	a->value = value;
	return vgic_virt_bank(cell, a, offset);
}

/* The CPU whose redistributor frame holds @offset from the first one. */
static unsigned int frame_cpu(uint64_t offset)
{
	return (unsigned int)(offset / system_config->gic.redistributor_stride);
}

/* The RD_base registers the GICv3 spec makes 64 bits wide (12.10):
   TYPER, and SETLPIR, CLRLPIR, PROPBASER, PENDBASER, INVLPIR, INVALLR,
   which read as zero and ignore writes here (no LPIs for cells). */
static int gicr_register_64(uint64_t in_frame)
{
	switch (in_frame) {
	case GICR_TYPER: case 0x40: case 0x48: case 0x70: case 0x78:
	case 0xa0: case 0xb0:
		return 1;
	}
	return 0;
}

static enum mmio_result gicr_access(struct cell *cell, struct mmio_access *a,
				    uint64_t offset)
{
	unsigned int cpu = frame_cpu(offset);
	uint64_t in_frame = offset % system_config->gic.redistributor_stride;
	uint64_t rd = percpu[cpu].redistributor;
	const struct bank *b;
	int own = cpu < system_config->cpu_count && ((cell->cpu_set >> cpu) & 1);

	/* GICR_TYPER and the LPI registers are 64 bits (or two halves), the
	   priorities take bytes (bank_access() checks those), the rest are
	   32-bit. */
	if (a->size != 4 && !(a->size == 8 && gicr_register_64(in_frame)) &&
	    !(a->size == 1 && in_frame >= GICR_SGI_BASE))
		return MMIO_REFUSED;
	/* Identification reads for every CPU the board has, so a cell can
	   scan the frames for its own (GICR_TYPER as vgic_id.c says);
	   nothing else of others' frames, and nothing of a frame the board
	   lacks (board.c). */
	if (!a->is_write && percpu[cpu].online != CPU_ABSENT &&
	    (in_frame == GICR_TYPER || in_frame == GICR_TYPER + 4)) {
		a->value = vgic_gicr_typer(cell, cpu, in_frame, a->size);
		return MMIO_HANDLED;
	}
	if (!a->is_write && percpu[cpu].online != CPU_ABSENT &&
	    (in_frame == GICR_IIDR || in_frame == GICR_PIDR2)) {
		a->value = read_sized(rd + in_frame, a->size);
		return MMIO_HANDLED;
	}
	if (!own || in_frame >= GICR_FRAME_SIZE) {
		a->value = 0;
		return MMIO_HANDLED;
	}
	b = in_frame >= GICR_SGI_BASE ? bank_at(in_frame - GICR_SGI_BASE) :
					NULL;
	if (b)	/* the distributor's banks, for its SGIs and PPIs */
		return bank_access(b, a, rd + GICR_SGI_BASE,
				   in_frame - GICR_SGI_BASE, private_owned);
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

	/* Its lines start routed to its first CPU: until the cell routes
	   them itself, they must not land on another cell's CPU. */
	for (i = 0; i < cell->config->interrupt_count; i++) {
		/* Invariant: only SPIs (the validator), so word 0 stays 0. */
		CHECK(irq[i] >= 32 && irq[i] < 1024);
		cell->arch.spi_owned[irq[i] / 32] |= 1u << (irq[i] % 32);
		/* An adopted root Linux routed its lines to its own CPUs. */
		if (!cell->adopted)
			*(volatile uint64_t *)(gicd_base + GICD_IROUTER +
					       8ull * irq[i]) =
				percpu[__builtin_ctzll(cell->cpu_set)].mpidr;
	}
	/* CB_EMULATED_REGIONS_GIC of them, as the validator counts. */
	return mmio_register(cell, system_config->gic.distributor,
			     GICD_FRAME_SIZE, gicd_access, STAT_MMIO_GICD) ||
	       mmio_register(cell, system_config->gic.redistributor,
			     system_config->gic.redistributor_stride *
				     system_config->cpu_count,
			     gicr_access, STAT_MMIO_GICR);
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
		cell->arch.spi_held[word] = 0;
		cell->arch.spi_latched[word] = 0;
		for (; owned; owned &= owned - 1)	/* back to its first CPU */
			*(volatile uint64_t *)(gicd_base + GICD_IROUTER +
					       8ull * (word * 32 +
						       __builtin_ctz(owned))) =
				percpu[__builtin_ctzll(cell->cpu_set)].mpidr;
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
