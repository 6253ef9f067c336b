// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device windows from the board's register ranges (see board.h):
 *   1. each range is widened to whole pages (windows are page-aligned);
 *   2. ranges whose pages overlap share one window (a bus node whose reg
 *      spans its children takes them in), and so do ranges that touch if
 *      they are of one node or a row of nodes of one compatible and `dma`
 *      (QEMU's 32 virtio-mmio slots of 0x200 bytes make one 16 KiB window,
 *      its two flash banks one);
 *   3. a window is named after its first node, "uart@9000000"; another
 *      reg entry of that node is "uart@ADDRESS", a PCI host's range
 *      "pcie-mmio@ADDRESS"; a clash gets "-2", "-3"...;
 *   4. while there are more than CB_MAX_DEVICE_WINDOWS, the two
 *      neighbours with the smallest gap are merged, first among windows
 *      that agree on `dma`, never across RAM, never the GIC's frames or
 *      the console's page. A merged window covers the gap too: a cell
 *      given part of the gap reads nothing there, it reaches nothing else.
 * A window masters the bus (`dma`) if any of its nodes does.
 */
#include "board.h"

#include <cellblock/config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE CB_PAGE_SIZE

struct group {
	uint64_t start, end;		/* [start, end), whole pages */
	unsigned int first;		/* member that names it */
	const char *dma;
	const char *merged;
	int apart;
};

static uint64_t page_start(const struct board_member *m)
{
	return m->start & ~(PAGE - 1);
}

static uint64_t page_end(const struct board_member *m)
{
	return (m->start + m->size + PAGE - 1) & ~(PAGE - 1);
}

static const struct board_member *sort_base;

static int by_address(const void *a, const void *b)
{
	const struct board_member *x = &sort_base[*(const unsigned *)a];
	const struct board_member *y = &sort_base[*(const unsigned *)b];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return *(const unsigned *)a < *(const unsigned *)b ? -1 : 1;
}

/* Rule 2 for ranges that touch: @m continues the row @g started. */
static int continues(const struct board *b, const struct group *g,
		     const struct board_member *m)
{
	const struct board_member *first = &b->member[g->first];

	if (page_start(m) != g->end || g->apart || m->apart)
		return 0;
	/* A PCI host's spaces stay apart, however they lie. */
	if (*m->space || *first->space)
		return 0;
	return !strcmp(m->path, first->path) ||
	       (*m->compatible && !strcmp(m->compatible, first->compatible) &&
		!m->dma == !first->dma);
}

/* Rules 1 and 2: @order lists the members by address. */
static unsigned int group_overlaps(const struct board *b,
				   const unsigned *order, struct group *g)
{
	unsigned int i, count = 0;

	for (i = 0; i < b->member_count; i++) {
		const struct board_member *m = &b->member[order[i]];

		if (count && (page_start(m) < g[count - 1].end ||
			      continues(b, &g[count - 1], m))) {
			struct group *last = &g[count - 1];
			int overlap = page_start(m) < last->end;

			if (page_end(m) > last->end)
				last->end = page_end(m);
			if (!last->dma)
				last->dma = m->dma;
			last->apart |= m->apart;
			if (strcmp(m->path, b->member[last->first].path))
				last->merged = overlap ? "nodes that share pages"
						       : "a row of like nodes";
			continue;
		}
		g[count].start = page_start(m);
		g[count].end = page_end(m);
		g[count].first = order[i];
		g[count].dma = m->dma;
		g[count].merged = NULL;
		g[count].apart = m->apart;
		count++;
	}
	return count;
}

static int gap_has_ram(const struct board *b, uint64_t start, uint64_t end)
{
	unsigned int i;

	for (i = 0; i < b->ram_count; i++)
		if (b->ram[i].start < end && start < b->ram[i].start + b->ram[i].size)
			return 1;
	return 0;
}

