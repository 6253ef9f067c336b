// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a new cell is given (see carve.h):
 *   - RAM: the lowest free range of the size asked, on a 2 MiB boundary
 *     if there is one (stage 2 then maps it in blocks), else on a page;
 *     free means in a RAM window and outside the hypervisor's memory, the
 *     root cell's regions and every --avoid cell's regions;
 *   - a device window named by --device: all of it, with the interrupts
 *     of every node in it; a board node named by its path: its register
 *     ranges, each widened to pages unless another node's registers share
 *     the page, in which case it is a `subpage` region of its bytes;
 *   - what another cell owns, the hypervisor console, the GIC's frames
 *     and (without --dma-trusted) bus masters are refused with the
 *     argument that asked.
 */
#include "carve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE CB_PAGE_SIZE
#define MIB2 0x200000ull
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))
#define MAX_USED (1 + CB_MAX_LINKS + (CARVE_MAX_AVOID + 1) * CB_MAX_REGIONS)

struct span {
	uint64_t start, end;
};

static int overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

static uint64_t page_down(uint64_t x)
{
	return x & ~(PAGE - 1);
}

static void add_cell(struct span *used, unsigned int *count,
		     const struct cb_cell_config *cell)
{
	const struct cb_memory_region *r;
	unsigned int i;

	if (!cell)
		return;
	r = cb_cell_regions(cell);
	for (i = 0; i < cell->region_count; i++)
		if (!(r[i].flags & CB_REGION_COMM) && *count < MAX_USED) {
			used[*count].start = page_down(r[i].phys_start);
			used[(*count)++].end = ALIGN_UP(r[i].phys_start +
							r[i].size, PAGE);
		}
}

/* A link's memory belongs to the link, never to a cell carved here. */
static void add_links(struct span *used, unsigned int *count,
		      const struct cb_system_config *s)
{
	const struct cb_link *l = cb_system_links(s);
	unsigned int i;

	for (i = 0; i < s->link_count && *count < MAX_USED; i++) {
		used[*count].start = l[i].phys_start;
		used[(*count)++].end = l[i].phys_start + cb_link_size(&l[i]);
	}
}

static int by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The free spans of every RAM window, in address order. */
static unsigned int free_spans(const struct carve *c, struct span *out,
			       unsigned int capacity)
{
	static struct span used[MAX_USED];
	const struct cb_window *w = cb_system_ram(c->system);
	unsigned int count = 1, i, j, n = 0;

	used[0].start = c->system->hypervisor_start;
	used[0].end = c->system->hypervisor_start + c->system->hypervisor_size;
	add_cell(used, &count, cb_system_root_cell(c->system));
	add_links(used, &count, c->system);
	for (i = 0; i < c->avoid_count; i++)
		add_cell(used, &count, c->avoid[i].cell);
	qsort(used, count, sizeof(*used), by_start);
	for (i = 0; i < c->system->ram_count; i++) {
		uint64_t cursor = w[i].start, end = w[i].start + w[i].size;

		for (j = 0; j < count && used[j].start < end; j++) {
			if (used[j].end <= cursor)
				continue;
			if (used[j].start > cursor && n < capacity)
				out[n++] = (struct span){ cursor, used[j].start };
			if (used[j].end > cursor)
				cursor = used[j].end;
		}
		if (cursor < end && n < capacity)
			out[n++] = (struct span){ cursor, end };
	}
	qsort(out, n, sizeof(*out), by_start);
	return n;
}

static const char *ram_window(const struct carve *c, uint64_t start)
{
	const struct cb_window *w = cb_system_ram(c->system);
	unsigned int i;

	for (i = 0; i < c->system->ram_count; i++)
		if (start >= w[i].start && start - w[i].start < w[i].size)
			return w[i].name;
	return "?";
}

