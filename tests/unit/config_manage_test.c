// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: management permissions (the cell flags read-cells,
 * manage-all-cells and may-freeze, the manage list) and the system flag
 * freeze-after-boot. Each rule is tested both ways.
 */
#include "config_test_harness.h"

#include <stdio.h>
#include <string.h>

#define PERMISSIONS (CB_CELL_READ_CELLS | CB_CELL_MANAGE_ALL | \
		     CB_CELL_MAY_FREEZE)

TEST(manage_flags, ROOTLESS)
{
	static const char *const b[] = { "b" };

	cell_of(set, CELL_A)->flags = PERMISSIONS;
	expect_valid(set);
	cell_of(set, CELL_A)->flags = CB_CELL_READ_CELLS | CB_CELL_MAY_FREEZE;
	set_manages(set, CELL_A, b, 1);
	expect_valid(set);
	cell_of(set, CELL_B)->flags = CB_CELL_READ_CELLS;
	expect_valid(set);
}

TEST(freeze_after_boot, ROOTLESS)
{
	system_of(set)->flags = CB_SYSTEM_FREEZE_AFTER_BOOT;
	expect_valid(set);
	system_of(set)->flags = 0x80000001u;
	expect_problem(set, SYSTEM, "/", "flags 0x80000001 has undefined bits "
		       "0x80000000");
}

TEST(manage_list_counts_in_size, ROOTLESS)
{
	static const char *const b[] = { "b" };

	set_manages(set, CELL_A, b, 1);
	expect_valid(set);
	/* A count the blob has no room for: nothing past the header is read. */
	cell_of(set, CELL_A)->manage_count = 2;
	expect_problem(set, CELL_A, "/", "does not match the arrays the header "
		       "counts");
	cell_of(set, CELL_A)->manage_count = 0;	/* 32 bytes left over */
	expect_problem(set, CELL_A, "/", "does not match the arrays the header "
		       "counts");
}

TEST(manage_count_limit, ROOTLESS)
{
	static char text[CB_MAX_CELLS][8];
	const char *names[CB_MAX_CELLS];
	unsigned i;

	for (i = 0; i < CB_MAX_CELLS; i++) {
		snprintf(text[i], sizeof(text[i]), "c%u", i);
		names[i] = text[i];
	}
	set->alone = CELL_A;	/* the names are no cells: the cell alone */
	set_manages(set, CELL_A, names, CB_MAX_CELLS);	/* the most */
	expect_valid(set);
	cell_of(set, CELL_A)->manage_count = CB_MAX_CELLS + 1;
	expect_problem(set, CELL_A, "/", "manage count 65 is out of range "
		       "(expected 0 to 64)");
}

TEST(manage_name_invalid, ROOTLESS)
{
	static const char *const names[] = { "b", "x" };
	char (*list)[CB_NAME_SIZE];

	set->alone = CELL_A;
	set_manages(set, CELL_A, names, 2);
	expect_valid(set);
	list = (char (*)[CB_NAME_SIZE])cb_cell_manages(cell_of(set, CELL_A));
	memset(list[1], 0, CB_NAME_SIZE);
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells[1] is empty "
		       "(expected 1 to 31 printable characters)");
	memset(list[1], 'n', CB_NAME_SIZE);
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells[1] is not "
		       "NUL-terminated within 32 bytes");
	set_name(list[1], "tab\there");
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells[1] has byte "
		       "0x09 at offset 3 (expected printable ASCII)");
	/* Reported once, with the cell: not again as "no cell" by the set. */
	set->alone = 0;
	expect_no_problem(set, CELL_A, "is no cell of the system");
}

TEST(manage_own_name, ROOTLESS)
{
	static const char *const own[] = { "b", "a" };

	set_manages(set, CELL_A, own, 1);
	expect_valid(set);
	set_manages(set, CELL_A, own, 2);
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells[1] \"a\" is "
		       "the cell's own name (expected another cell: a cell "
		       "stops or restarts itself with PSCI SYSTEM_OFF or "
		       "SYSTEM_RESET)");
	expect_no_problem(set, CELL_A, "is no cell of the system");
}

TEST(manage_listed_twice, ROOTLESS)
{
	static const char *const twice[] = { "b", "x", "b" };

	set->alone = CELL_A;
	set_manages(set, CELL_A, twice, 2);
	expect_valid(set);
	set_manages(set, CELL_A, twice, 3);
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells[2] \"b\" is "
		       "listed twice (expected each cell once)");
}

TEST(manage_all_with_list, ROOTLESS)
{
	static const char *const b[] = { "b" };

	cell_of(set, CELL_A)->flags = CB_CELL_MANAGE_ALL;
	expect_valid(set);
	set_manages(set, CELL_A, b, 1);
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells lists 1 cell "
		       "while manage-all-cells is set (expected one or the "
		       "other: manage-all-cells already permits every other "
		       "cell)");
	cell_of(set, CELL_A)->flags = 0;
	expect_valid(set);
}

TEST(manage_names_a_cell_of_the_set, ROOTLESS)
{
	static const char *const names[] = { "b", "nosuch" };

	set_manages(set, CELL_A, names, 1);
	expect_valid(set);
	set_manages(set, CELL_A, names, 2);
	expect_problem(set, CELL_A, "/manage-cells", "manage-cells[1] \"nosuch\" "
		       "is no cell of the system (expected one of its cells: "
		       "a, b)");
	/* On its own, as `config compile` checks it, the name may be any. */
	set->alone = CELL_A;
	expect_valid(set);
}

TEST(manage_root_cell, ROOTED)
{
	static const char *const linux_cell[] = { "linux" };
	static const char *const rt[] = { "rt", "app" };

	/* The root cell is a cell of the set: it may be managed ... */
	set_manages(set, CELL_RT, linux_cell, 1);
	expect_valid(set);
	/* ... and manage, with its problems at /root-cell. */
	set_manages(set, ROOT_CELL, rt, 1);
	expect_valid(set);
	set_manages(set, ROOT_CELL, rt, 2);
	expect_problem(set, ROOT_CELL, "/root-cell/manage-cells",
		       "manage-cells[1] \"app\" is no cell of the system "
		       "(expected one of its cells: linux, rt)");
	set_manages(set, ROOT_CELL, linux_cell, 1);
	expect_problem(set, ROOT_CELL, "/root-cell/manage-cells",
		       "manage-cells[0] \"linux\" is the cell's own name");
	set_manages(set, ROOT_CELL, rt, 0);
	expect_valid(set);
}
