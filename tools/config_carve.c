// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock config create-cell SYSTEM.dts NAME --cpus LIST --ram SIZE`:
 * carves a cell out of a system (carve.h): its CPUs, the first free RAM
 * of that size, the devices named with --device and their interrupts, an
 * emulated console, an entry. The source is written with a comment on
 * every value, then compiled and checked against the system and the
 * --avoid cells (all of `config check` but "every CPU in some cell",
 * which the cells still to be made settle) before anything is written.
 */
#include "commands.h"
#include "config_generate.h"

#include "carve.h"
#include "system_write.h"
#include "cli_args.h"
#include "config_compile.h"
#include "config_report.h"
#include "file_io.h"

#include "config_check.h"
#include "config_names.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB2 0x200000ull

int carve_error(const char *arg, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cellblock config create-cell: %s: ", arg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int usage(const char *message)
{
	fprintf(stderr, "cellblock config create-cell: %s\n", message);
	fputs(config_generate_usage, stderr);
	return EXIT_USAGE;
}

static int option(struct carve *c, const char *name, const char *value)
{
	uint64_t n;

	if (!strcmp(name, "-o") && !c->output)
		c->output = value;
	else if (!strcmp(name, "--cpus") && !c->cpus_text)
		c->cpus = cli_cpus(c->cpus_text = value);
	else if (!strcmp(name, "--ram") && !c->ram)
		c->ram = cli_size(value) ? cli_size(value) : ~0ull;
	else if (!strcmp(name, "--device") && c->device_count < CARVE_MAX_ARGS)
		c->device[c->device_count++] = value;
	else if (!strcmp(name, "--avoid") && c->avoid_count < CARVE_MAX_AVOID)
		c->avoid[c->avoid_count++].path = value;
	else if (!strcmp(name, "--interrupt") && !cli_number(value, &n) &&
		 n < CB_INTID_SPI_LIMIT && c->extra_irq_count < CARVE_MAX_ARGS)
		c->extra_irq[c->extra_irq_count++] = (uint32_t)n;
	else if (!strcmp(name, "--guest") && !cli_number(value, &c->guest))
		c->guest_set = 1;
	else if (!strcmp(name, "--entry") && !cli_number(value, &c->entry))
		c->entry_set = 1;
	else
		return -1;
	return 0;
}

static int parse(int argc, char **argv, struct carve *c)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--dma-trusted"))
			c->dma_trusted = 1;
		else if (!strcmp(argv[i], "--no-console"))
			c->no_console = 1;
		else if (argv[i][0] == '-') {
			if (i + 1 == argc || option(c, argv[i], argv[i + 1]))
				return usage("bad or repeated option (see the "
					     "usage below)");
			i++;
		} else if (!c->system_path)
			c->system_path = argv[i];
		else if (!c->name)
			c->name = argv[i];
		else
			return usage("create-cell takes one SYSTEM and one NAME");
	}
	if (!c->system_path || !c->name || !c->cpus_text || !c->ram)
		return usage("create-cell needs SYSTEM, NAME, --cpus and --ram");
	if (!c->cpus)
		return usage("--cpus takes CPU numbers like 2-3 or 0,2");
	if (c->ram == ~0ull || (c->ram & (CB_PAGE_SIZE - 1)))
		return usage("--ram takes a size in whole 4 KiB pages, like 64M");
	return 0;
}

static int load_inputs(struct carve *c)
{
	struct config_printer printer;
	unsigned int i;
	size_t size;

	c->system_blob = cli_load_config(c->system_path, &size);
	if (!c->system_blob)
		return -1;
	config_printer_init(&printer);
	config_printer_add(&printer, c->system_path, c->system_blob);
	c->system = config_check_system(c->system_blob, size, &printer.report);
	if (!c->system || printer.report.problem_count)
		return -1;
	for (i = 0; i < c->avoid_count; i++) {
		struct carve_avoid *a = &c->avoid[i];

		a->blob = cli_load_config(a->path, &size);
		if (!a->blob)
			return -1;
		config_printer_add(&printer, a->path, a->blob);
		a->cell = config_check_cell(c->system, a->blob, size,
					    &printer.report);
		if (!a->cell || printer.report.problem_count)
			return -1;
		if (!strncmp(a->cell->name, c->name, CB_NAME_SIZE))
			return carve_error(c->name, "is also the name of the "
					   "cell in %s", a->path);
	}
	return system_notes_read(c->system_path, &c->notes);
}

