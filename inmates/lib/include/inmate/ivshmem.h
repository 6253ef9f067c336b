/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * A bare-metal driver for cellblock's shared-memory link device
 * (include/cellblock/ivshmem.h, docs/ivshmem.md): find the link on the
 * cell's virtual PCI bus, read its BARs, and use its memory and register
 * frame: the state table (one word per peer, written by the hypervisor),
 * the common section, one output section per peer, doorbells and the
 * INTx interrupt.
 *
 *	struct ivshmem link;
 *
 *	if (ivshmem_probe(&link, 0))
 *		... no link;
 *	ivshmem_irq_enable(&link);
 *	ivshmem_set_state(&link, 1);
 *	... write ivshmem_output(&link, link.id), then
 *	ivshmem_doorbell(&link, other);
 *
 * Parameters the library reads (params.h): `ecam` (pci.h) and
 * `intx_base`, the system config's vpci.interrupt-base (default
 * IVSHMEM_INTX_BASE_DEFAULT, as the test and demo configs have it).
 */
#ifndef INMATE_IVSHMEM_H
#define INMATE_IVSHMEM_H

#include <stdbool.h>
#include <stdint.h>

#include <cellblock/ivshmem.h>

#include <inmate/mmio.h>

#define IVSHMEM_INTX_BASE_DEFAULT 100
#define IVSHMEM_STATE_TABLE_SIZE 0x1000ul

/* The parameter keys above, for an inmate's params_check_keys() list. */
#define IVSHMEM_PARAM_KEYS "ecam", "intx_base"

struct ivshmem {
	unsigned int device;  /* device number on bus 0 */
	uintptr_t config;     /* its config space */
	uintptr_t regs;	      /* BAR 0, the register frame */
	uintptr_t mem;	      /* BAR 2: state table, common, outputs */
	uint64_t mem_size;    /* BAR 2's size, a power of two */
	uint32_t id;	      /* this peer's ID */
	uint32_t peers;	      /* peer count */
	uint64_t rw_size;     /* common section */
	uint64_t output_size; /* each output section */
	unsigned int intid;   /* INTx: SPI intx_base + device */
	/* Interrupts taken with INT_STATUS pending, counted by the handler
	   of ivshmem_irq_enable(); wait on it with ivshmem_wait(). */
	volatile unsigned int interrupts;
};

/**
 * ivshmem_probe() - find the @index-th link device (0: the first) on bus
 * 0, enable its memory space, and fill @dev from its BARs and registers.
 * Returns 0, or -1 when there is no such device (nothing printed).
 */
int ivshmem_probe(struct ivshmem *dev, unsigned int index);

static inline uint32_t ivshmem_read(const struct ivshmem *dev, unsigned int reg)
{
	return mmio_read32(dev->regs + reg);
}

static inline void ivshmem_write(const struct ivshmem *dev, unsigned int reg,
				 uint32_t value)
{
	mmio_write32(dev->regs + reg, value);
}

/** ivshmem_state_table() - the peers' state words (read-only). */
static inline const volatile uint32_t *
ivshmem_state_table(const struct ivshmem *dev)
{
	return (const volatile uint32_t *)dev->mem;
}

/** ivshmem_common() - the common read/write section (rw_size bytes). */
static inline volatile void *ivshmem_common(const struct ivshmem *dev)
{
	return (volatile void *)(dev->mem + IVSHMEM_STATE_TABLE_SIZE);
}

/** ivshmem_output() - @peer's output section: writable only by @peer. */
static inline volatile void *ivshmem_output(const struct ivshmem *dev,
					    uint32_t peer)
{
	return (volatile void *)(dev->mem + IVSHMEM_STATE_TABLE_SIZE +
				 dev->rw_size + peer * dev->output_size);
}

/** ivshmem_peer_state() - @peer's word of the state table. */
static inline uint32_t ivshmem_peer_state(const struct ivshmem *dev,
					  uint32_t peer)
{
	return ivshmem_state_table(dev)[peer];
}

/** ivshmem_set_state() - publish this peer's state: the hypervisor
 * copies it into the state table and interrupts the others if it
 * changed. */
void ivshmem_set_state(struct ivshmem *dev, uint32_t state);

/**
 * ivshmem_doorbell() - raise @peer's interrupt (vector 0), after earlier
 * stores to the link's memory are complete. Returns the read-back,
 * CB_IVSHMEM_DOORBELL_OK or why it was refused.
 */
uint32_t ivshmem_doorbell(struct ivshmem *dev, uint32_t peer);

/**
 * ivshmem_irq_enable() - take the device's INTx on this CPU: a handler
 * that clears INT_STATUS and counts the interrupt, the SPI enabled at
 * the GIC (gic_init() must have run), INT_CONTROL enabled. IRQs stay as
 * the caller has them masked or not.
 */
void ivshmem_irq_enable(struct ivshmem *dev);

/**
 * ivshmem_ack() - for an inmate's own handler: read INT_STATUS and clear
 * what is pending. Returns whether something was.
 */
bool ivshmem_ack(struct ivshmem *dev);

/**
 * ivshmem_wait() - sleep until dev->interrupts is no longer @seen, at
 * most @us microseconds (wait.h: wait_init() must have run). Returns
 * whether it changed. Read @seen before checking what the interrupt
 * announces, so one that comes in between is not lost.
 */
bool ivshmem_wait(struct ivshmem *dev, unsigned int seen, uint64_t us);

/**
 * ivshmem_wait_peer_state() - sleep until @peer's state word is @state,
 * woken by the device's interrupts, at most @us microseconds in all.
 * Returns whether it got there.
 */
bool ivshmem_wait_peer_state(struct ivshmem *dev, uint32_t peer, uint32_t state,
			     uint64_t us);

/** ivshmem_doorbell_name() - "OK", "NO_PEER"... for messages. */
const char *ivshmem_doorbell_name(uint32_t result);

#endif /* INMATE_IVSHMEM_H */
