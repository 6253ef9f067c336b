// SPDX-License-Identifier: GPL-2.0-only
/*
 * File helpers (see file_io.h).
 */
#include "file_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *file_read(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	/* malloc aligns to 16: the validators need 8 */
	size_t capacity = 4096, used = 0, got;
	char *buf, *bigger;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(capacity);
	if (!buf)
		goto out_of_memory;
	do {
		if (used == capacity) {
			capacity *= 2;
			bigger = realloc(buf, capacity);
			if (!bigger)
				goto out_of_memory;
			buf = bigger;
		}
		got = fread(buf + used, 1, capacity - used, f);
		used += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	*size = used;
	return buf;
out_of_memory:
	fprintf(stderr, "%s: out of memory\n", path);
fail:
	free(buf);
	fclose(f);
	return NULL;
}

int file_write_atomic(const char *path, const void *data, size_t size)
{
	size_t length = strlen(path);
	char *temporary = malloc(length + 16);
	FILE *f;
	int failed;

	if (!temporary)
		return -1;
	snprintf(temporary, length + 16, "%s.tmp%ld", path, (long)getpid());
	f = fopen(temporary, "wb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		free(temporary);
		return -1;
	}
	failed = fwrite(data, 1, size, f) != size;
	failed |= fclose(f) != 0;
	if (failed) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		unlink(temporary);
		free(temporary);
		return -1;
	}
	if (rename(temporary, path)) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		unlink(temporary);
		free(temporary);
		return -1;
	}
	free(temporary);
	return 0;
}
