// SPDX-License-Identifier: GPL-2.0-only
/*
 * The map as one SVG picture (see map_model.h). Left, the physical address
 * space from low to high: one band per RAM or device window, its height
 * growing with the logarithm of its size (so a 4 KiB UART and 4 GiB of RAM
 * both show), the pieces inside a band to scale, each filled with its
 * owner's colour; a gap between windows is a break marked with its size.
 * Right, each cell with its colour, CPUs, interrupts and regions. Whatever
 * `config check` would report is drawn red: the pieces, the cells' lines,
 * and the problems themselves, listed at the bottom.
 */
#include "map_model.h"

#include <string.h>

#define WIDTH 1180
#define LINE 14
#define BAND_X 150
#define BAND_W 170
#define LABEL_X (BAND_X + BAND_W + 10)
#define CELLS_X 780
#define RED "#d00000"

static const char *const palette[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2",
	"#ff9da7", "#9c755f", "#86bcb6", "#8cd17d", "#a0cbe8", "#ffbe7d",
	"#d4a6c8", "#b6992d", "#499894", "#f1ce63", "#79706e",
};

static const char *colour(int who)
{
	if (who == MAP_HYPERVISOR)
		return "#4d4d4d";
	if (who == MAP_CONSOLE)
		return "#808080";
	if (who == MAP_GIC)
		return "#a6a6a6";
	if (who == MAP_LINK)
		return "#c5b0d5";
	return palette[(unsigned)who % (sizeof(palette) / sizeof(palette[0]))];
}

/* Text with XML's five special characters escaped. */
static void text(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default: fputc(*s, out);
		}
}

static void label(FILE *out, int x, double y, const char *fill,
		  const char *s)
{
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">", x, y, fill);
	text(out, s);
	fputs("</text>\n", out);
}

/* A window's height: 22 px up to 1 MiB, 12 more per doubling past it,
   at most 160. */
static double band_height(uint64_t size)
{
	int bits = 63 - __builtin_clzll(size | 1);
	double h = 22 + 12 * (bits - 20);

	return h < 22 ? 22 : h > 160 ? 160 : h;
}

static void draw_piece(FILE *out, const struct map *m,
		       const struct map_piece *p, int is_ram, double y, double h)
{
	const char *fill = p->owner_count ?
		colour(m->owner[p->owner[0]].who) : is_ram ? "#ffffff" : "#eeeeee";
	char name[256], one[96];
	unsigned int i;

	fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
		"fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>\n", BAND_X, y,
		BAND_W, h, fill, p->problem ? RED : "#333333",
		p->problem ? 3 : 1);
	if (h < LINE && !p->problem)
		return;
	snprintf(name, sizeof(name), "%s", p->owner_count ? "" :
		 is_ram ? "free" : "");
	for (i = 0; i < p->owner_count; i++) {
		map_owner_label(m, &m->owner[p->owner[i]], one, sizeof(one));
		if (i)
			strncat(name, " + ", sizeof(name) - strlen(name) - 1);
		strncat(name, one, sizeof(name) - strlen(name) - 1);
	}
	label(out, LABEL_X + 250, y + 11, p->problem ? RED : "#000000", name);
}

/* The address space: returns the y below it. */
static double draw_space(FILE *out, const struct map *m, double y)
{
	uint64_t last_end = 0;
	unsigned int i = 0;
	char s[96];

	while (i < m->piece_count) {
		unsigned int first = i, w = m->piece[i].window;
		int is_ram;
		const struct cb_window *win = map_window(m, w, &is_ram);
		double h = band_height(win->size), used = 0;

		if (first && win->start > last_end) {
			snprintf(s, sizeof(s), "~ 0x%llx bytes without a window ~",
				 (unsigned long long)(win->start - last_end));
			label(out, BAND_X, y + 12, "#888888", s);
			y += 20;
		}
		snprintf(s, sizeof(s), "0x%010llx", (unsigned long long)win->start);
		label(out, 20, y + 11, "#000000", s);
		snprintf(s, sizeof(s), "%s %s%s", is_ram ? "ram" : "device",
			 win->name, win->flags & CB_WINDOW_DMA ? " (dma)" : "");
		label(out, LABEL_X, y + 11, "#000000", s);
		for (; i < m->piece_count && m->piece[i].window == w; i++) {
			const struct map_piece *p = &m->piece[i];
			double ph = h * (double)(p->end - p->start) / (double)win->size;

			/* An owned piece is at least a line of text tall. */
			if (ph < (p->owner_count || p->problem ? LINE : 4))
				ph = p->owner_count || p->problem ? LINE : 4;
			draw_piece(out, m, p, is_ram, y + used, ph);
			used += ph;
		}
		last_end = win->start + win->size;
		y += used + 6;
	}
	return y;
}

