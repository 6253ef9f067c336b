// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock config compile | check | dump`: argument handling, exit codes
 * (0 ok, 1 the input was wrong, 2 usage) and the summary table; create,
 * create-cell and map are dispatched to config_generate.h, dtb to
 * config_dtb.h.
 */
#include "commands.h"
#include "config_generate.h"

#include "config_compile.h"
#include "config_dtb.h"
#include "config_dump.h"
#include "config_report.h"
#include "file_io.h"

#include "config_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char config_usage[] =
	"usage: cellblock config compile SOURCE.dts [-o OUTPUT.cell]\n"
	"       cellblock config check SYSTEM.cell [CELL.cell...]\n"
	"       cellblock config dump CONFIG.cell [-o OUTPUT.dts]\n"
	"       cellblock config dtb CELL.dts|CELL.cell SYSTEM.dts|SYSTEM.cell "
	"[-o OUT] [--dts]\n"
	"                [--bootargs TEXT] [--fragment F.dts] "
	"[--initrd START,END]\n"
	"                [--kaslr-seed N] [--rng-seed HEX]\n";

static int usage_error(const char *message)
{
	if (message)
		fprintf(stderr, "cellblock config: %s\n", message);
	fputs(config_usage, stderr);
	fputs(config_generate_usage, stderr);
	return EXIT_USAGE;
}

/* Parses "FILE [-o OUT]" in either order; returns 0 or -1 on bad usage. */
static int file_and_output(int argc, char **argv, const char **file,
			   const char **output)
{
	int i;

	*file = *output = NULL;
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			if (++i == argc || *output)
				return -1;
			*output = argv[i];
		} else if (argv[i][0] == '-' || *file) {
			return -1;
		} else {
			*file = argv[i];
		}
	}
	return *file ? 0 : -1;
}

/* Default output: SOURCE with ".dts" replaced by ".cell". */
static char *default_output(const char *source)
{
	size_t length = strlen(source);
	char *output = malloc(length + 6);

	if (!output)
		return NULL;
	strcpy(output, source);
	if (length > 4 && !strcmp(output + length - 4, ".dts"))
		output[length - 4] = '\0';
	strcat(output, ".cell");
	return output;
}

static int config_compile_cmd(int argc, char **argv)
{
	const char *source, *output;
	char *fallback = NULL;
	size_t size;
	void *blob;
	int status = EXIT_INVALID;

	if (file_and_output(argc, argv, &source, &output))
		return usage_error("compile takes one source file and "
				   "an optional -o OUTPUT");
	blob = config_compile(source, &size);
	if (!blob)
		return EXIT_INVALID;
	if (!output)
		output = fallback = default_output(source);
	if (output && file_write_atomic(output, blob, size) == 0)
		status = EXIT_OK;
	free(fallback);
	free(blob);
	return status;
}

/* A loaded config file and, once checked, its typed view. */
struct loaded {
	const char *path;
	void *blob;
	size_t size;
	const struct cb_cell_config *cell;
};

static void format_size(char *buf, size_t size, uint64_t bytes)
{
	if (bytes && !(bytes & 0xfffff))
		snprintf(buf, size, "%llu MiB", (unsigned long long)bytes >> 20);
	else
		snprintf(buf, size, "%llu KiB", (unsigned long long)bytes >> 10);
}

static void summary_row(const struct cb_cell_config *c, int root)
{
	const struct cb_memory_region *r = cb_cell_regions(c);
	const uint32_t *irq = cb_cell_interrupts(c);
	char cpus[200] = "", memory[32], irqs[256] = "-";
	uint64_t ram = 0;
	size_t used = 0;
	unsigned i;

	for (i = 0; i < CB_MAX_CPUS; i++)
		if (c->cpu_set & (1ull << i))
			used += (size_t)snprintf(cpus + used, sizeof(cpus) - used,
						 "%s%u", used ? "," : "", i);
	for (i = 0; i < c->region_count; i++)
		if (!(r[i].flags & (CB_REGION_IO | CB_REGION_COMM)))
			ram += r[i].size;
	format_size(memory, sizeof(memory), ram);
	for (i = 0, used = 0; i < c->interrupt_count && used < 200; i++)
		used += (size_t)snprintf(irqs + used, sizeof(irqs) - used,
					 "%s%u", used ? "," : "", irq[i]);
	printf("%-20s %-6s %-12s %-10s %s\n", c->name, root ? "root" : "cell",
	       cpus, memory, irqs);
}

