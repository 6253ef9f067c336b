// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Source-format spellings of config values (docs/config.md lists them).
 */
#include "config_names.h"

#include <cellblock/config.h>

#include <stddef.h>

const struct config_name config_region_flag_names[] = {
	{ CB_REGION_READ, "read" },
	{ CB_REGION_WRITE, "write" },
	{ CB_REGION_EXECUTE, "execute" },
	{ CB_REGION_IO, "io" },
	{ CB_REGION_DMA, "dma" },
	{ CB_REGION_LOADABLE, "loadable" },
	{ CB_REGION_COMM, "comm-region" },
	{ CB_REGION_KEPT, "kept" },
	{ CB_REGION_SUBPAGE, "subpage" },
	{ CB_REGION_LENDABLE, "lendable" },
	{ 0, NULL },
};

const struct config_name config_console_type_names[] = {
	{ CB_CONSOLE_PL011, "pl011" },
	{ 0, NULL },
};

const struct config_name config_failure_policy_names[] = {
	{ CB_FAILURE_POLICY_PARK, "park" },
	{ CB_FAILURE_POLICY_RESTART, "restart" },
	{ 0, NULL },
};

const char *config_name_of(const struct config_name *table, uint32_t value)
{
	for (; table->name; table++)
		if (table->value == value)
			return table->name;
	return NULL;
}
