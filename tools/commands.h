/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The `cellblock` command's subcommands and exit codes.
 *
 * One dispatcher (cellblock.c) serves two builds, each linking its own
 * table of subcommands (struct command):
 *   - the host tool, tools/command_table.c: config, image, enable and
 *     disable ($(BUILD)/tools/cellblock, with libfdt);
 *   - the arm64 Linux command for the Linux-managed boot,
 *     tools/target/command_table.c: enable, disable and cell, static,
 *     with Debian's libfdt for arm64 ($(BUILD)/target/cellblock,
 *     tools/target.mk).
 */
#ifndef CELLBLOCK_COMMANDS_H
#define CELLBLOCK_COMMANDS_H

enum {
	EXIT_OK = 0,		/* done */
	EXIT_INVALID = 1,	/* the input was wrong, or it was refused */
	EXIT_USAGE = 2,		/* the command line was wrong */
};

/**
 * struct command - one subcommand, `cellblock NAME ARGS...`.
 * @name: the word after `cellblock`.
 * @usage: its usage lines for `cellblock --help`, a NULL-terminated list.
 * @run: runs it with the arguments after @name; returns an exit code.
 */
struct command {
	const char *name;
	const char *const *usage;
	int (*run)(int argc, char **argv);
};

/* The build's table (see above), command_count entries. */
extern const struct command commands[];
extern const unsigned int command_count;
/* What `cellblock --help` prints after the usage lines. */
extern const char command_notes[];

/* The usage lines of `cellblock config`, shared with `cellblock --help`. */
extern const char config_usage[];

/** config_command() - `cellblock config ARGS...`; returns an exit code. */
int config_command(int argc, char **argv);

/* The usage lines of `cellblock image`, shared with `cellblock --help`. */
extern const char image_usage[];

/** image_command() - `cellblock image ARGS...`; returns an exit code. */
int image_command(int argc, char **argv);

/* The usage lines of `cellblock enable` and `cellblock disable`. */
extern const char enable_usage[];
extern const char disable_usage[];

/**
 * enable_command() - `cellblock enable SYSTEM.cell [HYPERVISOR.bin]`
 * (Linux-managed boot, include/cellblock/driver.h): checks the system
 * config with the shared validator, then asks the module (/dev/cellblock)
 * to start the hypervisor with the running Linux as the root cell.
 * Return: EXIT_OK, EXIT_INVALID (a wrong file, or refused: the reason is
 * printed), EXIT_USAGE.
 */
int enable_command(int argc, char **argv);

/**
 * disable_command() - `cellblock disable`: asks the module to leave the
 * hypervisor on every CPU, so Linux runs on its own again.
 * Return: as enable_command().
 */
int disable_command(int argc, char **argv);

/* The usage lines of `cellblock cell ...` (manage_cell.c). */
extern const char cell_usage[];

/**
 * cell_command() - `cellblock cell VERB ...` (Linux-managed boot): create,
 * load, start, shutdown, destroy, list and stats of cells through the
 * module (include/cellblock/driver.h).
 * Return: as enable_command().
 */
int cell_command(int argc, char **argv);

#endif /* CELLBLOCK_COMMANDS_H */
