// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks on the interrupt controller, which the hypervisor emulates: a
 * cell sees only its own lines (docs/hypervisor.md, "What a cell gets").
 *
 * Group "gic": GICD_CTLR, its own level SPI pended again and again,
 * another cell's SPI 34 and the hypervisor's
 * console SPI 33 in every distributor bank and IROUTER, routing its own
 * SPI to foreign CPUs or to any CPU (IRM), the message and legacy SGI
 * registers, every reserved distributor word, the hypervisor's SGI 15
 * and PPIs 25 and 26 in its own redistributors, other cells' CPUs'
 * redistributors, its own GICR_WAKER and GICR_CTLR, and the LPI
 * registers. Writes to what is not the cell's are ignored and read as
 * zero; afterwards the hypervisor's own interrupts still work (the
 * maintenance interrupt refills list registers, the IPI starts a CPU).

 * (The SGI kinds are in attack_sgi.c.)
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "attack_kinds.h"

#define GICD(offset) (GICD_BASE + (offset))
#define RD(cpu, offset) (GICR_BASE + (cpu) * GICR_STRIDE + (offset))
#define SGI_FRAME(cpu, offset) (GICR_SGI(cpu) + (offset))
#define BIT(intid) (1u << ((intid) % 32))
#define WORD(bank, intid) GICD((bank) + 4 * ((intid) / 32))
#define RESERVED_PRIVATE (BIT(HV_SGI) | BIT(HV_PPI_MAINTENANCE) | \
			  BIT(HV_PPI_TIMER))
#define WAIT_US 50

static const uint32_t set_clear_banks[] = {
	GICD_ISENABLER, GICD_ICENABLER, GICD_ISPENDR, GICD_ICPENDR,
	GICD_ISACTIVER, GICD_ICACTIVER, GICD_IGROUPR, GICD_IGRPMODR,
};

/* ------------------------------------------------------------ "gic" */

static void own_spi_config(bool edge)
{
	uintptr_t cfg = GICD(GICD_ICFGR + 4 * (OWN_SPI / 16));
	uint32_t field = 2u << (2 * (OWN_SPI % 16));

	mmio_write32(cfg, edge ? mmio_read32(cfg) | field :
			  mmio_read32(cfg) & ~field);
}

/* SPI 39 made pending through the distributor arrives: the distributor
   still forwards the cell's interrupts. Edge-triggered, so that this
   checks the forwarding only (gicd-own-level-spi-repend is the level
   case). */
static bool own_spi_arrives(void)
{
	unsigned int seen = irq_seen[2][OWN_SPI];

	own_spi_config(true);
	gic_enable(OWN_SPI);
	mmio_write32(WORD(GICD_ISPENDR, OWN_SPI), BIT(OWN_SPI));
	wait_us(WAIT_US);
	gic_disable(OWN_SPI);
	return irq_seen[2][OWN_SPI] == seen + 1;
}

/*
 * A level-sensitive SPI set pending by a write to GICD_ISPENDR is pending
 * until it is acknowledged (GICv3 spec, interrupt states, and
 * GICD_ISPENDR: the pending
 * latch, whatever the line does): each write while the CPU masks IRQs is
 * one interrupt once it unmasks, also when the same SPI was the last one
 * delivered.
 */
static void gicd_level_repend(void)
{
	unsigned int round, seen;

	kind_begin("gicd-own-level-spi-repend");
	own_spi_config(false);
	gic_enable(OWN_SPI);
	for (round = 0; round < 3; round++) {
		seen = irq_seen[2][OWN_SPI];
		mmio_write32(WORD(GICD_ISPENDR, OWN_SPI), BIT(OWN_SPI));
		wait_us(WAIT_US);
		kind_check(irq_seen[2][OWN_SPI] == seen + 1, "round %u: the "
			   "level SPI %u set pending through GICD_ISPENDR "
			   "(IRQs masked, then a WFI) was taken %u times, "
			   "expected once", round + 1, OWN_SPI,
			   irq_seen[2][OWN_SPI] - seen);
	}
	gic_disable(OWN_SPI);
	own_spi_config(true);
	kind_end();
}

