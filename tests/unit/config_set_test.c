// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: the cells of one system together (names, CPU,
 * interrupt and memory ownership, and what a root cell lends). Each check
 * is tested both ways.
 */
#include "config_test_harness.h"

#include <string.h>

TEST(set_unique_names, ROOTLESS)
{
	drop_links(set);	/* its link names the cells "a" and "b" */
	set_name(cell_of(set, CELL_B)->name, "A");	/* names are exact */
	expect_valid(set);
	set_name(cell_of(set, CELL_B)->name, "a");
	expect_problem(set, CELL_B, "/", "cell-name \"a\" is already the name "
		       "of another cell");
}

TEST(set_root_name_unique, ROOTED)
{
	set_name(cell_of(set, CELL_RT)->name, "linux");
	expect_problem(set, CELL_RT, "/", "cell-name \"linux\" is already the "
		       "name of another cell");
}

TEST(set_cpu_once, ROOTLESS)
{
	cell_of(set, CELL_B)->cpu_set = 0xf;
	expect_problem(set, CELL_B, "/", "cpus: cpu 0 is also assigned to cell "
		       "\"a\"");
}

TEST(set_cpu_unassigned, ROOTLESS)
{
	cell_of(set, CELL_B)->cpu_set = 0x6;
	expect_problem(set, SYSTEM, "/cpus/cpu@3", "cpu 3 is assigned to no "
		       "cell");
}

TEST(set_root_lends_cpu, ROOTED)
{
	cell_of(set, CELL_RT)->cpu_set = 0x7;	/* root keeps CPU 3 */
	expect_valid(set);
	cell_of(set, CELL_RT)->cpu_set = 0xf;
	expect_problem(set, ROOT_CELL, "/root-cell", "cpus: the root cell keeps "
		       "no CPU");
}

TEST(set_root_covers_unassigned, ROOTED)
{
	/* CPUs no cell takes stay with the root cell. */
	cell_of(set, ROOT_CELL)->cpu_set = 0xd;	/* 0, 2, 3; rt has 1 */
	expect_valid(set);
	cell_of(set, ROOT_CELL)->cpu_set = 0x5;
	expect_problem(set, SYSTEM, "/cpus/cpu@3", "cpu 3 is assigned to no "
		       "cell");
}

TEST(set_interrupt_once, ROOTLESS)
{
	interrupts_of(set, CELL_B)[0] = 40;
	expect_valid(set);
	interrupts_of(set, CELL_B)[0] = 34;
	expect_problem(set, CELL_B, "/", "interrupts: 34 is also assigned to "
		       "cell \"a\"");
}

TEST(set_root_lends_interrupt, ROOTED)
{
	/* rt takes SPI 34 from the root cell; a line only rt has is fine. */
	interrupts_of(set, CELL_RT)[0] = 50;
	expect_valid(set);
	interrupts_of(set, CELL_RT)[0] = 33;	/* the hypervisor's UART */
	expect_problem(set, CELL_RT, "/", "interrupts: 33 is the hypervisor "
		       "console's");
}

TEST(set_memory_exclusive, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->phys_start = 0x52000000;	/* after b's ram */
	expect_valid(set);
	data->phys_start = 0x50fff000;	/* the last page of a's ram */
	expect_problem(set, CELL_B, "/memory/data", "phys 0x50fff000-0x50ffffff "
		       "overlaps cell \"a\" /memory/ram");
}

TEST(set_memory_kept, ROOTLESS)
{
	/* Both shm regions are "kept" and apart: fine. "kept" is no licence
	   to overlap (revision 2's "shared" was): refused. */
	expect_valid(set);
	region_of(set, CELL_B, "shm")->phys_start = 0x5f000000;
	expect_problem(set, CELL_B, "/memory/shm", "phys 0x5f000000-0x5f0fffff "
		       "overlaps cell \"a\" /memory/shm (phys 0x5f000000-"
		       "0x5f0fffff; expected cells' memory apart: cells share "
		       "memory through a link in /links)");
}

TEST(set_io_exclusive, ROOTLESS)
{
	struct cb_memory_region *gpio = region_of(set, CELL_B, "gpio");

	gpio->phys_start = gpio->guest_start = 0x09010080;	/* a's rtc */
	expect_problem(set, CELL_B, "/memory/gpio", "overlaps cell \"a\" "
		       "/memory/rtc");
}

TEST(set_root_lends_memory, ROOTED)
{
	/* rt's ram lies inside the root's: lent. The hypervisor's is not. */
	region_of(set, CELL_RT, "ram")->phys_start = 0x41000000;
	expect_valid(set);
	region_of(set, ROOT_CELL, "ram")->phys_start = 0x40000000;
	region_of(set, ROOT_CELL, "ram")->guest_start = 0x40000000;
	expect_problem(set, ROOT_CELL, "/root-cell/memory/ram", "overlaps the "
		       "hypervisor's memory");
}

TEST(set_root_cell_checked_as_cell, ROOTED)
{
	cell_of(set, ROOT_CELL)->entry = 0x09000000;
	expect_problem(set, ROOT_CELL, "/root-cell", "entry 0x9000000 is not "
		       "inside an executable region");
}
