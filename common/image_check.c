// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot image validator (see image_check.h for the contract).
 *
 * Order of work: the arm64 header and the table, then every blob header,
 * before any config is read; a structural problem stops the check there,
 * so a damaged image gives one line, not a cascade. Then the configs
 * through config_check, the payloads, and the set of cells.
 *
 * Bounds: every offset is an image offset compared with a limit already
 * known to be inside the image before it is added to the base pointer, and
 * each comparison is written "x > limit - y" with y <= limit, so no sum of
 * values read from the image can wrap.
 *
 * The file is past the house limit of ~500 lines for the reason
 * config_check.c gives: the boot code's whole acceptance rule for an image
 * is read, and certified, in one place.
 */
#include "image_check.h"

#include "config_check.h"
#include "crc32.h"
#include "format.h"

#include <cellblock/limits.h>

#include <stdarg.h>
#include <stddef.h>

#define PAGE_4K 0x1000ull

struct checker {
	const uint8_t *base;
	uint64_t size;		/* bytes readable at base */
	uint64_t total;		/* the table's total_size, once checked */
	struct image_view *view;
	struct image_report *report;
	int fatal;		/* the image is refused */
	char label[48];		/* "blob N" while a blob's name is untrusted */
};

static void vproblem(struct checker *ck, const char *blob_name,
		     const char *fmt, va_list ap)
{
	char what[400];

	format_vstring(what, sizeof(what), fmt, ap);
	ck->report->problem_count++;
	ck->report->problem(ck->report, blob_name, what);
}

__attribute__((format(printf, 3, 4))) static void
problem(struct checker *ck, const char *blob_name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(ck, blob_name, fmt, ap);
	va_end(ap);
}

/* Reports a problem that refuses the whole image; returns 0 to stop. */
__attribute__((format(printf, 3, 4))) static int
refuse(struct checker *ck, const char *blob_name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(ck, blob_name, fmt, ap);
	va_end(ap);
	ck->fatal = 1;
	return 0;
}

static const void *at_offset(const struct checker *ck, uint64_t offset)
{
	return ck->base + offset;
}

/* A blob's name if it can be printed, else "blob N". */
static const char *blob_label(struct checker *ck,
			      const struct cb_image_blob *b, unsigned index)
{
	if (config_name_valid(b->name))
		return b->name;
	format_string(ck->label, sizeof(ck->label), "blob %u", index);
	return ck->label;
}

static const char *kind_name(uint32_t kind)
{
	return kind == CB_BLOB_SYSTEM_CONFIG ? "system config" :
	       kind == CB_BLOB_CELL_CONFIG   ? "cell config" :
	       kind == CB_BLOB_PAYLOAD       ? "payload" :
	       kind == CB_BLOB_DEVICE_TREE   ? "device tree" : "unknown";
}

/* Payloads and device trees are loaded into the cell before it starts. */
static int loaded_kind(uint32_t kind)
{
	return kind == CB_BLOB_PAYLOAD || kind == CB_BLOB_DEVICE_TREE;
}

/* ---- CRCs -------------------------------------------------------------- */

/* CRC of @size bytes at @p with the 4 bytes at @field_at counted as zero. */
static uint32_t crc_without_field(uint32_t crc, const void *p, size_t size,
				  size_t field_at)
{
	const uint8_t *bytes = p;

	crc = crc32_update(crc, bytes, field_at);
	crc = crc32_zeros(crc, 4);
	return crc32_update(crc, bytes + field_at + 4, size - field_at - 4);
}

/* Hypervisor bytes [0, @at) with the scratch range as zeros, then the table. */
static uint32_t table_crc(const struct checker *ck, uint64_t at,
			  uint64_t scratch_start, uint64_t scratch_end)
{
	uint32_t crc;

	crc = crc32_update(0, ck->base, (size_t)scratch_start);
	crc = crc32_zeros(crc, scratch_end - scratch_start);
	crc = crc32_update(crc, ck->base + scratch_end,
			   (size_t)(at - scratch_end));
	return crc_without_field(crc, at_offset(ck, at),
				 sizeof(struct cb_image_table),
				 offsetof(struct cb_image_table, crc32));
}

