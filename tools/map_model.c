// SPDX-License-Identifier: GPL-2.0-only
/*
 * Owners and pieces of a system's address space (see map_model.h). Each
 * window is cut at every owner's start and end; a piece keeps the owners
 * that cover all of it. Regions count in whole pages, as `config check`
 * counts them, but sub-page ones, which count in bytes. A piece two
 * cells own is a problem even if no line of `check` names it (cells share
 * memory only through links, which are no cell's regions), and so is a
 * piece of an owner a `check` line names.
 */
#include "map_model.h"

#include <stdlib.h>
#include <string.h>

#define PAGE CB_PAGE_SIZE
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))

unsigned int map_window_count(const struct map *m)
{
	return m->system->ram_count + m->system->device_count;
}

const struct cb_window *map_window(const struct map *m, unsigned int i,
				   int *is_ram)
{
	*is_ram = i < m->system->ram_count;
	return *is_ram ? &cb_system_ram(m->system)[i]
		       : &cb_system_devices(m->system)[i - m->system->ram_count];
}

void map_owner_label(const struct map *m, const struct map_owner *o,
		     char *buf, size_t size)
{
	if (o->who >= 0)
		snprintf(buf, size, "%s /memory/%s", m->cell[o->who]->name,
			 o->name);
	else if (o->who == MAP_LINK)
		snprintf(buf, size, "link %.31s", o->name);
	else
		snprintf(buf, size, "%s", o->name);
}

static int add_owner(struct map *m, int who, const char *name,
		     uint64_t start, uint64_t end, uint32_t flags)
{
	struct map_owner *o;

	if (end <= start)
		return 0;
	o = realloc(m->owner, (m->owner_count + 1) * sizeof(*o));
	if (!o)
		return -1;
	m->owner = o;
	o = &m->owner[m->owner_count++];
	o->who = who;
	o->name = name;
	o->start = start;
	o->end = end;
	o->flags = flags;
	o->problem = 0;
	return 0;
}

/* Whether a `check` line is about @cell's region @name. */
static int region_problem(const struct map *m, int cell, const char *name)
{
	char where[64];
	unsigned int i;

	snprintf(where, sizeof(where), ": /memory/%.31s: ", name);
	for (i = 0; i < m->problem_count; i++)
		if (m->problem[i].who == cell && strstr(m->problem[i].text, where))
			return 1;
	return 0;
}

/* Each link's memory, where its sizes are sane enough to add up. */
static int add_links(struct map *m)
{
	const struct cb_link *l = cb_system_links(m->system);
	unsigned int i;

	for (i = 0; i < m->system->link_count; i++)
		if (l[i].peer_count <= CB_MAX_LINK_PEERS &&
		    l[i].rw_size >> 40 == 0 && l[i].output_size >> 40 == 0 &&
		    add_owner(m, MAP_LINK, l[i].name, l[i].phys_start,
			      l[i].phys_start + cb_link_size(&l[i]), 0))
			return -1;
	return 0;
}

