// SPDX-License-Identifier: GPL-2.0-only
/*
 * The validator's rules for shared-memory links (struct cb_link in
 * <cellblock/config.h>; contract in config_check.h).
 *
 * On its own a system config says where each link's memory lies and where
 * each peer sees it; these checks hold that memory inside RAM and away
 * from the hypervisor and from every other link, and each peer's BARs
 * inside guest space and away from what every cell sees emulated. Against
 * a set of cells they hold each peer to a cell of the set with room for
 * the device, its BARs to free guest space of that cell, and every cell's
 * memory away from the links': a link is the only memory two cells share.
 */
#include "config_check_internal.h"

#include "format.h"

#include <cellblock/ivshmem.h>
#include <cellblock/limits.h>

/*
 * Bound of a link's memory. Checked on each size before cb_link_size()
 * adds them, so the sum cannot overflow; far beyond any RAM window this
 * build reaches, so it refuses nothing a board could hold.
 */
#define LINK_SIZE_LIMIT (1ull << 39)

/* Peers the link's array holds: a bad peer_count reads no further. */
static unsigned peers_of(const struct cb_link *l)
{
	return l->peer_count < CB_MAX_LINK_PEERS ? l->peer_count :
						   CB_MAX_LINK_PEERS;
}

/*
 * Whether @l's counts and sizes passed their checks: only then may
 * cb_link_size() and cb_link_bar_size() be computed and the memory be
 * placed.
 */
static int link_sound(const struct cb_link *l)
{
	return l->peer_count >= 2 && l->peer_count <= CB_MAX_LINK_PEERS &&
	       l->rw_size < LINK_SIZE_LIMIT &&
	       l->output_size < LINK_SIZE_LIMIT &&
	       cb_link_size(l) < LINK_SIZE_LIMIT &&
	       range_sound((struct range){ l->phys_start, cb_link_size(l) });
}

/* Only for sound links. */
static struct range link_memory(const struct cb_link *l)
{
	return (struct range){ l->phys_start, cb_link_size(l) };
}

/* What peer @p of the sound link @l takes in its cell's guest space: BAR 2
   (the memory, rounded up to a power of two), then BAR 0, the registers. */
static struct range peer_bars(const struct cb_link *l,
			      const struct cb_link_peer *p)
{
	return (struct range){ p->guest,
			       cb_link_bar_size(l) + CB_IVSHMEM_REG_SIZE };
}

static void link_path(char *buf, size_t size, const struct cb_system_config *s,
		      unsigned index)
{
	config_item_path(buf, size, "links", cb_system_links(s)[index].name,
			 index);
}

static void peer_path(char *buf, size_t size, const char *link_node,
		      unsigned peer)
{
	format_string(buf, size, "%s/peer@%u", link_node, peer);
}

static int peer_is_zero(const struct cb_link_peer *p)
{
	const uint8_t *byte = (const uint8_t *)p;
	size_t i;

	for (i = 0; i < sizeof(*p); i++)
		if (byte[i])
			return 0;
	return 1;
}

static void check_link_counts(const struct checker *ck, const char *node,
			      const struct cb_link *l)
{
	char peer[80];
	unsigned i;

	config_check_flags(ck, node, l->flags, 0);
	if (l->peer_count < 2 || l->peer_count > CB_MAX_LINK_PEERS)
		problem(ck, node, "has %u peers (expected 2 to %u: peer@0, "
			"peer@1, ...)", l->peer_count, CB_MAX_LINK_PEERS);
	for (i = peers_of(l); i < CB_MAX_LINK_PEERS; i++)
		if (!peer_is_zero(&l->peer[i])) {
			peer_path(peer, sizeof(peer), node, i);
			problem(ck, peer, "is set but the link has %u peers "
				"(expected entries from peer@%u on to be zero)",
				l->peer_count, peers_of(l));
		}
}

