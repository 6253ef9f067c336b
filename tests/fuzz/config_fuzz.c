// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the binary config parser and validator, and over
 * dump (the other reader of binary configs).
 *
 * Input: one mode byte, then config blobs back to back; each blob's length
 * is its header's total_size (clamped to what is left). The first blob is
 * checked as a system config, the rest as its cells, then the set. Each
 * blob is copied to its own exactly-sized heap buffer, so AddressSanitizer
 * sees any read past its end. Mode bit 0 recomputes every CRC first: without
 * it nearly every mutation would stop at the checksum and the semantic
 * checks would go unexplored.
 */
#include "config_check.h"
#include "crc32.h"
#include "../../tools/config_dump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOBS 8


static void ignore_problem(struct config_report *report, const void *subject,
			   const char *where, const char *what)
{
	(void)report;
	(void)subject;
	/* Touch the strings: they must be NUL-terminated and readable. */
	if (strlen(where) + strlen(what) == (size_t)-1)
		abort();
}

static void fix_crc(uint8_t *blob, size_t size)
{
	struct cb_config_header *h = (struct cb_config_header *)blob;

	if (size < sizeof(*h))
		return;
	h->crc32 = 0;
	h->crc32 = crc32_update(0, blob, size);
}

static FILE *sink(void)
{
	static FILE *null;

	if (!null)
		null = fopen("/dev/null", "w");
	return null;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_report report = { ignore_problem, 0 };
	const struct cb_cell_config *cells[MAX_BLOBS];
	const struct cb_system_config *system = NULL;
	uint8_t *blob[MAX_BLOBS];
	size_t length[MAX_BLOBS];
	unsigned count = 0, cell_count = 0, i;
	uint8_t mode;

	if (size < 1)
		return 0;
	mode = data[0];
	data++;
	size--;
	while (size && count < MAX_BLOBS) {
		uint32_t total = 0;

		if (size >= 12)
			memcpy(&total, data + 8, sizeof(total));
		length[count] = total >= 16 && total <= size ? total : size;
		blob[count] = malloc(length[count]);
		memcpy(blob[count], data, length[count]);
		if (mode & 1)
			fix_crc(blob[count], length[count]);
		data += length[count];
		size -= length[count];
		count++;
	}
	for (i = 0; i < count; i++) {
		const struct cb_cell_config *cell;

		if (i == 0) {
			system = config_check_system(blob[0], length[0], &report);
			if (system)
				config_dump_system(sink(), system);
			if (system || length[0] < 16 ||
			    ((struct cb_config_header *)blob[0])->kind !=
				    CB_CONFIG_KIND_CELL)
				continue;
		}
		cell = config_check_cell(system, blob[i], length[i], &report);
		if (cell) {
			config_dump_cell(sink(), cell);
			if (i)
				cells[cell_count++] = cell;
		}
	}
	if (system)
		config_check_set(system, cells, cell_count, &report);
	for (i = 0; i < count; i++)
		free(blob[i]);
	return 0;
}