/* The blob's header with its CRC field zero, then its data. */
static uint32_t blob_crc(const struct cb_image_blob *b)
{
	uint32_t crc;

	crc = crc_without_field(0, b, sizeof(*b),
				offsetof(struct cb_image_blob, crc32));
	return crc32_update(crc, image_blob_data(b), (size_t)b->size);
}

/* ---- header and table -------------------------------------------------- */

/* Invariant: the table is at a 4 KiB-aligned offset naming itself. */
static uint64_t find_table(const struct checker *ck)
{
	const uint64_t need = sizeof(struct cb_image_table);
	uint64_t at;

	for (at = CB_IMAGE_TABLE_ALIGN; at < ck->size && ck->size - at >= need;
	     at += CB_IMAGE_TABLE_ALIGN) {
		const struct cb_image_table *t = at_offset(ck, at);

		if (t->magic == CB_IMAGE_MAGIC && t->table_offset == at)
			return at;
		if (at > UINT64_MAX - CB_IMAGE_TABLE_ALIGN)
			break;
	}
	return 0;
}

static int check_arm64_header(struct checker *ck)
{
	const struct cb_arm64_header *h = at_offset(ck, 0);

	if (!ck->base || ((uintptr_t)ck->base & 7))
		return refuse(ck, "image", "is at 0x%lx in memory (expected "
			      "8-byte alignment)", (unsigned long)ck->base);
	if (ck->size < sizeof(*h))
		return refuse(ck, "image", "is %llu bytes, too short for an "
			      "arm64 Image header (expected at least %u)",
			      (unsigned long long)ck->size,
			      (unsigned)sizeof(*h));
	if (h->magic != CB_ARM64_MAGIC)
		return refuse(ck, "hypervisor", "arm64 Image header magic is "
			      "0x%08x (expected 0x%08x, \"ARM\\x64\", at "
			      "offset 0x38)", h->magic, CB_ARM64_MAGIC);
	return 1;
}

static int check_table_fields(struct checker *ck,
			      const struct cb_image_table *t)
{
	const struct cb_arm64_header *h = at_offset(ck, 0);
	unsigned i;

	if (t->reserved0)
		return refuse(ck, "image table", "reserved0 is 0x%x (expected "
			      "0)", t->reserved0);
	for (i = 0; i < 2; i++)
		if (t->reserved[i])
			return refuse(ck, "image table", "reserved[%u] is "
				      "0x%llx (expected 0)", i,
				      (unsigned long long)t->reserved[i]);
	if (t->blob_count < 1 || t->blob_count > CB_IMAGE_MAX_BLOBS)
		return refuse(ck, "image table", "blob count %u is out of "
			      "range (expected 1 to %u)", t->blob_count,
			      CB_IMAGE_MAX_BLOBS);
	/* Invariant: loaders reserve the whole image, so no DTB lands on it. */
	if ((h->image_size & (PAGE_4K - 1)) || h->image_size < t->total_size ||
	    h->image_size - t->total_size >= PAGE_4K)
		return refuse(ck, "hypervisor", "arm64 Image header "
			      "image_size is 0x%llx (expected the image size "
			      "0x%llx rounded up to 4 KiB)",
			      (unsigned long long)h->image_size,
			      (unsigned long long)t->total_size);
	return 1;
}

