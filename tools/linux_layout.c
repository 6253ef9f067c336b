// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell's Linux in its RAM and its generated device tree (see
 * linux_layout.h): the boot image's and the Linux-managed boot's.
 */
#include "linux_layout.h"

#include "cell_dtb.h"
#include "image_check.h"

#include <cellblock/image.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MIB2 0x200000ull
#define PAGE 0x1000ull
#define DTB_MAX (2 * 1024 * 1024ull)	/* booting.rst */
#define RNG_SEED_SIZE 64		/* bytes of /chosen/rng-seed */

static uint64_t align_up(uint64_t value, uint64_t align)
{
	return (value + align - 1) & ~(align - 1);
}

__attribute__((format(printf, 3, 4))) static int
refuse(const char *tool, const char *cell, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: cell %s: ", tool, cell);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* The kernel's arm64 header, or 1 after saying what the file is instead. */
static int kernel_header(const char *tool, const char *cell,
			 const struct linux_file *k, uint64_t *text_offset,
			 uint64_t *image_size)
{
	const uint8_t *d = k->data;
	const struct cb_arm64_header *h = k->data;

	if (k->size >= 2 && d[0] == 0x1f && d[1] == 0x8b)
		return refuse(tool, cell, "%s is gzip-compressed (a "
			      "vmlinuz.gz?); the kernel must be an uncompressed "
			      "arm64 Image: zcat %s > Image", k->path, k->path);
	if (k->size >= 8 && d[0] == 'M' && d[1] == 'Z' &&
	    !memcmp(d + 4, "zimg", 4))
		return refuse(tool, cell, "%s is an EFI zboot image "
			      "(compressed, booted by EFI firmware only); the "
			      "kernel must be an uncompressed arm64 Image",
			      k->path);
	if (k->size < sizeof(*h) || h->magic != CB_ARM64_MAGIC)
		return refuse(tool, cell, "%s is not an arm64 Image (expected "
			      "the magic \"ARM\\x64\" at offset 0x38)", k->path);
	if (h->flags & 1)
		return refuse(tool, cell, "%s is a big-endian kernel (header "
			      "flags 0x%llx); cells run little-endian", k->path,
			      (unsigned long long)h->flags);
	if (!h->image_size)
		return refuse(tool, cell, "%s has image_size 0 in its header (a "
			      "kernel older than 3.17, whose memory footprint "
			      "is unknown); expected a newer kernel", k->path);
	if (h->image_size < k->size)
		return refuse(tool, cell, "%s is %zu bytes, more than the "
			      "image_size 0x%llx of its header", k->path,
			      k->size, (unsigned long long)h->image_size);
	*text_offset = h->text_offset;
	*image_size = h->image_size;
	return 0;
}

int linux_place(const char *tool, const struct cb_cell_config *cell,
		const struct linux_file *kernel,
		const struct linux_file *initrd, struct linux_place *place)
{
	const struct cb_memory_region *region;
	uint64_t text_offset = 0, image_size = 0, base, at;
	const char *name = cell->name;

	memset(place, 0, sizeof(*place));
	if (kernel_header(tool, name, kernel, &text_offset, &image_size))
		return 1;
	base = cell->entry - text_offset;
	if (cell->entry < text_offset || (base & (MIB2 - 1)))
		return refuse(tool, name, "entry 0x%llx is not text_offset "
			      "0x%llx of %s past a 2 MiB boundary (the arm64 "
			      "boot protocol's place for the kernel)",
			      (unsigned long long)cell->entry,
			      (unsigned long long)text_offset, kernel->path);
	region = image_check_placement(cell, base, image_size + text_offset);
	if (!region)
		return refuse(tool, name, "the kernel %s needs 0x%llx-0x%llx "
			      "(its image_size from the 2 MiB boundary at the "
			      "entry), which is not inside one loadable region "
			      "of the cell", kernel->path,
			      (unsigned long long)base,
			      (unsigned long long)(base + text_offset +
						   image_size - 1));
	place->kernel = cell->entry;
	place->end = region->guest_start + region->size;
	place->region = region->name;
	at = align_up(base + text_offset + image_size, PAGE);
	if (initrd) {
		if (!initrd->size || initrd->size > place->end - at)
			return refuse(tool, name, "the initrd %s (%zu bytes) "
				      "does not fit in region %s after the "
				      "kernel (0x%llx-0x%llx is left)",
				      initrd->path, initrd->size, region->name,
				      (unsigned long long)at,
				      (unsigned long long)(place->end - 1));
		place->initrd_start = at;
		place->initrd_end = at + initrd->size;
		at = align_up(place->initrd_end, PAGE);
	}
	place->next = at;
	return 0;
}

int linux_place_dtb(const char *tool, const struct cb_cell_config *cell,
		    struct linux_place *place, size_t size)
{
	if (size > DTB_MAX || size > place->end - place->next)
		return refuse(tool, cell->name, "the device tree (%zu bytes) "
			      "does not fit in region %s after the kernel and "
			      "initrd (0x%llx-0x%llx is left; at most 2 MiB)",
			      size, place->region,
			      (unsigned long long)place->next,
			      (unsigned long long)(place->end - 1));
	place->dtb = place->next;
	return 0;
}

/* Random bytes for the kernel's RNG and KASLR seeds. */
static int random_bytes(const char *tool, void *buf, size_t size)
{
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = 0;

	if (f) {
		got = fread(buf, 1, size, f);
		fclose(f);
	}
	if (got != size) {
		fprintf(stderr, "%s: cannot read /dev/urandom for the device "
			"tree's rng-seed and kaslr-seed\n", tool);
		return 1;
	}
	return 0;
}

int linux_generate_dtb(const char *tool, const struct cb_system_config *system,
		       const struct cb_cell_config *cell, const char *bootargs,
		       const struct linux_place *place, const char *cell_source,
		       void **dtb, size_t *size)
{
	uint8_t seed[RNG_SEED_SIZE];
	uint64_t kaslr;
	struct cell_dtb_options options = {
		.bootargs = bootargs,
		.initrd_start = place->initrd_start,
		.initrd_end = place->initrd_end,
		.rng_seed = seed,
		.rng_seed_size = sizeof(seed),
		.has_kaslr_seed = 1,
		.cell_source_path = cell_source,
	};

	if (random_bytes(tool, seed, sizeof(seed)) ||
	    random_bytes(tool, &kaslr, 8))
		return 1;
	options.kaslr_seed = kaslr;
	return cell_dtb_build(system, cell, &options, dtb, size) ? 1 : 0;
}
