// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command-line values and output of the config generators (see
 * cli_args.h).
 */
#include "cli_args.h"

#include "config_compile.h"
#include "file_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_number(const char *text, uint64_t *out)
{
	char *end;

	if (!text || !*text || *text == '-' || *text == '+')
		return -1;
	errno = 0;
	*out = strtoull(text, &end, 0);
	return errno || *end ? -1 : 0;
}

uint64_t cli_size(const char *text)
{
	char number[32], *end;
	size_t length = text ? strlen(text) : 0;
	unsigned int shift = 0;
	uint64_t value;

	if (!length || length >= sizeof(number))
		return 0;
	memcpy(number, text, length + 1);
	end = number + length - 1;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		*end = '\0';
	if (cli_number(number, &value) || value >> (63 - shift))
		return 0;
	return value << shift;
}

uint64_t cli_cpus(const char *text)
{
	uint64_t set = 0;
	const char *p = text;

	if (!p)
		return 0;
	while (*p) {
		char *end;
		unsigned long first = strtoul(p, &end, 10), last = first;

		if (end == p || first > 63)
			return 0;
		if (*end == '-') {
			p = end + 1;
			last = strtoul(p, &end, 10);
			if (end == p || last > 63 || last < first)
				return 0;
		}
		for (; first <= last; first++)
			set |= 1ull << first;
		if (*end == ',')
			end++;
		else if (*end)
			return 0;
		p = end;
	}
	return set;
}

void *cli_compile_text(const char *text, size_t length, const char *name,
		       size_t *size)
{
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	char dir[4096], path[4096 + 256];
	void *blob = NULL;

	snprintf(dir, sizeof(dir), "%s/cellblock-gen-XXXXXX", tmpdir);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "cellblock: temporary directory in %s: %s\n",
			tmpdir, strerror(errno));
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, *base ? base : "out.dts");
	if (file_write_atomic(path, text, length) == 0)
		blob = config_compile(path, size);
	unlink(path);
	rmdir(dir);
	return blob;
}

void *cli_load_config(const char *path, size_t *size)
{
	size_t length = strlen(path);

	if (length > 5 && !strcmp(path + length - 5, ".cell"))
		return file_read(path, size);
	return config_compile(path, size);
}

int cli_output(const char *path, const char *text, size_t length)
{
	if (path)
		return file_write_atomic(path, text, length);
	if (fwrite(text, 1, length, stdout) != length || fflush(stdout)) {
		perror("stdout");
		return -1;
	}
	return 0;
}