static int check_table(struct checker *ck, uint64_t scratch_start,
		       uint64_t scratch_end)
{
	const struct cb_image_table *t;
	uint64_t at = find_table(ck);
	uint32_t crc;

	if (!at)
		return refuse(ck, "image table", "not found: no 4 KiB-aligned "
			      "offset of the %llu bytes holds magic 0x%08x "
			      "(\"CBIM\") and its own offset (truncated, or "
			      "not a cellblock image?)",
			      (unsigned long long)ck->size, CB_IMAGE_MAGIC);
	t = at_offset(ck, at);
	ck->view->table = t;
	ck->view->table_offset = at;
	if (t->revision != CB_IMAGE_REVISION)
		return refuse(ck, "image table", "format revision %u is not "
			      "supported (expected %u)", t->revision,
			      CB_IMAGE_REVISION);
	if (scratch_start > scratch_end || scratch_end > at)
		return refuse(ck, "image table", "is at 0x%llx, inside the "
			      "hypervisor's memory that reaches 0x%llx "
			      "(expected the table after it)",
			      (unsigned long long)at,
			      (unsigned long long)scratch_end);
	if (t->total_size > ck->size)
		return refuse(ck, "image table", "total size %llu exceeds the "
			      "%llu bytes of the image (truncated?)",
			      (unsigned long long)t->total_size,
			      (unsigned long long)ck->size);
	if (t->total_size < at + sizeof(*t))
		return refuse(ck, "image table", "total size %llu ends inside "
			      "the table at %llu",
			      (unsigned long long)t->total_size,
			      (unsigned long long)at);
	crc = table_crc(ck, at, scratch_start, scratch_end);
	if (crc != t->crc32)
		return refuse(ck, "image table", "CRC32 0x%08x does not match "
			      "the hypervisor and table (computed 0x%08x): the "
			      "image is corrupted", t->crc32, crc);
	if (!check_table_fields(ck, t))
		return 0;
	ck->total = t->total_size;
	return 1;
}

/* ---- blob headers ------------------------------------------------------ */

/* Checks the blob at @at on its own; returns the offset after it, or 0. */
static uint64_t check_blob(struct checker *ck, unsigned index, uint64_t at)
{
	const struct cb_image_blob *b;
	const uint8_t *pad;
	uint64_t data, end, pad_size, i;
	uint32_t crc;

	format_string(ck->label, sizeof(ck->label), "blob %u", index);
	/* Invariant: at <= total; the header is inside before it is read. */
	if (ck->total - at < sizeof(*b))
		return refuse(ck, ck->label, "header at 0x%llx runs past the "
			      "image's end at 0x%llx (the table counts %u "
			      "blobs)", (unsigned long long)at,
			      (unsigned long long)ck->total,
			      ck->view->table->blob_count);
	b = at_offset(ck, at);
	if (b->magic != CB_IMAGE_BLOB_MAGIC)
		return refuse(ck, ck->label, "magic at 0x%llx is 0x%08x "
			      "(expected 0x%08x, \"CBBL\")",
			      (unsigned long long)at, b->magic,
			      CB_IMAGE_BLOB_MAGIC);
	data = at + sizeof(*b);
	if (b->size > ck->total - data)
		return refuse(ck, blob_label(ck, b, index), "size %llu runs "
			      "past the image's end (%llu bytes left; "
			      "truncated?)",
			      (unsigned long long)b->size,
			      (unsigned long long)(ck->total - data));
	end = data + b->size;
	pad_size = (CB_IMAGE_ALIGN - (end & (CB_IMAGE_ALIGN - 1))) &
		   (CB_IMAGE_ALIGN - 1);
	if (pad_size > ck->total - end)
		return refuse(ck, blob_label(ck, b, index), "padding to %u "
			      "bytes runs past the image's end",
			      CB_IMAGE_ALIGN);
	crc = blob_crc(b);
	if (crc != b->crc32)
		return refuse(ck, blob_label(ck, b, index), "CRC32 0x%08x does "
			      "not match the blob's header and data (computed "
			      "0x%08x): the image is corrupted", b->crc32, crc);
	if (!config_name_valid(b->name))
		return refuse(ck, ck->label, "name is not 1 to %u printable "
			      "characters, NUL-padded", CB_NAME_SIZE - 1);
	pad = at_offset(ck, end);
	for (i = 0; i < pad_size; i++)
		if (pad[i])
			return refuse(ck, b->name, "padding byte at 0x%llx is "
				      "0x%02x (expected 0)",
				      (unsigned long long)(end + i), pad[i]);
	return end + pad_size;
}

