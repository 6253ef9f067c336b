// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: the limits of this build of the hypervisor
 * (include/cellblock/limits.h), each accepted at the limit and refused one
 * past it: CPUs, cells, MPIDR Aff0, emulated regions per cell, and how far
 * windows, guest space and the vPCI and console frames may reach.
 */
#include "config_test_harness.h"

#include <cellblock/limits.h>

#include <stdio.h>
#include <string.h>

static struct cb_window *device_window(struct set *set, unsigned index)
{
	return (struct cb_window *)cb_system_devices(system_of(set)) + index;
}

/* Gives the system @count CPUs, the new ones with MPIDRs 4, 5, ... */
static void system_cpus(struct set *set, unsigned count)
{
	struct cb_system_config *s = system_of(set);
	unsigned old = s->cpu_count, i;
	size_t extra = (count - old) * sizeof(uint64_t);
	size_t tail = set->size[SYSTEM] - sizeof(*s) - old * sizeof(uint64_t);
	uint64_t *mpidr;

	resize(set, SYSTEM, set->size[SYSTEM] + extra);
	s = system_of(set);
	mpidr = (uint64_t *)(s + 1);
	/* Windows and root cell follow the MPIDRs: move them up. */
	memmove(mpidr + count, mpidr + old, tail);
	for (i = old; i < count; i++)
		mpidr[i] = i;
	s->cpu_count = count;
	s->header.total_size += (uint32_t)extra;
}

TEST(limit_cpus, ROOTLESS)
{
	system_cpus(set, CB_LIMIT_CPUS);
	cell_of(set, CELL_B)->cpu_set = 0xfe;	/* 1 to 7 */
	expect_valid(set);
	system_cpus(set, CB_LIMIT_CPUS + 1);
	cell_of(set, CELL_B)->cpu_set = 0x1fe;
	expect_problem(set, SYSTEM, "/cpus", "has 9 CPUs (expected at most 8: "
		       "this build of the hypervisor runs at most 8)");
}

TEST(limit_aff0, ROOTLESS)
{
	uint64_t *mpidr = (uint64_t *)cb_system_mpidrs(system_of(set));

	mpidr[3] = 0xf;		/* the last Aff0 an SGI reaches */
	expect_valid(set);
	mpidr[3] = 0xff0f;	/* Aff1 has all 8 bits */
	expect_valid(set);
	mpidr[3] = 0x10;
	expect_problem(set, SYSTEM, "/cpus/cpu@3", "mpidr 0x10 has Aff0 16 "
		       "(expected below 16: the hypervisor's SGIs reach Aff0 0 "
		       "to 15 only)");
	mpidr[3] = 0x1ff;
	expect_problem(set, SYSTEM, "/cpus/cpu@3", "mpidr 0x1ff has Aff0 255");
}

TEST(limit_cells, ROOTLESS)
{
	set->repeat = CB_LIMIT_CELLS - 2;	/* a, b and 14 more b's */
	expect_no_problem(set, SYSTEM, "are more than");
	set->repeat++;
	expect_problem(set, SYSTEM, "/", "17 cells are more than this build of "
		       "the hypervisor runs (expected at most 16)");
}

TEST(limit_cells_root_counts, ROOTED)
{
	set->repeat = CB_LIMIT_CELLS - 2;	/* linux, rt and 14 more rt's */
	expect_no_problem(set, SYSTEM, "are more than");
	set->repeat++;
	expect_problem(set, SYSTEM, "/", "17 cells (the root cell included) are "
		       "more than this build of the hypervisor runs (expected at "
		       "most 16)");
}

TEST(limit_window_reach, ROOTLESS)
{
	struct cb_window *uart1 = device_window(set, 4);

	uart1->start = 0x7ffffff000ull;	/* ends at 2^39 exactly */
	expect_valid(set);
	uart1->start = 0x8000000000ull;	/* QEMU virt's high MMIO */
	expect_problem(set, SYSTEM, "/devices/uart1", "window 0x8000000000-"
		       "0x8000000fff ends above 2^39 (expected to end at or "
		       "below 0x8000000000: the hypervisor's EL2 identity map of "
		       "every window reaches no further)");
	/* 2^48 + uart1: the table code would map uart1 itself. */
	uart1->start = 0x1000009040000ull;
	expect_problem(set, SYSTEM, "/devices/uart1", "window 0x1000009040000-"
		       "0x1000009040fff ends above 2^39");
}