int carve_ram(struct carve *c)
{
	struct span spans[256] = { { 0, 0 } }, *largest = NULL;
	unsigned int n = free_spans(c, spans, 256), i, pass;
	struct carve_region *r = &c->region[c->region_count];

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			uint64_t start = ALIGN_UP(spans[i].start,
						  pass ? PAGE : MIB2);

			if (start + c->ram > spans[i].end || start < spans[i].start)
				continue;
			memset(r, 0, sizeof(*r));
			snprintf(r->name, sizeof(r->name), "ram");
			r->phys = start;
			r->size = c->ram;
			r->flags = CB_REGION_READ | CB_REGION_WRITE |
				   CB_REGION_EXECUTE | CB_REGION_LOADABLE;
			snprintf(r->why, sizeof(r->why), "--ram: the first free "
				 "%s of RAM, in /ram/%.31s", pass ? "page" :
				 "2 MiB boundary", ram_window(c, start));
			c->region_count++;
			return 0;
		}
	for (i = 0; i < n; i++)
		if (!largest || spans[i].end - spans[i].start >
				largest->end - largest->start)
			largest = &spans[i];
	if (!largest)
		return carve_error("--ram", "no RAM of %s is free (the "
				   "hypervisor and the cells to avoid have it "
				   "all)", c->system_path);
	return carve_error("--ram", "0x%llx bytes are not free in one piece "
			   "(the largest free range of %s is 0x%llx bytes at "
			   "0x%llx)", (unsigned long long)c->ram, c->system_path,
			   (unsigned long long)(largest->end - largest->start),
			   (unsigned long long)largest->start);
}

/* The avoided cell whose region or interrupt @arg would take, or 0. */
static int taken(const struct carve *c, const char *arg,
		 const struct carve_region *r)
{
	unsigned int i, k;

	for (i = 0; i < c->avoid_count; i++) {
		const struct cb_cell_config *cell = c->avoid[i].cell;
		const struct cb_memory_region *o = cb_cell_regions(cell);

		for (k = 0; k < cell->region_count; k++) {
			int both_subpage = (o[k].flags & r->flags &
					    CB_REGION_SUBPAGE) != 0;

			if (o[k].flags & CB_REGION_COMM)
				continue;
			if (both_subpage ? overlaps(o[k].phys_start, o[k].size,
						    r->phys, r->size) :
			    overlaps(page_down(o[k].phys_start),
				     ALIGN_UP(o[k].phys_start + o[k].size, PAGE) -
				     page_down(o[k].phys_start), page_down(r->phys),
				     ALIGN_UP(r->phys + r->size, PAGE) -
				     page_down(r->phys)))
				return carve_error(arg, "0x%llx-0x%llx is also "
						   "cell %s's /memory/%s (%s)",
						   (unsigned long long)r->phys,
						   (unsigned long long)(r->phys +
									r->size - 1),
						   cell->name, o[k].name,
						   c->avoid[i].path);
		}
	}
	return 0;
}

static const struct cb_window *window_named(const struct carve *c,
					    const char *name)
{
	const struct cb_window *w = cb_system_devices(c->system);
	unsigned int i;

	for (i = 0; i < c->system->device_count; i++)
		if (!strncmp(w[i].name, name, CB_NAME_SIZE))
			return &w[i];
	return NULL;
}

static const struct cb_window *window_holding(const struct carve *c,
					      uint64_t start, uint64_t size)
{
	const struct cb_window *w = cb_system_devices(c->system);
	unsigned int i;

	for (i = 0; i < c->system->device_count; i++)
		if (start >= w[i].start &&
		    start + size <= w[i].start + w[i].size)
			return &w[i];
	return NULL;
}