/* Checks @b's kind against what came before and files it in the view. */
static int file_blob(struct checker *ck, unsigned index,
		     const struct cb_image_blob *b)
{
	struct image_view *v = ck->view;
	int config = !loaded_kind(b->kind);

	if (b->kind < CB_BLOB_SYSTEM_CONFIG || b->kind > CB_BLOB_DEVICE_TREE)
		return refuse(ck, b->name, "kind %u is unknown (expected 1 "
			      "system config, 2 cell config, 3 payload or 4 "
			      "device tree)", b->kind);
	if ((index == 0) != (b->kind == CB_BLOB_SYSTEM_CONFIG))
		return refuse(ck, b->name, "is blob %u, a %s (expected exactly "
			      "one system config, first)", index,
			      kind_name(b->kind));
	if (!config && !v->cell_count)
		return refuse(ck, b->name, "is a %s before any cell "
			      "config (expected each cell config followed by "
			      "its payloads)", kind_name(b->kind));
	if (config && (b->params_size || b->load_address))
		return refuse(ck, b->name, "is a %s with params_size %u and "
			      "load address 0x%llx (expected 0 and 0)",
			      kind_name(b->kind), b->params_size,
			      (unsigned long long)b->load_address);
	if (b->kind == CB_BLOB_DEVICE_TREE && b->params_size)
		return refuse(ck, b->name, "is a device tree with params_size "
			      "%u (expected 0)", b->params_size);
	if (!config && b->params_size > b->size)
		return refuse(ck, b->name, "params_size %u exceeds the "
			      "payload's %llu bytes", b->params_size,
			      (unsigned long long)b->size);
	if (b->kind == CB_BLOB_SYSTEM_CONFIG) {
		v->system_blob = b;
	} else if (b->kind == CB_BLOB_CELL_CONFIG) {
		/* Invariant: the view holds every cell the boot may run. */
		if (v->cell_count == CB_LIMIT_CELLS)
			return refuse(ck, b->name, "is cell config %u "
				      "(expected at most %u cells: this build "
				      "of the hypervisor runs at most %u)",
				      v->cell_count + 1, CB_LIMIT_CELLS,
				      CB_LIMIT_CELLS);
		v->cell[v->cell_count++] = (struct image_cell){ b, 0, 0, 0, 0 };
	} else {
		v->cell[v->cell_count - 1].payload_count++;
		v->payload_total++;
	}
	return 1;
}

static int check_blobs(struct checker *ck)
{
	const struct cb_image_table *t = ck->view->table;
	uint64_t at = ck->view->table_offset + sizeof(*t);
	unsigned i;

	for (i = 0; i < t->blob_count; i++) {
		uint64_t next = check_blob(ck, i, at);

		if (!next || !file_blob(ck, i, at_offset(ck, at)))
			return 0;
		at = next;
	}
	if (at != ck->total)
		return refuse(ck, "image table", "total size %llu does not "
			      "match the end of the last blob at %llu",
			      (unsigned long long)ck->total,
			      (unsigned long long)at);
	return 1;
}

/* ---- configs ----------------------------------------------------------- */

/* Passes config_check's problems on, naming the blob they are about. */
struct relay {
	struct config_report config;	/* first: the callback casts back */
	struct checker *ck;
	unsigned int system_problems;
	int quiet_system;	/* drop problems about the system config */
};

static void refuse_cell(struct image_view *v, struct image_cell *cell)
{
	if (!cell->refused)
		v->refused_count++;
	cell->refused = 1;
}

static void relay_problem(struct config_report *report, const void *subject,
			  const char *where, const char *what)
{
	struct relay *r = (struct relay *)report;
	struct image_view *v = r->ck->view;
	const char *name = "?";
	unsigned i;

	if (subject == image_blob_data(v->system_blob)) {
		if (r->quiet_system)
			return;
		name = v->system_blob->name;
		r->system_problems++;
	}
	for (i = 0; i < v->cell_count; i++)
		if (subject == image_blob_data(v->cell[i].blob)) {
			name = v->cell[i].blob->name;
			refuse_cell(v, &v->cell[i]);
		}
	problem(r->ck, name, "%s: %s", where, what);
}