TEST(limit_ram_window_reach, ROOTLESS)
{
	struct cb_window *main = (struct cb_window *)cb_system_ram(
		system_of(set));

	main->size = 0x7fc0000000ull;	/* 0x40000000 up to 2^39 */
	expect_valid(set);
	main->size += 0x1000;
	expect_problem(set, SYSTEM, "/ram/main", "window 0x40000000-"
		       "0x8000000fff ends above 2^39");
}

TEST(limit_vpci_reach, ROOTLESS)
{
	struct cb_vpci_config *v = &system_of(set)->vpci;

	v->ecam = 0x7ffff00000ull;	/* its one bus ends at 2^39 */
	expect_valid(set);
	v->ecam = 0x8000000000ull;
	expect_problem(set, SYSTEM, "/vpci", "ecam 0x8000000000-0x80000fffff "
		       "ends above 2^39 (expected to end at or below "
		       "0x8000000000: a cell's guest-physical space ends "
		       "there)");
}

TEST(limit_emulated_console_reach, ROOTLESS)
{
	struct cb_cell_console *con = &cell_of(set, CELL_A)->console;

	con->emulated = 0x7ffffff000ull;
	expect_valid(set);
	con->emulated = 0x8000000000ull;
	expect_problem(set, CELL_A, "/console", "emulated 0x8000000000-"
		       "0x8000000fff ends above 2^39");
}

/*
 * Adds @extra sub-page regions to cell b: copies of gpio cut to 16 bytes,
 * 32 bytes apart in gpio's page (byte-disjoint, so valid).
 */
static void add_subpage_regions(struct set *set, unsigned extra)
{
	struct cb_cell_config *c = cell_of(set, CELL_B);
	unsigned old = c->region_count, first = 0, i;
	size_t irq_bytes = c->interrupt_count * sizeof(uint32_t);
	size_t grow = extra * sizeof(struct cb_memory_region);
	struct cb_memory_region *r, *gpio;

	resize(set, CELL_B, set->size[CELL_B] + grow);
	c = cell_of(set, CELL_B);
	r = (struct cb_memory_region *)(c + 1);
	memmove(r + old + extra, r + old, irq_bytes);
	for (i = 0; i < old; i++)
		first += !!(r[i].flags & CB_REGION_SUBPAGE);
	gpio = region_of(set, CELL_B, "gpio");
	gpio->size = 0x10;
	for (i = 0; i < extra; i++) {
		char name[CB_NAME_SIZE];

		r[old + i] = *gpio;
		snprintf(name, sizeof(name), "gpio%u", first + i);
		set_name(r[old + i].name, name);
		r[old + i].phys_start += (first + i) * 0x20;
		r[old + i].guest_start += (first + i) * 0x20;
	}
	c->region_count += extra;
	c->header.total_size += (uint32_t)grow;
}

TEST(limit_emulated_regions, ROOTLESS)
{
	/* 11 sub-page regions (gpio and 10 more), the emulated console, the
	   GIC's 2, the vPCI ECAM window and the register frame of link ab. */
	add_subpage_regions(set, CB_LIMIT_EMULATED_REGIONS - 4 -
				 CB_EMULATED_REGIONS_GIC);
	expect_valid(set);
	add_subpage_regions(set, 1);
	expect_problem(set, CELL_B, "/memory", "12 subpage regions, 1 emulated "
		       "console, 2 GIC, 1 ECAM and 1 link regions make 17 "
		       "emulated regions (expected at most 16 per cell in this "
		       "build)");
	/* Without its link the cell has room for the 12. */
	drop_links(set);
	expect_valid(set);
	add_subpage_regions(set, 1);
	expect_problem(set, CELL_B, "/memory", "13 subpage regions, 1 emulated "
		       "console, 2 GIC, 1 ECAM and 0 link regions make 17");
	/* Without its emulated console the cell has room for the 13. */
	cell_of(set, CELL_B)->console.flags = 0;
	cell_of(set, CELL_B)->console.emulated = 0;
	expect_valid(set);
}

TEST(limit_emulated_regions_alone, ROOTLESS)
{
	/* A cell's own count: `config compile` refuses it too. */
	set->alone = CELL_B;
	add_subpage_regions(set, CB_LIMIT_EMULATED_REGIONS - 1 -
				 CB_EMULATED_REGIONS_GIC);
	expect_problem(set, CELL_B, "/memory", "make 17 emulated regions");
}
