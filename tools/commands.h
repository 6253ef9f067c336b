/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The `cellblock` command's subcommands and exit codes.
 */
#ifndef CELLBLOCK_COMMANDS_H
#define CELLBLOCK_COMMANDS_H

enum {
	EXIT_OK = 0,		/* done */
	EXIT_INVALID = 1,	/* the input was wrong */
	EXIT_USAGE = 2,		/* the command line was wrong */
};

/* The usage lines of `cellblock config`, shared with `cellblock --help`. */
extern const char config_usage[];

/** config_command() - `cellblock config ARGS...`; returns an exit code. */
int config_command(int argc, char **argv);

/* The usage lines of `cellblock image`, shared with `cellblock --help`. */
extern const char image_usage[];

/** image_command() - `cellblock image ARGS...`; returns an exit code. */
int image_command(int argc, char **argv);

#endif /* CELLBLOCK_COMMANDS_H */
