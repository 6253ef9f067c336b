/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Config dump: the binary format back to source in the documented schema,
 * such that compiling the output reproduces the input byte for byte.
 */
#ifndef CELLBLOCK_CONFIG_DUMP_H
#define CELLBLOCK_CONFIG_DUMP_H

#include <stdio.h>

#include <cellblock/config.h>

/**
 * config_dump_system(), config_dump_cell() - print @config as source.
 * The config must have passed the validator's header and bounds checks.
 */
void config_dump_system(FILE *out, const struct cb_system_config *config);
void config_dump_cell(FILE *out, const struct cb_cell_config *config);

#endif /* CELLBLOCK_CONFIG_DUMP_H */
