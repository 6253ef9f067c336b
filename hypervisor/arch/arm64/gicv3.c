// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical GICv3 set-up and helpers (see gicv3.h). Affinity routing is on
 * (ARE), every interrupt is group 1 non-secure, and the hypervisor runs
 * with EOImode 1: its EOI only drops priority, and the cell's virtual EOI
 * deactivates the physical interrupt through the list register's HW bit
 * (GICv3 spec 4.1.1 and 11.2).
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <hv/cell.h>
#include <hv/lib.h>

uint64_t gicd_base;

void gicv3_wait_rwp(void)
{
	while (mmio_read32(gicd_base + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

void __boot gicv3_init_distributor(uint64_t base)
{
	unsigned int lines, i;

	gicd_base = base;
	lines = ((mmio_read32(base + GICD_TYPER) & 0x1f) + 1) * 32;
	mmio_write32(base + GICD_CTLR, 0);
	gicv3_wait_rwp();
	for (i = 32; i < lines; i += 32) {
		mmio_write32(base + GICD_IGROUPR + i / 8, ~0u);
		mmio_write32(base + GICD_ICENABLER + i / 8, ~0u);
		mmio_write32(base + GICD_ICPENDR + i / 8, ~0u);
		mmio_write32(base + GICD_ICACTIVER + i / 8, ~0u);
	}
	for (i = 32; i < lines; i++) {
		*(volatile uint8_t *)(base + GICD_IPRIORITYR + i) =
			GIC_PRIO_DEFAULT;
		*(volatile uint64_t *)(base + GICD_IROUTER + 8 * i) =
			percpu[0].mpidr;
	}
	/* ARE, EnableGrp1, EnableGrp0 (single security state). */
	mmio_write32(base + GICD_CTLR, (1u << 4) | (1u << 1) | (1u << 0));
	gicv3_wait_rwp();
}

/* Linux-managed boot: the distributor as Linux runs it, untouched. */
void __boot gicv3_adopt_distributor(uint64_t base)
{
	gicd_base = base;
}

void gicv3_init_cpu(void)
{
	struct percpu *pc = this_percpu();
	uint64_t rd = pc->redistributor, sgi = rd + GICR_SGI_BASE;
	uint64_t typer = *(volatile uint64_t *)(rd + GICR_TYPER);

	/* Invariant: the validated config names this CPU's frame. */
	CHECK((typer >> 32) == (((pc->mpidr >> 8) & 0xff000000) |
				(pc->mpidr & 0xffffff)));
	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~(1u << 1));
	while (mmio_read32(rd + GICR_WAKER) & (1u << 2))
		;
	mmio_write32(sgi + GICD_IGROUPR, ~0u);
	mmio_write32(sgi + GICD_ICENABLER, ~0u);
	mmio_write32(sgi + GICD_ICPENDR, ~0u);
	mmio_write32(sgi + GICD_ICACTIVER, ~0u);
	for (unsigned int i = 0; i < 32; i++)
		*(volatile uint8_t *)(sgi + GICD_IPRIORITYR + i) =
			GIC_PRIO_DEFAULT;
	gicv3_cpu_interface_on();
}

/* The hypervisor's own SGI and maintenance PPI, and the CPU interface as
   the hypervisor runs it: both boot paths (the Linux-managed one keeps
   every other private interrupt as Linux set it). */
void gicv3_cpu_interface_on(void)
{
	uint64_t sgi = this_percpu()->sgi_base;

	*(volatile uint8_t *)(sgi + GICD_IPRIORITYR + HV_SGI_IPI) = GIC_PRIO_IPI;
	*(volatile uint8_t *)(sgi + GICD_IPRIORITYR + HV_PPI_MAINTENANCE) =
		GIC_PRIO_IPI;
	mmio_write32(sgi + GICD_ISENABLER,
		     (1u << HV_SGI_IPI) | (1u << HV_PPI_MAINTENANCE));

	write_sysreg(ICC_SRE_EL2, 0xf);	/* SRE, bypass off, Enable */
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_CTLR_EL1, 1u << 1);	/* EOImode: drop only */
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	write_sysreg(ICH_HCR_EL2, 1);		/* virtual interface on */
	isb();
}

/* RS = 0: the 16-bit target list reaches Aff0 0-15, which the validator
   holds every MPIDR to. */
_Static_assert(CB_LIMIT_AFF0 == 16, "SGI target list");

void gicv3_send_sgi(uint64_t mpidr, unsigned int intid)
{
	uint64_t value = (1ull << (mpidr & 0xf)) |
			 (((mpidr >> 8) & 0xff) << 16) |
			 ((uint64_t)intid << 24) |
			 (((mpidr >> 16) & 0xff) << 32) |
			 (((mpidr >> 32) & 0xff) << 48);

	dsb(ishst);
	write_sysreg(ICC_SGI1R_EL1, value);
	isb();
}
