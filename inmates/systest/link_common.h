/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What the shared-memory link test inmates (tests/system/ivshmem_tests.py)
 * share: coming up as a peer of the cell's first link, and the handshake
 * through the state table. Every peer publishes LINK_UP once it listens;
 * a watcher acknowledges each state S it saw a peer publish with
 * LINK_ACK | S, so the peer knows it was seen before it changes again.
 */
#ifndef SYSTEST_LINK_COMMON_H
#define SYSTEST_LINK_COMMON_H

#include <inmate/check.h>
#include <inmate/gic.h>
#include <inmate/ivshmem.h>
#include <inmate/pci.h>
#include <inmate/wait.h>

#define LINK_UP 1u
#define LINK_ACK 0x100u
/* Long for anything a peer answers under -icount (microseconds there),
   short enough that a lost interrupt is a FAIL line, not a hang. */
#define LINK_TIMEOUT_US 50000

/* The cell's first link with its interrupt taken and LINK_UP published;
   check_begin() must have run (a missing device is a FAIL line). */
static inline void link_up(struct ivshmem *dev)
{
	if (gic_init())
		check_fail("no interrupt controller");
	wait_init();
	if (ivshmem_probe(dev, 0))
		check_fail("no link device on the PCI bus at 0x%lx",
			   (unsigned long)pci_ecam());
	ivshmem_irq_enable(dev);
	ivshmem_set_state(dev, LINK_UP);
}

/* Wait for @peer's state word to be @state, or FAIL naming @what. */
static inline void link_expect_state(struct ivshmem *dev, uint32_t peer,
				     uint32_t state, const char *what)
{
	if (!ivshmem_wait_peer_state(dev, peer, state, LINK_TIMEOUT_US))
		check_fail("%s: peer %u's state is 0x%x after %u us, expected "
			   "0x%x",
			   what, peer, ivshmem_peer_state(dev, peer),
			   LINK_TIMEOUT_US, state);
}

#endif /* SYSTEST_LINK_COMMON_H */