static const char *cell_name(const struct image_cell *cell)
{
	if (cell->config && config_name_valid(cell->config->name))
		return cell->config->name;
	return cell->blob->name;
}

static const struct cb_image_blob *blob_next(const struct cb_image_blob *b)
{
	uint64_t padded = (b->size + CB_IMAGE_ALIGN - 1) &
			  ~(uint64_t)(CB_IMAGE_ALIGN - 1);

	return (const void *)((const uint8_t *)image_blob_data(b) + padded);
}

/* ---- payloads ---------------------------------------------------------- */

const struct cb_memory_region *
image_check_placement(const struct cb_cell_config *cell,
		      uint64_t load_address, uint64_t size)
{
	const struct cb_memory_region *r = cb_cell_regions(cell);
	uint64_t last = load_address + (size - 1);
	unsigned i;

	if (!size || last < load_address)
		return NULL;
	for (i = 0; i < cell->region_count; i++) {
		uint64_t region_last = r[i].guest_start + (r[i].size - 1);

		if (!(r[i].flags & CB_REGION_LOADABLE) || !r[i].size ||
		    region_last < r[i].guest_start)
			continue;
		if (load_address >= r[i].guest_start && last <= region_last)
			return &r[i];
	}
	return NULL;
}

static int params_valid(const struct cb_image_blob *p)
{
	const char *s = (const char *)image_blob_data(p) +
			(p->size - p->params_size);
	uint32_t i;

	if (s[p->params_size - 1])
		return 0;
	for (i = 0; i + 1 < p->params_size; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f)
			return 0;
	return 1;
}

/* "ram 0x40000000-0x40ffffff, ..." for a message; "none" without any. */
static void loadable_list(char *buf, size_t size,
			  const struct cb_cell_config *cell)
{
	const struct cb_memory_region *r = cb_cell_regions(cell);
	size_t used = 0;
	unsigned i;

	format_string(buf, size, "none");
	for (i = 0; i < cell->region_count && used < size; i++) {
		uint64_t first = r[i].guest_start;
		uint64_t last = first + r[i].size - 1;

		if (!(r[i].flags & CB_REGION_LOADABLE))
			continue;
		used += format_string(buf + used, size - used,
				      "%s%s 0x%llx-0x%llx", used ? ", " : "",
				      config_name_valid(r[i].name) ? r[i].name : "?",
				      (unsigned long long)first,
				      (unsigned long long)last);
	}
}

static void check_placement(struct checker *ck, struct image_cell *cell,
			    const struct cb_image_blob *p)
{
	char loadable[160];

	if (!p->size) {
		problem(ck, p->name, "is empty (expected at least one byte to "
			"load into cell \"%s\")", cell_name(cell));
	} else if (p->load_address + (p->size - 1) < p->load_address) {
		problem(ck, p->name, "load address 0x%llx plus %llu bytes "
			"overflows (cell \"%s\")",
			(unsigned long long)p->load_address,
			(unsigned long long)p->size, cell_name(cell));
	} else if (!image_check_placement(cell->config, p->load_address,
					  p->size)) {
		loadable_list(loadable, sizeof(loadable), cell->config);
		problem(ck, p->name, "guest range 0x%llx-0x%llx is not inside "
			"one loadable region of cell \"%s\" (loadable: %s)",
			(unsigned long long)p->load_address,
			(unsigned long long)(p->load_address + p->size - 1),
			cell_name(cell), loadable);
	} else {
		return;
	}
	refuse_cell(ck->view, cell);
}

static int ranges_overlap(const struct cb_image_blob *a,
			  const struct cb_image_blob *b)
{
	uint64_t a_last = a->load_address + (a->size - 1);
	uint64_t b_last = b->load_address + (b->size - 1);

	if (!a->size || !b->size || a_last < a->load_address ||
	    b_last < b->load_address)
		return 0;
	return a->load_address <= b_last && b->load_address <= a_last;
}

