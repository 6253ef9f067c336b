// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading a cell's manage list (see manage_list.h).
 */
#include "manage_list.h"

#include <libfdt.h>
#include <string.h>

#define PROPERTY "manage-cells"
#define EXPECTED "cell names, like \"rt\", \"app\""

/* Reports the first entry of the list @v (@count strings) that is empty
   or too long for a name; returns whether all fit. */
static int names_fit(struct dts_reader *rd, int node, const char *v,
		     int count)
{
	int i;

	for (i = 0; i < count; i++, v += strlen(v) + 1) {
		if (!*v) {
			dts_error(rd, node, "property '%s' has an empty name "
				  "at entry %d (expected %s)", PROPERTY, i,
				  EXPECTED);
			return 0;
		}
		if (strlen(v) >= CB_NAME_SIZE) {
			dts_error(rd, node, "property '%s' has \"%s\", %zu "
				  "characters long (expected at most %u)",
				  PROPERTY, v, strlen(v), CB_NAME_SIZE - 1);
			return 0;
		}
	}
	return 1;
}

int manage_list_read(struct dts_reader *rd, int node,
		     char (*out)[CB_NAME_SIZE], unsigned int *count)
{
	const char *v;
	int length, n, i;

	*count = 0;
	v = fdt_getprop(rd->fdt, node, PROPERTY, &length);
	if (!v)
		return 0;
	if (!length) {
		dts_error(rd, node, "property '%s' is empty (expected 1 to %u "
			  "%s)", PROPERTY, CB_MAX_CELLS, EXPECTED);
		return 0;
	}
	n = fdt_stringlist_count(rd->fdt, node, PROPERTY);
	if (n < 0) {
		dts_error(rd, node, "property '%s' is not a list of strings "
			  "(expected %s)", PROPERTY, EXPECTED);
		return 0;
	}
	if (n > CB_MAX_CELLS) {
		dts_error(rd, node, "property '%s' has %d names (expected at "
			  "most %u, the most cells a system has)", PROPERTY, n,
			  CB_MAX_CELLS);
		return 0;
	}
	if (!names_fit(rd, node, v, n))
		return 0;
	for (i = 0; i < n; i++, v += strlen(v) + 1) {
		memset(out[i], 0, CB_NAME_SIZE);
		memcpy(out[i], v, strlen(v));
	}
	*count = (unsigned int)n;
	return 1;
}