static void gicd_ctlr(void)
{
	uint32_t before = mmio_read32(GICD(GICD_CTLR)), after0, after1;

	kind_begin("gicd-ctlr");
	mmio_write32(GICD(GICD_CTLR), 0);
	after0 = mmio_read32(GICD(GICD_CTLR));
	mmio_write32(GICD(GICD_CTLR), ~0u);
	after1 = mmio_read32(GICD(GICD_CTLR));
	kind_check(after0 == before, "GICD_CTLR 0x%x after writing 0, was "
		   "0x%x", after0, before);
	kind_check(after1 == before, "GICD_CTLR 0x%x after writing ones, "
		   "was 0x%x", after1, before);
	kind_check(own_spi_arrives(), "the cell's own SPI %u no longer "
		   "arrives after the GICD_CTLR writes", OWN_SPI);
	kind_end();
}

/* Every bank, priority, configuration and routing of @intid, which is
   not the cell's: ignored, reads as zero. */
static void foreign_spi(const char *name, unsigned int intid)
{
	uint32_t cfg;
	uintptr_t cfg_word = GICD(GICD_ICFGR + 4 * (intid / 16));
	uint32_t own_cfg = 3u << (2 * (OWN_SPI % 16)), value;
	unsigned int i;

	kind_begin(name);
	for (i = 0; i < sizeof(set_clear_banks) / sizeof(set_clear_banks[0]);
	     i++) {
		uintptr_t word = WORD(set_clear_banks[i], intid);

		mmio_write32(word, BIT(intid));
		value = mmio_read32(word);
		kind_check(!(value & BIT(intid)), "bank 0x%x reads 0x%x "
			   "after setting INTID %u's bit", set_clear_banks[i],
			   value, intid);
	}
	mmio_write8(GICD(GICD_IPRIORITYR + intid), 0);
	value = mmio_read8(GICD(GICD_IPRIORITYR + intid));
	kind_check(value == 0, "IPRIORITYR byte %u reads 0x%x", intid, value);
	mmio_write32(GICD(GICD_IPRIORITYR + (intid & ~3u)), 0x10101010);
	value = mmio_read32(GICD(GICD_IPRIORITYR + (intid & ~3u)));
	/* The word may hold the cell's console line (virtual, INTID 33):
	   only its byte is the cell's. */
	if ((intid & ~3u) == (HV_UART_SPI & ~3u))
		value &= ~(0xffu << 8 * (HV_UART_SPI % 4));
	kind_check(value == 0, "IPRIORITYR word of INTID %u reads 0x%x", intid,
		   value);
	/* The word holds the cell's SPI 39 too: only its field may change. */
	cfg = mmio_read32(cfg_word);
	mmio_write32(cfg_word, ~0u);
	value = mmio_read32(cfg_word);
	kind_check(!(value & ~own_cfg), "ICFGR word of INTID %u reads 0x%x "
		   "after writing ones (only SPI %u's field is the cell's)",
		   intid, value, OWN_SPI);
	mmio_write32(cfg_word, cfg);
	mmio_write64(GICD(GICD_IROUTER + 8 * intid), 0x2);
	value = (uint32_t)mmio_read64(GICD(GICD_IROUTER + 8 * intid));
	kind_check(value == 0, "IROUTER %u reads 0x%x after routing it to CPU "
		   "2", intid, value);
	mmio_write32(GICD(GICD_IROUTER + 8 * intid + 4), 0xff);
	kind_check(mmio_read32(GICD(GICD_IROUTER + 8 * intid + 4)) == 0,
		   "IROUTER %u upper half readable", intid);
	kind_end();
}

static void gicd_rt_spi(void)
{
	foreign_spi("gicd-foreign-spi", RT_SPI);
}

/*
 * The hypervisor's console interrupt (SPI 33) is out of reach: in the
 * cell's view INTID 33 is its own console's virtual line
 * (docs/hypervisor.md, "The console"), whose fields are its own and touch
 * no physical interrupt. Set, read back, and left off.
 */
