// SPDX-License-Identifier: GPL-2.0-only
/*
 * The config validator (see config_check.h for the contract).
 *
 * This file is longer than the house limit of ~500 lines on purpose: the
 * configuration issue asks for the safety checks to live in one place, so
 * that a reviewer certifying the hypervisor reads the complete rule set
 * together and the host tool cannot drift from it. The one exception is
 * the rules of shared-memory links, in config_check_link.c beside it,
 * those of management permissions, in config_check_manage.c, and those of
 * failure policies and voting, in config_check_policy.c (called from the
 * checks of one cell and of the set below, with the helpers they share
 * declared in config_check_internal.h).
 *
 * Order of work: header and array bounds first (nothing else is read until
 * they hold), then each field on its own, then relations. A check that would
 * read an array through an unsound count never runs; a check on a value that
 * already failed (an overflowing range, say) skips it rather than reporting
 * consequences of the same mistake again.
 */
#include "config_check_internal.h"

#include "crc32.h"
#include "format.h"

#include <cellblock/limits.h>

#include <stdarg.h>
#include <stddef.h>

#define MPIDR_AFFINITY_MASK 0xff00ffffffull
#define GIC_FRAME_ALIGN 0x10000ull

void config_vproblem(const struct checker *ck, const char *node,
		     const char *fmt, va_list ap)
{
	char where[96], what[256];

	if (*ck->prefix && node[0] == '/' && node[1] == '\0')
		node = "";
	format_string(where, sizeof(where), "%s%s", ck->prefix, node);
	format_vstring(what, sizeof(what), fmt, ap);
	ck->report->problem_count++;
	ck->report->problem(ck->report, ck->subject, where, what);
}

/* ---- reach of this build's translation regimes (cellblock/limits.h) ---- */

/*
 * Reports @what, the sound range @r, at @node unless it ends at or below
 * 2^@bits; @why names what cannot reach further. Returns whether it fits.
 */
int config_check_reach(const struct checker *ck, const char *node,
		       const char *what, struct range r, unsigned bits,
		       const char *why)
{
	if (!(range_last(r) >> bits))
		return 1;
	problem(ck, node, "%s 0x%llx-0x%llx ends above 2^%u (expected to end "
		"at or below 0x%llx: %s)", what, (unsigned long long)r.start,
		(unsigned long long)range_last(r), bits, 1ull << bits, why);
	return 0;
}

/* ---- names ------------------------------------------------------------- */

int config_name_valid(const char *name)
{
	unsigned i = 0;

	while (i < CB_NAME_SIZE && name[i] >= 0x20 && name[i] < 0x7f)
		i++;
	if (i == 0 || i == CB_NAME_SIZE)
		return 0;
	for (; i < CB_NAME_SIZE; i++)
		if (name[i])
			return 0;
	return 1;
}

