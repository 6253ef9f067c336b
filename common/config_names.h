/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Names of config enum values and flag bits as the source format spells
 * them; the compiler parses with these tables and dump prints with them, so
 * the two cannot disagree.
 */
#ifndef CELLBLOCK_CONFIG_NAMES_H
#define CELLBLOCK_CONFIG_NAMES_H

#include <stdint.h>

struct config_name {
	uint32_t value;
	const char *name;
};

/* Terminated by an entry whose name is NULL. */
extern const struct config_name config_region_flag_names[];
extern const struct config_name config_console_type_names[];
extern const struct config_name config_failure_policy_names[];

/** config_name_of() - the name of @value in @table, or NULL. */
const char *config_name_of(const struct config_name *table, uint32_t value);

#endif /* CELLBLOCK_CONFIG_NAMES_H */