static int add_owners(struct map *m)
{
	const struct cb_system_config *s = m->system;
	unsigned int c, i;

	if (add_owner(m, MAP_HYPERVISOR, "hypervisor", s->hypervisor_start,
		      s->hypervisor_start + s->hypervisor_size, 0) ||
	    add_owner(m, MAP_CONSOLE, "hypervisor console", s->console.address,
		      s->console.address + CB_CONSOLE_FRAME_SIZE, 0) ||
	    add_owner(m, MAP_GIC, "GIC distributor", s->gic.distributor,
		      s->gic.distributor + CB_GICD_SIZE, 0) ||
	    add_owner(m, MAP_GIC, "GIC redistributors", s->gic.redistributor,
		      s->gic.redistributor +
		      s->gic.redistributor_stride * s->cpu_count, 0) ||
	    (s->gic.its && add_owner(m, MAP_GIC, "GIC ITS", s->gic.its,
				     s->gic.its + CB_GITS_SIZE, 0)) ||
	    add_links(m))
		return -1;
	for (c = 0; c < m->cell_count; c++) {
		const struct cb_memory_region *r = cb_cell_regions(m->cell[c]);

		for (i = 0; i < m->cell[c]->region_count; i++) {
			int sub = (r[i].flags & CB_REGION_SUBPAGE) != 0;
			uint64_t start = sub ? r[i].phys_start :
				r[i].phys_start & ~(PAGE - 1);
			uint64_t end = sub ? r[i].phys_start + r[i].size :
				ALIGN_UP(r[i].phys_start + r[i].size, PAGE);

			if (r[i].flags & CB_REGION_COMM)
				continue;
			if (add_owner(m, (int)c, r[i].name, start, end,
				      r[i].flags))
				return -1;
			m->owner[m->owner_count - 1].problem =
				region_problem(m, (int)c, r[i].name);
		}
	}
	return 0;
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Two cells' owners of one piece, or a cell's and the hypervisor's: a
   clash. */
static int clash(const struct map *m, const struct map_piece *p)
{
	unsigned int i, j;

	for (i = 0; i < p->owner_count; i++)
		for (j = i + 1; j < p->owner_count; j++) {
			const struct map_owner *a = &m->owner[p->owner[i]];
			const struct map_owner *b = &m->owner[p->owner[j]];

			if (a->who >= 0 && b->who >= 0 && a->who != b->who)
				return 1;
			/* A cell on the hypervisor's memory, console,
			   GIC frames or a link's memory. */
			if ((a->who < 0) != (b->who < 0))
				return 1;
		}
	return 0;
}

static int same_owners(const struct map_piece *a, const struct map_piece *b)
{
	return a->window == b->window && a->end == b->start &&
	       a->owner_count == b->owner_count &&
	       !memcmp(a->owner, b->owner, a->owner_count * sizeof(a->owner[0]));
}

static int add_piece(struct map *m, const struct map_piece *p)
{
	struct map_piece *bigger;

	if (m->piece_count && same_owners(&m->piece[m->piece_count - 1], p)) {
		m->piece[m->piece_count - 1].end = p->end;
		return 0;
	}
	bigger = realloc(m->piece, (m->piece_count + 1) * sizeof(*bigger));
	if (!bigger)
		return -1;
	m->piece = bigger;
	m->piece[m->piece_count++] = *p;
	return 0;
}

static int cut_window(struct map *m, unsigned int w)
{
	int is_ram;
	const struct cb_window *win = map_window(m, w, &is_ram);
	uint64_t start = win->start, end = win->start + win->size;
	uint64_t *cut = malloc((2 * m->owner_count + 2) * sizeof(*cut));
	unsigned int n = 0, i, k;

	if (!cut)
		return -1;
	cut[n++] = start;
	cut[n++] = end;
	for (i = 0; i < m->owner_count; i++) {
		if (m->owner[i].start > start && m->owner[i].start < end)
			cut[n++] = m->owner[i].start;
		if (m->owner[i].end > start && m->owner[i].end < end)
			cut[n++] = m->owner[i].end;
	}
	qsort(cut, n, sizeof(*cut), by_value);
	for (k = 0; k + 1 < n; k++) {
		struct map_piece p = { w, cut[k], cut[k + 1], { 0 }, 0, 0 };

		if (p.start == p.end)
			continue;
		for (i = 0; i < m->owner_count; i++)
			if (m->owner[i].start <= p.start && m->owner[i].end >= p.end &&
			    p.owner_count < MAP_MAX_OWNERS) {
				p.owner[p.owner_count++] = i;
				p.problem |= m->owner[i].problem;
			}
		p.problem |= clash(m, &p);
		if (add_piece(m, &p)) {
			free(cut);
			return -1;
		}
	}
	free(cut);
	return 0;
}

static int by_address(const void *a, const void *b)
{
	const struct map_piece *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int map_build(struct map *m)
{
	unsigned int w;

	if (add_owners(m))
		return -1;
	for (w = 0; w < map_window_count(m); w++)
		if (cut_window(m, w))
			return -1;
	qsort(m->piece, m->piece_count, sizeof(*m->piece), by_address);
	return 0;
}

void map_free(struct map *m)
{
	free(m->owner);
	free(m->piece);
	free(m->problem);
}
