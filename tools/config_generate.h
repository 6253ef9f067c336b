/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The `cellblock config` subcommands that write configs from the hardware
 * description and picture them: create (config_create.c), create-cell
 * (config_carve.c) and map (config_map.c). Each takes the arguments after
 * its name and returns an exit code (commands.h).
 */
#ifndef CELLBLOCK_CONFIG_GENERATE_H
#define CELLBLOCK_CONFIG_GENERATE_H

extern const char config_generate_usage[];

int config_create_cmd(int argc, char **argv);
int config_carve_cmd(int argc, char **argv);
int config_map_cmd(int argc, char **argv);

#endif /* CELLBLOCK_CONFIG_GENERATE_H */