static void gicd_hv_spi(void)
{
	uint32_t bit = BIT(HV_UART_SPI), cfg;
	uintptr_t router = GICD(GICD_IROUTER + 8 * HV_UART_SPI);

	kind_begin("gicd-hypervisor-spi");
	mmio_write32(WORD(GICD_ISENABLER, HV_UART_SPI), bit);
	kind_check(mmio_read32(WORD(GICD_ISENABLER, HV_UART_SPI)) & bit,
		   "INTID 33 does not read enabled once enabled");
	mmio_write32(WORD(GICD_ICENABLER, HV_UART_SPI), bit);
	kind_check(!(mmio_read32(WORD(GICD_ISENABLER, HV_UART_SPI)) & bit),
		   "INTID 33 reads enabled once disabled");
	mmio_write32(WORD(GICD_ISPENDR, HV_UART_SPI), bit);
	kind_check(mmio_read32(WORD(GICD_ISPENDR, HV_UART_SPI)) & bit,
		   "INTID 33 does not read pending once pended");
	mmio_write32(WORD(GICD_ICPENDR, HV_UART_SPI), bit);
	kind_check(!(mmio_read32(WORD(GICD_ISPENDR, HV_UART_SPI)) & bit),
		   "INTID 33 reads pending once cleared (its UART is quiet)");
	mmio_write32(WORD(GICD_ISACTIVER, HV_UART_SPI), bit);
	kind_check(!(mmio_read32(WORD(GICD_ISACTIVER, HV_UART_SPI)) & bit),
		   "INTID 33 reads active: only the cell's EOI ends it");
	mmio_write8(GICD(GICD_IPRIORITYR + HV_UART_SPI), 0x40);
	kind_check(mmio_read8(GICD(GICD_IPRIORITYR + HV_UART_SPI)) == 0x40,
		   "INTID 33's priority not kept");
	cfg = mmio_read32(GICD(GICD_ICFGR + 8));	/* SPI 39's too */
	mmio_write32(GICD(GICD_ICFGR + 8), ~0u);
	kind_check(!(mmio_read32(GICD(GICD_ICFGR + 8)) & (3u << 2)),
		   "INTID 33 reads edge-triggered: it is a level line");
	mmio_write32(GICD(GICD_ICFGR + 8), cfg);
	mmio_write64(router, 0x0);	/* another cell's CPU: refused */
	kind_check(mmio_read64(router) == 0x2, "INTID 33 routed to 0x%llx, "
		   "expected the cell's CPU 2", (unsigned long long)
		   mmio_read64(router));
	mmio_write64(router, 0x3);	/* its own other CPU */
	kind_check(mmio_read64(router) == 0x3, "INTID 33 not routed to CPU 3");
	mmio_write64(router, 0x2);
	mmio_write8(GICD(GICD_IPRIORITYR + HV_UART_SPI), GIC_PRIORITY_DEFAULT);
	kind_end();
}

static void gicd_irouter_own(void)
{
	static const uint64_t routes[] = {
		1ull << 31,		/* IRM: any CPU */
		(1ull << 31) | 0x2,
		0x0, 0x1,		/* other cells' CPUs */
		0x7,			/* no such CPU */
		0x100000002ull,		/* Aff3 1 */
		0x10002ull,		/* Aff2 1 */
		0x102ull,		/* Aff1 1 */
	};
	uintptr_t router = GICD(GICD_IROUTER + 8 * OWN_SPI);
	uint64_t value;
	unsigned int i;

	kind_begin("gicd-irouter-own-spi");
	mmio_write64(router, 0x2);
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		mmio_write64(router, routes[i]);
		value = mmio_read64(router);
		kind_check(value == 0x2, "IROUTER %u reads 0x%llx after "
			   "writing 0x%llx, expected 0x2 (unchanged)", OWN_SPI,
			   (unsigned long long)value,
			   (unsigned long long)routes[i]);
	}
	/* Halves: Aff3 through the upper word, IRM through the lower. */
	mmio_write32(router + 4, 0x1);
	mmio_write32(router, 0x80000002u);
	value = mmio_read64(router);
	kind_check(value == 0x2, "IROUTER %u reads 0x%llx after 32-bit "
		   "writes", OWN_SPI, (unsigned long long)value);
	/* Its own other CPU is allowed; bits past Aff3 are not kept. */
	mmio_write64(router, 0xffffff0000000003ull);
	value = mmio_read64(router);
	kind_check(value == 0x3, "IROUTER %u reads 0x%llx after routing to "
		   "CPU 3 with RES0 bits set", OWN_SPI,
		   (unsigned long long)value);
	mmio_write64(router, 0x2);
	kind_check(own_spi_arrives(), "SPI %u does not arrive on CPU 2 "
		   "after the routing attempts", OWN_SPI);
	kind_end();
}

