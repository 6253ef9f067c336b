// SPDX-License-Identifier: GPL-2.0-only
/*
 * The subcommands of the `cellblock` command built for arm64 Linux
 * (tools/target.mk): only what runs on the board of a Linux-managed boot,
 * enable and disable. Configs and images are made on the host with the
 * full tool (tools/command_table.c), which needs libfdt and dtc.
 */
#include "commands.h"

#include <stddef.h>

static const char *const enable_lines[] = { enable_usage, NULL };
static const char *const disable_lines[] = { disable_usage, NULL };
static const char *const cell_lines[] = { cell_usage, NULL };

const struct command commands[] = {
	{ "enable", enable_lines, enable_command },
	{ "disable", disable_lines, disable_command },
	{ "cell", cell_lines, cell_command },
};
const unsigned int command_count = sizeof(commands) / sizeof(commands[0]);

const char command_notes[] =
	"\nExit status: 0 ok, 1 the input was wrong or refused, 2 usage "
	"error.\n"
	"Configs are compiled and checked on the host (cellblock config);\n"
	"see docs/linux-managed.md.\n";
