// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks on the edges of the cell's address space, each alone in a boot
 * (all but the last park the cell): just below and above its RAM, guest
 * addresses 0 and the top of the 39-bit space and past it, another
 * cell's RAM and the hypervisor's memory as guest addresses, the edges of
 * the emulated console page, instruction fetches outside, DC ZVA outside,
 * and emulated-device accesses the hypervisor cannot or may not decode.
 * Then all of them again in one boot (group "aborts", "attack=aborts"),
 * in a cell that takes refused accesses as aborts at EL1.
 *
 * The attacker cell (tests/system/configs/attacker.dts) has RAM at guest
 * 0x40200000-0x4024ffff (the last 64 KiB a kept region) and its
 * console at 0x09000000.
 */
#include <inmate/console.h>

#include "attack_kinds.h"

#define RAM_START CELL_RAM
#define RAM_END CELL_TOP
#define RT_PHYS_RAM 0x51000000ul	/* rt's RAM, as a guest address */
#define HV_PHYS 0x40000000ul		/* the hypervisor's, likewise */
#define OWN_GICR (GICR_BASE + 2 * GICR_STRIDE)

static void load64(const char *name, uintptr_t address)
{
	announce(name, PROBE_PC(probe_ldr64), "64-bit load from 0x%lx",
		 (unsigned long)address);
	probe_ldr64(address);
	not_parked(name, "the load");
}

static void store64(const char *name, uintptr_t address)
{
	announce(name, PROBE_PC(probe_str64), "64-bit store to 0x%lx",
		 (unsigned long)address);
	probe_str64(address, 0xdeadbeefdeadbeefull);
	not_parked(name, "the store");
}

static void load32(const char *name, uintptr_t address)
{
	announce(name, PROBE_PC(probe_ldr32), "32-bit load from 0x%lx",
		 (unsigned long)address);
	probe_ldr32(address);
	not_parked(name, "the load");
}

static void fetch(const char *name, uintptr_t address)
{
	announce(name, address, "branch to 0x%lx", (unsigned long)address);
	probe_branch(address);
	not_parked(name, "the branch");
}

static void below_ram(void)
{
	load64("mem-below-ram", RAM_START - 8);
}

static void above_ram(void)
{
	store64("mem-above-ram", RAM_END);
}

static void guest_zero(void)
{
	load64("mem-guest-zero", 0);
}

static void top_39(void)
{
	attack_mmu_wide();
	load64("mem-top-39bit", WIDE_TOP_39 + 0x3ffffff8ul);
}

/* Guest 0x80_0000_0000 through VA WIDE_BEYOND_39: the FAR is the VA. */
static void beyond_39(void)
{
	attack_mmu_wide();
	load64("mem-beyond-39bit", WIDE_BEYOND_39);
}

static void other_cell(void)
{
	load64("mem-other-cell-ram", RT_PHYS_RAM);
}

static void hypervisor(void)
{
	load64("mem-hypervisor", HV_PHYS);
}

static void console_below(void)
{
	load32("mem-console-below", UART_BASE - 4);
}

static void console_above(void)
{
	load32("mem-console-above", UART_BASE + UART_SIZE);
}

static void exec_above(void)
{
	fetch("mem-exec-above-ram", RAM_END);
}

/* The console page through a normal, executable stage-1 mapping. */
static void exec_console(void)
{
	attack_mmu_wide();
	fetch("mem-exec-console", WIDE_LOW_NORMAL + UART_BASE);
}

static void zva_outside(void)
{
	announce("dc-zva-outside", PROBE_PC(probe_dc_zva), "DC ZVA at 0x%lx",
		 (unsigned long)RAM_END);
	probe_dc_zva(RAM_END);
	not_parked("dc-zva-outside", "DC ZVA");
}

/* LDP: a data abort without a syndrome to emulate from (ISV 0). */
static void gicd_ldp(void)
{
	uintptr_t at = GICD_BASE + GICD_ISENABLER;

	announce("mmio-gicd-ldp", PROBE_PC(probe_ldp32),
		 "LDP of two words from 0x%lx", (unsigned long)at);
	probe_ldp32(at);
	not_parked("mmio-gicd-ldp", "the LDP");
}

/* Misaligned: through a normal-memory mapping, so that stage 1 lets it
   pass (device memory would fault at EL1) and the hypervisor sees it. */
static void gicd_misaligned(void)
{
	attack_mmu_wide();
	load32("mmio-gicd-misaligned",
	       WIDE_LOW_NORMAL + GICD_BASE + GICD_ISENABLER + 2);
}

