// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * link_config: what a driver relies on in a link device's config space
 * and register frame, checked by the tester peer with IRQs masked (the
 * GIC's view is polled with ICC_IAR1_EL1, not raced by a handler); the
 * other peer runs link_bell and rings when asked (link_bell.c):
 *   - IDs, class, revision, subsystem, interrupt pin, a writable line;
 *   - command: only memory, bus master and INTx disable stick; with
 *     memory space off the register frame reads all ones;
 *   - BAR sizing as an OS does it (all ones, the mask, the address back)
 *     for BAR 0 (4 KiB registers), BAR 2 (the memory, a power of two,
 *     prefetchable) and the unimplemented BAR 4;
 *   - the registers: ID, peer count, section sizes;
 *   - refused doorbells (link_bell's request 1) raise nothing here;
 *   - a doorbell with INTx disabled: INT_STATUS and status bit 3 set, no
 *     interrupt; INTx enabled again: the interrupt; INT_STATUS cleared:
 *     status bit 3 clear, no interrupt;
 *   - INT_CONTROL off: pending but status bit 3 clear and no interrupt;
 *     on again: both.
 * Parameters: guest (the BARs' address in the system config, default
 * 0x20000000), link (its index there, default 0), bar_size (default
 * 0x8000), rw_size (0x1000), output_size (0x2000).
 * Protocol: `PASS link_config checks=N`, or `FAIL link_config ...`.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/ivshmem.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/pci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include "link_common.h"

/* Long enough for the bell's CPU to run its part under -icount. */
#define SETTLE_US 20
#define POLL_US 2
#define BELL 0u

struct expected {
	uint64_t guest, bar_size, rw_size, output_size;
	unsigned long link;
};

static struct ivshmem link;

static void check_ids(uintptr_t config, const struct expected *want)
{
	CHECK_EQ(pci_read16(config, PCI_VENDOR_ID), CB_IVSHMEM_VENDOR);
	CHECK_EQ(pci_read16(config, PCI_DEVICE_ID), CB_IVSHMEM_DEVICE);
	CHECK_EQ(pci_read32(config, PCI_CLASS_REVISION),
		 (uint32_t)CB_IVSHMEM_CLASS << 8 | CB_IVSHMEM_REVISION);
	CHECK_EQ(pci_read16(config, PCI_SUBSYSTEM_VENDOR_ID),
		 CB_IVSHMEM_VENDOR);
	CHECK_EQ(pci_read16(config, PCI_SUBSYSTEM_ID), want->link);
	CHECK_EQ(pci_read32(config, PCI_INTERRUPT_LINE) >> 8 & 0xff, 1);
	pci_write32(config, PCI_INTERRUPT_LINE, 0x55);
	CHECK_EQ(pci_read32(config, PCI_INTERRUPT_LINE) & 0xffff, 0x0155);
}

static void check_command(uintptr_t config, uintptr_t regs)
{
	CHECK_EQ(pci_read16(config, PCI_COMMAND), 0);
	CHECK_EQ(mmio_read32(regs + CB_IVSHMEM_ID), 0xffffffff);
	pci_write16(config, PCI_COMMAND, 0xffff);
	CHECK_EQ(pci_read16(config, PCI_COMMAND), PCI_COMMAND_MEMORY |
						      PCI_COMMAND_MASTER |
						      PCI_COMMAND_INTX_DISABLE);
	pci_write16(config, PCI_COMMAND, 0);
	CHECK_EQ(pci_read16(config, PCI_COMMAND), 0);
}

static void check_bars(uintptr_t config, const struct expected *want)
{
	uint64_t regs = want->guest + want->bar_size;

	CHECK_EQ(pci_read32(config, PCI_BAR0), (uint32_t)regs | 0x4);
	CHECK_EQ(pci_read32(config, PCI_BAR0 + 4), regs >> 32);
	CHECK_EQ(pci_read32(config, PCI_BAR0 + 8), (uint32_t)want->guest | 0xc);
	/* The sizing probe, one dword at a time, as an OS does it. */
	pci_write32(config, PCI_BAR0, 0xffffffff);
	CHECK_EQ(pci_read32(config, PCI_BAR0), 0xfffff004);
	pci_write32(config, PCI_BAR0, (uint32_t)regs);
	CHECK_EQ(pci_read32(config, PCI_BAR0), (uint32_t)regs | 0x4);
	CHECK_EQ(pci_bar64_size(config, 0), CB_IVSHMEM_REG_SIZE);
	CHECK_EQ(pci_bar64(config, 0), regs);
	CHECK_EQ(pci_bar64_size(config, 2), want->bar_size);
	CHECK_EQ(pci_bar64(config, 2), want->guest);
	CHECK_EQ(pci_read32(config, PCI_BAR0 + 16), 0);
	CHECK_EQ(pci_bar64_size(config, 4), 0);
	/* Another value leaves the fixed address as it is. */
	pci_write32(config, PCI_BAR0 + 8, 0x12340000);
	CHECK_EQ(pci_bar64(config, 2), want->guest);
}

static void check_registers(const struct expected *want)
{
	CHECK_EQ(link.id, 1);
	CHECK_EQ(link.peers, 2);
	CHECK_EQ(ivshmem_read(&link, CB_IVSHMEM_STATE_TABLE_SIZE),
		 IVSHMEM_STATE_TABLE_SIZE);
	CHECK_EQ(link.rw_size, want->rw_size);
	CHECK_EQ(link.output_size, want->output_size);
	CHECK_EQ(ivshmem_read(&link, CB_IVSHMEM_INT_CONTROL), 0);
}

/*
 * Sleep in WFI on the virtual timer, IRQs masked: a busy loop would keep
 * the bell's CPU from running under -icount (the CPUs take turns, and a
 * CPU gives up its turn when it waits). The timer's INTID is disabled
 * again so that only the link's line is left to poll.
 */
static void settle(uint64_t us)
{
	timer_delay_us(us);
	gic_disable(TIMER_VIRT_INTID);
}

/* Publish request @k and wait until the bell says it is done. */
static void request(uint32_t k)
{
	volatile uint32_t *done = ivshmem_output(&link, BELL);
	uint64_t end = timer_counter() + timer_us_to_ticks(LINK_TIMEOUT_US);

	ivshmem_set_state(&link, k);
	while (*done != k) {
		if (timer_counter() > end)
			check_fail("the bell did not serve request %u", k);
		settle(POLL_US);
	}
	settle(SETTLE_US);
}

static unsigned int interrupt_status_bit(void)
{
	return (pci_read16(link.config, PCI_STATUS) & PCI_STATUS_INTERRUPT) ? 1
									    : 0;
}

static unsigned int pending(void)
{
	return ivshmem_read(&link, CB_IVSHMEM_INT_STATUS);
}

/* The INTID the CPU interface offers (acknowledged and ended), or 1023. */
static unsigned int take_interrupt(void)
{
	uint32_t iar = gic_ack();
	unsigned int intid = gic_intid(iar);

	/* A timer interrupt settle() left behind is not what is tested. */
	while (intid == TIMER_VIRT_INTID) {
		gic_eoi(iar);
		iar = gic_ack();
		intid = gic_intid(iar);
	}
	if (intid < GIC_INTID_SPECIAL) {
		if (intid == link.intid)
			ivshmem_write(&link, CB_IVSHMEM_INT_STATUS,
				      CB_IVSHMEM_INT_PENDING);
		gic_eoi(iar);
	}
	return intid;
}

static void check_intx(void)
{
	uint16_t on = PCI_COMMAND_MEMORY;

	ivshmem_write(&link, CB_IVSHMEM_INT_CONTROL, CB_IVSHMEM_INT_ENABLE);
	gic_enable(link.intid);
	request(1); /* refused doorbells */
	CHECK_EQ(pending(), 0);
	CHECK_EQ(take_interrupt(), 1023);

	pci_set_command(link.config, on | PCI_COMMAND_INTX_DISABLE, 0);
	request(2);
	CHECK_EQ(pending(), 1);
	CHECK_EQ(interrupt_status_bit(), 1);
	CHECK_EQ(take_interrupt(), 1023);
	pci_set_command(link.config, 0, PCI_COMMAND_INTX_DISABLE);
	settle(SETTLE_US);
	CHECK_EQ(take_interrupt(), link.intid);
	CHECK_EQ(pending(), 0);
	CHECK_EQ(interrupt_status_bit(), 0);
	settle(SETTLE_US);
	CHECK_EQ(take_interrupt(), 1023);

	ivshmem_write(&link, CB_IVSHMEM_INT_CONTROL, 0);
	request(3);
	CHECK_EQ(pending(), 1);
	CHECK_EQ(interrupt_status_bit(), 0);
	CHECK_EQ(take_interrupt(), 1023);
	ivshmem_write(&link, CB_IVSHMEM_INT_CONTROL, CB_IVSHMEM_INT_ENABLE);
	CHECK_EQ(interrupt_status_bit(), 1);
	settle(SETTLE_US);
	CHECK_EQ(take_interrupt(), link.intid);
	CHECK_EQ(pending(), 0);
}

int inmate_main(void)
{
	static const char *const keys[] = {"guest",	  "link",
					   "bar_size",	  "rw_size",
					   "output_size", IVSHMEM_PARAM_KEYS,
					   NULL};
	struct expected want;
	uintptr_t ecam, config;
	int device;

	params_check_keys(keys);
	want.guest = params_get_ulong("guest", 0x20000000, 0, ~0ul);
	want.link = params_get_ulong("link", 0, 0, 15);
	want.bar_size = params_get_ulong("bar_size", 0x8000, 0x1000, ~0ul);
	want.rw_size = params_get_ulong("rw_size", 0x1000, 0, ~0ul);
	want.output_size = params_get_ulong("output_size", 0x2000, 0, ~0ul);
	check_begin("link_config");
	irq_mask();
	if (gic_init())
		check_fail("no interrupt controller");
	ecam = pci_ecam();
	device = pci_find(ecam, CB_IVSHMEM_VENDOR, CB_IVSHMEM_DEVICE, 0);
	CHECK_EQ(device, 0);
	config = pci_config(ecam, 0);
	check_ids(config, &want);
	check_command(config, want.guest + want.bar_size);
	check_bars(config, &want);
	if (ivshmem_probe(&link, 0))
		check_fail("ivshmem_probe found no device");
	CHECK_EQ(pci_read16(config, PCI_COMMAND), PCI_COMMAND_MEMORY);
	check_registers(&want);
	/* The bell's LINK_UP left an interrupt pending here: clear it. */
	{
		uint64_t end =
		    timer_counter() + timer_us_to_ticks(LINK_TIMEOUT_US);

		while (ivshmem_peer_state(&link, BELL) != LINK_UP) {
			if (timer_counter() > end)
				check_fail("the bell is not up");
			settle(POLL_US);
		}
	}
	ivshmem_write(&link, CB_IVSHMEM_INT_STATUS, CB_IVSHMEM_INT_PENDING);
	CHECK_EQ(pending(), 0);
	check_intx();
	console_printf("link_config: %u checks of config space, BARs and "
		       "INTx\n",
		       check_count());
	check_pass();
	return 0;
}
