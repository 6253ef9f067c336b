// SPDX-License-Identifier: GPL-2.0-only
/*
 * The `cellblock` command: entry point and subcommand dispatch.
 */
#include "commands.h"
#include "config_generate.h"

#include <stdio.h>
#include <string.h>

static void print_usage(FILE *out)
{
	fputs(config_usage, out);
	fputs(config_generate_usage, out);
	fputs(image_usage, out);
	fputs("\nExit status: 0 ok, 1 the input was wrong, 2 usage error.\n"
	      "The config source format is described in docs/config.md,\n"
	      "the boot image in docs/image.md.\n",
	      out);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "help"))) {
		print_usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && !strcmp(argv[1], "config"))
		return config_command(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "image"))
		return image_command(argc - 2, argv + 2);
	if (argc >= 2)
		fprintf(stderr, "cellblock: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return EXIT_USAGE;
}