/* Rule 4: the mergeable neighbours with the smallest gap, or -1. */
static int closest(const struct board *b, const struct group *g,
		   unsigned int count, int same_dma)
{
	uint64_t best_gap = ~0ull;
	int best = -1;
	unsigned int i;

	for (i = 0; i + 1 < count; i++) {
		uint64_t gap = g[i + 1].start - g[i].end;

		if (g[i].apart || g[i + 1].apart ||
		    (same_dma && !g[i].dma != !g[i + 1].dma) ||
		    gap_has_ram(b, g[i].end, g[i + 1].start) || gap >= best_gap)
			continue;
		best_gap = gap;
		best = (int)i;
	}
	return best;
}

static unsigned int merge_to_fit(const struct board *b, struct group *g,
				 unsigned int count)
{
	int same_dma = 1;

	while (count > CB_MAX_DEVICE_WINDOWS) {
		int i = closest(b, g, count, same_dma);

		if (i < 0) {
			if (!same_dma)
				break;
			same_dma = 0;
			continue;
		}
		g[i].end = g[i + 1].end;
		if (!g[i].dma)
			g[i].dma = g[i + 1].dma;
		g[i].merged = "neighbours, to fit 32 windows";
		memmove(&g[i + 1], &g[i + 2], (count - (unsigned)i - 2) * sizeof(*g));
		count--;
	}
	return count;
}

/* Rule 3. */
static void name_window(struct board *b, struct board_window *w,
			const struct board_member *m)
{
	const char *node = strrchr(m->path, '/') + 1;
	size_t base = strcspn(node, "@");
	char name[64];
	unsigned int i, n;

	if (!strcmp(m->what, "reg[0]") && strlen(node) < CB_NAME_SIZE)
		snprintf(name, sizeof(name), "%s", node);
	else
		snprintf(name, sizeof(name), "%.*s%s%s@%llx",
			 (int)(base > 16 ? 16 : base), node, *m->space ? "-" : "",
			 m->space, (unsigned long long)m->start);
	/* Cut to leave room for a "-N" suffix. */
	for (n = 1;; n++) {
		int clash = 0;

		if (n == 1)
			snprintf(w->name, sizeof(w->name), "%.28s", name);
		else
			snprintf(w->name, sizeof(w->name), "%.28s-%u", name,
				 n % 100);
		for (i = 0; i < b->ram_count; i++)
			clash |= !strcmp(b->ram[i].name, w->name);
		for (i = 0; &b->window[i] != w; i++)
			clash |= !strcmp(b->window[i].name, w->name);
		if (!clash)
			return;
	}
}

int board_windows(struct board *b)
{
	unsigned *order = malloc((b->member_count + 1) * sizeof(*order));
	struct group *g = malloc((b->member_count + 1) * sizeof(*g));
	unsigned int i, j, count;

	if (!order || !g) {
		free(order);
		free(g);
		board_error(b, "/", "out of memory");
		return -1;
	}
	for (i = 0; i < b->member_count; i++)
		order[i] = i;
	sort_base = b->member;
	qsort(order, b->member_count, sizeof(*order), by_address);
	count = merge_to_fit(b, g, group_overlaps(b, order, g));
	if (count > CB_MAX_DEVICE_WINDOWS) {
		board_error(b, "/", "%u device windows even after merging "
			    "neighbours (the schema holds %u)", count,
			    CB_MAX_DEVICE_WINDOWS);
		count = 0;
	}
	for (i = 0; i < count; i++) {
		struct board_window *w = &b->window[i];

		w->start = g[i].start;
		w->size = g[i].end - g[i].start;
		w->dma = g[i].dma;
		w->merged = g[i].merged;
		w->keep_apart = g[i].apart;
		name_window(b, w, &b->member[g[i].first]);
	}
	b->window_count = count;
	for (j = 0; j < b->member_count; j++)
		for (i = 0; i < count; i++)
			if (page_start(&b->member[j]) >= b->window[i].start &&
			    page_end(&b->member[j]) <= b->window[i].start +
							b->window[i].size)
				b->member[j].window = i;
	free(order);
	free(g);
	return b->error_count ? -1 : 0;
}
