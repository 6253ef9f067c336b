// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock config map SYSTEM.cell [CELL.cell...] [-o MAP.svg|MAP.txt]`:
 * the partitioning in one picture (map_svg.c) or as text (map_text.c,
 * the default on stdout). The set is checked as `config check` checks it,
 * and every problem is drawn in red and printed on stderr; the map is
 * written either way, so that it shows them, and the exit code is 1 if
 * there were any.
 */
#include "commands.h"
#include "config_generate.h"

#include "cli_args.h"
#include "config_report.h"
#include "file_io.h"
#include "map_model.h"

#include "config_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct collect {
	struct config_printer printer;
	struct map *map;
	const void *blob[MAP_MAX_CELLS];	/* the cells' blobs */
};

static void collect_problem(struct config_report *report, const void *subject,
			    const char *where, const char *what)
{
	struct collect *c = (struct collect *)report;
	struct map *m = c->map;
	struct map_problem *bigger;
	const char *file = m->system_file;
	unsigned int i;
	int who = -1;

	for (i = 0; i < m->cell_count; i++)
		if (c->blob[i] == subject) {
			who = (int)i;
			file = m->cell_file[i];
		}
	/* The system's own problems are the root cell's under /root-cell. */
	if (who == 0 && cb_system_root_cell(m->system) &&
	    strncmp(where, "/root-cell", 10))
		who = -1;
	bigger = realloc(m->problem, (m->problem_count + 1) * sizeof(*bigger));
	if (!bigger)
		return;
	m->problem = bigger;
	m->problem[m->problem_count].who = who;
	snprintf(m->problem[m->problem_count++].text, MAP_PROBLEM_SIZE,
		 "%s: %s: %s", file, where, what);
	fprintf(stderr, "%s: %s: %s\n", file, where, what);
	if (who >= 0 && strncmp(where, "/memory/", 8))
		m->cell_problem[who] = 1;
}

static int usage(const char *message)
{
	fprintf(stderr, "cellblock config map: %s\n", message);
	fputs(config_generate_usage, stderr);
	return EXIT_USAGE;
}

struct files {
	const char *path[MAP_MAX_CELLS + 1];
	void *blob[MAP_MAX_CELLS + 1];
	size_t size[MAP_MAX_CELLS + 1];
	unsigned int count;
	const char *output;
	int text;
};

static int parse(int argc, char **argv, struct files *f)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc && !f->output)
			f->output = argv[++i];
		else if (!strcmp(argv[i], "--text"))
			f->text = 1;
		else if (argv[i][0] == '-')
			return usage("unknown option");
		else if (f->count == MAP_MAX_CELLS)
			return usage("too many configs");
		else
			f->path[f->count++] = argv[i];
	}
	if (!f->count)
		return usage("map takes a system config and its cells");
	if (!f->output)
		f->text = 1;
	else if (strlen(f->output) > 4 &&
		 !strcmp(f->output + strlen(f->output) - 4, ".txt"))
		f->text = 1;
	return 0;
}

/* Checks the set into @m; returns -1 if it cannot be read at all. */
static int check(struct files *f, struct map *m, struct collect *c)
{
	const struct cb_cell_config *cells[MAP_MAX_CELLS];
	unsigned int i, n = 0;

	config_printer_init(&c->printer);
	c->printer.report.problem = collect_problem;
	c->map = m;
	m->system_file = f->path[0];
	m->system = config_check_system(f->blob[0], f->size[0],
					&c->printer.report);
	if (!m->system)
		return -1;
	if (cb_system_root_cell(m->system)) {
		c->blob[0] = m->system;
		m->cell[0] = cb_system_root_cell(m->system);
		m->cell_file[m->cell_count++] = f->path[0];
	}
	for (i = 1; i < f->count; i++) {
		const struct cb_cell_config *cell;

		c->blob[m->cell_count] = f->blob[i];
		m->cell_file[m->cell_count] = f->path[i];
		cell = config_check_cell(m->system, f->blob[i], f->size[i],
					 &c->printer.report);
		if (!cell)
			return -1;
		m->cell[m->cell_count++] = cell;
		cells[n++] = cell;
	}
	config_check_set(m->system, cells, n, &c->printer.report);
	return 0;
}

static int draw(const struct files *f, const struct map *m)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);
	int status;

	if (!out)
		return -1;
	if (f->text)
		map_text(out, m);
	else
		map_svg(out, m);
	status = fclose(out) ? -1 : cli_output(f->output, text, length);
	free(text);
	return status;
}

int config_map_cmd(int argc, char **argv)
{
	static struct files f;
	static struct collect c;
	struct map m;
	unsigned int i;
	int status = EXIT_INVALID;

	memset(&f, 0, sizeof(f));
	memset(&m, 0, sizeof(m));
	if ((status = parse(argc, argv, &f)))
		return status;
	status = EXIT_INVALID;
	for (i = 0; i < f.count; i++)
		if (!(f.blob[i] = cli_load_config(f.path[i], &f.size[i])))
			goto out;
	if (check(&f, &m, &c) || map_build(&m) || draw(&f, &m))
		goto out;
	status = m.problem_count ? EXIT_INVALID : EXIT_OK;
	if (m.problem_count)
		fprintf(stderr, "cellblock: %u problem%s found (drawn in red)\n",
			m.problem_count, m.problem_count == 1 ? "" : "s");
out:
	for (i = 0; i < f.count; i++)
		free(f.blob[i]);
	map_free(&m);
	return status;
}
