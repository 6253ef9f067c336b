// SPDX-License-Identifier: GPL-2.0-only
/*
 * The `cellblock` command: entry point and subcommand dispatch over the
 * build's table of subcommands (commands.h).
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

static void print_usage(FILE *out)
{
	const char *const *line;
	unsigned int i;

	for (i = 0; i < command_count; i++)
		for (line = commands[i].usage; *line; line++)
			fputs(*line, out);
	fputs(command_notes, out);
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "help"))) {
		print_usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; argc >= 2 && i < command_count; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 2, argv + 2);
	if (argc >= 2)
		fprintf(stderr, "cellblock: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return EXIT_USAGE;
}