int config_names_equal(const char *a, const char *b)
{
	unsigned i;

	for (i = 0; i < CB_NAME_SIZE; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* A name fit to print: an invalid one may lack its NUL. */
const char *config_display_name(const char *name)
{
	return config_name_valid(name) ? name : "?";
}

void config_check_name(const struct checker *ck, const char *node,
		       const char *property, const char *name)
{
	unsigned i = 0;

	while (i < CB_NAME_SIZE && name[i] >= 0x20 && name[i] < 0x7f)
		i++;
	if (config_name_valid(name))
		return;
	if (i == 0 && name[0] == '\0')
		problem(ck, node, "%s is empty (expected 1 to %u printable "
			"characters)", property, CB_NAME_SIZE - 1);
	else if (i == CB_NAME_SIZE)
		problem(ck, node, "%s is not NUL-terminated within %u bytes "
			"(expected at most %u characters)", property,
			CB_NAME_SIZE, CB_NAME_SIZE - 1);
	else if (name[i])
		problem(ck, node, "%s has byte 0x%02x at offset %u (expected "
			"printable ASCII)", property, (unsigned char)name[i], i);
	else
		problem(ck, node, "%s has non-zero bytes after its end "
			"(expected NUL padding)", property);
}

/* Node path "/<parent>/<name>", or "/<parent>/#<index>" for a bad name. */
void config_item_path(char *buf, size_t size, const char *parent,
		      const char *name, unsigned index)
{
	if (config_name_valid(name))
		format_string(buf, size, "/%s/%s", parent, name);
	else
		format_string(buf, size, "/%s/#%u", parent, index);
}

static int alphanumeric(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Device-tree node-name characters: item names are node names in source. */
static int node_name_char(char c, unsigned offset)
{
	return alphanumeric(c) || c == ',' || c == '.' || c == '_' ||
	       c == '+' || c == '-' || (c == '@' && offset);
}

/*
 * A cell's name heads each of its console lines as "[name] ": a space or a
 * bracket in it would let the cell print a line that reads as another
 * writer's.
 */
static int cell_name_char(char c, unsigned offset)
{
	(void)offset;
	return alphanumeric(c) || c == '-' || c == '_' || c == '.';
}

/* Reports the first character of @name, a valid name, that @allowed
   refuses; @expected says what is allowed. */
static void check_name_chars(const struct checker *ck, const char *node,
			     const char *property, const char *name,
			     int (*allowed)(char c, unsigned offset),
			     const char *expected)
{
	unsigned i;

	for (i = 0; config_name_valid(name) && name[i]; i++)
		if (!allowed(name[i], i)) {
			problem(ck, node, "%s has '%c' at offset %u (expected "
				"%s)", property, name[i], i, expected);
			return;
		}
}

void config_check_node_name(const struct checker *ck, const char *node,
			    const char *name)
{
	config_check_name(ck, node, "name", name);
	check_name_chars(ck, node, "name", name, node_name_char,
			 "a device-tree node name: letters, digits and "
			 ",._+-@");
}

/* The hypervisor's own console prefix is "[cellblock] ". */
static const char hypervisor_name[] = "cellblock";

/* Whether @name is the hypervisor's, in any case: "[CellBlock]" reads as
   "[cellblock]" on a console. */
static int is_hypervisor_name(const char *name)
{
	unsigned i;

	for (i = 0; i < sizeof(hypervisor_name); i++) {
		char c = name[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != hypervisor_name[i])
			return 0;
	}
	return 1;
}

static void check_cell_name(const struct checker *ck, const char *name)
{
	config_check_name(ck, "/", "cell-name", name);
	check_name_chars(ck, "/", "cell-name", name, cell_name_char,
			 "letters, digits, '-', '_' and '.': the console "
			 "prefixes the cell's lines with \"[cell-name] \"");
	if (config_name_valid(name) && is_hypervisor_name(name))
		problem(ck, "/", "cell-name \"%s\" is the hypervisor's "
			"(expected another name: the console prefixes the "
			"hypervisor's own lines with \"[%s] \")", name,
			hypervisor_name);
}

static void check_zero(const struct checker *ck, const char *node,
		       const char *field, uint64_t value)
{
	if (value)
		problem(ck, node, "%s is 0x%llx (expected 0: reserved in format "
			"revision %u)", field, (unsigned long long)value,
			CB_CONFIG_REVISION);
}

/* Undefined flag bits are reserved: a later revision may give them a
   meaning this one would ignore. */
void config_check_flags(const struct checker *ck, const char *node,
			uint32_t flags, uint32_t defined)
{
	if (flags & ~defined)
		problem(ck, node, "flags 0x%x has undefined bits 0x%x", flags,
			flags & ~defined);
}

static void check_zero_array(const struct checker *ck, const char *node,
			     const uint64_t *words, unsigned count)
{
	unsigned i;
	char field[24];

	for (i = 0; i < count; i++) {
		format_string(field, sizeof(field), "reserved[%u]", i);
		check_zero(ck, node, field, words[i]);
	}
}

/* ---- header ------------------------------------------------------------ */

static const char *kind_name(unsigned kind)
{
	return kind == CB_CONFIG_KIND_SYSTEM ? "system" :
	       kind == CB_CONFIG_KIND_CELL   ? "cell" : "unknown";
}

static uint32_t header_crc(const void *blob, uint64_t size)
{
	static const uint8_t zero[4];
	const uint8_t *bytes = blob;
	size_t crc_at = offsetof(struct cb_config_header, crc32);
	uint32_t crc;

	crc = crc32_update(0, bytes, crc_at);
	crc = crc32_update(crc, zero, sizeof(zero));
	return crc32_update(crc, bytes + crc_at + 4, (size_t)size - crc_at - 4);
}

/* Checks what must hold before any field past the header may be read. */
static int check_header(const struct checker *ck, const void *blob,
			uint64_t size, unsigned kind, uint64_t body_size)
{
	const struct cb_config_header *h = blob;
	uint32_t crc;

	if (!blob || ((uintptr_t)blob & 7)) {
		problem(ck, "/", "config is not 8-byte aligned in memory");
		return 0;
	}
	if (size < body_size) {
		problem(ck, "/", "config is %llu bytes, too short for a %s "
			"config (expected at least %llu)",
			(unsigned long long)size, kind_name(kind),
			(unsigned long long)body_size);
		return 0;
	}
	if (h->magic != CB_CONFIG_MAGIC) {
		problem(ck, "/", "magic 0x%08x is not a cellblock config "
			"(expected 0x%08x, \"CBCF\")", h->magic,
			CB_CONFIG_MAGIC);
		return 0;
	}
	if (h->revision != CB_CONFIG_REVISION) {
		problem(ck, "/", "format revision %u is not supported "
			"(expected %u)", h->revision, CB_CONFIG_REVISION);
		return 0;
	}
	if (h->kind != kind) {
		problem(ck, "/", "kind %u is a %s config (expected a %s config)",
			h->kind, kind_name(h->kind), kind_name(kind));
		return 0;
	}
	if (h->total_size != size) {
		problem(ck, "/", "total size %u in the header does not match "
			"the %llu bytes given", h->total_size,
			(unsigned long long)size);
		return 0;
	}
	crc = header_crc(blob, size);
	if (h->crc32 != crc) {
		problem(ck, "/", "CRC32 0x%08x does not match the contents "
			"(computed 0x%08x)", h->crc32, crc);
		return 0;
	}
	return 1;
}

static int check_count(const struct checker *ck, const char *field,
		       uint32_t count, uint32_t min, uint32_t max)
{
	if (count >= min && count <= max)
		return 1;
	problem(ck, "/", "%s %u is out of range (expected %u to %u)", field,
		count, min, max);
	return 0;
}

static int check_array_size(const struct checker *ck, uint64_t size,
			    uint64_t expected)
{
	if (size == expected)
		return 1;
	problem(ck, "/", "size %llu does not match the arrays the header "
		"counts (expected %llu bytes)", (unsigned long long)size,
		(unsigned long long)expected);
	return 0;
}

/* ---- system ------------------------------------------------------------ */

void config_gic_frames_of(const struct cb_system_config *s,
			  struct gic_frames *f)
{
	unsigned cpu;

	f->count = 0;
	f->frame[f->count] = (struct range){ s->gic.distributor, CB_GICD_SIZE };
	f->label[f->count++] = "distributor";
	/* A whole stride per CPU: GICv4 puts its VLPI frames (which make
	   the GIC write memory) after the two GICv3 ones. */
	for (cpu = 0; cpu < s->cpu_count; cpu++) {
		f->frame[f->count] = (struct range){
			s->gic.redistributor + cpu * s->gic.redistributor_stride,
			s->gic.redistributor_stride };
		f->label[f->count++] = "redistributor";
	}
	if (s->gic.its) {
		f->frame[f->count] = (struct range){ s->gic.its, CB_GITS_SIZE };
		f->label[f->count++] = "ITS";
	}
}

static int inside_windows(struct range r, const struct cb_window *w,
			  unsigned count)
{
	unsigned i;

	for (i = 0; i < count; i++)
		if (range_sound((struct range){ w[i].start, w[i].size }) &&
		    range_inside(r, (struct range){ w[i].start, w[i].size }))
			return 1;
	return 0;
}

static int in_device_window(const struct cb_system_config *s, struct range r)
{
	return inside_windows(r, cb_system_devices(s), s->device_count);
}

int config_in_ram_window(const struct cb_system_config *s, struct range r)
{
	return inside_windows(r, cb_system_ram(s), s->ram_count);
}

static void check_window_flags(const struct checker *ck, const char *node,
			       const struct cb_window *w, int ram)
{
	check_zero(ck, node, "reserved", w->reserved);
	if (ram && w->flags)
		problem(ck, node, "flags 0x%x are set on a RAM window (expected "
			"0: \"dma\" marks a device window)", w->flags);
	else
		config_check_flags(ck, node, w->flags, CB_WINDOW_FLAGS_DEFINED);
}

static void check_windows(const struct checker *ck,
			  const struct cb_system_config *s)
{
	const struct cb_window *all = cb_system_ram(s);
	unsigned total = s->ram_count + s->device_count, i, j;
	char node[64], other[64];

	for (i = 0; i < total; i++) {
		const char *parent = i < s->ram_count ? "ram" : "devices";
		unsigned index = i < s->ram_count ? i : i - s->ram_count;
		struct range r = { all[i].start, all[i].size };

		config_item_path(node, sizeof(node), parent, all[i].name,
				 index);
		config_check_node_name(ck, node, all[i].name);
		if (!is_aligned(r.start | r.size, CB_PAGE_SIZE) || !r.size)
			problem(ck, node, "start 0x%llx size 0x%llx is not a "
				"non-empty page-aligned range (expected "
				"multiples of 0x%llx)",
				(unsigned long long)r.start,
				(unsigned long long)r.size, CB_PAGE_SIZE);
		else if (!range_sound(r))
			problem(ck, node, "start 0x%llx + size 0x%llx overflows "
				"the address space", (unsigned long long)r.start,
				(unsigned long long)r.size);
		else	/* Everything physical lies in a window (hypervisor
			   memory, GIC frames, console, cell regions): this
			   bounds it all, inside stage 2's reach too. */
			config_check_reach(ck, node, "window", r,
					   CB_LIMIT_EL2_VA_BITS, EL2_REACH);
		check_window_flags(ck, node, &all[i], i < s->ram_count);
		for (j = 0; j < i; j++) {
			struct range o = { all[j].start, all[j].size };

			config_item_path(other, sizeof(other),
				  j < s->ram_count ? "ram" : "devices",
				  all[j].name,
				  j < s->ram_count ? j : j - s->ram_count);
			if (range_sound(r) && range_sound(o) &&
			    range_overlaps(r, o))
				problem(ck, node, "0x%llx-0x%llx overlaps %s "
					"(0x%llx-0x%llx)",
					(unsigned long long)r.start,
					(unsigned long long)range_last(r), other,
					(unsigned long long)o.start,
					(unsigned long long)range_last(o));
			else if (config_name_valid(all[i].name) &&
				 config_names_equal(all[i].name, all[j].name))
				problem(ck, node, "name \"%s\" is used twice",
					all[i].name);
		}
	}
}

static void check_hypervisor(const struct checker *ck,
			     const struct cb_system_config *s)
{
	struct range r = { s->hypervisor_start, s->hypervisor_size };

	if (!r.size || !is_aligned(r.start | r.size, CB_PAGE_SIZE))
		problem(ck, "/hypervisor", "start 0x%llx size 0x%llx is not a "
			"non-empty page-aligned range (expected multiples of "
			"0x%llx)", (unsigned long long)r.start,
			(unsigned long long)r.size, CB_PAGE_SIZE);
	else if (!range_sound(r) || !config_in_ram_window(s, r))
		problem(ck, "/hypervisor", "memory 0x%llx (size 0x%llx) is not "
			"inside a RAM window (expected inside /ram)",
			(unsigned long long)r.start, (unsigned long long)r.size);
}

static int interrupt_exists(const struct cb_system_config *s, uint32_t intid)
{
	return intid >= CB_INTID_SPI_FIRST && intid < CB_INTID_SPI_LIMIT &&
	       intid < s->gic.interrupt_count;
}

static void check_console(const struct checker *ck,
			  const struct cb_system_config *s)
{
	struct range r = { s->console.address, CB_CONSOLE_FRAME_SIZE };

	if (s->console.type != CB_CONSOLE_PL011)
		problem(ck, "/console", "type %u is not a supported console "
			"(expected pl011)", s->console.type);
	if (!is_aligned(r.start, CB_PAGE_SIZE) || !range_sound(r) ||
	    !in_device_window(s, r))
		problem(ck, "/console", "address 0x%llx is not a page-aligned "
			"frame inside a device window (expected inside "
			"/devices)", (unsigned long long)r.start);
	if (s->console.interrupt && !interrupt_exists(s, s->console.interrupt))
		problem(ck, "/console", "interrupt %u is not an SPI of this GIC "
			"(expected 32 to %u, or none)", s->console.interrupt,
			s->gic.interrupt_count - 1);
}

static void check_gic(const struct checker *ck,
		      const struct cb_system_config *s)
{
	const struct cb_gic_config *g = &s->gic;
	struct gic_frames f;
	unsigned i, j;

	if (g->version != 3)
		problem(ck, "/gic", "version %u is not supported (expected 3)",
			g->version);
	if (g->maintenance_interrupt < CB_INTID_PPI_FIRST ||
	    g->maintenance_interrupt >= CB_INTID_SPI_FIRST)
		problem(ck, "/gic", "maintenance-interrupt %u is not a PPI "
			"(expected 16 to 31)", g->maintenance_interrupt);
	if (g->interrupt_count < 64 || g->interrupt_count > 1024 ||
	    g->interrupt_count % 32)
		problem(ck, "/gic", "interrupt-count %u is not what a GICv3 "
			"implements (expected a multiple of 32 from 64 to 1024)",
			g->interrupt_count);
	check_zero(ck, "/gic", "reserved", g->reserved);
	if (g->redistributor_stride < CB_GICR_SIZE ||
	    !is_aligned(g->redistributor_stride, GIC_FRAME_ALIGN) ||
	    g->redistributor_stride > (1ull << 32)) {
		problem(ck, "/gic", "redistributor-stride 0x%llx is not "
			"usable (expected a multiple of 0x10000 from 0x20000 "
			"to 0x100000000)",
			(unsigned long long)g->redistributor_stride);
		return;
	}
	config_gic_frames_of(s, &f);
	for (i = 0; i < f.count; i++) {
		if (!is_aligned(f.frame[i].start, GIC_FRAME_ALIGN) ||
		    !range_sound(f.frame[i]) || !in_device_window(s, f.frame[i])) {
			problem(ck, "/gic", "%s frame 0x%llx is not a 64 KiB-"
				"aligned frame inside a device window",
				f.label[i], (unsigned long long)f.frame[i].start);
			return;
		}
		for (j = 0; j < i; j++)
			if (range_overlaps(f.frame[i], f.frame[j])) {
				problem(ck, "/gic", "%s frame 0x%llx overlaps "
					"the %s frame 0x%llx", f.label[i],
					(unsigned long long)f.frame[i].start,
					f.label[j],
					(unsigned long long)f.frame[j].start);
				return;
			}
	}
}

/* Both are emulated in every cell's guest space: they must not collide. */
static void check_ecam_clear_of_gic(const struct checker *ck,
				    const struct cb_system_config *s)
{
	struct gic_frames f;
	unsigned i;

	config_gic_frames_of(s, &f);
	for (i = 0; i < f.count; i++)
		if (range_sound(f.frame[i]) &&
		    range_overlaps(vpci_window(s), f.frame[i])) {
			problem(ck, "/vpci", "ecam 0x%llx-0x%llx overlaps the GIC "
				"%s frame at 0x%llx",
				(unsigned long long)s->vpci.ecam,
				(unsigned long long)range_last(vpci_window(s)),
				f.label[i],
				(unsigned long long)f.frame[i].start);
			return;
		}
}

static void check_vpci(const struct checker *ck,
		       const struct cb_system_config *s)
{
	const struct cb_vpci_config *v = &s->vpci;
	uint64_t last_irq = (uint64_t)v->interrupt_base + v->interrupt_count;

	check_zero(ck, "/vpci", "reserved", v->reserved);
	if (!v->ecam) {
		if (v->bus_count || v->interrupt_base || v->interrupt_count)
			problem(ck, "/vpci", "ecam is 0 but bus-count, "
				"interrupt-base or interrupt-count is set "
				"(expected all 0 without a virtual PCI host)");
		return;
	}
	if (v->bus_count < 1 || v->bus_count > 256)
		problem(ck, "/vpci", "bus-count %u is out of range (expected "
			"1 to 256)", v->bus_count);
	else if (!is_aligned(v->ecam, CB_VPCI_BUS_SIZE) ||
		 !range_sound(vpci_window(s)))
		problem(ck, "/vpci", "ecam 0x%llx is not a 1 MiB-aligned window "
			"of %u buses", (unsigned long long)v->ecam,
			v->bus_count);
	else if (config_check_reach(ck, "/vpci", "ecam", vpci_window(s),
			     CB_LIMIT_GUEST_BITS, GUEST_REACH))
		check_ecam_clear_of_gic(ck, s);
	if (v->interrupt_count < 1 || v->interrupt_count > 32 ||
	    !interrupt_exists(s, v->interrupt_base) ||
	    !interrupt_exists(s, (uint32_t)(last_irq - 1)))
		problem(ck, "/vpci", "interrupts %u-%llu are not 1 to 32 SPIs "
			"of this GIC (expected within 32-%u)", v->interrupt_base,
			(unsigned long long)last_irq - 1,
			s->gic.interrupt_count - 1);
	else if (s->console.interrupt >= v->interrupt_base &&
		 s->console.interrupt < last_irq)
		problem(ck, "/vpci", "interrupts %u-%llu include the console's "
			"interrupt %u", v->interrupt_base,
			(unsigned long long)last_irq - 1, s->console.interrupt);
}

static void check_cpus(const struct checker *ck,
		       const struct cb_system_config *s)
{
	const uint64_t *mpidr = cb_system_mpidrs(s);
	unsigned i, j;
	char node[32];

	if (s->cpu_count > CB_LIMIT_CPUS)
		problem(ck, "/cpus", "has %u CPUs (expected at most %u: this "
			"build of the hypervisor runs at most %u)", s->cpu_count,
			CB_LIMIT_CPUS, CB_LIMIT_CPUS);
	for (i = 0; i < s->cpu_count; i++) {
		format_string(node, sizeof(node), "/cpus/cpu@%u", i);
		if (mpidr[i] & ~MPIDR_AFFINITY_MASK)
			problem(ck, node, "mpidr 0x%llx sets bits outside the "
				"affinity fields (expected within 0x%llx)",
				(unsigned long long)mpidr[i],
				MPIDR_AFFINITY_MASK);
		else if ((mpidr[i] & 0xff) >= CB_LIMIT_AFF0)
			problem(ck, node, "mpidr 0x%llx has Aff0 %llu (expected "
				"below %u: the hypervisor's SGIs reach Aff0 0 "
				"to %u only)", (unsigned long long)mpidr[i],
				(unsigned long long)(mpidr[i] & 0xff),
				CB_LIMIT_AFF0, CB_LIMIT_AFF0 - 1);
		for (j = 0; j < i; j++)
			if (mpidr[i] == mpidr[j])
				problem(ck, node, "mpidr 0x%llx is also "
					"cpu@%u's (expected unique)",
					(unsigned long long)mpidr[i], j);
	}
}

static const struct cb_cell_config *
check_cell_with(const struct checker *parent, const struct cb_system_config *s,
		const void *blob, uint64_t size, const char *prefix);

const struct cb_system_config *
config_check_system(const void *blob, uint64_t size,
		    struct config_report *report)
{
	struct checker ck = { report, blob, "" };
	const struct cb_system_config *s = blob;
	uint64_t expected;

	if (!check_header(&ck, blob, size, CB_CONFIG_KIND_SYSTEM, sizeof(*s)))
		return NULL;
	if (!check_count(&ck, "cpu count", s->cpu_count, 1, CB_MAX_CPUS) ||
	    !check_count(&ck, "ram count", s->ram_count, 1,
			 CB_MAX_RAM_WINDOWS) ||
	    !check_count(&ck, "device count", s->device_count, 0,
			 CB_MAX_DEVICE_WINDOWS) ||
	    !check_count(&ck, "link count", s->link_count, 0, CB_MAX_LINKS))
		return NULL;
	expected = sizeof(*s) + s->cpu_count * sizeof(uint64_t) +
		   (s->ram_count + s->device_count) * sizeof(struct cb_window) +
		   s->link_count * sizeof(struct cb_link) +
		   (uint64_t)s->root_cell_size;
	if (!check_array_size(&ck, size, expected))
		return NULL;

	config_check_name(&ck, "/", "model", s->model);
	config_check_flags(&ck, "/", s->flags, CB_SYSTEM_FLAGS_DEFINED);
	check_zero_array(&ck, "/", s->reserved,
			 sizeof(s->reserved) / sizeof(s->reserved[0]));
	check_windows(&ck, s);
	check_hypervisor(&ck, s);
	check_gic(&ck, s);
	check_console(&ck, s);
	check_vpci(&ck, s);
	check_cpus(&ck, s);
	config_check_links(&ck, s);
	if (s->root_cell_size &&
	    !check_cell_with(&ck, s, cb_system_root_cell(s), s->root_cell_size,
			     "/root-cell"))
		return NULL;
	return s;
}

/* ---- one cell ---------------------------------------------------------- */

/*
 * Two trapped sub-page regions may share a page byte-disjointly; anything
 * mapped shares a page with nothing, since mapping works in whole pages.
 */
static int regions_overlap(const struct cb_memory_region *a, struct range ra,
			   const struct cb_memory_region *b, struct range rb)
{
	if (!range_sound(ra) || !range_sound(rb))
		return 0;
	if (!((a->flags & b->flags) & CB_REGION_SUBPAGE)) {
		ra = page_span(ra);
		rb = page_span(rb);
	}
	return range_overlaps(ra, rb);
}

static void check_region_flags(const struct checker *ck, const char *node,
			       const struct cb_memory_region *r)
{
	uint32_t f = r->flags;

	config_check_flags(ck, node, f, CB_REGION_FLAGS_DEFINED);
	if (!(f & (CB_REGION_READ | CB_REGION_WRITE | CB_REGION_EXECUTE)))
		problem(ck, node, "flags grant no access (expected at least "
			"one of \"read\", \"write\", \"execute\")");
	if ((f & CB_REGION_IO) && (f & (CB_REGION_EXECUTE | CB_REGION_LOADABLE |
					CB_REGION_DMA | CB_REGION_KEPT)))
		problem(ck, node, "flags combine \"io\" with \"execute\", "
			"\"loadable\", \"dma\" or \"kept\" (device memory "
			"is never executed, loaded, a DMA target or kept over "
			"a restart: the device's state is its own)");
	if ((f & CB_REGION_SUBPAGE) && !(f & CB_REGION_IO))
		problem(ck, node, "flags have \"subpage\" without \"io\" "
			"(expected only trapped device registers to be "
			"sub-page)");
	/* Only the root cell is checked under a prefix ("/root-cell"). */
	if ((f & CB_REGION_LENDABLE) && !*ck->prefix)
		problem(ck, node, "flags have \"lendable\" outside the root "
			"cell (expected it only in /root-cell: what a cell "
			"created later may take from the running Linux)");
	if ((f & CB_REGION_LENDABLE) &&
	    (f & (CB_REGION_COMM | CB_REGION_SUBPAGE | CB_REGION_KEPT)))
		problem(ck, node, "flags combine \"lendable\" with "
			"comm-region, subpage or kept (expected whole pages "
			"of the root's own memory or devices)");
	if ((f & CB_REGION_COMM) &&
	    (f & (CB_REGION_IO | CB_REGION_EXECUTE | CB_REGION_LOADABLE |
		  CB_REGION_KEPT | CB_REGION_DMA | CB_REGION_SUBPAGE)))
		problem(ck, node, "flags combine \"comm-region\" with io, "
			"execute, loadable, kept, dma or subpage (expected "
			"at most \"read\", \"write\")");
}

static void check_region_extent(const struct checker *ck, const char *node,
				const struct cb_memory_region *r)
{
	if (!r->size) {
		problem(ck, node, "size is 0 (expected a non-zero multiple of "
			"0x%llx)", CB_PAGE_SIZE);
		return;
	}
	if (r->flags & CB_REGION_COMM) {
		if (r->phys_start)
			problem(ck, node, "phys 0x%llx is set on the comm "
				"region (expected none: the hypervisor provides "
				"its page)", (unsigned long long)r->phys_start);
		if (r->size != CB_PAGE_SIZE)
			problem(ck, node, "size 0x%llx of the comm region is "
				"not one page (expected 0x%llx)",
				(unsigned long long)r->size, CB_PAGE_SIZE);
	}
	if (!(r->flags & CB_REGION_SUBPAGE) &&
	    !is_aligned(r->phys_start | r->guest_start | r->size, CB_PAGE_SIZE))
		problem(ck, node, "phys 0x%llx guest 0x%llx size 0x%llx are "
			"not all page-aligned (expected multiples of 0x%llx, "
			"or \"subpage\" for trapped io)",
			(unsigned long long)r->phys_start,
			(unsigned long long)r->guest_start,
			(unsigned long long)r->size, CB_PAGE_SIZE);
	if (!range_sound(region_phys(r)) || !range_sound(region_guest(r))) {
		problem(ck, node, "phys 0x%llx or guest 0x%llx + size 0x%llx "
			"overflows the address space",
			(unsigned long long)r->phys_start,
			(unsigned long long)r->guest_start,
			(unsigned long long)r->size);
		return;
	}
	config_check_reach(ck, node, "guest", region_guest(r),
			   CB_LIMIT_GUEST_BITS, GUEST_REACH);
	if (region_has_phys(r))
		config_check_reach(ck, node, "phys", region_phys(r),
			    CB_LIMIT_PHYS_BITS, PHYS_REACH);
}

static void check_regions(const struct checker *ck,
			  const struct cb_cell_config *c)
{
	const struct cb_memory_region *reg = cb_cell_regions(c);
	unsigned i, j, comm_count = 0;
	char node[64], other[64];

	for (i = 0; i < c->region_count; i++) {
		const struct cb_memory_region *r = &reg[i];

		config_item_path(node, sizeof(node), "memory", r->name, i);
		config_check_node_name(ck, node, r->name);
		check_zero(ck, node, "reserved", r->reserved);
		check_region_flags(ck, node, r);
		check_region_extent(ck, node, r);
		if ((r->flags & CB_REGION_COMM) && comm_count++)
			problem(ck, node, "is a second comm region (expected "
				"at most one)");
		for (j = 0; j < i; j++) {
			const struct cb_memory_region *o = &reg[j];

			config_item_path(other, sizeof(other), "memory",
					 o->name, j);
			if (config_name_valid(r->name) &&
			    config_names_equal(r->name, o->name))
				problem(ck, node, "name is used twice");
			if (regions_overlap(r, region_guest(r), o,
					    region_guest(o)))
				problem(ck, node, "guest 0x%llx-0x%llx overlaps "
					"%s (guest 0x%llx-0x%llx)",
					(unsigned long long)r->guest_start,
					(unsigned long long)range_last(region_guest(r)),
					other,
					(unsigned long long)o->guest_start,
					(unsigned long long)range_last(region_guest(o)));
			if (region_has_phys(r) && region_has_phys(o) &&
			    regions_overlap(r, region_phys(r), o,
					    region_phys(o)))
				problem(ck, node, "phys 0x%llx-0x%llx overlaps "
					"%s (phys 0x%llx-0x%llx)",
					(unsigned long long)r->phys_start,
					(unsigned long long)range_last(region_phys(r)),
					other,
					(unsigned long long)o->phys_start,
					(unsigned long long)range_last(region_phys(o)));
		}
	}
}

static void check_interrupts(const struct checker *ck,
			     const struct cb_cell_config *c)
{
	const uint32_t *irq = cb_cell_interrupts(c);
	uint32_t seen[CB_INTID_SPI_LIMIT / 32 + 1] = { 0 };
	unsigned i;

	for (i = 0; i < c->interrupt_count; i++) {
		uint32_t id = irq[i];

		if (id < CB_INTID_PPI_FIRST)
			problem(ck, "/", "interrupts: %u is an SGI (expected "
				"SPIs, 32 to 1019)", id);
		else if (id < CB_INTID_SPI_FIRST)
			problem(ck, "/", "interrupts: %u is a PPI, which "
				"belongs to the CPU's cell (expected SPIs, 32 "
				"to 1019)", id);
		else if (id >= CB_INTID_SPI_LIMIT)
			problem(ck, "/", "interrupts: %u is not an SPI "
				"(expected 32 to 1019)", id);
		else if (seen[id / 32] & (1u << (id % 32)))
			problem(ck, "/", "interrupts: %u is listed twice", id);
		else
			seen[id / 32] |= 1u << (id % 32);
	}
}

typedef struct range (*region_space)(const struct cb_memory_region *r);

/* The first region holding @address in @space with all of @required set and
   none of @forbidden, or NULL. */
static const struct cb_memory_region *
region_containing(const struct cb_cell_config *c, region_space space,
		  uint64_t address, uint32_t required, uint32_t forbidden)
{
	const struct cb_memory_region *reg = cb_cell_regions(c);
	unsigned i;

	for (i = 0; i < c->region_count; i++) {
		struct range r = space(&reg[i]);

		if ((reg[i].flags & required) == required &&
		    !(reg[i].flags & forbidden) && range_sound(r) &&
		    address >= r.start && address <= range_last(r))
			return &reg[i];
	}
	return NULL;
}

/* Whether one io region of @c holds the whole UART frame at @phys. */
static int io_region_covers(const struct cb_cell_config *c, uint64_t phys)
{
	const struct cb_memory_region *r =
		region_containing(c, region_phys, phys, CB_REGION_IO, 0);
	struct range frame = { phys, CB_CONSOLE_FRAME_SIZE };

	return r && range_sound(frame) && range_inside(frame, region_phys(r));
}

static void check_entry(const struct checker *ck,
			const struct cb_cell_config *c)
{
	if (!is_aligned(c->entry, 4))
		problem(ck, "/", "entry 0x%llx is not 4-byte aligned (expected "
			"an A64 instruction address)",
			(unsigned long long)c->entry);
	if (!region_containing(c, region_guest, c->entry, CB_REGION_EXECUTE,
			       CB_REGION_IO))
		problem(ck, "/", "entry 0x%llx is not inside an executable "
			"region (expected a /memory region with \"execute\")",
			(unsigned long long)c->entry);
}

static void check_emulated_console(const struct checker *ck,
				   const struct cb_cell_config *c)
{
	const struct cb_cell_console *con = &c->console;
	const struct cb_memory_region *reg = cb_cell_regions(c);
	struct range page = { con->emulated, CB_PAGE_SIZE };
	unsigned i;

	if (!(con->flags & CB_CELL_CONSOLE_EMULATED)) {
		if (con->emulated)
			problem(ck, "/console", "emulated 0x%llx is set but the "
				"emulated console is off (expected 0)",
				(unsigned long long)con->emulated);
		return;
	}
	if (!is_aligned(con->emulated, CB_PAGE_SIZE) || !range_sound(page)) {
		problem(ck, "/console", "emulated 0x%llx is not page-aligned "
			"(expected a multiple of 0x%llx)",
			(unsigned long long)con->emulated, CB_PAGE_SIZE);
		return;
	}
	if (!config_check_reach(ck, "/console", "emulated", page,
				CB_LIMIT_GUEST_BITS, GUEST_REACH))
		return;
	for (i = 0; i < c->region_count; i++)
		if (range_sound(region_guest(&reg[i])) &&
		    range_overlaps(page, page_span(region_guest(&reg[i]))))
			problem(ck, "/console", "emulated 0x%llx overlaps "
				"/memory/%s in guest space (expected a free "
				"page)", (unsigned long long)con->emulated,
				config_display_name(reg[i].name));
}

static void check_passthrough_console(const struct checker *ck,
				      const struct cb_cell_config *c)
{
	const struct cb_cell_console *con = &c->console;

	if (!(con->flags & CB_CELL_CONSOLE_PASSTHROUGH)) {
		if (con->passthrough)
			problem(ck, "/console", "passthrough 0x%llx is set but "
				"passthrough is off (expected 0)",
				(unsigned long long)con->passthrough);
		return;
	}
	if (!is_aligned(con->passthrough, CB_PAGE_SIZE) ||
	    !io_region_covers(c, con->passthrough))
		problem(ck, "/console", "passthrough 0x%llx is not the "
			"page-aligned base of a UART frame (0x%llx bytes) inside "
			"one io region of this cell",
			(unsigned long long)con->passthrough,
			CB_CONSOLE_FRAME_SIZE);
}

static void check_console_of_cell(const struct checker *ck,
				  const struct cb_cell_config *c)
{
	check_zero(ck, "/console", "reserved", c->console.reserved);
	config_check_flags(ck, "/console", c->console.flags,
		    CB_CELL_CONSOLE_FLAGS_DEFINED);
	check_emulated_console(ck, c);
	check_passthrough_console(ck, c);
}

/*
 * Invariant: the hypervisor's table of a cell's emulated regions (one per
 * sub-page region, one for the emulated console, the GIC's, and with a
 * system @s, one for the vPCI ECAM window and one per link of the cell)
 * holds them all. Without @s only the cell's own are counted.
 */
static void check_emulated_count(const struct checker *ck,
				 const struct cb_system_config *s,
				 const struct cb_cell_config *c)
{
	const struct cb_memory_region *reg = cb_cell_regions(c);
	unsigned i, subpage = 0, console, ecam = 0, links = 0, total;

	console = !!(c->console.flags & CB_CELL_CONSOLE_EMULATED);
	for (i = 0; i < c->region_count; i++)
		subpage += !!(reg[i].flags & CB_REGION_SUBPAGE);
	if (s) {
		ecam = !!s->vpci.ecam;
		links = config_cell_link_count(s, c->name);
	}
	total = subpage + console + CB_EMULATED_REGIONS_GIC + ecam + links;
	if (total <= CB_LIMIT_EMULATED_REGIONS)
		return;
	if (!s)
		problem(ck, "/memory", "%u subpage regions, %u emulated console "
			"and %u GIC regions make %u emulated regions (expected "
			"at most %u per cell in this build)", subpage, console,
			CB_EMULATED_REGIONS_GIC, total,
			CB_LIMIT_EMULATED_REGIONS);
	else
		problem(ck, "/memory", "%u subpage regions, %u emulated console, "
			"%u GIC, %u ECAM and %u link regions make %u emulated "
			"regions (expected at most %u per cell in this build)",
			subpage, console, CB_EMULATED_REGIONS_GIC, ecam, links,
			total, CB_LIMIT_EMULATED_REGIONS);
}

/* ---- one cell against its system --------------------------------------- */

static void check_cell_cpus_exist(const struct checker *ck,
				  const struct cb_system_config *s,
				  const struct cb_cell_config *c)
{
	unsigned cpu;

	for (cpu = s->cpu_count; cpu < CB_MAX_CPUS; cpu++)
		if (c->cpu_set & (1ull << cpu))
			problem(ck, "/", "cpus: cpu %u does not exist (the "
				"system has cpus 0 to %u)", cpu,
				s->cpu_count - 1);
}

static void check_cell_interrupts_exist(const struct checker *ck,
					const struct cb_system_config *s,
					const struct cb_cell_config *c)
{
	const uint32_t *irq = cb_cell_interrupts(c);
	uint32_t vpci_first = s->vpci.interrupt_base;
	uint64_t vpci_end = (uint64_t)vpci_first + s->vpci.interrupt_count;
	unsigned i;

	for (i = 0; i < c->interrupt_count; i++) {
		uint32_t id = irq[i];

		if (id < CB_INTID_SPI_FIRST || id >= CB_INTID_SPI_LIMIT)
			continue;	/* reported by check_interrupts() */
		if (id >= s->gic.interrupt_count)
			problem(ck, "/", "interrupts: %u does not exist (the "
				"GIC implements INTIDs up to %u)", id,
				s->gic.interrupt_count - 1);
		else if (id == s->console.interrupt)
			problem(ck, "/", "interrupts: %u is the hypervisor "
				"console's (expected it to stay with the "
				"hypervisor)", id);
		else if (s->vpci.ecam && id >= vpci_first && id < vpci_end)
			problem(ck, "/", "interrupts: %u is reserved for the "
				"virtual PCI host (INTIDs %u to %llu)", id,
				vpci_first, (unsigned long long)vpci_end - 1);
	}
}

/* Frames every cell sees emulated in guest space must stay free there. */
void config_check_guest_reserved(const struct checker *ck, const char *node,
				 const char *what, struct range span,
				 const struct cb_system_config *s,
				 const struct gic_frames *f)
{
	unsigned i;

	for (i = 0; i < f->count; i++)
		if (range_sound(f->frame[i]) && range_overlaps(span, f->frame[i])) {
			problem(ck, node, "%s 0x%llx-0x%llx overlaps the GIC %s "
				"frame at 0x%llx that the hypervisor emulates "
				"there", what, (unsigned long long)span.start,
				(unsigned long long)range_last(span),
				f->label[i],
				(unsigned long long)f->frame[i].start);
			break;
		}
	if (has_vpci(s) && range_overlaps(span, vpci_window(s)))
		problem(ck, node, "%s 0x%llx-0x%llx overlaps the virtual PCI "
			"ECAM window 0x%llx-0x%llx", what,
			(unsigned long long)span.start,
			(unsigned long long)range_last(span),
			(unsigned long long)s->vpci.ecam,
			(unsigned long long)range_last(vpci_window(s)));
}

/*
 * A bus master reads and writes any memory it is told to, and no IOMMU
 * confines it: whoever programs it owns all memory. Only a cell trusted
 * with that may have any part of its window.
 */
static void check_region_dma(const struct checker *ck, const char *node,
			     const struct cb_system_config *s,
			     const struct cb_cell_config *c, struct range phys)
{
	const struct cb_window *w = cb_system_devices(s);
	unsigned i;

	if (c->flags & CB_CELL_DMA_TRUSTED)
		return;
	for (i = 0; i < s->device_count; i++) {
		struct range r = { w[i].start, w[i].size };

		if ((w[i].flags & CB_WINDOW_DMA) && range_sound(r) &&
		    range_overlaps(phys, r))
			problem(ck, node, "phys 0x%llx-0x%llx is in device "
				"window /devices/%s, a bus master (expected "
				"\"dma-trusted\" on the cell: no DMA isolation "
				"exists, so the cell could read and write all "
				"memory through the device)",
				(unsigned long long)phys.start,
				(unsigned long long)range_last(phys),
				config_display_name(w[i].name));
	}
}

/*
 * What no cell and no link may touch: the hypervisor's memory, the GIC
 * frames (only the hypervisor maps them) and the hypervisor console's UART
 * (so no cell can garble or forge the hypervisor's lines). @what names the
 * property holding @phys; the check is on the pages it touches.
 */
void config_check_phys_clear(const struct checker *ck, const char *node,
			     const char *what, struct range phys,
			     const struct cb_system_config *s,
			     const struct gic_frames *f)
{
	struct range span = page_span(phys);
	struct range hv = { s->hypervisor_start, s->hypervisor_size };
	struct range con = { s->console.address, CB_CONSOLE_FRAME_SIZE };
	unsigned i;

	if (range_sound(hv) && range_overlaps(span, hv))
		problem(ck, node, "%s 0x%llx-0x%llx overlaps the hypervisor's "
			"memory 0x%llx-0x%llx", what,
			(unsigned long long)phys.start,
			(unsigned long long)range_last(phys),
			(unsigned long long)hv.start,
			(unsigned long long)range_last(hv));
	for (i = 0; i < f->count; i++)
		if (range_sound(f->frame[i]) && range_overlaps(span, f->frame[i])) {
			problem(ck, node, "%s 0x%llx-0x%llx overlaps the GIC "
				"%s frame at 0x%llx (only the hypervisor maps "
				"it)", what, (unsigned long long)phys.start,
				(unsigned long long)range_last(phys),
				f->label[i],
				(unsigned long long)f->frame[i].start);
			break;
		}
	if (range_sound(con) && range_overlaps(span, con))
		problem(ck, node, "%s 0x%llx-0x%llx overlaps the hypervisor "
			"console's UART 0x%llx-0x%llx (expected no cell to "
			"reach it; a cell writes the console through "
			"console { emulated = <...>; })", what,
			(unsigned long long)phys.start,
			(unsigned long long)range_last(phys),
			(unsigned long long)con.start,
			(unsigned long long)range_last(con));
}

static void check_region_phys_in_system(const struct checker *ck,
					const char *node,
					const struct cb_system_config *s,
					const struct cb_cell_config *c,
					const struct cb_memory_region *r,
					const struct gic_frames *f)
{
	struct range phys = region_phys(r);

	if (r->flags & CB_REGION_IO) {
		if (!in_device_window(s, phys))
			problem(ck, node, "phys 0x%llx-0x%llx is not inside a "
				"device window (expected io regions inside "
				"/devices)", (unsigned long long)phys.start,
				(unsigned long long)range_last(phys));
	} else if (!config_in_ram_window(s, phys)) {
		problem(ck, node, "phys 0x%llx-0x%llx is not inside a RAM "
			"window (expected inside /ram, or \"io\" for device "
			"memory)", (unsigned long long)phys.start,
			(unsigned long long)range_last(phys));
	}
	config_check_phys_clear(ck, node, "phys", phys, s, f);
	check_region_dma(ck, node, s, c, phys);
}

/* Said at /console too: the io region holding it is refused as well, but
   this is the line that names the intent. */
static void check_passthrough_in_system(const struct checker *ck,
					const struct cb_system_config *s,
					const struct cb_cell_config *c)
{
	struct range uart = { c->console.passthrough, CB_CONSOLE_FRAME_SIZE };
	struct range con = { s->console.address, CB_CONSOLE_FRAME_SIZE };

	if ((c->console.flags & CB_CELL_CONSOLE_PASSTHROUGH) &&
	    range_sound(uart) && range_sound(con) && range_overlaps(uart, con))
		problem(ck, "/console", "passthrough 0x%llx is the hypervisor "
			"console's UART (expected a UART of the cell's own: the "
			"hypervisor's console is never given to a cell)",
			(unsigned long long)uart.start);
}

static void check_cell_in_system(const struct checker *ck,
				 const struct cb_system_config *s,
				 const struct cb_cell_config *c)
{
	const struct cb_memory_region *reg = cb_cell_regions(c);
	struct gic_frames f;
	char node[64];
	unsigned i;

	check_cell_cpus_exist(ck, s, c);
	check_cell_interrupts_exist(ck, s, c);
	config_gic_frames_of(s, &f);
	for (i = 0; i < c->region_count; i++) {
		const struct cb_memory_region *r = &reg[i];

		if (!range_sound(region_phys(r)) ||
		    !range_sound(region_guest(r)))
			continue;	/* reported by check_region_extent() */
		config_item_path(node, sizeof(node), "memory", r->name, i);
		if (region_has_phys(r))
			check_region_phys_in_system(ck, node, s, c, r, &f);
		config_check_guest_reserved(ck, node, "guest",
				     page_span(region_guest(r)), s, &f);
	}
	if ((c->console.flags & CB_CELL_CONSOLE_EMULATED) &&
	    range_sound((struct range){ c->console.emulated, CB_PAGE_SIZE }))
		config_check_guest_reserved(ck, "/console", "emulated",
				     page_span((struct range){
					     c->console.emulated, 1 }),
				     s, &f);
	check_passthrough_in_system(ck, s, c);
}

static const struct cb_cell_config *
check_cell_with(const struct checker *parent, const struct cb_system_config *s,
		const void *blob, uint64_t size, const char *prefix)
{
	struct checker ck = { parent->report, parent->subject, prefix };
	const struct cb_cell_config *c = blob;
	uint64_t expected;

	if (!check_header(&ck, blob, size, CB_CONFIG_KIND_CELL, sizeof(*c)))
		return NULL;
	if (!check_count(&ck, "region count", c->region_count, 1,
			 CB_MAX_REGIONS) ||
	    !check_count(&ck, "interrupt count", c->interrupt_count, 0,
			 CB_MAX_INTERRUPTS) ||
	    !check_count(&ck, "manage count", c->manage_count, 0,
			 CB_MAX_CELLS))
		return NULL;
	expected = sizeof(*c) +
		   c->region_count * sizeof(struct cb_memory_region) +
		   c->interrupt_count * sizeof(uint32_t) +
		   c->manage_count * (uint64_t)CB_NAME_SIZE;
	if (!check_array_size(&ck, size, expected))
		return NULL;

	check_cell_name(&ck, c->name);
	config_check_flags(&ck, "/", c->flags, CB_CELL_FLAGS_DEFINED);
	check_zero_array(&ck, "/", c->reserved,
			 sizeof(c->reserved) / sizeof(c->reserved[0]));
	if (!c->cpu_set)
		problem(&ck, "/", "cpus is empty (expected at least one CPU)");
	check_regions(&ck, c);
	check_interrupts(&ck, c);
	check_entry(&ck, c);
	check_console_of_cell(&ck, c);
	check_emulated_count(&ck, s, c);
	config_check_manages(&ck, c);
	config_check_policy(&ck, c);
	if (s) {
		check_cell_in_system(&ck, s, c);
		config_check_policy_in_system(&ck, s, c);
	}
	return c;
}

const struct cb_cell_config *
config_check_cell(const struct cb_system_config *system, const void *blob,
		  uint64_t size, struct config_report *report)
{
	struct checker ck = { report, blob, "" };

	return check_cell_with(&ck, system, blob, size, "");
}

/* ---- the set of cells -------------------------------------------------- */

static uint64_t existing_cpus(const struct cb_system_config *s)
{
	return s->cpu_count >= 64 ? ~0ull : (1ull << s->cpu_count) - 1;
}

/* Members [0, first) are the root cell (if any), which lends resources. */
static void check_set_cpus(const struct checker *sys,
			   const struct cb_system_config *s,
			   const struct member *m, unsigned first,
			   unsigned count)
{
	uint64_t all = existing_cpus(s), taken = 0, root = 0;
	unsigned i, j, cpu;
	char node[32];

	for (i = first; i < count; i++) {
		uint64_t clash = m[i].cell->cpu_set & taken & all;

		for (cpu = 0; clash && cpu < CB_MAX_CPUS; cpu++) {
			if (!(clash & (1ull << cpu)))
				continue;
			for (j = first; !(m[j].cell->cpu_set & (1ull << cpu)); j++)
				;
			problem(&m[i].ck, "/", "cpus: cpu %u is also assigned to "
				"cell \"%s\"", cpu,
				config_display_name(m[j].cell->name));
		}
		taken |= m[i].cell->cpu_set & all;
	}
	if (first) {
		root = m[0].cell->cpu_set & all;
		if (root && !(root & ~taken))
			problem(&m[0].ck, "/", "cpus: the root cell keeps no "
				"CPU (the other cells take all of them; expected "
				"at least one left)");
	}
	for (cpu = 0; cpu < s->cpu_count; cpu++)
		if (!((taken | root) & (1ull << cpu))) {
			format_string(node, sizeof(node), "/cpus/cpu@%u", cpu);
			problem(sys, node, "cpu %u is assigned to no cell "
				"(expected every CPU in exactly one cell)", cpu);
		}
}

static void check_set_interrupts(const struct member *m, unsigned first,
				 unsigned count)
{
	uint8_t owner[CB_INTID_SPI_LIMIT] = { 0 };	/* member index + 1 */
	unsigned i, k;

	for (i = first; i < count; i++) {
		const uint32_t *irq = cb_cell_interrupts(m[i].cell);

		for (k = 0; k < m[i].cell->interrupt_count; k++) {
			uint32_t id = irq[k];

			if (id < CB_INTID_SPI_FIRST || id >= CB_INTID_SPI_LIMIT)
				continue;
			if (owner[id] && owner[id] != i + 1)
				problem(&m[i].ck, "/", "interrupts: %u is also "
					"assigned to cell \"%s\"", id,
					config_display_name(
						m[owner[id] - 1].cell->name));
			else
				owner[id] = (uint8_t)(i + 1);
		}
	}
}

static void check_set_memory_pair(const struct member *a,
				  const struct member *b)
{
	const struct cb_memory_region *ra = cb_cell_regions(a->cell);
	const struct cb_memory_region *rb = cb_cell_regions(b->cell);
	unsigned i, j;
	char node[64];

	for (i = 0; i < a->cell->region_count; i++) {
		if (!region_has_phys(&ra[i]))
			continue;
		config_item_path(node, sizeof(node), "memory", ra[i].name, i);
		for (j = 0; j < b->cell->region_count; j++) {
			if (!region_has_phys(&rb[j]) ||
			    !regions_overlap(&ra[i], region_phys(&ra[i]), &rb[j],
					     region_phys(&rb[j])))
				continue;
			problem(&a->ck, node, "phys 0x%llx-0x%llx overlaps cell "
				"\"%s\" /memory/%s (phys 0x%llx-0x%llx; expected "
				"cells' memory apart: cells share memory "
				"through a link in /links)",
				(unsigned long long)ra[i].phys_start,
				(unsigned long long)range_last(region_phys(&ra[i])),
				config_display_name(b->cell->name),
				config_display_name(rb[j].name),
				(unsigned long long)rb[j].phys_start,
				(unsigned long long)range_last(region_phys(&rb[j])));
		}
	}
}

void config_check_set(const struct cb_system_config *system,
		      const struct cb_cell_config *const *cells,
		      unsigned int cell_count, struct config_report *report)
{
	struct checker sys = { report, system, "" };
	struct member m[CB_MAX_CELLS + 1];
	unsigned root = cb_system_root_cell(system) ? 1 : 0;
	unsigned count = 0, first, i, j;

	if (root + cell_count > CB_LIMIT_CELLS)
		problem(&sys, "/", "%u cells%s are more than this build of the "
			"hypervisor runs (expected at most %u)",
			root + cell_count, root ? " (the root cell included)" :
			"", CB_LIMIT_CELLS);
	/* The format's bound: what the set checks below have room for. */
	if (cell_count > CB_MAX_CELLS)
		cell_count = CB_MAX_CELLS;
	if (cb_system_root_cell(system))
		m[count++] = (struct member){ cb_system_root_cell(system),
					      { report, system, "/root-cell" } };
	first = count;
	for (i = 0; i < cell_count; i++)
		m[count++] = (struct member){ cells[i],
					      { report, cells[i], "" } };

	for (i = 1; i < count; i++)
		for (j = 0; j < i; j++)
			if (config_names_equal(m[i].cell->name,
					       m[j].cell->name)) {
				problem(&m[i].ck, "/", "cell-name \"%s\" is "
					"already the name of another cell",
					config_display_name(m[i].cell->name));
				break;
			}
	check_set_cpus(&sys, system, m, first, count);
	check_set_interrupts(m, first, count);
	config_check_set_links(&sys, system, m, count);
	config_check_set_manages(m, count);
	for (i = first + 1; i < count; i++)
		for (j = first; j < i; j++)
			check_set_memory_pair(&m[i], &m[j]);
}