static void check_link_sizes(const struct checker *ck, const char *node,
			     const struct cb_link *l)
{
	if (!is_aligned(l->phys_start, CB_PAGE_SIZE))
		problem(ck, node, "start 0x%llx is not page-aligned (expected "
			"a multiple of 0x%llx)",
			(unsigned long long)l->phys_start, CB_PAGE_SIZE);
	if (!is_aligned(l->rw_size, CB_PAGE_SIZE))
		problem(ck, node, "rw-size 0x%llx is not a multiple of 0x%llx",
			(unsigned long long)l->rw_size, CB_PAGE_SIZE);
	if (!is_aligned(l->output_size, CB_PAGE_SIZE))
		problem(ck, node, "output-size 0x%llx is not a multiple of "
			"0x%llx", (unsigned long long)l->output_size,
			CB_PAGE_SIZE);
	if (l->peer_count > CB_MAX_LINK_PEERS)
		return;		/* no size to speak of */
	if (l->rw_size >= LINK_SIZE_LIMIT ||
	    l->output_size >= LINK_SIZE_LIMIT ||
	    cb_link_size(l) >= LINK_SIZE_LIMIT)
		problem(ck, node, "rw-size 0x%llx and %u output sections of "
			"output-size 0x%llx are too large (expected the link's "
			"memory, with its 0x%llx-byte state table, below "
			"0x%llx bytes)", (unsigned long long)l->rw_size,
			l->peer_count, (unsigned long long)l->output_size,
			CB_LINK_STATE_TABLE_SIZE, LINK_SIZE_LIMIT);
	else if (!range_sound((struct range){ l->phys_start,
					      cb_link_size(l) }))
		problem(ck, node, "start 0x%llx + size 0x%llx overflows the "
			"address space", (unsigned long long)l->phys_start,
			(unsigned long long)cb_link_size(l));
}

/* @l is sound. */
static void check_link_memory(const struct checker *ck, const char *node,
			      const struct cb_system_config *s,
			      const struct cb_link *l,
			      const struct gic_frames *f)
{
	struct range mem = link_memory(l);

	if (!config_in_ram_window(s, mem))
		problem(ck, node, "memory 0x%llx-0x%llx is not inside a RAM "
			"window (expected inside /ram)",
			(unsigned long long)mem.start,
			(unsigned long long)range_last(mem));
	else
		config_check_reach(ck, node, "memory", mem, CB_LIMIT_PHYS_BITS,
				   PHYS_REACH);
	config_check_phys_clear(ck, node, "memory", mem, s, f);
}

/* Invariant: no two links share memory (each has its own state table). */
static void check_link_apart(const struct checker *ck, const char *node,
			     const struct cb_system_config *s, unsigned index)
{
	const struct cb_link *links = cb_system_links(s), *l = &links[index];
	char other[64];
	unsigned j;

	for (j = 0; j < index; j++) {
		if (config_name_valid(l->name) &&
		    config_names_equal(l->name, links[j].name))
			problem(ck, node, "name \"%s\" is used twice (expected "
				"unique link names)", l->name);
		if (!link_sound(l) || !link_sound(&links[j]) ||
		    !range_overlaps(link_memory(l), link_memory(&links[j])))
			continue;
		link_path(other, sizeof(other), s, j);
		problem(ck, node, "memory 0x%llx-0x%llx overlaps %s (0x%llx-"
			"0x%llx)", (unsigned long long)l->phys_start,
			(unsigned long long)range_last(link_memory(l)), other,
			(unsigned long long)links[j].phys_start,
			(unsigned long long)range_last(link_memory(&links[j])));
	}
}

/* Invariant: a cell's BARs of two links do not overlap in its guest space. */
static void check_peer_apart(const struct checker *ck, const char *node,
			     const struct cb_system_config *s, unsigned index,
			     unsigned id)
{
	const struct cb_link *links = cb_system_links(s), *l = &links[index];
	struct range bars = peer_bars(l, &l->peer[id]), other;
	char path[64];
	unsigned j, k;

	for (j = 0; j < index; j++)
		for (k = 0; link_sound(&links[j]) && k < peers_of(&links[j]);
		     k++) {
			if (!config_names_equal(l->peer[id].cell,
						links[j].peer[k].cell))
				continue;
			other = peer_bars(&links[j], &links[j].peer[k]);
			if (!range_sound(other) || !range_overlaps(bars, other))
				continue;
			link_path(path, sizeof(path), s, j);
			problem(ck, node, "BAR range 0x%llx-0x%llx overlaps cell "
				"\"%s\"'s BAR range of %s (guest 0x%llx-0x%llx)",
				(unsigned long long)bars.start,
				(unsigned long long)range_last(bars),
				l->peer[id].cell, path,
				(unsigned long long)other.start,
				(unsigned long long)range_last(other));
		}
}