static void gicd_message_registers(void)
{
	kind_begin("gicd-setspi-sgir");
	mmio_write32(GICD(GICD_SETSPI_NSR), RT_SPI);
	mmio_write32(GICD(GICD_SETSPI_NSR), HV_UART_SPI);
	mmio_write32(GICD(GICD_CLRSPI_NSR), RT_SPI);
	/* Legacy GICD_SGIR (RES0 with affinity routing): SGI 15 to all. */
	mmio_write32(GICD(GICD_SGIR), 0x01ff000fu);
	mmio_write32(GICD(GICD_SGIR), 0x00ff0001u);
	kind_check(mmio_read32(GICD(GICD_SETSPI_NSR)) == 0, "SETSPI_NSR reads "
		   "non-zero");
	kind_check(mmio_read32(GICD(GICD_SGIR)) == 0, "GICD_SGIR reads "
		   "non-zero");
	wait_us(WAIT_US);
	kind_check(irq_seen[2][1] == 0 && irq_seen[2][HV_SGI] == 0,
		   "GICD_SGIR raised SGIs on this CPU (1: %u, 15: %u)",
		   irq_seen[2][1], irq_seen[2][HV_SGI]);
	kind_end();
}

/* Every distributor word outside the banks and IROUTER<32..1019>. */
static void gicd_reserved(void)
{
	static const uint32_t ranges[][2] = {
		{ 0x0010, 0x0080 }, { 0x0800, 0x0c00 }, { 0x0d80, 0x0f00 },
		{ 0x0f04, 0x1000 }, { 0x1000, 0x6000 }, { 0x6000, 0x6100 },
		{ 0x7fe0, 0x8000 }, { 0x8000, 0xc000 }, { 0xc000, 0xffd0 },
		{ 0xffd0, 0x10000 },
	};
	uint32_t ctlr = mmio_read32(GICD(GICD_CTLR));
	uint32_t typer = mmio_read32(GICD(GICD_TYPER));
	uint32_t iidr = mmio_read32(GICD(GICD_IIDR));
	uint32_t pidr2 = mmio_read32(GICD(GICD_PIDR2));
	unsigned int i, writes = 0;

	kind_begin("gicd-reserved");
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		for (uint32_t at = ranges[i][0]; at < ranges[i][1]; at += 4) {
			pace();
			mmio_write32(GICD(at), ~0u);
			writes++;
		}
		kind_check(true, "range");
	}
	kind_check(mmio_read32(GICD(GICD_CTLR)) == ctlr &&
		   mmio_read32(GICD(GICD_TYPER)) == typer &&
		   mmio_read32(GICD(GICD_IIDR)) == iidr &&
		   mmio_read32(GICD(GICD_PIDR2)) == pidr2,
		   "identification or control changed after %u writes",
		   writes);
	kind_check(own_spi_arrives(), "SPI %u no longer arrives", OWN_SPI);
	console_printf("attack: gicd-reserved: %u words written\n", writes);
	kind_end();
}

/* The cell's own redistributor frame of CPU @cpu: the hypervisor's SGI
   15 and PPIs 25 and 26 are not the cell's. */