/* One row per link: where its memory lies, how much, and its peers in
   peer-ID order. */
static void print_links(const struct cb_system_config *s)
{
	const struct cb_link *l = cb_system_links(s);
	char size[32], peers[CB_MAX_LINK_PEERS * (CB_NAME_SIZE + 1)];
	unsigned i, j;
	size_t used;

	if (!s->link_count)
		return;
	printf("%-20s %-12s %-10s %s\n", "LINK", "MEMORY", "SIZE", "PEERS");
	for (i = 0; i < s->link_count; i++) {
		format_size(size, sizeof(size), cb_link_size(&l[i]));
		peers[0] = '\0';
		for (j = 0, used = 0; j < l[i].peer_count; j++)
			used += (size_t)snprintf(peers + used,
						 sizeof(peers) - used, "%s%s",
						 j ? "," : "", l[i].peer[j].cell);
		printf("%-20s 0x%-10llx %-10s %s\n", l[i].name,
		       (unsigned long long)l[i].phys_start, size, peers);
	}
}

static int has_permissions(const struct cb_cell_config *c)
{
	return c->manage_count || (c->flags & (CB_CELL_READ_CELLS |
			CB_CELL_MANAGE_ALL | CB_CELL_MAY_FREEZE));
}

/* "read-cells, manage-cells rt,app, may-freeze": the source's words. */
static void permission_row(const struct cb_cell_config *c)
{
	const char (*names)[CB_NAME_SIZE] = cb_cell_manages(c);
	char text[CB_MAX_CELLS * (CB_NAME_SIZE + 1) + 64] = "";
	size_t used = 0;
	unsigned i;

	if (c->flags & CB_CELL_READ_CELLS)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "read-cells");
	if (c->flags & CB_CELL_MANAGE_ALL)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "%smanage-all-cells", used ? ", " : "");
	for (i = 0; i < c->manage_count; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "%s%s", i ? "," : used ?
					 ", manage-cells " : "manage-cells ",
					 names[i]);
	if (c->flags & CB_CELL_MAY_FREEZE)
		snprintf(text + used, sizeof(text) - used, "%smay-freeze",
			 used ? ", " : "");
	printf("permissions of %s: %s\n", c->name, text);
}

/* One line per cell that has management permissions. */
static void print_permissions(const struct cb_system_config *s,
			      const struct loaded *cells, int count)
{
	const struct cb_cell_config *root = cb_system_root_cell(s);
	int i;

	if (root && has_permissions(root))
		permission_row(root);
	for (i = 0; i < count; i++)
		if (has_permissions(cells[i].cell))
			permission_row(cells[i].cell);
}

static void print_summary(const struct cb_system_config *s,
			  const struct loaded *cells, int count)
{
	char memory[32];
	int i;

	format_size(memory, sizeof(memory), s->hypervisor_size);
	printf("system %s: %u CPUs, hypervisor %s at 0x%llx, %s%s\n", s->model,
	       s->cpu_count, memory, (unsigned long long)s->hypervisor_start,
	       cb_system_root_cell(s) ? "with a root cell" : "root-less",
	       s->flags & CB_SYSTEM_FREEZE_AFTER_BOOT ?
	       ", management frozen after boot" : "");
	printf("%-20s %-6s %-12s %-10s %s\n", "CELL", "KIND", "CPUS", "RAM",
	       "INTERRUPTS");
	if (cb_system_root_cell(s))
		summary_row(cb_system_root_cell(s), 1);
	for (i = 0; i < count; i++)
		summary_row(cells[i].cell, 0);
	print_links(s);
	print_permissions(s, cells, count);
}

/*
 * `check system.cell *.cell` (a shell glob) names the system twice; the second
 * time is the same file, not a cell, so it is dropped. Returns the new argc.
 */