static void check_peer(const struct checker *ck, const char *node,
		       const struct cb_system_config *s, unsigned index,
		       unsigned id, const struct gic_frames *f)
{
	const struct cb_link *l = &cb_system_links(s)[index];
	const struct cb_link_peer *p = &l->peer[id];
	uint64_t bar_size;
	struct range bars;
	unsigned j;

	config_check_name(ck, node, "cell", p->cell);
	for (j = 0; j < id; j++)
		if (config_name_valid(p->cell) &&
		    config_names_equal(p->cell, l->peer[j].cell))
			problem(ck, node, "cell \"%s\" is already peer@%u of "
				"this link (expected each cell at most once)",
				p->cell, j);
	if (!link_sound(l))
		return;
	bar_size = cb_link_bar_size(l);
	bars = peer_bars(l, p);
	if (!is_aligned(p->guest, bar_size))
		problem(ck, node, "guest 0x%llx is not aligned to the link's "
			"BAR size 0x%llx (expected a multiple of it: a PCI BAR "
			"is naturally aligned)", (unsigned long long)p->guest,
			(unsigned long long)bar_size);
	else if (!range_sound(bars))
		problem(ck, node, "guest 0x%llx plus the 0x%llx bytes of the "
			"BARs overflows the address space",
			(unsigned long long)p->guest,
			(unsigned long long)bars.size);
	else if (config_check_reach(ck, node, "BAR range", bars,
				    CB_LIMIT_GUEST_BITS, GUEST_REACH))
		config_check_guest_reserved(ck, node, "BAR range", bars, s,
					    f);
	if (config_name_valid(p->cell) && is_aligned(p->guest, bar_size) &&
	    range_sound(bars))
		check_peer_apart(ck, node, s, index, id);
}

void config_check_links(const struct checker *ck,
			const struct cb_system_config *s)
{
	const struct cb_link *links = cb_system_links(s);
	struct gic_frames f;
	char node[64], peer[80];
	unsigned i, id;

	if (s->link_count && !s->vpci.ecam)
		problem(ck, "/links", "has %u links but the system has no "
			"virtual PCI host (expected a /vpci node with ecam: the "
			"links are devices on its bus)", s->link_count);
	config_gic_frames_of(s, &f);
	for (i = 0; i < s->link_count; i++) {
		const struct cb_link *l = &links[i];

		link_path(node, sizeof(node), s, i);
		config_check_node_name(ck, node, l->name);
		check_link_counts(ck, node, l);
		check_link_sizes(ck, node, l);
		if (link_sound(l))
			check_link_memory(ck, node, s, l, &f);
		check_link_apart(ck, node, s, i);
		for (id = 0; id < peers_of(l); id++) {
			peer_path(peer, sizeof(peer), node, id);
			check_peer(ck, peer, s, i, id, &f);
		}
	}
}

/* Whether @l has the cell @name among its peers. */
static int link_has_cell(const struct cb_link *l, const char *name)
{
	unsigned id;

	for (id = 0; id < peers_of(l); id++)
		if (config_names_equal(l->peer[id].cell, name))
			return 1;
	return 0;
}

unsigned config_cell_link_count(const struct cb_system_config *s,
				const char *name)
{
	const struct cb_link *links = cb_system_links(s);
	unsigned i, count = 0;

	for (i = 0; i < s->link_count; i++)
		count += (unsigned)link_has_cell(&links[i], name);
	return count;
}

static const struct member *member_named(const struct member *m,
					 unsigned count, const char *name)
{
	unsigned i;

	for (i = 0; i < count; i++)
		if (config_names_equal(m[i].cell->name, name))
			return &m[i];
	return NULL;
}

