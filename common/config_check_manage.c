// SPDX-License-Identifier: GPL-2.0-only
/*
 * The validator's rules for a cell's management permissions (the flags
 * CB_CELL_READ_CELLS, CB_CELL_MANAGE_ALL, CB_CELL_MAY_FREEZE and the
 * manage list of <cellblock/config.h>; contract in config_check.h).
 *
 * A manage list names the cells a cell may shut down, start and restart.
 * On its own a cell's list must be a list of distinct names other than its
 * own (a cell stops itself with PSCI, not with a management call), and it
 * may not be combined with "manage-all-cells", which would make it dead
 * text a reader would trust. Against a set, every name must be a cell of
 * the set: a permission for a cell that does not exist would silently
 * grant a right over whatever cell is given that name later.
 *
 * Problems are reported at "/manage-cells", the source property, with the
 * entry's index, since a name that is wrong may not be printable.
 */
#include "config_check_internal.h"

#include "format.h"

#include <cellblock/limits.h>

#define MANAGE_NODE "/manage-cells"

/* Whether entry @i of @names repeats an earlier one. */
static int listed_before(const char (*names)[CB_NAME_SIZE], unsigned i)
{
	unsigned j;

	for (j = 0; j < i; j++)
		if (config_names_equal(names[i], names[j]))
			return 1;
	return 0;
}

void config_check_manages(const struct checker *ck,
			  const struct cb_cell_config *c)
{
	const char (*names)[CB_NAME_SIZE] = cb_cell_manages(c);
	char property[32];
	unsigned i;

	if ((c->flags & CB_CELL_MANAGE_ALL) && c->manage_count)
		problem(ck, MANAGE_NODE, "manage-cells lists %u cell%s while "
			"manage-all-cells is set (expected one or the other: "
			"manage-all-cells already permits every other cell)",
			c->manage_count, c->manage_count == 1 ? "" : "s");
	for (i = 0; i < c->manage_count; i++) {
		format_string(property, sizeof(property), "manage-cells[%u]",
			      i);
		if (!config_name_valid(names[i])) {
			config_check_name(ck, MANAGE_NODE, property, names[i]);
			continue;
		}
		if (config_names_equal(names[i], c->name))
			problem(ck, MANAGE_NODE, "%s \"%s\" is the cell's own "
				"name (expected another cell: a cell stops or "
				"restarts itself with PSCI SYSTEM_OFF or "
				"SYSTEM_RESET)", property, names[i]);
		else if (listed_before(names, i))
			problem(ck, MANAGE_NODE, "%s \"%s\" is listed twice "
				"(expected each cell once)", property,
				names[i]);
	}
}

/* Whether a member of @m[0, @count) is named @name. */
static int is_member(const struct member *m, unsigned count, const char *name)
{
	unsigned i;

	for (i = 0; i < count; i++)
		if (config_names_equal(m[i].cell->name, name))
			return 1;
	return 0;
}

/* "a, b, rt" into @buf, cut short with "..." where it would not fit (a
   message has room for a few lines' worth). */
static void member_names(char *buf, size_t size, const struct member *m,
			 unsigned count)
{
	char item[CB_NAME_SIZE + 2];
	size_t used = 0, length;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < count; i++) {
		length = format_string(item, sizeof(item), "%s%s",
				       i ? ", " : "",
				       config_display_name(m[i].cell->name));
		if (used + length + 5 >= size) {
			format_string(buf + used, size - used, "%s...",
				      i ? ", " : "");
			return;
		}
		format_string(buf + used, size - used, "%s", item);
		used += length;
	}
}

void config_check_set_manages(const struct member *m, unsigned count)
{
	char known[120], property[32];
	unsigned i, k;

	member_names(known, sizeof(known), m, count);
	for (i = 0; i < count; i++) {
		const struct cb_cell_config *c = m[i].cell;
		const char (*names)[CB_NAME_SIZE] = cb_cell_manages(c);

		for (k = 0; k < c->manage_count; k++) {
			/* Bad entries were reported with the cell. */
			if (!config_name_valid(names[k]) ||
			    config_names_equal(names[k], c->name) ||
			    is_member(m, count, names[k]))
				continue;
			format_string(property, sizeof(property),
				      "manage-cells[%u]", k);
			problem(&m[i].ck, MANAGE_NODE, "%s \"%s\" is no cell "
				"of the system (expected one of its cells: %s)",
				property, names[k], known);
		}
	}
}