static int check_cpus(const struct carve *c)
{
	unsigned int i, cpu;

	for (cpu = 0; cpu < CB_MAX_CPUS; cpu++) {
		if (!(c->cpus >> cpu & 1))
			continue;
		if (cpu >= c->system->cpu_count)
			return carve_error("--cpus", "%s has no CPU %u (it has "
					   "CPUs 0-%u)", c->system_path, cpu,
					   c->system->cpu_count - 1);
		for (i = 0; i < c->avoid_count; i++)
			if (c->avoid[i].cell->cpu_set >> cpu & 1)
				return carve_error("--cpus", "CPU %u is cell "
						   "%s's (%s)", cpu,
						   c->avoid[i].cell->name,
						   c->avoid[i].path);
	}
	return 0;
}

/* Guest RAM where the board has RAM; the entry 2 MiB in, where an arm64
   Image with text_offset 0 goes (and the demo inmates are linked). */
static void place_guest(struct carve *c)
{
	struct carve_region *ram = &c->region[0];

	if (!c->guest_set)
		c->guest = cb_system_ram(c->system)[0].start;
	ram->guest = c->guest;
	if (!c->entry_set)
		c->entry = c->guest + (ram->size > MIB2 ? MIB2 : 0);
}

static int add_interrupts(struct carve *c)
{
	unsigned int i;
	char why[32];

	for (i = 0; i < c->extra_irq_count; i++) {
		snprintf(why, sizeof(why), "--interrupt %u", c->extra_irq[i]);
		if (carve_interrupt(c, c->extra_irq[i], why, why))
			return -1;
	}
	return 0;
}

static void write_region(FILE *out, const struct carve_region *r)
{
	char v[40];
	unsigned int i, n = 0;

	fprintf(out, "\t\t%s {\t\t/* %s */\n", r->name, r->why);
	fprintf(out, "\t\t\tphys = %s;\n", dts_number(v, sizeof(v), r->phys));
	if (r->guest != r->phys)
		fprintf(out, "\t\t\tguest = %s;\n",
			dts_number(v, sizeof(v), r->guest));
	fprintf(out, "\t\t\tsize = %s;\n\t\t\tflags = ",
		dts_number(v, sizeof(v), r->size));
	for (i = 0; i < 32; i++)
		if (r->flags >> i & 1)
			fprintf(out, "%s\"%s\"", n++ ? ", " : "",
				config_name_of(config_region_flag_names, 1u << i));
	fprintf(out, ";\n\t\t};\n");
}

static void write_cell(FILE *out, const struct carve *c, int argc, char **argv)
{
	char v[40];
	unsigned int i, n = 0;
	int a;

	fprintf(out, "/*\n * Cell \"%s\", written by `cellblock config "
		"create-cell` for %s:\n *   cellblock config create-cell",
		c->name, c->system_path);
	for (a = 0; a < argc; a++)
		fprintf(out, " %s", argv[a]);
	fprintf(out, "\n */\n/dts-v1/;\n\n/ {\n\tcompatible = "
		"\"cellblock,cell\";\n\tcell-name = \"%s\";\n", c->name);
	if (c->dma_trusted)
		fprintf(out, "\tdma-trusted;\t\t\t/* --dma-trusted: it owns a "
			"bus master and can reach all memory */\n");
	fprintf(out, "\tcpus = <");
	for (i = 0; i < CB_MAX_CPUS; i++)
		if (c->cpus >> i & 1)
			fprintf(out, "%s%u", n++ ? " " : "", i);
	fprintf(out, ">;\t\t\t/* --cpus %s */\n", c->cpus_text);
	fprintf(out, "\tentry = %s;\t\t/* %s */\n",
		dts_number(v, sizeof(v), c->entry), c->entry_set ? "--entry" :
		"guest RAM + 2 MiB, as an arm64 Image (text_offset 0) loads");
	if (c->irq_count) {
		fprintf(out, "\tinterrupts = <");
		for (i = 0; i < c->irq_count; i++)
			fprintf(out, "%s%u", i ? " " : "", c->irq[i].intid);
		fprintf(out, ">;\t/*");
		for (i = 0; i < c->irq_count; i++)
			fprintf(out, "%s %u: %s", i ? "," : "", c->irq[i].intid,
				c->irq[i].why);
		fprintf(out, " */\n");
	}
	if (!c->no_console)
		fprintf(out, "\n\tconsole {\n\t\temulated = %s;\t/* at "
			"the board's console address; lines go out prefixed "
			"[%s] */\n\t};\n", dts_number(v, sizeof(v),
			c->system->console.address), c->name);
	fprintf(out, "\n\tmemory {\n");
	for (i = 0; i < c->region_count; i++)
		write_region(out, &c->region[i]);
	fprintf(out, "\t};\n};\n");
}