/* Where peer @p of the sound link @l falls in its cell @c's guest space. */
static void check_peer_in_cell(const struct checker *sys, const char *node,
			       const struct cb_link *l,
			       const struct cb_link_peer *p,
			       const struct cb_cell_config *c)
{
	const struct cb_memory_region *reg = cb_cell_regions(c);
	struct range bars = peer_bars(l, p);
	struct range console = { c->console.emulated, CB_PAGE_SIZE };
	unsigned i;

	if (!range_sound(bars))
		return;		/* reported by check_peer() */
	for (i = 0; i < c->region_count; i++) {
		struct range g = region_guest(&reg[i]);

		if (!range_sound(g) || !range_overlaps(bars, page_span(g)))
			continue;
		problem(sys, node, "BAR range 0x%llx-0x%llx overlaps cell \"%s\" "
			"/memory/%s (guest 0x%llx-0x%llx; expected free guest "
			"space of the cell)", (unsigned long long)bars.start,
			(unsigned long long)range_last(bars),
			config_display_name(c->name),
			config_display_name(reg[i].name),
			(unsigned long long)g.start,
			(unsigned long long)range_last(g));
	}
	if ((c->console.flags & CB_CELL_CONSOLE_EMULATED) &&
	    range_sound(console) && range_overlaps(bars, console))
		problem(sys, node, "BAR range 0x%llx-0x%llx overlaps cell \"%s\"'s "
			"emulated console at guest 0x%llx (expected free guest "
			"space of the cell)", (unsigned long long)bars.start,
			(unsigned long long)range_last(bars),
			config_display_name(c->name),
			(unsigned long long)console.start);
}

/* Invariant: a link's memory is no cell's region, the root cell's
   included: its peers reach it only through the link's mappings. */
static void check_link_memory_unowned(const struct checker *sys,
				      const char *node, const struct cb_link *l,
				      const struct member *m, unsigned count)
{
	struct range mem = link_memory(l);
	unsigned i, j;

	for (i = 0; i < count; i++) {
		const struct cb_memory_region *reg = cb_cell_regions(m[i].cell);

		for (j = 0; j < m[i].cell->region_count; j++) {
			struct range r = region_phys(&reg[j]);

			if (!region_has_phys(&reg[j]) || !range_sound(r) ||
			    !range_overlaps(mem, page_span(r)))
				continue;
			problem(sys, node, "memory 0x%llx-0x%llx overlaps cell "
				"\"%s\" /memory/%s (phys 0x%llx-0x%llx; "
				"expected a link's memory to be no cell's "
				"region: its peers map it through the link)",
				(unsigned long long)mem.start,
				(unsigned long long)range_last(mem),
				config_display_name(m[i].cell->name),
				config_display_name(reg[j].name),
				(unsigned long long)r.start,
				(unsigned long long)range_last(r));
		}
	}
}

/* Each link of a cell is a device on its bus, with its own INTx line
   (interrupt-base + device number) and its own emulated register frame. */
static void check_cell_link_room(const struct checker *sys,
				 const struct cb_system_config *s,
				 const struct cb_cell_config *c)
{
	unsigned count = config_cell_link_count(s, c->name);

	if (count > CB_LIMIT_CELL_LINKS)
		problem(sys, "/links", "cell \"%s\" is a peer of %u links "
			"(expected at most %u per cell in this build)",
			config_display_name(c->name), count,
			CB_LIMIT_CELL_LINKS);
	else if (s->vpci.ecam && count > s->vpci.interrupt_count)
		problem(sys, "/links", "cell \"%s\" is a peer of %u links but "
			"/vpci has interrupt-count %u (expected at most one "
			"link per interrupt: device d raises interrupt-base "
			"+ d)", config_display_name(c->name), count,
			s->vpci.interrupt_count);
}

void config_check_set_links(const struct checker *sys,
			    const struct cb_system_config *s,
			    const struct member *m, unsigned count)
{
	const struct cb_link *links = cb_system_links(s);
	char node[64], peer[80];
	unsigned i, id;

	for (i = 0; i < count; i++)
		check_cell_link_room(sys, s, m[i].cell);
	for (i = 0; i < s->link_count; i++) {
		const struct cb_link *l = &links[i];

		link_path(node, sizeof(node), s, i);
		for (id = 0; id < peers_of(l); id++) {
			const struct cb_link_peer *p = &l->peer[id];
			const struct member *cell;

			if (!config_name_valid(p->cell))
				continue;	/* reported by check_peer() */
			peer_path(peer, sizeof(peer), node, id);
			cell = member_named(m, count, p->cell);
			if (!cell)
				problem(sys, peer, "cell \"%s\" is not a cell of "
					"this system (expected the root cell "
					"or one of the cells checked with it)",
					p->cell);
			else if (link_sound(l))
				check_peer_in_cell(sys, peer, l, p, cell->cell);
		}
		if (link_sound(l))
			check_link_memory_unowned(sys, node, l, m, count);
	}
}