static void gicd_byte_icfgr(void)
{
	uintptr_t at = GICD_BASE + GICD_ICFGR + 8;

	announce("mmio-gicd-byte-icfgr", PROBE_PC(probe_ldr8),
		 "8-bit load from 0x%lx", (unsigned long)at);
	probe_ldr8(at);
	not_parked("mmio-gicd-byte-icfgr", "the load");
}

static void gicd_halfword_priority(void)
{
	uintptr_t at = GICD_BASE + GICD_IPRIORITYR + OWN_SPI - 1;

	announce("mmio-gicd-halfword-priority", PROBE_PC(probe_str16),
		 "16-bit store to 0x%lx", (unsigned long)at);
	probe_str16(at, 0);
	not_parked("mmio-gicd-halfword-priority", "the store");
}

static void gicr_64bit_ctlr(void)
{
	load64("mmio-gicr-64bit-ctlr", OWN_GICR + GICR_CTLR);
}

/*
 * GICR_PROPBASER and GICR_PENDBASER are 64-bit registers (GICv3 spec,
 * their descriptions), which a 64-bit access reaches by definition.
 * The cell gets no LPIs: the writes must be ignored (pointing the tables
 * at the hypervisor's memory would be an attack), and the cell goes on.
 */
static void gicr_propbaser_64(void)
{
	uint64_t prop, pend;

	kind_begin("mmio-gicr-propbaser-64");
	console_printf("attack: mmio-gicr-propbaser-64: 64-bit stores of "
		       "0x40000000 to GICR_PROPBASER and GICR_PENDBASER\n");
	probe_str64(OWN_GICR + GICR_PROPBASER, 0x40000000ul | 0x7f);
	probe_str64(OWN_GICR + GICR_PENDBASER, 0x40010000ul);
	prop = probe_ldr64(OWN_GICR + GICR_PROPBASER);
	pend = probe_ldr64(OWN_GICR + GICR_PENDBASER);
	kind_check(!(prop & 0xfffffffff000ull), "GICR_PROPBASER reads 0x%llx "
		   "after the write: the cell set an LPI table address",
		   (unsigned long long)prop);
	kind_check(!(pend & 0xfffffffff0000ull), "GICR_PENDBASER reads 0x%llx "
		   "after the write", (unsigned long long)pend);
	kind_end();
}

/* ------------------------------------------------------------ "aborts" */

/*
 * The same accesses in a cell whose config says faults-as-aborts
 * (attacker_aborts.dts): each is a synchronous external abort at EL1 at
 * the access (docs/hypervisor.md: EC 0x25, or 0x21 for a fetch, fault
 * status 0x10, WnR for a store, FAR_EL1 the address), and the cell goes
 * on.
 */
#define ISS_EXTERNAL_ABORT 0x10u
#define ISS_WNR (1u << 6)

static void expect_abort(const char *name, uintptr_t pc, uintptr_t far,
			 unsigned int ec, bool write, unsigned int before)
{
	uint64_t iss = caught.esr & 0x1ffffff;

	kind_begin(name);
	kind_check(caught_at(before, ec, pc), "%u exceptions, ESR 0x%llx at "
		   "0x%llx; expected EC 0x%x at 0x%lx",
		   caught.count - before, (unsigned long long)caught.esr,
		   (unsigned long long)caught.elr, ec, (unsigned long)pc);
	kind_check((iss & 0x3f) == ISS_EXTERNAL_ABORT &&
		   !!(iss & ISS_WNR) == write, "ISS 0x%llx, expected fault "
		   "status 0x10%s", (unsigned long long)iss,
		   write ? " and WnR" : "");
	kind_check(caught.far == far, "FAR_EL1 0x%llx, expected 0x%lx",
		   (unsigned long long)caught.far, (unsigned long)far);
	kind_end();
}

static void abort_load64(const char *name, uintptr_t address)
{
	unsigned int before = caught.count;

	catch_begin();
	probe_ldr64(address);
	catch_end();
	expect_abort(name, PROBE_PC(probe_ldr64), address, EC_DABT_CUR, false,
		     before);
}

static void abort_load32(const char *name, uintptr_t address)
{
	unsigned int before = caught.count;

	catch_begin();
	probe_ldr32(address);
	catch_end();
	expect_abort(name, PROBE_PC(probe_ldr32), address, EC_DABT_CUR, false,
		     before);
}

/*
 * A fetch abort returns to the abort's address, which faults again: a
 * vector table of its own records ESR, ELR and FAR and returns to the
 * caller of fetch_probe() (x30) with the caller's VBAR_EL1 back.
 */