/* `config check` of the new cell with the others, less the one rule a
   set still being made breaks: every system CPU in some cell. */
struct set_printer {
	struct config_printer printer;
	const void *system;
	void (*print)(struct config_report *, const void *, const char *,
		      const char *);
};

static void set_problem(struct config_report *report, const void *subject,
			const char *where, const char *what)
{
	struct set_printer *p = (struct set_printer *)report;

	/* The cells not made yet: CPUs nobody has, links' peers not here. */
	if (subject == p->system &&
	    ((!strncmp(where, "/cpus/cpu@", 10) &&
	      strstr(what, "is assigned to no cell")) ||
	     (!strncmp(where, "/links/", 7) &&
	      strstr(what, "is not a cell of this system")))) {
		report->problem_count--;
		return;
	}
	p->print(report, subject, where, what);
}

static int check_set(struct carve *c, const void *blob, size_t size)
{
	const struct cb_cell_config *cells[CARVE_MAX_AVOID + 1];
	struct set_printer p;
	unsigned int i;

	config_printer_init(&p.printer);
	p.system = c->system_blob;
	p.print = p.printer.report.problem;
	p.printer.report.problem = set_problem;
	config_printer_add(&p.printer, c->system_path, c->system_blob);
	config_printer_add(&p.printer, c->output ? c->output : c->name, blob);
	for (i = 0; i < c->avoid_count; i++) {
		config_printer_add(&p.printer, c->avoid[i].path, c->avoid[i].blob);
		cells[i] = c->avoid[i].cell;
	}
	cells[i] = config_check_cell(c->system, blob, size, &p.printer.report);
	if (cells[i])
		config_check_set(c->system, cells, c->avoid_count + 1,
				 &p.printer.report);
	return cells[i] && !p.printer.report.problem_count ? 0 : -1;
}

static int carve(struct carve *c, int argc, char **argv)
{
	char *text = NULL, fallback[CB_NAME_SIZE + 8];
	size_t length = 0, size;
	void *blob = NULL;
	FILE *out;
	int status = EXIT_INVALID;

	if (load_inputs(c) || check_cpus(c) || carve_ram(c) ||
	    carve_devices(c) || add_interrupts(c))
		return EXIT_INVALID;
	place_guest(c);
	if (!c->output) {
		snprintf(fallback, sizeof(fallback), "%.31s.dts", c->name);
		c->output = fallback;
	}
	out = open_memstream(&text, &length);
	if (!out)
		return EXIT_INVALID;
	write_cell(out, c, argc, argv);
	if (fclose(out))
		goto out;
	blob = cli_compile_text(text, length, c->output, &size);
	if (!blob || check_set(c, blob, size)) {
		fprintf(stderr, "cellblock config create-cell: the cell does not "
			"pass `config check` with %s%s (see above); nothing "
			"written\n", c->system_path,
			c->avoid_count ? " and the --avoid cells" : "");
		goto out;
	}
	if (cli_output(c->output, text, length) == 0)
		status = EXIT_OK;
out:
	free(blob);
	free(text);
	return status;
}

int config_carve_cmd(int argc, char **argv)
{
	struct carve *c = calloc(1, sizeof(*c));
	unsigned int i;
	int status;

	if (!c)
		return EXIT_INVALID;
	status = parse(argc, argv, c);
	if (!status)
		status = carve(c, argc, argv);
	for (i = 0; i < c->avoid_count; i++)
		free(c->avoid[i].blob);
	system_notes_free(&c->notes);
	free(c->system_blob);
	free(c);
	return status;
}
