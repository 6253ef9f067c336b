// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host tool's subcommands (commands.h): configs, boot images, and the
 * Linux-managed boot's enable and disable, which work wherever the
 * cellblock module runs (on the board, tools/target/ builds the same
 * dispatcher with only those two).
 */
#include "commands.h"
#include "config_generate.h"

#include <stddef.h>

static const char *const config_lines[] = { config_usage,
	config_generate_usage, NULL };
static const char *const image_lines[] = { image_usage, NULL };
static const char *const enable_lines[] = { enable_usage, NULL };
static const char *const disable_lines[] = { disable_usage, NULL };
static const char *const cell_lines[] = { cell_usage, NULL };

const struct command commands[] = {
	{ "config", config_lines, config_command },
	{ "image", image_lines, image_command },
	{ "enable", enable_lines, enable_command },
	{ "disable", disable_lines, disable_command },
	{ "cell", cell_lines, cell_command },
};
const unsigned int command_count = sizeof(commands) / sizeof(commands[0]);

const char command_notes[] =
	"\nExit status: 0 ok, 1 the input was wrong, 2 usage error.\n"
	"The config source format is described in docs/config.md,\n"
	"the boot image in docs/image.md, enable and disable in\n"
	"docs/linux-managed.md.\n";