/* The FDT header's magic and totalsize, big-endian (devicetree spec 5.2). */
#define FDT_MAGIC 0xd00dfeedu

static uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A device tree the kernel will find whole at an 8-byte aligned address
   (Linux booting.rst, "Setup the device tree"). */
static int device_tree_valid(struct checker *ck, const struct image_cell *cell,
			     const struct cb_image_blob *p)
{
	const uint8_t *fdt = image_blob_data(p);

	if (p->load_address & 7) {
		problem(ck, p->name, "device tree load address 0x%llx is not "
			"8-byte aligned (cell \"%s\")",
			(unsigned long long)p->load_address, cell_name(cell));
		return 0;
	}
	if (p->size < 8 || be32_at(fdt) != FDT_MAGIC ||
	    be32_at(fdt + 4) > p->size || be32_at(fdt + 4) < 8) {
		problem(ck, p->name, "is not a flattened device tree (expected "
			"magic 0xd00dfeed and a totalsize within its %llu "
			"bytes)", (unsigned long long)p->size);
		return 0;
	}
	return 1;
}

/*
 * @x0_from is the payload that gave x0 so far: the one with parameters or
 * the device tree. At most one may.
 */
static void check_payload(struct checker *ck, struct image_cell *cell,
			  const struct cb_image_blob *p,
			  const struct cb_image_blob **x0_from)
{
	const struct cb_image_blob *q = image_cell_payload(cell, 0);
	int gives_x0 = p->params_size || p->kind == CB_BLOB_DEVICE_TREE;

	if (p->params_size && !params_valid(p)) {
		problem(ck, p->name, "parameters (the last %u bytes) are not "
			"printable ASCII ending in one NUL", p->params_size);
		refuse_cell(ck->view, cell);
	}
	if (p->kind == CB_BLOB_DEVICE_TREE && !device_tree_valid(ck, cell, p))
		refuse_cell(ck->view, cell);
	if (gives_x0 && *x0_from) {
		problem(ck, p->name, "has %s, and %s has %s (expected at most "
			"one payload with parameters or one device tree in "
			"cell \"%s\": either is x0)",
			p->params_size ? "parameters" : "the device tree",
			(*x0_from)->name,
			(*x0_from)->params_size ? "parameters" : "the device tree",
			cell_name(cell));
		refuse_cell(ck->view, cell);
	} else if (gives_x0) {
		*x0_from = p;
		cell->params_address = p->kind == CB_BLOB_DEVICE_TREE ?
				       p->load_address :
				       p->load_address + p->size -
				       p->params_size;
	}
	if (cell->config)
		check_placement(ck, cell, p);
	for (; q != p; q = blob_next(q))
		if (ranges_overlap(p, q)) {
			problem(ck, p->name, "guest range 0x%llx-0x%llx "
				"overlaps payload %s of cell \"%s\"",
				(unsigned long long)p->load_address,
				(unsigned long long)(p->load_address +
						     p->size - 1),
				q->name, cell_name(cell));
			refuse_cell(ck->view, cell);
		}
}

/* ---- the whole image --------------------------------------------------- */

/*
 * Where the image lives while the hypervisor runs: from its link address
 * (it moves itself there) for image_size bytes, then the page pool, all
 * inside the system config's /hypervisor region.
 */
