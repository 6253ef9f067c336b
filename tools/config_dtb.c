// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock config dtb CELL SYSTEM [-o OUT] [--dts] [--bootargs TEXT]
 * [--fragment F.dts] [--initrd START,END] [--kaslr-seed N]
 * [--rng-seed HEX]`: both configs are loaded (sources compiled) and
 * checked against each other as `config check` does, then the cell's
 * device tree is built (cell_dtb.c) and written as a blob, or as source
 * through dtc with --dts, to OUT or stdout.
 */
#include "config_dtb.h"

#include "cell_dtb.h"
#include "cli_args.h"
#include "commands.h"
#include "config_report.h"
#include "dtc_decompile.h"

#include "config_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Linux takes a seed of any size; more than this is surely a mistake. */
#define RNG_SEED_MAX 512

struct dtb_args {
	const char *cell, *system, *output;
	int dts;
	struct cell_dtb_options options;
	uint8_t rng_seed[RNG_SEED_MAX];
};

static __attribute__((format(printf, 1, 2))) int usage(const char *fmt, ...)
{
	va_list ap;

	fputs("cellblock config dtb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(config_usage, stderr);
	return EXIT_USAGE;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_rng_seed(struct dtb_args *a, const char *text)
{
	size_t i, length = strlen(text);

	if (!length || length % 2 || length / 2 > RNG_SEED_MAX)
		return -1;
	for (i = 0; i < length; i += 2) {
		int high = hex_digit(text[i]), low = hex_digit(text[i + 1]);

		if (high < 0 || low < 0)
			return -1;
		a->rng_seed[i / 2] = (uint8_t)(high << 4 | low);
	}
	a->options.rng_seed = a->rng_seed;
	a->options.rng_seed_size = length / 2;
	return 0;
}

static int parse_initrd(struct cell_dtb_options *o, const char *text)
{
	char start[32];
	const char *comma = strchr(text, ',');

	if (!comma || (size_t)(comma - text) >= sizeof(start))
		return -1;
	memcpy(start, text, (size_t)(comma - text));
	start[comma - text] = '\0';
	return cli_number(start, &o->initrd_start) ||
	       cli_number(comma + 1, &o->initrd_end) ? -1 : 0;
}

/* Returns 0, or an exit code after the usage message. */
static int parse_option(struct dtb_args *a, const char *option,
			const char *value)
{
	struct cell_dtb_options *o = &a->options;

	if (!strcmp(option, "-o") && !a->output)
		a->output = value;
	else if (!strcmp(option, "--bootargs") && !o->bootargs)
		o->bootargs = value;
	else if (!strcmp(option, "--fragment") && !o->fragment_path)
		o->fragment_path = value;
	else if (!strcmp(option, "--initrd") && !o->initrd_end) {
		if (parse_initrd(o, value))
			return usage("--initrd %s: expected START,END "
				     "(guest-physical, END exclusive)", value);
	} else if (!strcmp(option, "--kaslr-seed") && !o->has_kaslr_seed) {
		if (cli_number(value, &o->kaslr_seed))
			return usage("--kaslr-seed %s: expected a number",
				     value);
		o->has_kaslr_seed = 1;
	} else if (!strcmp(option, "--rng-seed") && !o->rng_seed) {
		if (parse_rng_seed(a, value))
			return usage("--rng-seed %s: expected 1 to %d bytes "
				     "as hex digits", value, RNG_SEED_MAX);
	} else {
		return usage("%s given twice", option);
	}
	return 0;
}

static int takes_value(const char *option)
{
	static const char *const with_value[] = { "-o", "--bootargs",
		"--fragment", "--initrd", "--kaslr-seed", "--rng-seed", NULL };
	const char *const *p;

	for (p = with_value; *p; p++)
		if (!strcmp(*p, option))
			return 1;
	return 0;
}

static int parse(int argc, char **argv, struct dtb_args *a)
{
	int i, status;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--dts")) {
			a->dts = 1;
		} else if (takes_value(argv[i])) {
			if (i + 1 == argc)
				return usage("%s needs a value", argv[i]);
			if ((status = parse_option(a, argv[i], argv[i + 1])))
				return status;
			i++;
		} else if (argv[i][0] == '-') {
			return usage("unknown option %s", argv[i]);
		} else if (!a->cell) {
			a->cell = argv[i];
		} else if (!a->system) {
			a->system = argv[i];
		} else {
			return usage("one cell and one system config expected, "
				     "%s is a third", argv[i]);
		}
	}
	if (!a->system)
		return usage("dtb takes a cell config and its system config");
	return 0;
}

static int is_source(const char *path)
{
	size_t length = strlen(path);

	return !(length > 5 && !strcmp(path + length - 5, ".cell"));
}

static int write_tree(const struct dtb_args *a, const void *dtb, size_t size)
{
	size_t length;
	char *text;
	int status;

	if (!a->dts)
		return cli_output(a->output, dtb, size);
	text = dtc_decompile(dtb, size, &length);
	if (!text)
		return -1;
	status = cli_output(a->output, text, length);
	free(text);
	return status;
}

static int build(struct dtb_args *a, const void *system_blob,
		 size_t system_size, const void *cell_blob, size_t cell_size)
{
	struct config_printer printer;
	const struct cb_system_config *system;
	const struct cb_cell_config *cell = NULL;
	void *dtb = NULL;
	size_t size;
	int status;

	config_printer_init(&printer);
	config_printer_add(&printer, a->system, system_blob);
	config_printer_add(&printer, a->cell, cell_blob);
	system = config_check_system(system_blob, system_size, &printer.report);
	if (system)
		cell = config_check_cell(system, cell_blob, cell_size,
					 &printer.report);
	if (!cell || printer.report.problem_count) {
		fprintf(stderr, "cellblock: %u problem%s found\n",
			printer.report.problem_count,
			printer.report.problem_count == 1 ? "" : "s");
		return EXIT_INVALID;
	}
	a->options.cell_source_path = is_source(a->cell) ? a->cell : NULL;
	if (cell_dtb_build(system, cell, &a->options, &dtb, &size))
		return EXIT_INVALID;
	status = write_tree(a, dtb, size) ? EXIT_INVALID : EXIT_OK;
	free(dtb);
	return status;
}

int config_dtb_cmd(int argc, char **argv)
{
	static struct dtb_args a;
	void *cell_blob = NULL, *system_blob = NULL;
	size_t cell_size, system_size;
	int status;

	memset(&a, 0, sizeof(a));
	if ((status = parse(argc, argv, &a)))
		return status;
	status = EXIT_INVALID;
	cell_blob = cli_load_config(a.cell, &cell_size);
	system_blob = cli_load_config(a.system, &system_size);
	if (cell_blob && system_blob)
		status = build(&a, system_blob, system_size, cell_blob,
			       cell_size);
	free(cell_blob);
	free(system_blob);
	return status;
}
