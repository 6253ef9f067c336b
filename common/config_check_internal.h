/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the files of the config validator share (config_check.c, the rules
 * of one config and of a set of cells; config_check_link.c, the rules of
 * shared-memory links; config_check_manage.c, those of management
 * permissions; config_check_policy.c, those of failure policies and
 * voting). Not a public interface: config_check.h is.
 *
 * Small range arithmetic is inline here; the helpers that report problems
 * or walk a system config are defined once, in config_check.c.
 */
#ifndef CELLBLOCK_CONFIG_CHECK_INTERNAL_H
#define CELLBLOCK_CONFIG_CHECK_INTERNAL_H

#include "config_check.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Where problems of one blob go, and the prefix of its node paths. */
struct checker {
	struct config_report *report;
	const void *subject;
	const char *prefix;	/* "/root-cell" inside a system, else "" */
};

/* A cell of the set being checked, with the checker of its blob. */
struct member {
	const struct cb_cell_config *cell;
	struct checker ck;
};

/* What stops an address past each limit, for messages. */
#define EL2_REACH "the hypervisor's EL2 identity map of every window " \
		  "reaches no further"
#define GUEST_REACH "a cell's guest-physical space ends there"
#define PHYS_REACH "stage 2 outputs no physical address above it"

/* ---- ranges ------------------------------------------------------------ */

struct range {
	uint64_t start, size;
};

static inline uint64_t range_last(struct range r)
{
	return r.start + r.size - 1;
}

static inline int range_sound(struct range r)
{
	return r.size && r.start + (r.size - 1) >= r.start;
}

/* Only for sound ranges. */
static inline int range_overlaps(struct range a, struct range b)
{
	return a.start <= range_last(b) && b.start <= range_last(a);
}

static inline int range_inside(struct range inner, struct range outer)
{
	return inner.start >= outer.start &&
	       range_last(inner) <= range_last(outer);
}

static inline int is_aligned(uint64_t value, uint64_t align)
{
	return (value & (align - 1)) == 0;
}

/* Pages a sound range touches: what a stage-2 mapping of it would expose. */
static inline struct range page_span(struct range r)
{
	uint64_t first = r.start & ~(CB_PAGE_SIZE - 1);
	uint64_t last = range_last(r) | (CB_PAGE_SIZE - 1);

	return (struct range){ first, last - first + 1 };
}

static inline struct range region_phys(const struct cb_memory_region *r)
{
	return (struct range){ r->phys_start, r->size };
}

static inline struct range region_guest(const struct cb_memory_region *r)
{
	return (struct range){ r->guest_start, r->size };
}

static inline int region_has_phys(const struct cb_memory_region *r)
{
	return !(r->flags & CB_REGION_COMM);
}

static inline struct range vpci_window(const struct cb_system_config *s)
{
	return (struct range){ s->vpci.ecam,
			       s->vpci.bus_count * CB_VPCI_BUS_SIZE };
}

static inline int has_vpci(const struct cb_system_config *s)
{
	return s->vpci.ecam && range_sound(vpci_window(s));
}

/* The GIC frames each cell sees emulated at their physical addresses. */
struct gic_frames {
	struct range frame[CB_MAX_CPUS + 2];
	const char *label[CB_MAX_CPUS + 2];
	unsigned count;
};

/* ---- defined in config_check.c ------------------------------------------ */

/**
 * config_vproblem() - report one problem at @node (a path in the source
 * schema, which @ck's prefix heads), formatted from @fmt and @ap.
 */
void config_vproblem(const struct checker *ck, const char *node,
		     const char *fmt, va_list ap);

/* problem() - config_vproblem() with variadic arguments: the call every
   check makes. */
__attribute__((format(printf, 3, 4))) static inline void
problem(const struct checker *ck, const char *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	config_vproblem(ck, node, fmt, ap);
	va_end(ap);
}

/**
 * config_check_reach() - report @what, the sound range @r, at @node unless
 * it ends at or below 2^@bits; @why names what cannot reach further.
 * Return: whether it fits.
 */
int config_check_reach(const struct checker *ck, const char *node,
		       const char *what, struct range r, unsigned bits,
		       const char *why);

/** config_names_equal() - whether two CB_NAME_SIZE name fields match. */
int config_names_equal(const char *a, const char *b);

/** config_display_name() - @name if valid, else "?" (it may lack a NUL). */
const char *config_display_name(const char *name);

