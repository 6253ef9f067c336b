// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: header and array bounds of both config kinds.
 */
#include "config_test_harness.h"

#include <stdlib.h>
#include <string.h>

TEST(fixtures_are_valid, ROOTLESS)
{
	expect_valid(set);
}

TEST(rooted_fixtures_are_valid, ROOTED)
{
	expect_valid(set);
}

TEST(header_magic, ROOTLESS)
{
	cell_of(set, CELL_A)->header.magic = 0x4c4c434a; /* "JCLL" */
	expect_problem(set, CELL_A, "/", "magic 0x4c4c434a is not a cellblock "
		       "config");
}

TEST(header_revision, ROOTLESS)
{
	cell_of(set, CELL_A)->header.revision = 1;	/* before window flags */
	expect_problem(set, CELL_A, "/", "format revision 1 is not supported "
		       "(expected 6)");
	system_of(set)->header.revision = 2;	/* before links */
	expect_problem(set, SYSTEM, "/", "format revision 2 is not supported "
		       "(expected 6)");
	system_of(set)->header.revision = 3;	/* before permissions */
	expect_problem(set, SYSTEM, "/", "format revision 3 is not supported "
		       "(expected 6)");
	/* Before failure policies: its reserved words are now fields. */
	cell_of(set, CELL_A)->header.revision = 4;
	expect_problem(set, CELL_A, "/", "format revision 4 is not supported "
		       "(expected 6)");
	system_of(set)->header.revision = 4;
	expect_problem(set, SYSTEM, "/", "format revision 4 is not supported "
		       "(expected 6)");
	/* Before the lendable flag. */
	system_of(set)->header.revision = 5;
	expect_problem(set, SYSTEM, "/", "format revision 5 is not supported "
		       "(expected 6)");
}

TEST(header_kind, ROOTLESS)
{
	cell_of(set, CELL_A)->header.kind = CB_CONFIG_KIND_SYSTEM;
	expect_problem(set, CELL_A, "/", "kind 1 is a system config "
		       "(expected a cell config)");
	system_of(set)->header.kind = CB_CONFIG_KIND_CELL;
	expect_problem(set, SYSTEM, "/", "kind 2 is a cell config "
		       "(expected a system config)");
}

TEST(header_total_size, ROOTLESS)
{
	/* A truncated file: the header still claims the full size. */
	set->size[CELL_A] -= 8;
	set->keep_crc = 1;
	expect_problem(set, CELL_A, "/", "does not match the");
}

TEST(header_crc, ROOTLESS)
{
	set->keep_crc = 1;
	expect_valid(set);
	region_of(set, CELL_B, "ram")->size ^= 0x1000;
	expect_problem(set, CELL_B, "/", "CRC32");
}

TEST(header_root_cell_crc, ROOTED)
{
	/* The embedded root cell carries its own CRC. */
	set->keep_crc = 1;
	region_of(set, ROOT_CELL, "ram")->size ^= 0x1000;
	seal(set->blob[SYSTEM], set->size[SYSTEM]);	/* the outer CRC only */
	expect_problem(set, ROOT_CELL, "/root-cell", "CRC32");
}

TEST(header_too_short, ROOTLESS)
{
	set->size[CELL_A] = 12;
	expect_problem(set, CELL_A, "/", "too short for a cell config");
	set->size[SYSTEM] = 100;
	expect_problem(set, SYSTEM, "/", "too short for a system config");
}

TEST(header_alignment, ROOTLESS)
{
	char *moved = malloc(set->size[CELL_A] + 4);

	memcpy(moved + 4, set->blob[CELL_A], set->size[CELL_A]);
	free(set->blob[CELL_A]);
	set->blob[CELL_A] = moved + 4;
	expect_problem(set, CELL_A, "/", "not 8-byte aligned");
	set->blob[CELL_A] = moved;	/* so the harness frees what it got */
}

TEST(count_bounds_cell, ROOTLESS)
{
	cell_of(set, CELL_A)->region_count = CB_MAX_REGIONS + 1;
	expect_problem(set, CELL_A, "/", "region count 65 is out of range "
		       "(expected 1 to 64)");
	cell_of(set, CELL_A)->region_count = 0;
	expect_problem(set, CELL_A, "/", "region count 0 is out of range");
}

TEST(count_bounds_system, ROOTLESS)
{
	system_of(set)->cpu_count = 0;
	expect_problem(set, SYSTEM, "/", "cpu count 0 is out of range");
	system_of(set)->cpu_count = 65;
	expect_problem(set, SYSTEM, "/", "cpu count 65 is out of range");
}

TEST(array_size, ROOTLESS)
{
	/* One interrupt more than the file holds. */
	cell_of(set, CELL_A)->interrupt_count++;
	expect_problem(set, CELL_A, "/", "does not match the arrays");
	cell_of(set, CELL_A)->interrupt_count--;
	resize(set, CELL_A, set->size[CELL_A] + 4);
	cell_of(set, CELL_A)->header.total_size += 4;
	expect_problem(set, CELL_A, "/", "does not match the arrays");
	/* ... and with the count raised to match, the file is whole again. */
	cell_of(set, CELL_A)->interrupt_count++;
	interrupts_of(set, CELL_A)[1] = 40;
	expect_valid(set);
}

TEST(array_size_root_cell, ROOTED)
{
	system_of(set)->root_cell_size -= 8;
	expect_problem(set, SYSTEM, "/", "does not match the arrays");
}

TEST(reserved_fields, ROOTLESS)
{
	/* Revision 5 took two of the eight words: six are left. */
	cell_of(set, CELL_A)->reserved[0] = 3;
	expect_problem(set, CELL_A, "/", "reserved[0] is 0x3 (expected 0: "
		       "reserved in format revision 6)");
	cell_of(set, CELL_A)->reserved[0] = 0;
	cell_of(set, CELL_A)->reserved[5] = 1;
	expect_problem(set, CELL_A, "/", "reserved[5] is 0x1 (expected 0");
	cell_of(set, CELL_A)->reserved[5] = 0;
	expect_valid(set);
	cell_of(set, CELL_A)->flags = 0x40 | CB_CELL_DMA_TRUSTED;
	expect_problem(set, CELL_A, "/", "flags 0x41 has undefined bits 0x40");
	system_of(set)->reserved[3] = 2;
	expect_problem(set, SYSTEM, "/", "reserved[3] is 0x2");
	system_of(set)->flags = CB_SYSTEM_FREEZE_AFTER_BOOT | 0x2;
	expect_problem(set, SYSTEM, "/", "flags 0x3 has undefined bits 0x2");
	region_of(set, CELL_B, "data")->reserved = 9;
	expect_problem(set, CELL_B, "/memory/data", "reserved is 0x9");
}
