// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks through cache and TLB maintenance (group "cache"): DC ISW and
 * DC CISW over every set and way of every data cache level, DC CSW over
 * level 1 (trapped: the hypervisor cleans and invalidates instead),
 * set/way operands with reserved bits, DC ZVA and maintenance by address
 * on the cell's own memory, instruction cache and TLB maintenance
 * broadcast to the inner shareable domain (the cell's VMID only).
 */
#include <inmate/console.h>
#include <inmate/sysreg.h>

#include "attack_kinds.h"

static unsigned int log2_up(unsigned int n)
{
	unsigned int l = 0;

	while ((1u << l) < n)
		l++;
	return l;
}

#define SETWAY_ISW 0
#define SETWAY_CSW 1
#define SETWAY_CISW 2

static void set_way(unsigned int op, uint64_t value)
{
	switch (op) {
	case SETWAY_ISW:
		__asm__ __volatile__("dc isw, %0" : : "r"(value) : "memory");
		break;
	case SETWAY_CSW:
		__asm__ __volatile__("dc csw, %0" : : "r"(value) : "memory");
		break;
	default:
		__asm__ __volatile__("dc cisw, %0" : : "r"(value) : "memory");
		break;
	}
}

/* Every set and way of data or unified cache level @level (0-based);
   the operations made. */
static unsigned int whole_level(unsigned int op, unsigned int level)
{
	uint64_t ccsidr;
	unsigned int line, ways, sets, way_shift, set, way, ops = 0;

	write_sysreg(csselr_el1, (uint64_t)level << 1);
	isb();
	ccsidr = read_sysreg(ccsidr_el1);
	line = (unsigned int)(ccsidr & 7) + 4;
	ways = (unsigned int)((ccsidr >> 3) & 0x3ff) + 1;
	sets = (unsigned int)((ccsidr >> 13) & 0x7fff) + 1;
	way_shift = 32 - log2_up(ways);
	for (way = 0; way < ways; way++)
		for (set = 0; set < sets; set++) {
			pace();
			set_way(op, (way_shift < 32 ? (uint64_t)way << way_shift
						    : 0) |
					    (uint64_t)set << line | level << 1);
			ops++;
		}
	return ops;
}

static void setway_all(void)
{
	uint64_t clidr = read_sysreg(clidr_el1);
	unsigned int loc = (unsigned int)(clidr >> 24) & 7, level, type;
	unsigned int isw = 0, csw = 0, cisw = 0;

	kind_begin("cache-set-way-all");
	for (level = 0; level < loc; level++) {
		type = (unsigned int)(clidr >> (3 * level)) & 7;
		if (type < 2)
			continue;	/* no cache, or instructions only */
		isw += whole_level(SETWAY_ISW, level);
		cisw += whole_level(SETWAY_CISW, level);
		if (level == 0)
			csw += whole_level(SETWAY_CSW, level);
	}
	kind_check(isw && cisw && csw, "no data cache level to walk "
		   "(CLIDR_EL1 0x%llx)", (unsigned long long)clidr);
	console_printf("attack: cache-set-way-all: %u DC ISW, %u DC CISW, %u "
		       "DC CSW\n", isw, cisw, csw);
	kind_end();
}

static void setway_garbage(void)
{
	static const uint64_t values[] = {
		~0ull, 0xffffffff00000000ull, 7u << 1, 6u << 1,
		0xfffffff0u | (1u << 1), 1,
	};
	unsigned int i, op;

	kind_begin("cache-set-way-reserved-bits");
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		for (op = 0; op < 3; op++) {
			set_way(op, values[i]);
			kind_check(true, "done");
		}
	kind_end();
}

static uint8_t zva_buffer[4096] __attribute__((aligned(4096)));

static void zva_own(void)
{
	uint64_t dczid = read_sysreg(dczid_el0);
	unsigned int block = 4u << (dczid & 0xf), i, bad = 0;

	kind_begin("dc-zva-own");
	for (i = 0; i < sizeof(zva_buffer); i++)
		zva_buffer[i] = 0xff;
	if (dczid & (1u << 4)) {
		kind_check(true, "DC ZVA prohibited (DCZID_EL0.DZP)");
		kind_end();
		return;
	}
	for (i = 0; i < sizeof(zva_buffer); i += block)
		probe_dc_zva((uintptr_t)&zva_buffer[i]);
	for (i = 0; i < sizeof(zva_buffer); i++)
		bad += zva_buffer[i] != 0;
	kind_check(!bad, "%u bytes not zeroed by DC ZVA (block %u)", bad,
		   block);
	kind_end();
}

static void by_address_own(void)
{
	uintptr_t data = (uintptr_t)zva_buffer, code = (uintptr_t)zva_own;
	unsigned int i;

	kind_begin("cache-by-address-own");
	for (i = 0; i < 64; i++) {
		__asm__ __volatile__("dc civac, %0\n dc cvac, %0\n"
				     "dc cvau, %0\n"
				     "dc ivac, %0\n ic ivau, %1\n dsb ish\n isb"
				     : : "r"(data + 64 * i), "r"(code + 64 * i)
				     : "memory");
		kind_check(true, "done");
	}
	kind_end();
}

static void broadcast_maintenance(void)
{
	uint64_t va = (uint64_t)(uintptr_t)zva_buffer >> 12;
	unsigned int i;

	kind_begin("tlb-icache-broadcast");
	for (i = 0; i < 100; i++) {
		__asm__ __volatile__("ic ialluis\n ic iallu\n"
				     "tlbi vmalle1is\n tlbi vmalle1\n"
				     "tlbi vae1is, %0\n tlbi vaae1is, %0\n"
				     "tlbi vale1is, %0\n tlbi vaale1is, %0\n"
				     "tlbi aside1is, xzr\n"
				     "dsb ish\n isb"
				     : : "r"(va) : "memory");
		kind_check(true, "done");
	}
	kind_end();
}

const struct attack_kind attack_cache_kinds[] = {
	{ "cache-set-way-all", "cache", setway_all },
	{ "cache-set-way-reserved-bits", "cache", setway_garbage },
	{ "dc-zva-own", "cache", zva_own },
	{ "cache-by-address-own", "cache", by_address_own },
	{ "tlb-icache-broadcast", "cache", broadcast_maintenance },
	{ 0, 0, 0 },
};