static void own_private_reserved(unsigned int cpu)
{
	static const uint32_t banks[] = {
		GICD_ICENABLER, GICD_ISACTIVER, GICD_ISPENDR, GICD_ICPENDR,
		GICD_ICACTIVER, GICD_IGROUPR, GICD_IGRPMODR,
	};
	static const unsigned int intids[] = { HV_SGI, HV_PPI_MAINTENANCE,
					       HV_PPI_TIMER };
	uint32_t value, cfg;
	unsigned int i;

	for (i = 0; i < sizeof(banks) / sizeof(banks[0]); i++) {
		mmio_write32(SGI_FRAME(cpu, banks[i]), RESERVED_PRIVATE);
		value = mmio_read32(SGI_FRAME(cpu, banks[i]));
		kind_check(!(value & RESERVED_PRIVATE), "CPU %u's bank 0x%x "
			   "reads 0x%x after writing SGI 15, PPIs 25, 26",
			   cpu, banks[i], value);
	}
	for (i = 0; i < 3; i++) {
		mmio_write8(SGI_FRAME(cpu, GICD_IPRIORITYR + intids[i]), 0xff);
		value = mmio_read8(SGI_FRAME(cpu, GICD_IPRIORITYR +
					     intids[i]));
		kind_check(value == 0, "CPU %u's priority of INTID %u reads "
			   "0x%x", cpu, intids[i], value);
	}
	mmio_write32(SGI_FRAME(cpu, GICD_IPRIORITYR + 12), 0xffffffffu);
	value = mmio_read32(SGI_FRAME(cpu, GICD_IPRIORITYR + 12));
	kind_check(!(value & 0xff000000u), "CPU %u's IPRIORITYR3 reads 0x%x "
		   "(SGI 15 in the top byte)", cpu, value);
	mmio_write32(SGI_FRAME(cpu, GICD_IPRIORITYR + 12), 0xa0a0a0a0u);
	cfg = mmio_read32(SGI_FRAME(cpu, GICD_ICFGR + 4));
	mmio_write32(SGI_FRAME(cpu, GICD_ICFGR + 4), ~0u);
	value = mmio_read32(SGI_FRAME(cpu, GICD_ICFGR + 4));
	kind_check(!(value & (0xfu << 18)), "CPU %u's ICFGR1 reads 0x%x "
		   "(PPIs 25, 26 in bits 18-21)", cpu, value);
	mmio_write32(SGI_FRAME(cpu, GICD_ICFGR + 4), cfg);
}

static volatile unsigned int second_ran;

static void second_says_hello(void *arg)
{
	(void)arg;
	second_ran = 1;
}

static void gicr_reserved_private(void)
{
	unsigned int seen[8], sgi, arrived = 0;

	kind_begin("gicr-hypervisor-private");
	own_private_reserved(2);
	own_private_reserved(3);
	/* Eight SGIs pending at once: four list registers, so the
	   maintenance interrupt (PPI 25) must refill them. */
	irq_mask();
	for (sgi = 0; sgi < 8; sgi++) {
		seen[sgi] = irq_seen[2][sgi];
		gic_enable(sgi);
		gic_send_sgi(sgi, cpu_mpidr());
	}
	wait_us(WAIT_US);
	for (sgi = 0; sgi < 8; sgi++) {
		arrived += irq_seen[2][sgi] - seen[sgi];
		gic_disable(sgi);
	}
	kind_check(arrived == 8, "%u of 8 SGIs arrived after the writes to "
		   "PPI 25 (maintenance)", arrived);
	/* The hypervisor starts CPU 3 with its IPI, SGI 15. */
	second_ran = 0;
	kind_check(second_start(second_says_hello, 0) == PSCI_SUCCESS,
		   "CPU_ON of CPU 3 failed");
	kind_check(wait_for(&second_ran, 20000), "CPU 3 did not run after "
		   "the writes to SGI 15 in its redistributor");
	kind_check(second_wait_off(), "CPU 3 did not power off");
	kind_end();
}

static void gicr_foreign_frames(void)
{
	static const uint32_t banks[] = {
		GICD_ICENABLER, GICD_ISACTIVER, GICD_ISPENDR, GICD_ICPENDR,
		GICD_ICACTIVER, GICD_IGROUPR, GICD_IGRPMODR, GICD_ISENABLER,
	};
	unsigned int cpu, i;
	uint64_t typer;
	uint32_t value;

	kind_begin("gicr-foreign-frames");
	for (cpu = 0; cpu < 2; cpu++) {
		mmio_write32(RD(cpu, GICR_CTLR), 1);	/* EnableLPIs */
		mmio_write32(RD(cpu, GICR_WAKER), GICR_WAKER_PROCESSOR_SLEEP);
		mmio_write32(RD(cpu, GICR_PROPBASER), 0x40000000u);
		mmio_write32(RD(cpu, GICR_PENDBASER), 0x40010000u);
		kind_check(mmio_read32(RD(cpu, GICR_CTLR)) == 0 &&
			   mmio_read32(RD(cpu, GICR_WAKER)) == 0 &&
			   mmio_read32(RD(cpu, GICR_PROPBASER)) == 0,
			   "CPU %u's RD_base readable", cpu);
		typer = mmio_read64(RD(cpu, GICR_TYPER));
		kind_check((typer >> 32) == cpu, "CPU %u's GICR_TYPER 0x%llx: "
			   "the identification should stay readable", cpu,
			   (unsigned long long)typer);
		for (i = 0; i < sizeof(banks) / sizeof(banks[0]); i++) {
			mmio_write32(SGI_FRAME(cpu, banks[i]), ~0u);
			value = mmio_read32(SGI_FRAME(cpu, banks[i]));
			kind_check(value == 0, "CPU %u's bank 0x%x reads 0x%x",
				   cpu, banks[i], value);
		}
		for (i = 0; i < 32; i += 4) {
			mmio_write32(SGI_FRAME(cpu, GICD_IPRIORITYR + i), ~0u);
			kind_check(mmio_read32(SGI_FRAME(cpu, GICD_IPRIORITYR +
							  i)) == 0,
				   "CPU %u's IPRIORITYR%u readable", cpu,
				   i / 4);
		}
		mmio_write8(SGI_FRAME(cpu, GICD_IPRIORITYR + 27), 0xff);
		mmio_write32(SGI_FRAME(cpu, GICD_ICFGR), 0);
		mmio_write32(SGI_FRAME(cpu, GICD_ICFGR + 4), 0);
		kind_check(mmio_read32(SGI_FRAME(cpu, GICD_ICFGR + 4)) == 0,
			   "CPU %u's ICFGR1 readable", cpu);
	}
	kind_end();
}

