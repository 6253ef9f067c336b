// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the boot image validator (common/image_check.c),
 * which the hypervisor runs on whatever a loader put in memory.
 *
 * Input: one mode byte, then the image. Mode bit 0 repairs every CRC first
 * (blobs, configs inside them, the table), so mutations reach the checks
 * behind the checksums; bit 1 declares a scratch range, as the boot code
 * does for its .bss. Beyond "no crash", the target checks the validator's
 * promises: the verdict agrees with the problem count, and every payload of
 * a cell that may start is readable and placed in a loadable region.
 */
#include "crc32.h"
#include "image_check.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore_problem(struct image_report *report, const char *blob,
			   const char *what)
{
	(void)report;
	if (strlen(blob) + strlen(what) == (size_t)-1)
		abort();
}

static void seal(void *blob, size_t size)
{
	uint32_t *crc = (uint32_t *)blob + 3;	/* cb_config_header.crc32 */

	*crc = 0;
	*crc = crc32_update(0, blob, size);
}

/* Recomputes the CRCs of a table found at a 4 KiB boundary and its blobs. */
static void repair_crcs(uint8_t *image, size_t size)
{
	uint64_t at, blob_at;
	uint32_t i;

	for (at = CB_IMAGE_TABLE_ALIGN; at + sizeof(struct cb_image_table) <= size;
	     at += CB_IMAGE_TABLE_ALIGN) {
		struct cb_image_table *table = (void *)(image + at);

		if (table->magic != CB_IMAGE_MAGIC || table->table_offset != at)
			continue;
		blob_at = at + sizeof(*table);
		for (i = 0; i < table->blob_count && i < CB_IMAGE_MAX_BLOBS; i++) {
			struct cb_image_blob *blob = (void *)(image + blob_at);

			if (blob_at + sizeof(*blob) > size ||
			    blob->size > size - blob_at - sizeof(*blob))
				break;
			if (blob->kind != CB_BLOB_PAYLOAD && blob->size >= 16 &&
			    ((uint32_t *)(blob + 1))[2] == blob->size)
				seal(blob + 1, blob->size);
			blob->crc32 = 0;
			blob->crc32 = crc32_update(0, blob,
						   sizeof(*blob) + blob->size);
			blob_at = (blob_at + sizeof(*blob) + blob->size +
				   CB_IMAGE_ALIGN - 1) & ~(uint64_t)(CB_IMAGE_ALIGN - 1);
		}
		table->crc32 = 0;
		table->crc32 = crc32_update(0, image, at + sizeof(*table));
		return;
	}
}

static void check_promises(const struct image_view *view)
{
	unsigned int i, k;

	for (i = 0; i < view->cell_count; i++) {
		const struct image_cell *cell = &view->cell[i];

		for (k = 0; k <= cell->payload_count; k++) {
			const struct cb_image_blob *p = image_cell_payload(cell, k);

			if (!p) {
				if (k != cell->payload_count)
					abort();
				continue;
			}
			if (!cell->refused &&
			    !image_check_placement(cell->config, p->load_address,
						   p->size))
				abort();
			if (p->size)	/* the last byte must be readable */
				(void)*(volatile const uint8_t *)((const uint8_t *)
					image_blob_data(p) + p->size - 1);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct image_view view;
	struct image_report report = { ignore_problem, 0 };
	enum image_verdict verdict;
	uint8_t *image;

	if (size < 2)
		return 0;
	image = malloc(size - 1);
	memcpy(image, data + 1, size - 1);
	if (data[0] & 1)
		repair_crcs(image, size - 1);
	verdict = image_check(image, size - 1, 0, (data[0] & 2) ? 0x800 : 0,
			      &view, &report);
	if ((verdict == IMAGE_VALID) != (report.problem_count == 0))
		abort();
	if (verdict != IMAGE_REFUSED)
		check_promises(&view);
	free(image);
	return 0;
}
