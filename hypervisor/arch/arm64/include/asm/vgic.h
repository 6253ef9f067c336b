/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts for cells: delivery through the GICv3 virtual CPU interface
 * (list registers) and the emulated distributor and redistributors that
 * let a cell configure only its own interrupt lines.
 */
#ifndef ASM_VGIC_H
#define ASM_VGIC_H

#include <asm/percpu.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <stdint.h>

struct cell;

/**
 * vgic_inject() - deliver @intid to the cell on this CPU, keeping the
 * priority its configuration gives. @hw: a physical interrupt, active until
 * the cell's EOI deactivates it. With no free list register the interrupt
 * waits in this CPU's queue; nothing is dropped.
 */
void vgic_inject(unsigned int intid, int hw);

struct percpu;

/** vgic_refill_queue() - the slow part of vgic_refill(). */
void vgic_refill_queue(struct percpu *pc);

/** vgic_refill() - move queued interrupts into free list registers. */
static inline void vgic_refill(void)
{
	struct percpu *pc = this_percpu();

	if (pc->virq_count || pc->underflow_irq)	/* rarely */
		vgic_refill_queue(pc);
}

/** vgic_reset_cpu() - clear the virtual interface for a fresh start. */
void vgic_reset_cpu(void);

/** vgic_cell_init() - register @cell's distributor and redistributors;
 * 0 or -1 (no room for emulated regions). */
int vgic_cell_init(struct cell *cell);

/** vgic_sgi_write() - the cell wrote ICC_SGI1R_EL1 with @value. */
void vgic_sgi_write(struct cell *cell, uint64_t value);

/** vgic_take_sgis() - inject the virtual SGIs other CPUs sent here. */
void vgic_take_sgis(void);

/** vgic_owns_spi() - whether @cell owns SPI @intid. */
int vgic_owns_spi(const struct cell *cell, unsigned int intid);

/** vgic_cell_reset() - disable and deactivate @cell's interrupt lines. */
void vgic_cell_reset(struct cell *cell);

/* Where an INTID stands in this CPU's virtual interface. */
enum { VIRQ_ABSENT, VIRQ_PENDING, VIRQ_ACTIVE };

/** vgic_virq_state() - VIRQ_PENDING (in a list register or queued, not
 * taken yet), VIRQ_ACTIVE (taken, maybe pending again), or VIRQ_ABSENT. */
int vgic_virq_state(unsigned int intid);

/** vgic_withdraw() - take back @intid from this CPU if it is pending and
 * not yet taken, and not a physical interrupt's. */
void vgic_withdraw(unsigned int intid);

/** vgic_take_eois() - clear the list registers of virtual lines the cell
 * has ended, calling @ended with each one's INTID first. */
void vgic_take_eois(void (*ended)(unsigned int intid));

/*
 * Virtual lines (vgic_virt.c, hv/vline.h): the cell's distributor view of
 * them and their delivery to this CPU's list registers.
 */

/** vgic_virt_reset() - @cell's virtual lines: disabled, not pending,
 * priority GIC_PRIO_DEFAULT, routed to its first CPU. */
void vgic_virt_reset(struct cell *cell);

/** vgic_virt_priority() - the priority @cell gave its virtual line
 * @intid. */
uint8_t vgic_virt_priority(const struct cell *cell, unsigned int intid);

/**
 * vgic_virt_sync() - bring this CPU's list registers in line with its
 * cell's virtual lines: inject each one pending, enabled and routed here
 * that it does not hold, withdraw each one it holds pending that is no
 * longer. Cheap when nothing changed; a no-op while the CPU is off.
 */
void vgic_virt_sync(void);

/** vgic_virt_maintenance() - the maintenance interrupt: virtual lines the
 * cell ended are taken again if still pending. */
void vgic_virt_maintenance(void);

/** vgic_virt_forget() - @pc's list registers were cleared: the virtual
 * lines they held are held by no CPU. */
void vgic_virt_forget(struct percpu *pc);

/**
 * vgic_virt_bank() - a distributor bank access of @cell at @offset, which
 * the physical filter has handled (vgic_mmio.c): merge the fields of its
 * virtual lines into a read, or act on their bits of a write. Returns
 * MMIO_HANDLED, the access's result, so the filter ends with it.
 */
enum mmio_result vgic_virt_bank(struct cell *cell, struct mmio_access *a,
				uint64_t offset);

/**
 * vgic_virt_enables() - the GICD_ISENABLER bits of @cell's virtual lines
 * among INTIDs 32 * @word to 32 * @word + 31, as the cell set them. Inline:
 * the distributor's filter merges them into every read of the enables
 * that holds one (vgic_virt_bank() does all the rest).
 */
static inline uint32_t vgic_virt_enables(const struct cell *cell,
					 unsigned int word)
{
	return __atomic_load_n(&cell->arch.vline_enabled[word],
			       __ATOMIC_RELAXED);
}

/** vgic_virt_irouter() - GICD_IROUTER of @cell's virtual line @line:
 * read, or route it to another of the cell's CPUs. */
enum mmio_result vgic_virt_irouter(struct cell *cell, struct mmio_access *a,
				   uint64_t offset, unsigned int line);

/** vgic_virt_adopt() - @cell's virtual lines as the root Linux left their
 * INTIDs in the physical distributor (Linux-managed boot). */
void vgic_virt_adopt(struct cell *cell);

/** vgic_adopt_cpu() - Linux-managed boot: this CPU's virtual interface
 * starts empty, with @vmcr (the running Linux's CPU interface settings). */
void vgic_adopt_cpu(uint64_t vmcr);

/** vgic_hand_back_cpu() - leaving: what waited for the cell goes back to
 * the physical GIC; the virtual interface off. */
void vgic_hand_back_cpu(void);

#endif /* ASM_VGIC_H */