static void gicr_own_waker_ctlr(void)
{
	uintptr_t waker = RD(2, GICR_WAKER), ctlr = RD(2, GICR_CTLR);
	uint32_t w = mmio_read32(waker), c = mmio_read32(ctlr);
	unsigned int seen = irq_seen[2][OWN_SPI];

	kind_begin("gicr-own-waker-ctlr");
	mmio_write32(waker, GICR_WAKER_PROCESSOR_SLEEP |
		     GICR_WAKER_CHILDREN_ASLEEP);
	mmio_write32(ctlr, ~0u);
	kind_check(mmio_read32(waker) == w, "GICR_WAKER 0x%x after asking "
		   "to sleep, was 0x%x", mmio_read32(waker), w);
	kind_check(mmio_read32(ctlr) == c, "GICR_CTLR 0x%x after writing "
		   "ones, was 0x%x", mmio_read32(ctlr), c);
	/* The timer (a PPI of this redistributor) still wakes it. */
	wait_us(WAIT_US);
	kind_check(true, "timer");
	kind_check(own_spi_arrives() && irq_seen[2][OWN_SPI] == seen + 1,
		   "SPI %u does not arrive after the GICR_WAKER write",
		   OWN_SPI);
	kind_end();
}

static void gicr_lpi_registers(void)
{
	static const uint32_t offsets[] = {
		GICR_PROPBASER, GICR_PROPBASER + 4, GICR_PENDBASER,
		GICR_PENDBASER + 4, GICR_SETLPIR, GICR_SETLPIR + 4,
		GICR_CLRLPIR, GICR_CLRLPIR + 4, GICR_INVLPIR, GICR_INVLPIR + 4,
		GICR_INVALLR, GICR_INVALLR + 4, GICR_SYNCR, 0x0010,
	};
	unsigned int i;
	uint32_t value;

	kind_begin("gicr-lpi-registers");
	for (i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		mmio_write32(RD(2, offsets[i]), 0x40000fffu);
		value = mmio_read32(RD(2, offsets[i]));
		kind_check(value == 0, "own GICR offset 0x%x reads 0x%x after "
			   "a write", offsets[i], value);
	}
	kind_end();
}

const struct attack_kind attack_gic_kinds[] = {
	{ "gicd-ctlr", "gic", gicd_ctlr },
	{ "gicd-own-level-spi-repend", "gic", gicd_level_repend },
	{ "gicd-foreign-spi", "gic", gicd_rt_spi },
	{ "gicd-hypervisor-spi", "gic", gicd_hv_spi },
	{ "gicd-irouter-own-spi", "gic", gicd_irouter_own },
	{ "gicd-setspi-sgir", "gic", gicd_message_registers },
	{ "gicd-reserved", "gic", gicd_reserved },
	{ "gicr-hypervisor-private", "gic", gicr_reserved_private },
	{ "gicr-foreign-frames", "gic", gicr_foreign_frames },
	{ "gicr-own-waker-ctlr", "gic", gicr_own_waker_ctlr },
	{ "gicr-lpi-registers", "gic", gicr_lpi_registers },
	{ 0, 0, 0 },
};