static int drop_repeats_of_system(int argc, char **argv)
{
	struct stat system, other;
	int i, kept = 1;

	if (argc < 1 || stat(argv[0], &system))
		return argc;
	for (i = 1; i < argc; i++)
		if (stat(argv[i], &other) || other.st_dev != system.st_dev ||
		    other.st_ino != system.st_ino)
			argv[kept++] = argv[i];
	return kept;
}

static int config_check_cmd(int argc, char **argv)
{
	static struct loaded file[CB_MAX_CELLS + 1];
	static const struct cb_cell_config *cells[CB_MAX_CELLS];
	struct config_printer printer;
	const struct cb_system_config *system;
	int i, unreadable = 0, status;

	if (argc < 1)
		return usage_error("check takes a system config and its cell "
				   "configs");
	if (argc > CB_MAX_CELLS + 1)
		return usage_error("check takes at most 64 cell configs");
	argc = drop_repeats_of_system(argc, argv);
	for (i = 0; i < argc; i++) {
		if (argv[i][0] == '-')
			return usage_error("check takes no options");
		file[i].path = argv[i];
		file[i].blob = file_read(argv[i], &file[i].size);
		unreadable |= !file[i].blob;
	}
	if (unreadable) {
		status = EXIT_INVALID;
		goto out;
	}
	config_printer_init(&printer);
	for (i = 0; i < argc; i++)
		config_printer_add(&printer, file[i].path, file[i].blob);

	system = config_check_system(file[0].blob, file[0].size,
				     &printer.report);
	for (i = 1; i < argc; i++)
		file[i].cell = config_check_cell(system, file[i].blob,
						 file[i].size, &printer.report);
	if (system) {
		int readable = 0;

		for (i = 1; i < argc; i++)
			if (file[i].cell)
				cells[readable++] = file[i].cell;
		config_check_set(system, cells, (unsigned)readable,
				 &printer.report);
	}
	if (printer.report.problem_count) {
		fprintf(stderr, "cellblock: %u problem%s found\n",
			printer.report.problem_count,
			printer.report.problem_count == 1 ? "" : "s");
		status = EXIT_INVALID;
	} else {
		print_summary(system, file + 1, argc - 1);
		status = EXIT_OK;
	}
out:
	for (i = 0; i < argc; i++)
		free(file[i].blob);
	return status;
}

static int config_dump_cmd(int argc, char **argv)
{
	const char *path, *output;
	struct config_printer printer;
	const struct cb_config_header *h;
	const void *typed;
	FILE *out = stdout;
	size_t size;
	void *blob;
	int status;

	if (file_and_output(argc, argv, &path, &output))
		return usage_error("dump takes one config file and an optional "
				   "-o OUTPUT");
	blob = file_read(path, &size);
	if (!blob)
		return EXIT_INVALID;
	config_printer_init(&printer);
	config_printer_add(&printer, path, blob);
	h = blob;
	if (size >= sizeof(*h) && h->kind == CB_CONFIG_KIND_CELL)
		typed = config_check_cell(NULL, blob, size, &printer.report);
	else
		typed = config_check_system(blob, size, &printer.report);
	status = printer.report.problem_count ? EXIT_INVALID : EXIT_OK;
	if (typed && output && !(out = fopen(output, "w"))) {
		perror(output);
		typed = NULL;
		status = EXIT_INVALID;
	}
	if (typed) {
		if (h->kind == CB_CONFIG_KIND_CELL)
			config_dump_cell(out, typed);
		else
			config_dump_system(out, typed);
		if (out != stdout && fclose(out)) {
			perror(output);
			status = EXIT_INVALID;
		}
	}
	free(blob);
	return status;
}

int config_command(int argc, char **argv)
{
	if (argc < 1)
		return usage_error(NULL);
	if (!strcmp(argv[0], "compile"))
		return config_compile_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "check"))
		return config_check_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "dump"))
		return config_dump_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "create"))
		return config_create_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "create-cell"))
		return config_carve_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "map"))
		return config_map_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "dtb"))
		return config_dtb_cmd(argc - 1, argv + 1);
	fprintf(stderr, "cellblock config: unknown command '%s'\n", argv[0]);
	return usage_error(NULL);
}
