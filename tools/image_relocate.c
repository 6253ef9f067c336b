// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where the packed hypervisor runs (include/cellblock/image.h): at its link
 * address when the system config's /hypervisor region holds the image
 * there, else at the region's start, for which `cellblock image` applies
 * the hypervisor's own relocation table (struct cb_hv_relocs) to its copy
 * of it. A system whose hypervisor region is not where QEMU and u-boot put
 * the image (0x40200000) so boots all the same: the image moves itself to
 * its new link address at entry (head.S).
 */
#include "image_build.h"

#include <cellblock/config.h>
#include <cellblock/limits.h>

#include <stdio.h>
#include <string.h>

#define PAGE 0x1000ull

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

/* Whether the image, @span bytes at @at, and the page pool's minimum past
   it fit in [@start, @end). */
static int holds(uint64_t start, uint64_t end, uint64_t at, uint64_t span)
{
	return at >= start && at < end &&
	       end - at >= span + CB_LIMIT_POOL_MIN_PAGES * PAGE;
}

/* Adds @delta to every address the table relocates, and to the table's
   own entries; returns 0 or 1 after saying what is wrong. */
static int apply(const char *path, uint8_t *hv, size_t hv_size,
		 uint64_t link, uint64_t delta)
{
	const struct cb_hv_relocs *r = (const void *)(hv +
		sizeof(struct cb_arm64_header));
	uint64_t at, offset;

	if (hv_size < sizeof(struct cb_arm64_header) + sizeof(*r) ||
	    r->magic != CB_HV_RELOCS_MAGIC) {
		fprintf(stderr, "cellblock image: %s: no relocation table "
			"after its arm64 header (expected the magic \"CBRL\" "
			"at offset 0x40: a hypervisor this cellblock "
			"built)\n", path);
		return 1;
	}
	if (r->offset % 8 || r->size % CB_HV_RELOC_SIZE ||
	    r->offset > hv_size || r->size > hv_size - r->offset) {
		fprintf(stderr, "cellblock image: %s: relocation table at "
			"0x%llx, 0x%llx bytes, is not inside the file's 0x%zx "
			"bytes in 24-byte entries\n", path,
			(unsigned long long)r->offset,
			(unsigned long long)r->size, hv_size);
		return 1;
	}
	for (at = r->offset; at < r->offset + r->size;
	     at += CB_HV_RELOC_SIZE) {
		uint8_t *e = hv + at;

		offset = get64(e) - link;
		if (!get64(e + 8))	/* R_AARCH64_NONE: the link's spare */
			continue;
		if (get64(e + 8) != CB_R_AARCH64_RELATIVE ||
		    get64(e) < link || offset > hv_size - 8 || offset % 8) {
			fprintf(stderr, "cellblock image: %s: relocation at "
				"file offset 0x%llx (type %llu, address "
				"0x%llx) is not an aligned R_AARCH64_RELATIVE "
				"inside the file\n", path,
				(unsigned long long)at,
				(unsigned long long)get64(e + 8),
				(unsigned long long)get64(e));
			return 1;
		}
	}
	for (at = r->offset; at < r->offset + r->size;
	     at += CB_HV_RELOC_SIZE) {
		uint8_t *e = hv + at;

		if (!get64(e + 8))
			continue;
		offset = get64(e) - link;
		put64(hv + offset, get64(e + 16) + delta);
		put64(e, get64(e) + delta);
		put64(e + 16, get64(e + 16) + delta);
	}
	return 0;
}

int image_relocate(const char *path, uint8_t *hv, size_t hv_size,
		   const struct input *system, uint64_t span)
{
	struct cb_arm64_header *h = (struct cb_arm64_header *)hv;
	const struct cb_system_config *s = system->data;
	uint64_t link = h->link_address, start, end;

	/* A system config too short for these fields is the validator's to
	   refuse, with the message it has for it. */
	if (system->size < sizeof(*s))
		return 0;
	start = s->hypervisor_start;
	end = start + s->hypervisor_size;
	if (end < start || (start & (PAGE - 1)) ||
	    holds(start, end, link, span) || !holds(start, end, start, span))
		return 0;	/* fits as linked, or nowhere: check_room says */
	if (apply(path, hv, hv_size, link, start - link))
		return -1;
	if (h->link_address != start) {
		fprintf(stderr, "cellblock image: %s: its relocation table "
			"does not cover the header's link address (offset "
			"0x20)\n", path);
		return -1;
	}
	return 0;
}
