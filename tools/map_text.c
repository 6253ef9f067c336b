// SPDX-License-Identifier: GPL-2.0-only
/*
 * The map as text for a terminal (see map_model.h): one line per piece of
 * the address space with its owners, '!' in the first column where
 * `check` finds a problem; then each cell's CPUs and interrupts; then the
 * problems.
 */
#include "map_model.h"

#include <string.h>

/* "4 KiB", "16 MiB", or one decimal where the size is not a whole unit. */
static void size_text(char *buf, size_t size, uint64_t bytes)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;
	uint64_t scale = 1;

	while (u < 4 && bytes >= scale * 1024) {
		scale *= 1024;
		u++;
	}
	if (bytes % scale)
		snprintf(buf, size, "%.1f %s", (double)bytes / (double)scale,
			 unit[u]);
	else
		snprintf(buf, size, "%llu %s", (unsigned long long)(bytes / scale),
			 unit[u]);
}

static void owners_text(const struct map *m, const struct map_piece *p,
			int is_ram, char *buf, size_t size)
{
	size_t used = 0;
	unsigned int i;
	char label[96];

	buf[0] = '\0';
	for (i = 0; i < p->owner_count; i++) {
		map_owner_label(m, &m->owner[p->owner[i]], label, sizeof(label));
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
					 "%s%s", i ? " + " : "", label);
	}
	if (!p->owner_count)
		snprintf(buf, size, "%s", is_ram ? "free" : "-");
}

static void cpu_list(const struct cb_cell_config *c, char *buf, size_t size)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < CB_MAX_CPUS; i++)
		if (c->cpu_set >> i & 1)
			used += (size_t)snprintf(buf + used, used < size ?
						 size - used : 0, "%s%u",
						 used ? "," : "", i);
}

void map_text(FILE *out, const struct map *m)
{
	char sizes[32], owners[512], cpus[200];
	unsigned int i, k;

	fprintf(out, "map of system %s: %u CPUs, %u cell%s, %u problem%s\n",
		m->system->model, m->system->cpu_count, m->cell_count,
		m->cell_count == 1 ? "" : "s", m->problem_count,
		m->problem_count == 1 ? "" : "s");
	fprintf(out, "  %-27s %-9s %-6s %-24s %s\n", "PHYSICAL", "SIZE", "KIND",
		"WINDOW", "OWNER");
	for (i = 0; i < m->piece_count; i++) {
		const struct map_piece *p = &m->piece[i];
		int is_ram;
		const struct cb_window *w = map_window(m, p->window, &is_ram);

		size_text(sizes, sizeof(sizes), p->end - p->start);
		owners_text(m, p, is_ram, owners, sizeof(owners));
		fprintf(out, "%c 0x%010llx-0x%010llx  %-9s %-6s %-24s %s\n",
			p->problem ? '!' : ' ', (unsigned long long)p->start,
			(unsigned long long)(p->end - 1), sizes,
			is_ram ? "ram" : w->flags & CB_WINDOW_DMA ? "dma" : "device",
			w->name, owners);
	}
	fprintf(out, "\n  %-20s %-12s %s\n", "CELL", "CPUS", "INTERRUPTS");
	for (i = 0; i < m->cell_count; i++) {
		const struct cb_cell_config *c = m->cell[i];
		const uint32_t *irq = cb_cell_interrupts(c);

		cpu_list(c, cpus, sizeof(cpus));
		fprintf(out, "%c %-20s %-12s", m->cell_problem[i] ? '!' : ' ',
			c->name, cpus);
		for (k = 0; k < c->interrupt_count; k++)
			fprintf(out, "%s%u", k ? "," : " ", irq[k]);
		fprintf(out, "%s\n", c->interrupt_count ? "" : " -");
	}
	if (m->problem_count)
		fprintf(out, "\nPROBLEMS (config check)\n");
	for (i = 0; i < m->problem_count; i++)
		fprintf(out, "! %s\n", m->problem[i].text);
}
