/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot image validator. Freestanding C built unchanged into the host
 * tool (`cellblock image` checks what it packs; `cellblock image check`
 * checks a file) and into the hypervisor's boot code, which checks the image
 * in memory before it starts anything: the boot code refuses exactly what
 * the tool refuses.
 *
 * Problems come in two weights:
 *   - the image is refused (nothing starts): a truncated or corrupted image,
 *     a malformed table or blob header, blobs out of order, more cells
 *     than CB_LIMIT_CELLS (include/cellblock/limits.h), an invalid system
 *     config. Structural problems stop the check at the first one, so a
 *     broken image gives exactly one line;
 *   - a cell is refused (it is skipped, the other cells start): its config
 *     is invalid on its own, against the system or against the other cells,
 *     it has more than CB_LIMIT_PAYLOADS payloads, or one of its payloads
 *     is malformed, outside the cell's loadable memory, overlapping another
 *     of its payloads, or a second payload with parameters.
 * Every problem is one call of the report callback naming one blob.
 */
#ifndef CELLBLOCK_IMAGE_CHECK_H
#define CELLBLOCK_IMAGE_CHECK_H

#include <cellblock/config.h>
#include <cellblock/image.h>
#include <cellblock/limits.h>

/**
 * struct image_report - where problems go.
 * @problem: called once per problem. @blob_name is the blob the problem is
 *	about: its name from the image (a file name such as "hello.cell"),
 *	"blob N" while its name cannot be trusted yet, or "image",
 *	"hypervisor" or "image table" for the parts that are not blobs. @what
 *	is one sentence naming the field, the value and what was expected; for
 *	a config problem it is "/node/path: message" as config_check reports
 *	it. Both strings are only valid during the call.
 * @problem_count: incremented by the validator before each call.
 */
struct image_report {
	void (*problem)(struct image_report *report, const char *blob_name,
			const char *what);
	unsigned int problem_count;
};

/**
 * struct image_cell - one cell of a checked image.
 * @blob: the header of the cell's config blob.
 * @config: the cell config, typed, once its header and arrays are sound
 *	(even if it was refused); NULL when unreadable.
 * @payload_count: payload blobs following @blob (see image_cell_payload()).
 * @refused: non-zero when a problem was reported about this cell or one of
 *	its payloads: the caller must not create or start it.
 * @params_address: the x0 of the cell's first CPU: the guest-physical
 *	address of the parameter string or of the device tree; 0 when no
 *	payload carries either.
 */
struct image_cell {
	const struct cb_image_blob *blob;
	const struct cb_cell_config *config;
	unsigned int payload_count;
	unsigned int refused;
	uint64_t params_address;
};

/**
 * struct image_view - what image_check() found, for the caller to act on.
 * Only meaningful when image_check() did not return IMAGE_REFUSED.
 * @table: the image table; @table_offset its offset in the image.
 * @system: the system config (valid); @system_blob its blob header.
 * @cell: the cells in image order; @cell_count of them, @refused_count of
 *	which are refused.
 * @payload_total: payload blobs in the image.
 */
struct image_view {
	const struct cb_image_table *table;
	uint64_t table_offset;
	const struct cb_image_blob *system_blob;
	const struct cb_system_config *system;
	unsigned int cell_count;
	unsigned int refused_count;
	unsigned int payload_total;
	struct image_cell cell[CB_LIMIT_CELLS];
};

enum image_verdict {
	IMAGE_VALID,		/* no problem: every cell may start */
	IMAGE_CELLS_REFUSED,	/* cells flagged refused; the others may */
	IMAGE_REFUSED,		/* nothing may start */
};

/**
 * image_check() - check a whole boot image in memory.
 * @image: the image's first byte (its arm64 header); must be 8-byte aligned
 *	(configs inside are then 8-byte aligned too, as config_check needs).
 * @size: bytes readable from @image: the file size on the host, the arm64
 *	header's image_size at boot. The image's own total_size must not
 *	exceed it; nothing past total_size is read.
 * @scratch_start, @scratch_end: image offsets [start, end) of bytes the
 *	caller has written since the image was loaded (at boot: the
 *	hypervisor's .bss, stacks included, which the packer fills with
 *	zeros); the table CRC counts them as zero. 0, 0 on the host. Bytes
 *	outside this range must be as loaded: the boot code may not write its
 *	.data before this check.
 * @view: filled in (the caller needs no initialization); ~600 bytes.
 * @report: receives every problem; @report->problem_count is not reset.
 *
 * Checks, in order: the arm64 header; the table (found at the first 4 KiB
 * aligned offset holding CB_IMAGE_MAGIC and its own offset): revision,
 * sizes, reserved fields, blob count, CRC; every blob header (magic, size
 * within the image, CRC, name, kind and order, zero padding, at most
 * CB_LIMIT_CELLS cell configs); the system config (config_check_system())
 * and whether its /hypervisor region holds the image at the header's
 * link_address and the page pool past it; each cell config
 * (config_check_cell()) and its payloads (at most CB_LIMIT_PAYLOADS;
 * parameters, device trees, image_check_placement(), overlaps, at most one
 * giving x0); then config_check_set() over the cells not refused
 * so far. Problems config_check_set() reports against the system config
 * (a CPU in no cell, a root cell left without CPUs) refuse the image,
 * unless a cell had been refused before: its CPUs are then idle by design,
 * and those problems (consequences, not causes) are not reported.
 * Every length read from the image is bounds-checked before use, so any
 * byte string may be given (the fuzzing contract). Uses ~5 KiB of stack.
 *
 * Return: IMAGE_VALID when no problem was reported, otherwise
 * IMAGE_CELLS_REFUSED or IMAGE_REFUSED as above.
 */
enum image_verdict image_check(const void *image, uint64_t size,
			       uint64_t scratch_start, uint64_t scratch_end,
			       struct image_view *view,
			       struct image_report *report);

/**
 * image_check_placement() - the region a payload loads into.
 * @cell: a config returned by config_check_cell() (its arrays are sound).
 * @load_address, @size: the payload's guest-physical range.
 * Return: the one region of @cell flagged CB_REGION_LOADABLE whose guest
 * range holds all of [load_address, load_address + size), or NULL (also
 * for size 0 and for a range that overflows). The payload's physical
 * destination is then region->phys_start + (load_address -
 * region->guest_start).
 */
const struct cb_memory_region *
image_check_placement(const struct cb_cell_config *cell,
		      uint64_t load_address, uint64_t size);

/**
 * image_cell_payload() - payload @index of @cell in a checked image.
 * Return: its blob header (data at image_blob_data(), blob->size bytes),
 * or NULL when @index >= @cell->payload_count.
 */
const struct cb_image_blob *image_cell_payload(const struct image_cell *cell,
					       unsigned int index);

/** image_blob_data() - the data that follows a blob header. */
static inline const void *image_blob_data(const struct cb_image_blob *blob)
{
	return blob + 1;
}

#endif /* CELLBLOCK_IMAGE_CHECK_H */