static int check_room(struct checker *ck, const struct cb_system_config *s)
{
	const struct cb_arm64_header *h = at_offset(ck, 0);
	uint64_t start = h->link_address, span = h->image_size;
	uint64_t end = s->hypervisor_start + s->hypervisor_size;
	uint64_t pages;

	if ((start & (PAGE_4K - 1)) || start < s->hypervisor_start ||
	    start >= end || span > end - start)
		return refuse(ck, ck->view->system_blob->name, "/hypervisor "
			      "0x%llx-0x%llx does not hold the image, which "
			      "runs at 0x%llx-0x%llx (%llu KiB: hypervisor, "
			      "configs and payloads; expected the region to "
			      "hold it and %u pages for page tables past it)",
			      (unsigned long long)s->hypervisor_start,
			      (unsigned long long)(end - 1),
			      (unsigned long long)start,
			      (unsigned long long)(start + span - 1),
			      (unsigned long long)(span >> 10),
			      CB_LIMIT_POOL_MIN_PAGES);
	pages = (end - start - span) / PAGE_4K;
	if (pages < CB_LIMIT_POOL_MIN_PAGES)
		return refuse(ck, ck->view->system_blob->name, "/hypervisor "
			      "leaves %llu pages past the image for page "
			      "tables (expected at least %u)",
			      (unsigned long long)pages,
			      CB_LIMIT_POOL_MIN_PAGES);
	return 1;
}

/* The boot keeps a fixed table of payloads per cell: a cell with more is
   refused whole rather than started without some of them. */
static void check_payload_count(struct checker *ck, struct image_cell *cell)
{
	if (cell->payload_count <= CB_LIMIT_PAYLOADS)
		return;
	problem(ck, cell->blob->name, "cell \"%s\" has %u payloads (expected "
		"at most %u per cell: this build of the hypervisor loads no "
		"more)", cell_name(cell), cell->payload_count,
		CB_LIMIT_PAYLOADS);
	refuse_cell(ck->view, cell);
}

static void check_cells(struct checker *ck, struct relay *r)
{
	const struct cb_cell_config *unrefused[CB_LIMIT_CELLS];
	struct image_view *v = ck->view;
	unsigned i, k, count = 0;

	for (i = 0; i < v->cell_count; i++) {
		struct image_cell *cell = &v->cell[i];
		const struct cb_image_blob *x0_from = NULL;

		cell->config = config_check_cell(v->system,
						 image_blob_data(cell->blob),
						 cell->blob->size, &r->config);
		check_payload_count(ck, cell);
		for (k = 0; k < cell->payload_count; k++)
			check_payload(ck, cell, image_cell_payload(cell, k),
				      &x0_from);
	}
	for (i = 0; i < v->cell_count; i++)
		if (!v->cell[i].refused)
			unrefused[count++] = v->cell[i].config;
	/*
	 * A refused cell's CPUs are idle by design, so "CPU in no cell" is
	 * then a consequence, not a cause: it neither refuses the image nor
	 * adds a line. Otherwise the set disagrees with the system config.
	 */
	r->quiet_system = v->refused_count != 0;
	r->system_problems = 0;
	config_check_set(v->system, unrefused, count, &r->config);
	if (r->system_problems)
		ck->fatal = 1;
}

enum image_verdict image_check(const void *image, uint64_t size,
			       uint64_t scratch_start, uint64_t scratch_end,
			       struct image_view *view,
			       struct image_report *report)
{
	struct checker ck = { image, size, 0, view, report, 0, "" };
	struct relay r = { { relay_problem, 0 }, &ck, 0, 0 };
	unsigned int problems_before = report->problem_count;

	*view = (struct image_view){ 0 };
	if (!check_arm64_header(&ck) ||
	    !check_table(&ck, scratch_start, scratch_end) ||
	    !check_blobs(&ck))
		return IMAGE_REFUSED;
	view->system = config_check_system(image_blob_data(view->system_blob),
					   view->system_blob->size, &r.config);
	if (!view->system || r.system_problems || !check_room(&ck, view->system)) {
		view->system = NULL;
		return IMAGE_REFUSED;
	}
	check_cells(&ck, &r);
	if (ck.fatal)
		return IMAGE_REFUSED;
	if (report->problem_count != problems_before)
		return IMAGE_CELLS_REFUSED;
	return IMAGE_VALID;
}

const struct cb_image_blob *image_cell_payload(const struct image_cell *cell,
					       unsigned int index)
{
	const struct cb_image_blob *b = cell->blob;

	if (index >= cell->payload_count)
		return NULL;
	do
		b = blob_next(b);
	while (index--);
	return b;
}