/* What no cell may be given, whatever the other cells have. */
static int refused(const struct carve *c, const char *arg,
		   const struct carve_region *r)
{
	const struct cb_system_config *s = c->system;
	const struct cb_window *w = window_holding(c, r->phys, r->size);
	uint64_t page = page_down(r->phys);
	uint64_t pages = ALIGN_UP(r->phys + r->size, PAGE) - page;

	if (!w)
		return carve_error(arg, "0x%llx-0x%llx is in no device window "
				   "of %s", (unsigned long long)r->phys,
				   (unsigned long long)(r->phys + r->size - 1),
				   c->system_path);
	if (overlaps(page, pages, s->console.address, CB_CONSOLE_FRAME_SIZE))
		return carve_error(arg, "holds the hypervisor console's UART "
				   "0x%llx (no cell reaches it; cells print "
				   "through their emulated console)",
				   (unsigned long long)s->console.address);
	if (overlaps(page, pages, s->gic.distributor, CB_GICD_SIZE) ||
	    overlaps(page, pages, s->gic.redistributor,
		     s->gic.redistributor_stride * s->cpu_count) ||
	    (s->gic.its && overlaps(page, pages, s->gic.its, CB_GITS_SIZE)))
		return carve_error(arg, "holds GIC frames (the hypervisor "
				   "emulates the GIC for every cell; none owns "
				   "it)");
	if ((w->flags & CB_WINDOW_DMA) && !c->dma_trusted)
		return carve_error(arg, "device window %s is a bus master "
				   "(dma): give it only to a cell trusted with "
				   "all memory, with --dma-trusted", w->name);
	return taken(c, arg, r);
}

static int add_region(struct carve *c, const char *arg,
		      const struct carve_region *r)
{
	unsigned int i, n = 2;

	if (c->region_count == CB_MAX_REGIONS)
		return carve_error(arg, "more than %u regions", CB_MAX_REGIONS);
	for (i = 0; i < c->region_count; i++)
		if (overlaps(c->region[i].phys, c->region[i].size, r->phys,
			     r->size))
			return carve_error(arg, "0x%llx-0x%llx is given twice "
					   "(also as /memory/%s)",
					   (unsigned long long)r->phys,
					   (unsigned long long)(r->phys + r->size - 1),
					   c->region[i].name);
	if (refused(c, arg, r))
		return -1;
	c->region[c->region_count] = *r;
	/* Region names are unique in a cell: "NAME-2", "NAME-3"... */
	for (i = 0; i < c->region_count; i++)
		if (!strcmp(c->region[i].name,
			    c->region[c->region_count].name)) {
			snprintf(c->region[c->region_count].name, CB_NAME_SIZE,
				 "%.27s-%u", r->name, n++ % 100);
			i = (unsigned)-1;	/* and compare again */
			if (n > 99)
				return carve_error(arg, "too many regions "
						   "named %s", r->name);
		}
	c->region_count++;
	return 0;
}

int carve_interrupt(struct carve *c, uint32_t intid, const char *arg,
		    const char *why)
{
	unsigned int i, k;

	for (i = 0; i < c->irq_count; i++)
		if (c->irq[i].intid == intid)
			return 0;
	for (i = 0; i < c->avoid_count; i++) {
		const struct cb_cell_config *cell = c->avoid[i].cell;
		const uint32_t *irq = cb_cell_interrupts(cell);

		for (k = 0; k < cell->interrupt_count; k++)
			if (irq[k] == intid)
				return carve_error(arg, "interrupt %u is also cell "
						   "%s's (%s)", intid, cell->name,
						   c->avoid[i].path);
	}
	if (c->irq_count == CB_MAX_INTERRUPTS)
		return carve_error(arg, "more than %u interrupts",
				   CB_MAX_INTERRUPTS);
	c->irq[c->irq_count].intid = intid;
	snprintf(c->irq[c->irq_count++].why, sizeof(c->irq[0].why), "%s", why);
	return 0;
}

static int member_irqs(struct carve *c, const char *arg,
		       const struct note_member *m)
{
	unsigned int i;

	for (i = 0; i < m->irq_count; i++)
		if (m->irq[i] >= CB_INTID_SPI_FIRST &&
		    carve_interrupt(c, m->irq[i], arg, m->path))
			return -1;
	return 0;
}