/* The key; the link entry, last, only for a system with links. */
static double legend(FILE *out, const struct map *m, double y)
{
	static const struct {
		int who;
		const char *fill, *what;
	} key[] = {
		{ MAP_HYPERVISOR, NULL, "hypervisor memory" },
		{ MAP_CONSOLE, NULL, "hypervisor console" },
		{ MAP_GIC, NULL, "GIC frame (emulated in every cell)" },
		{ 0, "#ffffff", "free RAM" },
		{ 0, "#eeeeee", "device memory no cell has" },
		{ MAP_LINK, NULL, "link memory (its peers map it)" },
	};
	unsigned int i, count = sizeof(key) / sizeof(key[0]);

	if (!m->system->link_count)
		count--;
	for (i = 0; i < count; i++, y += LINE + 2) {
		fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" "
			"height=\"12\" fill=\"%s\" stroke=\"#333333\"/>\n",
			CELLS_X, y, key[i].fill ? key[i].fill : colour(key[i].who));
		label(out, CELLS_X + 18, y + 11, "#000000", key[i].what);
	}
	fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" "
		"fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"3\"/>\n",
		CELLS_X, y, RED);
	label(out, CELLS_X + 18, y + 11, RED, "a problem `config check` "
	      "reports");
	return y + LINE;
}

static int region_red(const struct map *m, unsigned int cell,
		      const char *name)
{
	unsigned int i, k;

	for (i = 0; i < m->piece_count; i++)
		for (k = 0; m->piece[i].problem && k < m->piece[i].owner_count;
		     k++) {
			const struct map_owner *o = &m->owner[m->piece[i].owner[k]];

			if (o->who == (int)cell && !strcmp(o->name, name))
				return 1;
		}
	return 0;
}

static double draw_cells(FILE *out, const struct map *m, double y)
{
	char s[160];
	unsigned int i, k;

	for (i = 0; i < m->cell_count; i++) {
		const struct cb_cell_config *c = m->cell[i];
		const struct cb_memory_region *r = cb_cell_regions(c);
		const uint32_t *irq = cb_cell_interrupts(c);
		size_t used;

		fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" "
			"fill=\"%s\"/>\n", CELLS_X, y, colour((int)i));
		snprintf(s, sizeof(s), "%s%s", c->name,
			 i == 0 && cb_system_root_cell(m->system) ? " (root)" : "");
		label(out, CELLS_X + 18, y + 11, "#000000", s);
		y += LINE;
		used = (size_t)snprintf(s, sizeof(s), "cpus");
		for (k = 0; k < CB_MAX_CPUS; k++)
			if (c->cpu_set >> k & 1)
				used += (size_t)snprintf(s + used, used < sizeof(s) ?
							 sizeof(s) - used : 0,
							 " %u", k);
		used += (size_t)snprintf(s + used, used < sizeof(s) ?
					 sizeof(s) - used : 0, "; interrupts");
		for (k = 0; k < c->interrupt_count && used < sizeof(s); k++)
			used += (size_t)snprintf(s + used, used < sizeof(s) ?
						 sizeof(s) - used : 0, " %u", irq[k]);
		if (!c->interrupt_count)
			strncat(s, " -", sizeof(s) - strlen(s) - 1);
		label(out, CELLS_X + 18, y + 11, m->cell_problem[i] ? RED :
		      "#000000", s);
		y += LINE;
		for (k = 0; k < c->region_count; k++) {
			if (r[k].flags & CB_REGION_COMM)
				snprintf(s, sizeof(s), "%s (comm page)", r[k].name);
			else
				snprintf(s, sizeof(s), "%s 0x%llx+0x%llx",
					 r[k].name,
					 (unsigned long long)r[k].phys_start,
					 (unsigned long long)r[k].size);
			label(out, CELLS_X + 30, y + 11,
			      region_red(m, i, r[k].name) ? RED : "#333333", s);
			y += LINE;
		}
		y += 8;
	}
	return legend(out, m, y + 10);
}

void map_svg(FILE *out, const struct map *m)
{
	double space, cells, y;
	unsigned int i;
	char s[160];

	/* Drawn once to measure, into nothing, then for real. */
	FILE *null = fopen("/dev/null", "w");

	space = null ? draw_space(null, m, 60) : 3000;
	cells = null ? draw_cells(null, m, 60) : 3000;
	if (null)
		fclose(null);
	y = (space > cells ? space : cells) + 20;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%.0f\" font-family=\"monospace\" font-size=\"11\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
		WIDTH, y + LINE * (m->problem_count + 2));
	snprintf(s, sizeof(s), "system %s: %u CPUs, %u cell%s, %u problem%s",
		 m->system->model, m->system->cpu_count, m->cell_count,
		 m->cell_count == 1 ? "" : "s", m->problem_count,
		 m->problem_count == 1 ? "" : "s");
	fprintf(out, "<g font-size=\"14\">\n");
	label(out, 20, 24, m->problem_count ? RED : "#000000", s);
	fprintf(out, "</g>\n");
	label(out, 20, 44, "#000000", "physical address space (windows: log "
	      "scale; inside a window: to scale)");
	label(out, CELLS_X, 44, "#000000", "cells");
	draw_space(out, m, 60);
	draw_cells(out, m, 60);
	for (i = 0; i < m->problem_count; i++)
		label(out, 20, y + LINE * i, RED, m->problem[i].text);
	fputs("</svg>\n", out);
}
