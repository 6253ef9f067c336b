// SPDX-License-Identifier: GPL-2.0-only
/*
 * gicd_probe: isolation of the emulated GIC distributor between two cells
 * whose SPIs share register words (by default SPIs 100 and 101 of the
 * owner, 102 of the intruder: one word of every per-interrupt bank).
 *
 * role=owner configures its two SPIs (the first enabled, edge, priority
 * 0x40; the second disabled, level, priority 0x60; both routed to itself)
 * and prints its view of them, waits delay_us, prints the view again,
 * then unmasks IRQs for a moment: an interrupt that arrives is reported.
 *
 * role=intruder waits delay_us, then (with write=1) writes every bank of
 * the owner's SPIs, trying to enable, disable, reprioritise, reconfigure,
 * reroute, set pending and set active, and prints what it reads back
 * (0 expected: not its lines). Then it configures its own SPI through the
 * same words and prints what it reads back (its own values, none of the
 * owner's). With write=0 it only reads: the control run.
 *
 * Parameters: role (0 owner, 1 intruder; default 0), delay_us (default
 * 1000), write (default 1), first (the owner's first SPI, default 100;
 * the owner has first and first + 1, the intruder first + 2).
 */
#include <stdbool.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include <hw/gicv3.h>

#define GICD_BASE 0x08000000ul

#define ICFGR_EDGE 2u

/* How long the owner unmasks IRQs at the end to let a stray one in. */
#define OWNER_LISTEN_US 100

static uintptr_t bit_word(uint32_t bank, unsigned int intid)
{
	return GICD_BASE + bank + 4 * (intid / 32);
}

static unsigned int bit_of(uint32_t bank, unsigned int intid)
{
	return (mmio_read32(bit_word(bank, intid)) >> (intid % 32)) & 1;
}

static uintptr_t priority_word(unsigned int intid)
{
	return GICD_BASE + GICD_IPRIORITYR + (intid & ~3u);
}

static uintptr_t config_word(unsigned int intid)
{
	return GICD_BASE + GICD_ICFGR + 4 * (intid / 16);
}

static uintptr_t router(unsigned int intid)
{
	return GICD_BASE + GICD_IROUTER + 8ul * intid;
}

static void set_config(unsigned int intid, uint32_t config)
{
	unsigned int shift = 2 * (intid % 16);
	uint32_t word = mmio_read32(config_word(intid));

	word = (word & ~(3u << shift)) | config << shift;
	mmio_write32(config_word(intid), word);
}

static void show(const char *when, unsigned int intid)
{
	uint32_t priority = mmio_read32(priority_word(intid)) >>
			    (8 * (intid % 4)) & 0xff;
	uint32_t config = mmio_read32(config_word(intid)) >>
			  (2 * (intid % 16)) & 3;

	console_printf("gicd: owner %s: spi %u enabled %u pending %u active "
		       "%u priority 0x%x config 0x%x router 0x%llx\n",
		       when, intid, bit_of(GICD_ISENABLER, intid),
		       bit_of(GICD_ISPENDR, intid),
		       bit_of(GICD_ISACTIVER, intid), priority, config,
		       (unsigned long long)mmio_read64(router(intid)));
}

static void owner_irq(unsigned int intid)
{
	console_printf("gicd: owner took IRQ %u\n", intid);
	gic_disable(intid);
}

/* A timer interrupt timer_delay_us() left pending: not the point here. */
static void owner_timer(unsigned int intid)
{
	(void)intid;
}

static void owner(unsigned int first, unsigned long delay_us)
{
	unsigned int second = first + 1;

	irq_set_handler(TIMER_VIRT_INTID, owner_timer);

	gic_set_priority(first, 0x40);
	set_config(first, ICFGR_EDGE);
	irq_set_handler(first, owner_irq);
	gic_enable(first);	/* Group 1, routed here, enabled */
	gic_set_priority(second, 0x60);
	set_config(second, 0);
	irq_set_handler(second, owner_irq);
	mmio_write64(router(second), cpu_mpidr() & MPIDR_AFFINITY_MASK);
	show("before", first);
	show("before", second);
	timer_delay_us(delay_us);
	show("after", first);
	show("after", second);
	irq_unmask();
	timer_delay_us(OWNER_LISTEN_US);
	irq_mask();
	console_printf("gicd: owner done\n");
}