__asm__(".pushsection .text\n"
	".balign 2048\n"
	"abort_vectors:\n"
	".rept 4\n .balign 128\n b .\n .endr\n"
	".balign 128\n"
	"	mrs x10, esr_el1\n"
	"	str x10, [x11]\n"
	"	mrs x10, elr_el1\n"
	"	str x10, [x11, #8]\n"
	"	mrs x10, far_el1\n"
	"	str x10, [x11, #16]\n"
	"	msr vbar_el1, x13\n"
	"	msr elr_el1, x30\n"
	"	isb\n"
	"	eret\n"
	".rept 11\n .balign 128\n b .\n .endr\n"
	".balign 4\n"
	"fetch_probe:\n"
	"	mrs x13, vbar_el1\n"
	"	adrp x9, abort_vectors\n"
	"	add x9, x9, :lo12:abort_vectors\n"
	"	msr vbar_el1, x9\n"
	"	isb\n"
	"	mov x11, x1\n"
	"	br x0\n"
	".popsection");
void fetch_probe(uintptr_t target, volatile uint64_t *result);

static void abort_fetch(const char *name, uintptr_t target)
{
	volatile uint64_t result[3] = { 0, 0, 0 };
	unsigned int before = caught.count;

	fetch_probe(target, result);
	caught.esr = result[0];
	caught.elr = result[1];
	caught.far = result[2];
	caught.count = before + (result[0] != 0);
	expect_abort(name, target, target, EC_IABT_CUR, false, before);
}

static void aborts(void)
{
	unsigned int before;

	abort_load64("abort-below-ram", RAM_START - 8);
	before = caught.count;
	catch_begin();
	probe_str64(RAM_END, 1);
	catch_end();
	expect_abort("abort-above-ram", PROBE_PC(probe_str64), RAM_END,
		     EC_DABT_CUR, true, before);
	abort_load64("abort-guest-zero", 0);
	attack_mmu_wide();
	abort_load64("abort-top-39bit", WIDE_TOP_39 + 0x3ffffff8ul);
	abort_load64("abort-beyond-39bit", WIDE_BEYOND_39);
	abort_load64("abort-other-cell-ram", RT_PHYS_RAM);
	abort_load64("abort-hypervisor", HV_PHYS);
	abort_load32("abort-console-below", UART_BASE - 4);
	abort_load32("abort-console-above", UART_BASE + UART_SIZE);
	before = caught.count;
	catch_begin();
	probe_dc_zva(RAM_END);
	catch_end();
	expect_abort("abort-dc-zva-outside", PROBE_PC(probe_dc_zva), RAM_END,
		     EC_DABT_CUR, true, before);
	before = caught.count;
	catch_begin();
	probe_ldp32(GICD_BASE + GICD_ISENABLER);
	catch_end();
	expect_abort("abort-gicd-ldp", PROBE_PC(probe_ldp32),
		     GICD_BASE + GICD_ISENABLER, EC_DABT_CUR, false, before);
	abort_load32("abort-gicd-misaligned",
		     WIDE_LOW_NORMAL + GICD_BASE + GICD_ISENABLER + 2);
	before = caught.count;
	catch_begin();
	probe_ldr8(GICD_BASE + GICD_ICFGR + 8);
	catch_end();
	expect_abort("abort-gicd-byte-icfgr", PROBE_PC(probe_ldr8),
		     GICD_BASE + GICD_ICFGR + 8, EC_DABT_CUR, false, before);
	abort_load64("abort-gicr-64bit-ctlr", OWN_GICR + GICR_CTLR);
	abort_fetch("abort-exec-above-ram", RAM_END);
	abort_fetch("abort-exec-console", WIDE_LOW_NORMAL + UART_BASE);
}

const struct attack_kind attack_mem_kinds[] = {
	{ "mem-below-ram", 0, below_ram },
	{ "mem-above-ram", 0, above_ram },
	{ "mem-guest-zero", 0, guest_zero },
	{ "mem-top-39bit", 0, top_39 },
	{ "mem-beyond-39bit", 0, beyond_39 },
	{ "mem-other-cell-ram", 0, other_cell },
	{ "mem-hypervisor", 0, hypervisor },
	{ "mem-console-below", 0, console_below },
	{ "mem-console-above", 0, console_above },
	{ "mem-exec-above-ram", 0, exec_above },
	{ "mem-exec-console", 0, exec_console },
	{ "dc-zva-outside", 0, zva_outside },
	{ "mmio-gicd-ldp", 0, gicd_ldp },
	{ "mmio-gicd-misaligned", 0, gicd_misaligned },
	{ "mmio-gicd-byte-icfgr", 0, gicd_byte_icfgr },
	{ "mmio-gicd-halfword-priority", 0, gicd_halfword_priority },
	{ "mmio-gicr-64bit-ctlr", 0, gicr_64bit_ctlr },
	{ "mmio-gicr-propbaser-64", 0, gicr_propbaser_64 },
	{ "aborts", 0, aborts },
	{ 0, 0, 0 },
};
