// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Linux boot of a cell in a boot image (`cellblock image --linux`): its
 * options (--linux, --initrd, --bootargs, --dtb) and its layout, by the
 * arm64 boot protocol (Linux Documentation/arch/arm64/booting.rst):
 *
 * - the kernel Image at text_offset past a 2 MiB-aligned base, which is
 *   the cell config's entry minus text_offset, so the cell's first CPU
 *   starts at the kernel's first instruction; image_size bytes from the
 *   base (the kernel's bss and early page tables) must be free RAM of one
 *   loadable region;
 * - the initrd next, page-aligned past image_size;
 * - the device tree last, page-aligned (booting.rst: 8-byte aligned, at
 *   most 2 MiB), its address in x0 (a CB_BLOB_DEVICE_TREE blob).
 *
 * All three in the kernel's region, so they overlap nothing else the cell
 * loads; the image validator checks that again, with every payload.
 */
#include "image_build.h"

#include "cell_dtb.h"
#include "cell_dtb_parts.h"
#include "config_check.h"
#include "image_check.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB2 0x200000ull
#define PAGE 0x1000ull
#define DTB_MAX (2 * 1024 * 1024ull)	/* booting.rst */
#define RNG_SEED_SIZE 64		/* bytes of /chosen/rng-seed */

static uint64_t align_up(uint64_t value, uint64_t align)
{
	return (value + align - 1) & ~(align - 1);
}

__attribute__((format(printf, 2, 3))) static int
refuse(const char *cell, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cellblock image: cell %s: ", cell);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static void print_config_problem(struct config_report *report,
				 const void *subject, const char *where,
				 const char *what)
{
	(void)report;
	(void)subject;
	fprintf(stderr, "cellblock image: %s: %s\n", where, what);
}

/* The kernel's arm64 header, or 1 after saying what the file is instead. */
static int kernel_header(const char *cell, const struct input *k,
			 uint64_t *text_offset, uint64_t *image_size)
{
	const uint8_t *d = k->data;
	const struct cb_arm64_header *h = k->data;

	if (k->size >= 2 && d[0] == 0x1f && d[1] == 0x8b)
		return refuse(cell, "%s is gzip-compressed (a vmlinuz.gz?); "
			      "the kernel must be an uncompressed arm64 Image: "
			      "zcat %s > Image", k->path, k->path);
	if (k->size >= 8 && d[0] == 'M' && d[1] == 'Z' &&
	    !memcmp(d + 4, "zimg", 4))
		return refuse(cell, "%s is an EFI zboot image (compressed, "
			      "booted by EFI firmware only); the kernel must "
			      "be an uncompressed arm64 Image", k->path);
	if (k->size < sizeof(*h) || h->magic != CB_ARM64_MAGIC)
		return refuse(cell, "%s is not an arm64 Image (expected the "
			      "magic \"ARM\\x64\" at offset 0x38)", k->path);
	if (h->flags & 1)
		return refuse(cell, "%s is a big-endian kernel (header flags "
			      "0x%llx); cells run little-endian", k->path,
			      (unsigned long long)h->flags);
	if (!h->image_size)
		return refuse(cell, "%s has image_size 0 in its header (a "
			      "kernel older than 3.17, whose memory footprint "
			      "is unknown); expected a newer kernel", k->path);
	if (h->image_size < k->size)
		return refuse(cell, "%s is %zu bytes, more than the image_size "
			      "0x%llx of its header", k->path, k->size,
			      (unsigned long long)h->image_size);
	*text_offset = h->text_offset;
	*image_size = h->image_size;
	return 0;
}

/* Random bytes from the host for the kernel's RNG and KASLR seeds. */
static int host_random(void *buf, size_t size)
{
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = 0;

	if (f) {
		got = fread(buf, 1, size, f);
		fclose(f);
	}
	if (got != size) {
		fputs("cellblock image: cannot read /dev/urandom for the "
		      "device tree's rng-seed and kaslr-seed\n", stderr);
		return 1;
	}
	return 0;
}

static int generate_dtb(const struct cb_system_config *system,
			const struct cb_cell_config *cell,
			const struct input *kernel, const char *cell_source,
			uint64_t initrd_start, uint64_t initrd_end,
			struct input *dtb)
{
	uint8_t seed[RNG_SEED_SIZE];
	uint64_t kaslr;
	struct cell_dtb_options options = {
		.bootargs = kernel->bootargs,
		.initrd_start = initrd_start,
		.initrd_end = initrd_end,
		.rng_seed = seed,
		.rng_seed_size = sizeof(seed),
		.has_kaslr_seed = 1,
		.cell_source_path = cell_source,
	};
	void *blob;
	size_t size;

	if (host_random(seed, sizeof(seed)) || host_random(&kaslr, 8))
		return 1;
	options.kaslr_seed = kaslr;
	if (cell_dtb_build(system, cell, &options, &blob, &size))
		return 1;
	dtb->data = blob;
	dtb->size = size;
	dtb->path = "device-tree.dtb";	/* the blob's name */
	return 0;
}

/*
 * A device tree given with --dtb gets the initrd's range and --bootargs in
 * its /chosen, as the generated one does (each replaces what it had), and
 * is held to the same rule: every reg and interrupt in it is the cell's.
 */
static int given_dtb(const struct cb_system_config *system,
		     const struct cb_cell_config *config, struct input *dtb,
		     const char *bootargs, uint64_t initrd_start,
		     uint64_t initrd_end)
{
	const struct cell_dtb_origin origin = { NULL, NULL, NULL, dtb->path };
	const char *cell = config->name;
	size_t size = dtb->size + 4096 + (bootargs ? strlen(bootargs) : 0);
	void *fdt = malloc(size);
	int node, err;

	if (!fdt)
		return refuse(cell, "out of memory");
	err = fdt_open_into(dtb->data, fdt, (int)size);
	if (err) {
		free(fdt);
		return refuse(cell, "--dtb %s is not a flattened device tree "
			      "(%s)", dtb->path, fdt_strerror(err));
	}
	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	err = node < 0 ? node : 0;
	if (!err && bootargs)
		err = fdt_setprop_string(fdt, node, "bootargs", bootargs);
	if (!err && initrd_end)
		err = fdt_setprop_u64(fdt, node, "linux,initrd-start",
				      initrd_start);
	if (!err && initrd_end)
		err = fdt_setprop_u64(fdt, node, "linux,initrd-end",
				      initrd_end);
	if (!err)
		err = fdt_pack(fdt);
	if (err) {
		free(fdt);
		return refuse(cell, "--dtb %s: cannot set /chosen (%s)",
			      dtb->path, fdt_strerror(err));
	}
	free(dtb->data);
	dtb->data = fdt;
	dtb->size = fdt_totalsize(fdt);
	if (cell_dtb_check(fdt, system, config, &origin))
		return refuse(cell, "--dtb %s describes what the cell does not "
			      "own (above)", dtb->path);
	return 0;
}

/* The kernel's inputs in this cell: the DTB after it, the initrd if any. */
static struct input *initrd_of(struct build *b, unsigned int kernel_at)
{
	unsigned int i;

	for (i = kernel_at + 1; i < b->count; i++) {
		if (b->input[i].kind == CB_BLOB_CELL_CONFIG)
			break;
		if (b->input[i].role == ROLE_INITRD)
			return &b->input[i];
	}
	return NULL;
}

static int place(struct build *b, unsigned int cell_at,
		 const struct cb_system_config *system,
		 const struct cb_cell_config *cell)
{
	unsigned int kernel_at = cell_at + 1;
	struct input *kernel, *dtb, *initrd;
	const struct cb_memory_region *region;
	uint64_t text_offset = 0, image_size = 0, base, at, end;
	uint64_t initrd_start = 0;
	uint64_t initrd_end = 0;
	const char *name = cell->name;
	const char *source = NULL;

	while (b->input[kernel_at].role != ROLE_KERNEL)
		kernel_at++;
	kernel = &b->input[kernel_at];
	dtb = kernel + 1;
	initrd = initrd_of(b, kernel_at);
	if (kernel_header(name, kernel, &text_offset, &image_size))
		return 1;
	base = cell->entry - text_offset;
	if (cell->entry < text_offset || (base & (MIB2 - 1)))
		return refuse(name, "entry 0x%llx is not text_offset 0x%llx of "
			      "%s past a 2 MiB boundary (the arm64 boot "
			      "protocol's place for the kernel)",
			      (unsigned long long)cell->entry,
			      (unsigned long long)text_offset, kernel->path);
	region = image_check_placement(cell, base, image_size + text_offset);
	if (!region)
		return refuse(name, "the kernel %s needs 0x%llx-0x%llx (its "
			      "image_size from the 2 MiB boundary at the "
			      "entry), which is not inside one loadable region "
			      "of the cell", kernel->path,
			      (unsigned long long)base,
			      (unsigned long long)(base + text_offset +
						   image_size - 1));
	kernel->load_address = cell->entry;
	end = region->guest_start + region->size;
	at = align_up(base + text_offset + image_size, PAGE);
	if (initrd) {
		if (!initrd->size || initrd->size > end - at)
			return refuse(name, "the initrd %s (%zu bytes) does "
				      "not fit in region %s after the kernel "
				      "(0x%llx-0x%llx is left)", initrd->path,
				      initrd->size, region->name,
				      (unsigned long long)at,
				      (unsigned long long)(end - 1));
		initrd->load_address = at;
		initrd_start = at;
		initrd_end = at + initrd->size;
		at = align_up(initrd_end, PAGE);
	}
	if (!dtb->path) {
		if (input_is_source(&b->input[cell_at]))
			source = b->input[cell_at].path;
		if (generate_dtb(system, cell, kernel, source, initrd_start,
				 initrd_end, dtb))
			return 1;
	} else if (given_dtb(system, cell, dtb, kernel->bootargs,
			     initrd_start, initrd_end)) {
		return 1;
	}
	if (dtb->size > DTB_MAX || dtb->size > end - at)
		return refuse(name, "the device tree (%zu bytes) does not fit "
			      "in region %s after the kernel and initrd "
			      "(0x%llx-0x%llx is left; at most 2 MiB)",
			      dtb->size, region->name, (unsigned long long)at,
			      (unsigned long long)(end - 1));
	dtb->load_address = at;
	return 0;
}

/* ---- the command line ------------------------------------------------ */

/* --linux FILE: the kernel, and the device tree's place right after it
   (generated unless --dtb names a file). */
int parse_linux(const char *path, struct build *b)
{
	struct input *in = &b->input[b->count];

	if (!b->cells)
		return image_usage_error("--linux %s comes before any --cell (the "
				   "kernel belongs to the cell before it)",
				   path);
	if (b->kernel_at)
		return image_usage_error("--linux %s: the cell has a kernel already "
				   "(%s)", path, b->input[b->kernel_at].path);
	b->kernel_at = b->count;
	in[0] = (struct input){ .path = path, .kind = CB_BLOB_PAYLOAD,
				.role = ROLE_KERNEL };
	in[1] = (struct input){ .kind = CB_BLOB_DEVICE_TREE,
				.role = ROLE_DTB };
	b->count += 2;
	return 0;
}

/* --initrd, --bootargs, --dtb: parts of the current cell's --linux. */
int parse_linux_part(const char *option, const char *arg,
			    struct build *b)
{
	struct input *kernel = &b->input[b->kernel_at];
	struct input *dtb = kernel + 1;

	if (!b->kernel_at)
		return image_usage_error("%s %s does not follow a --linux in the "
				   "same cell", option, arg);
	if (!strcmp(option, "--bootargs")) {
		if (kernel->bootargs)
			return image_usage_error("--bootargs given twice for %s",
					   kernel->path);
		kernel->bootargs = arg;
	} else if (!strcmp(option, "--dtb")) {
		if (dtb->dtb_given)
			return image_usage_error("--dtb given twice for %s",
					   kernel->path);
		dtb->path = strcmp(arg, "auto") ? arg : NULL;
		dtb->dtb_given = 1;
	} else {
		unsigned int i;

		for (i = b->kernel_at; i < b->count; i++)
			if (b->input[i].role == ROLE_INITRD)
				return image_usage_error("--initrd given twice for "
						   "%s", kernel->path);
		b->input[b->count++] = (struct input){
			.path = arg, .kind = CB_BLOB_PAYLOAD,
			.role = ROLE_INITRD };
	}
	return 0;
}

/* ---- the layout ------------------------------------------------------ */

int linux_layout(struct build *b, unsigned int cell_at)
{
	struct config_report report = { print_config_problem, 0 };
	const struct cb_system_config *system;
	const struct cb_cell_config *cell;

	/* The configs' own problems are the validator's to report (later,
	   over the whole image); only a readable cell is laid out. */
	system = config_check_system(b->input[0].data, b->input[0].size,
				     &report);
	if (!system)
		return 1;
	cell = config_check_cell(system, b->input[cell_at].data,
				 b->input[cell_at].size, &report);
	if (!cell)
		return 1;
	return place(b, cell_at, system, cell);
}