/*
 * With @write, writes @value (of @size bytes: 1, 4 or 8) to the register
 * at @offset; then prints what reads back.
 */
static void poke(const char *name, uint32_t offset, unsigned int size,
		 uint64_t value, bool write)
{
	uintptr_t reg = GICD_BASE + offset;
	uint64_t back;

	if (write && size == 1)
		mmio_write8(reg, (uint8_t)value);
	else if (write && size == 4)
		mmio_write32(reg, (uint32_t)value);
	else if (write)
		mmio_write64(reg, value);
	if (size == 1)
		back = mmio_read8(reg);
	else if (size == 4)
		back = mmio_read32(reg);
	else
		back = mmio_read64(reg);
	if (write)
		console_printf("gicd: intruder %s at 0x%x (%u bytes) <- 0x%llx, "
			       "reads 0x%llx\n",
			       name, offset, size, (unsigned long long)value,
			       (unsigned long long)back);
	else
		console_printf("gicd: intruder %s at 0x%x (%u bytes) reads "
			       "0x%llx\n",
			       name, offset, size, (unsigned long long)back);
}

static void intruder(unsigned int first, unsigned long delay_us, bool write)
{
	unsigned int own = first + 2;
	uint32_t both = 3u << (first % 32);	/* the owner's two bits */
	uint32_t word = 4 * (first / 32);
	uint32_t config = GICD_ICFGR + 4 * (first / 16);
	uint64_t self = cpu_mpidr() & MPIDR_AFFINITY_MASK;

	timer_delay_us(delay_us);
	/* The owner's lines: every write must be ignored, reads are 0. */
	poke("ISENABLER", GICD_ISENABLER + word, 4, both, write);
	poke("ICENABLER", GICD_ICENABLER + word, 4, both, write);
	poke("ISPENDR", GICD_ISPENDR + word, 4, both, write);
	poke("ISACTIVER", GICD_ISACTIVER + word, 4, both, write);
	poke("IPRIORITYR", GICD_IPRIORITYR + first, 1, 0x08, write);
	poke("IPRIORITYR", GICD_IPRIORITYR + first, 4, 0x10101010, write);
	poke("ICFGR", config, 4, 0xaaaaaaaa, write);
	poke("ICFGR", config, 4, 0, write);
	poke("IROUTER", GICD_IROUTER + 8 * first, 8, self, write);
	poke("IROUTER", GICD_IROUTER + 8 * (first + 1), 8, self, write);

	/* Its own line, through the same words: its values, only its. */
	if (write) {
		gic_set_priority(own, 0x20);
		set_config(own, ICFGR_EDGE);
		gic_enable(own);
	}
	console_printf("gicd: intruder own spi %u: ISENABLER 0x%x IPRIORITYR "
		       "0x%x ICFGR 0x%x IROUTER 0x%llx\n",
		       own, mmio_read32(bit_word(GICD_ISENABLER, own)),
		       mmio_read32(priority_word(own)),
		       mmio_read32(config_word(own)),
		       (unsigned long long)mmio_read64(router(own)));
	if (write) {
		gic_disable(own);
		mmio_write32(bit_word(GICD_ICPENDR, own), 1u << (own % 32));
		mmio_write32(bit_word(GICD_ICACTIVER, own), 1u << (own % 32));
	}
	console_printf("gicd: intruder done\n");
}

int inmate_main(void)
{
	static const char *const keys[] = { "role", "delay_us", "write",
					    "first", NULL };
	unsigned long role, delay_us, write, first;

	params_check_keys(keys);
	role = params_get_ulong("role", 0, 0, 1);
	delay_us = params_get_ulong("delay_us", 1000, 0, 1000000000);
	write = params_get_ulong("write", 1, 0, 1);
	/* All three in one 32-bit word and one 4-SPI priority word. */
	first = params_get_ulong("first", 100, 32, 1016);
	if (first % 4)
		runtime_panic("gicd: first=%lu is not a multiple of 4", first);
	if (gic_init())
		runtime_panic("gicd: no interrupt controller");
	console_printf("gicd: %s, spis %lu and %lu of the owner, %lu of the "
		       "intruder%s\n",
		       role ? "intruder" : "owner", first, first + 1,
		       first + 2, role && !write ? ", reading only" : "");
	if (role)
		intruder((unsigned int)first, delay_us, write != 0);
	else
		owner((unsigned int)first, delay_us);
	psci_system_off();
}