static int whole_window(struct carve *c, const char *arg,
			const struct cb_window *w)
{
	struct carve_region r;
	unsigned int i, nodes = 0;

	memset(&r, 0, sizeof(r));
	memcpy(r.name, w->name, CB_NAME_SIZE);
	r.phys = r.guest = w->start;
	r.size = w->size;
	r.flags = CB_REGION_READ | CB_REGION_WRITE | CB_REGION_IO;
	for (i = 0; i < c->notes.count; i++)
		if (!strncmp(c->notes.member[i].window, w->name, CB_NAME_SIZE))
			nodes++;
	snprintf(r.why, sizeof(r.why), "%s: the whole window%s", arg,
		 nodes ? ", with its nodes' interrupts" : "");
	if (add_region(c, arg, &r))
		return -1;
	for (i = 0; i < c->notes.count; i++)
		if (!strncmp(c->notes.member[i].window, w->name, CB_NAME_SIZE) &&
		    member_irqs(c, arg, &c->notes.member[i]))
			return -1;
	return 0;
}

/* Whether another node's registers share a page of @m. */
static int page_shared(const struct carve *c, const struct note_member *m)
{
	uint64_t page = page_down(m->start);
	uint64_t pages = ALIGN_UP(m->start + m->size, PAGE) - page;
	unsigned int i;

	for (i = 0; i < c->notes.count; i++) {
		const struct note_member *o = &c->notes.member[i];

		if (strcmp(o->path, m->path) &&
		    overlaps(page, pages, page_down(o->start),
			     ALIGN_UP(o->start + o->size, PAGE) -
			     page_down(o->start)))
			return 1;
	}
	return 0;
}

static int node_ranges(struct carve *c, const char *arg, const char *path)
{
	unsigned int i, found = 0;

	for (i = 0; i < c->notes.count; i++) {
		const struct note_member *m = &c->notes.member[i];
		const char *base = strrchr(m->path, '/') + 1;
		struct carve_region r;

		if (strcmp(m->path, path))
			continue;
		found++;
		memset(&r, 0, sizeof(r));
		snprintf(r.name, sizeof(r.name), "%.31s", base);
		r.flags = CB_REGION_READ | CB_REGION_WRITE | CB_REGION_IO;
		if (page_shared(c, m)) {
			r.phys = m->start;
			r.size = m->size;
			r.flags |= CB_REGION_SUBPAGE;
		} else {
			r.phys = page_down(m->start);
			r.size = ALIGN_UP(m->start + m->size, PAGE) - r.phys;
		}
		r.guest = r.phys;
		snprintf(r.why, sizeof(r.why), "--device: %s %s%s", m->path,
			 m->what, r.flags & CB_REGION_SUBPAGE ?
			 " (shares its page: trapped)" : "");
		if (add_region(c, arg, &r) || member_irqs(c, arg, m))
			return -1;
	}
	return found ? 0 : 1;
}

int carve_devices(struct carve *c)
{
	unsigned int i;

	for (i = 0; i < c->device_count; i++) {
		const char *name = c->device[i];
		const struct cb_window *w = window_named(c, name + (*name == '/'));
		char path[NOTE_PATH_SIZE], arg[NOTE_PATH_SIZE + 16];
		int status = 1;

		snprintf(arg, sizeof(arg), "--device %s", name);
		/* "/PATH" names a board node first, "NAME" a window. */
		snprintf(path, sizeof(path), "%s%.250s", *name == '/' ? "" : "/",
			 name);
		if (*name == '/' || !w)
			status = node_ranges(c, arg, path);
		if (status > 0 && w)
			status = whole_window(c, arg, w);
		if (status < 0)
			return -1;
		if (status > 0)
			return carve_error(arg, "no device window of %s has this "
					   "name, and no board node with this "
					   "path is in its windows%s",
					   c->system_path, c->notes.count ? "" :
					   " (it has no notes of `config "
					   "create`: name a window)");
	}
	return 0;
}