/** config_check_name() - report @property, a name field, unless valid. */
void config_check_name(const struct checker *ck, const char *node,
		       const char *property, const char *name);

/** config_check_node_name() - a valid name made of node-name characters. */
void config_check_node_name(const struct checker *ck, const char *node,
			    const char *name);

/**
 * config_item_path() - "/<parent>/<name>" into @buf, or "/<parent>/#<index>"
 * when @name is not valid.
 */
void config_item_path(char *buf, size_t size, const char *parent,
		      const char *name, unsigned index);

/** config_check_flags() - report bits of @flags outside @defined. */
void config_check_flags(const struct checker *ck, const char *node,
			uint32_t flags, uint32_t defined);

/** config_gic_frames_of() - the GIC frames of @s (sound stride only). */
void config_gic_frames_of(const struct cb_system_config *s,
			  struct gic_frames *f);

/**
 * config_check_phys_clear() - report @phys (property @what of @node) if
 * its pages touch the hypervisor's memory, a GIC frame or the hypervisor
 * console's UART.
 */
void config_check_phys_clear(const struct checker *ck, const char *node,
			     const char *what, struct range phys,
			     const struct cb_system_config *s,
			     const struct gic_frames *f);

/** config_in_ram_window() - whether @r lies inside one RAM window of @s. */
int config_in_ram_window(const struct cb_system_config *s, struct range r);

/**
 * config_check_guest_reserved() - report @what, the sound guest range
 * @span, where it overlaps a frame every cell sees emulated (GIC frames
 * @f, the vPCI ECAM window).
 */
void config_check_guest_reserved(const struct checker *ck, const char *node,
				 const char *what, struct range span,
				 const struct cb_system_config *s,
				 const struct gic_frames *f);

/* ---- defined in config_check_link.c ------------------------------------ */

/**
 * config_check_links() - the links of @s on their own (config_check_system:
 * names, sizes, placement of the memory and of each peer's BARs).
 * Precondition: @s's array sizes are sound.
 */
void config_check_links(const struct checker *ck,
			const struct cb_system_config *s);

/**
 * config_cell_link_count() - links of @s that name the cell @name as a
 * peer: each is a device, an interrupt line and an emulated region of it.
 */
unsigned config_cell_link_count(const struct cb_system_config *s,
				const char *name);

/**
 * config_check_set_links() - the links of @s against the cells @m[0,
 * @count) of one set, the root cell included: each peer is a cell of the
 * set, no cell is in more links than it has room for, a peer's BARs fall
 * on none of its regions or its emulated console, and no cell's memory
 * overlaps a link's.
 */
void config_check_set_links(const struct checker *sys,
			    const struct cb_system_config *s,
			    const struct member *m, unsigned count);

/* ---- defined in config_check_manage.c ---------------------------------- */

/**
 * config_check_manages() - the management permissions of @c on their own:
 * each name of its manage list valid, not its own and listed once, and no
 * list beside CB_CELL_MANAGE_ALL.
 * Precondition: @c's array sizes are sound.
 */
void config_check_manages(const struct checker *ck,
			  const struct cb_cell_config *c);

/**
 * config_check_set_manages() - every name of a manage list of the cells
 * @m[0, @count) (the root cell included) is a cell of that set.
 */
void config_check_set_manages(const struct member *m, unsigned count);

/* ---- defined in config_check_policy.c ---------------------------------- */

/**
 * config_check_policy() - the watchdog, failure policy, voting and comm
 * interrupt of @c on their own: each in range, a restart limit exactly
 * with on-failure "restart", a vote timeout exactly with voting, voting
 * only with a read/write comm region and a comm interrupt, and a comm
 * interrupt only with a comm region, an SPI not among the cell's own.
 * Precondition: @c's array sizes are sound.
 */
void config_check_policy(const struct checker *ck,
			 const struct cb_cell_config *c);

/**
 * config_check_policy_in_system() - @c's comm interrupt against its
 * system @s: an INTID the GIC implements, not the emulated console's line
 * (the system console's INTID) when the cell has one, not one of the
 * virtual PCI host's INTx lines.
 */
void config_check_policy_in_system(const struct checker *ck,
				   const struct cb_system_config *s,
				   const struct cb_cell_config *c);

#endif /* CELLBLOCK_CONFIG_CHECK_INTERNAL_H */
