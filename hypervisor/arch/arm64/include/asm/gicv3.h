/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GICv3 (ARM IHI 0069): the physical distributor and redistributors as the
 * hypervisor drives them, register offsets shared with the emulation, and
 * the interrupts the hypervisor keeps for itself.
 */
#ifndef ASM_GICV3_H
#define ASM_GICV3_H

#include <stdint.h>

#include <hw/gicv3.h>

/* Interrupts the hypervisor uses: cells never see or configure them. */
#define HV_SGI_IPI 15		/* cross-CPU requests */
#define HV_PPI_MAINTENANCE 25	/* list register refill */
#define HV_PPI_EL2_TIMER 26	/* its deadlines (el2_timer.c) */
#define HV_RESERVED_PRIVATE ((1u << HV_SGI_IPI) | (1u << HV_PPI_MAINTENANCE) | \
			     (1u << HV_PPI_EL2_TIMER))


/* Stride of a per-interrupt register bank, by bits per interrupt. */
#define GIC_PRIO_DEFAULT 0xa0
#define GIC_PRIO_IPI 0x80

extern uint64_t gicd_base;

static inline uint32_t mmio_read32(uint64_t address)
{
	return *(volatile uint32_t *)address;
}

static inline void mmio_write32(uint64_t address, uint32_t value)
{
	*(volatile uint32_t *)address = value;
}

/** gicv3_init_distributor() - boot CPU: all SPIs group 1, off, to CPU 0. */
void gicv3_init_distributor(uint64_t base);

/** gicv3_init_cpu() - this CPU's redistributor and CPU interface. */
void gicv3_init_cpu(void);

/** gicv3_send_sgi() - physical SGI @intid to the CPU with @mpidr. */
void gicv3_send_sgi(uint64_t mpidr, unsigned int intid);


/** gicv3_wait_rwp() - wait for a distributor write to take effect. */
void gicv3_wait_rwp(void);

void gicv3_adopt_distributor(uint64_t base);
void gicv3_cpu_interface_on(void);

#endif /* ASM_GICV3_H */
