// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock image` packs the hypervisor, the system config, the cell
 * configs and their payloads into one boot image (include/cellblock/
 * image.h); `cellblock image check` checks an existing one. Both run the
 * boot code's own validator (common/image_check.c) over the whole image,
 * so nothing is written that the hypervisor would refuse.
 */
#include "commands.h"

#include "config_compile.h"
#include "file_io.h"
#include "image_build.h"
#include "image_check.h"

#include "crc32.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More than any hypervisor needs; bounds the file the packer writes. */
#define MAX_FOOTPRINT (1ull << 30)

const char image_usage[] =
	"usage: cellblock image -o IMAGE HYPERVISOR.bin SYSTEM.cell\n"
	"           [--cell CELL.cell [--payload FILE@ADDRESS "
	"[--params \"k=v ...\"]]...\n"
	"                             [--linux Image [--initrd FILE] "
	"[--bootargs \"...\"]\n"
	"                                            [--dtb FILE|auto]]]...\n"
	"       cellblock image check IMAGE\n";

int image_usage_error(const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		fputs("cellblock image: ", stderr);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fputs(image_usage, stderr);
	return EXIT_USAGE;
}

/* "0x..." is hex, anything else decimal; the whole text must be a number. */
static int parse_address(const char *text, uint64_t *value)
{
	unsigned base = 10, digit;
	uint64_t v = 0;

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		base = 16;
		text += 2;
	}
	if (!*text)
		return -1;
	for (; *text; text++) {
		char c = *text;

		if (c >= '0' && c <= '9')
			digit = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			digit = (unsigned)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			digit = (unsigned)(c - 'A' + 10);
		else
			return -1;
		if (v > (UINT64_MAX - digit) / base)
			return -1;
		v = v * base + digit;
	}
	*value = v;
	return 0;
}

/* FILE@ADDRESS, split at the last '@' (a file name may hold one). */
static int parse_payload(char *arg, struct input *in)
{
	char *at = strrchr(arg, '@');

	if (!at || at == arg || !at[1])
		return image_usage_error("--payload %s: expected FILE@ADDRESS", arg);
	if (parse_address(at + 1, &in->load_address))
		return image_usage_error("--payload %s: the address is not a number "
				   "(expected hex 0x... or decimal, below "
				   "2^64)", arg);
	*at = '\0';
	in->path = arg;
	in->kind = CB_BLOB_PAYLOAD;
	return 0;
}

static const char *const options[] = {
	"-o", "--cell", "--payload", "--params", "--linux", "--initrd",
	"--bootargs", "--dtb", NULL,
};

static int known_option(const char *option)
{
	unsigned int i;

	for (i = 0; options[i]; i++)
		if (!strcmp(option, options[i]))
			return 1;
	return 0;
}

static int parse_option(int argc, char **argv, int *i, struct build *b)
{
	const char *option = argv[*i];
	struct input *in = &b->input[b->count];

	if (!known_option(option))
		return image_usage_error("unknown option '%s'", option);
	if (*i + 1 == argc)
		return image_usage_error("%s needs an argument", option);
	++*i;
	if (!strcmp(option, "-o")) {
		if (b->output)
			return image_usage_error("%s given twice", option);
		b->output = argv[*i];
	} else if (!strcmp(option, "--cell")) {
		if (b->cells++ == CB_MAX_CELLS)
			return image_usage_error("more than %u cells", CB_MAX_CELLS);
		*in = (struct input){ .path = argv[*i],
				      .kind = CB_BLOB_CELL_CONFIG };
		b->count++;
		b->kernel_at = 0;
	} else if (!strcmp(option, "--payload")) {
		if (!b->cells)
			return image_usage_error("--payload %s comes before any "
					   "--cell (a payload belongs to the "
					   "cell before it)", argv[*i]);
		if (parse_payload(argv[*i], in))
			return EXIT_USAGE;
		b->count++;
	} else if (!strcmp(option, "--params")) {
		in = &b->input[b->count - 1];
		if (in->kind != CB_BLOB_PAYLOAD || in->role != ROLE_PLAIN ||
		    in->params)
			return image_usage_error("--params %s does not follow a "
					   "--payload (without --params)",
					   argv[*i]);
		in->params = argv[*i];
	} else if (!strcmp(option, "--linux")) {
		return parse_linux(argv[*i], b);
	} else {
		return parse_linux_part(option, argv[*i], b);
	}
	return 0;
}

static int parse_build(int argc, char **argv, struct build *b)
{
	int i;

	/* Each option adds at most one blob (--linux two, for two words). */
	b->input = calloc((size_t)argc + 1, sizeof(*b->input));
	if (!b->input) {
		fputs("cellblock image: out of memory\n", stderr);
		return EXIT_INVALID;
	}
	b->count = 1;	/* [0]: the system config */
	for (i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			if (parse_option(argc, argv, &i, b))
				return EXIT_USAGE;
		} else if (b->cells) {
			return image_usage_error("'%s': HYPERVISOR and SYSTEM come "
					   "before the first --cell", argv[i]);
		} else if (!b->hypervisor) {
			b->hypervisor = argv[i];
		} else if (!b->input[0].path) {
			b->input[0].path = argv[i];
			b->input[0].kind = CB_BLOB_SYSTEM_CONFIG;
		} else {
			return image_usage_error("unexpected argument '%s'", argv[i]);
		}
	}
	if (!b->output)
		return image_usage_error("-o IMAGE is required");
	if (!b->input[0].path)
		return image_usage_error("expected HYPERVISOR.bin and SYSTEM.cell");
	if (b->count > CB_IMAGE_MAX_BLOBS)
		return image_usage_error("more than %u blobs (the system config, "
				   "cells and payloads)", CB_IMAGE_MAX_BLOBS);
	return 0;
}

/* ---- packing ----------------------------------------------------------- */

static uint64_t round_up(uint64_t value, uint64_t align)
{
	return (value + align - 1) & ~(align - 1);
}

/* The file name without directories, cut to fit and made printable. */
static void blob_name(char name[CB_NAME_SIZE], const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	memset(name, 0, CB_NAME_SIZE);
	for (i = 0; i < CB_NAME_SIZE - 1 && base[i]; i++)
		name[i] = base[i] >= 0x20 && base[i] < 0x7f ? base[i] : '?';
	if (!i)
		name[0] = '?';
}

/* Reads the hypervisor and returns its memory footprint, or 0. */
static uint64_t hypervisor_footprint(const char *path, const void *data,
				     size_t size)
{
	const struct cb_arm64_header *h = data;

	if (size < sizeof(*h) || h->magic != CB_ARM64_MAGIC) {
		fprintf(stderr, "cellblock image: %s: not an arm64 Image "
			"(expected the magic \"ARM\\x64\" at offset 0x38)\n",
			path);
		return 0;
	}
	if (h->image_size < size || h->image_size > MAX_FOOTPRINT) {
		fprintf(stderr, "cellblock image: %s: arm64 header image_size "
			"0x%llx is not its memory footprint (expected from the "
			"file size 0x%zx up to 1 GiB)\n", path,
			(unsigned long long)h->image_size, size);
		return 0;
	}
	return h->image_size;
}

static uint64_t blob_size(const struct input *in)
{
	return in->size + (in->params ? strlen(in->params) + 1 : 0);
}

static void pack_blob(uint8_t *out, const struct input *in)
{
	struct cb_image_blob *b = (struct cb_image_blob *)out;
	uint8_t *data = out + sizeof(*b);

	b->magic = CB_IMAGE_BLOB_MAGIC;
	b->kind = in->kind;
	b->size = blob_size(in);
	b->params_size = (uint32_t)(b->size - in->size);
	b->load_address = in->load_address;
	blob_name(b->name, in->path);
	memcpy(data, in->data, in->size);
	if (in->params)
		memcpy(data + in->size, in->params, b->params_size);
	b->crc32 = 0;
	b->crc32 = crc32_update(0, b, sizeof(*b) + b->size);
}

/* Lays the image out in a new zeroed buffer; returns it, or NULL. */
static uint8_t *pack(const struct build *b, const void *hv, size_t hv_size,
		     uint64_t footprint, uint64_t *total)
{
	uint64_t table_at = round_up(footprint, CB_IMAGE_TABLE_ALIGN);
	uint64_t at = table_at + sizeof(struct cb_image_table);
	struct cb_image_table *t;
	uint8_t *out;
	unsigned i;

	for (i = 0; i < b->count; i++)
		at = round_up(at + sizeof(struct cb_image_blob) +
			      blob_size(&b->input[i]), CB_IMAGE_ALIGN);
	*total = at;
	out = calloc(1, (size_t)at);
	if (!out) {
		fputs("cellblock image: out of memory\n", stderr);
		return NULL;
	}
	memcpy(out, hv, hv_size);
	((struct cb_arm64_header *)out)->image_size = round_up(at, 0x1000);
	if (image_relocate(b->hypervisor, out, hv_size, &b->input[0],
			   round_up(at, 0x1000))) {
		free(out);
		return NULL;
	}
	at = table_at + sizeof(*t);
	for (i = 0; i < b->count; i++) {
		pack_blob(out + at, &b->input[i]);
		at = round_up(at + sizeof(struct cb_image_blob) +
			      blob_size(&b->input[i]), CB_IMAGE_ALIGN);
	}
	t = (struct cb_image_table *)(out + table_at);
	t->magic = CB_IMAGE_MAGIC;
	t->revision = CB_IMAGE_REVISION;
	t->blob_count = b->count;
	t->table_offset = table_at;
	t->total_size = *total;
	t->crc32 = crc32_update(0, out, (size_t)table_at + sizeof(*t));
	return out;
}

/* A table-like page inside the hypervisor would be found before ours. */
static int false_table(const char *path, const uint8_t *out, uint64_t end)
{
	uint64_t at;

	for (at = CB_IMAGE_TABLE_ALIGN; at < end; at += CB_IMAGE_TABLE_ALIGN) {
		const struct cb_image_table *t = (const void *)(out + at);

		if (t->magic == CB_IMAGE_MAGIC && t->table_offset == at) {
			fprintf(stderr, "cellblock image: %s: holds an image "
				"table at 0x%llx (expected a bare hypervisor, "
				"not an image)\n", path,
				(unsigned long long)at);
			return 1;
		}
	}
	return 0;
}

/* Prints problems as "PREFIX: BLOB: what". */
struct printer {
	struct image_report report;	/* first: the callback casts back */
	const char *prefix;
};

static void print_problem(struct image_report *report, const char *blob_name,
			  const char *what)
{
	struct printer *p = (struct printer *)report;

	fprintf(stderr, "%s: %s: %s\n", p->prefix, blob_name, what);
}

int input_is_source(const struct input *in)
{
	size_t n = strlen(in->path);

	return (in->kind == CB_BLOB_SYSTEM_CONFIG ||
		in->kind == CB_BLOB_CELL_CONFIG) && n > 4 &&
	       !strcmp(in->path + n - 4, ".dts");
}

static int read_inputs(struct build *b, void **hv, size_t *hv_size)
{
	int unreadable = 0;
	unsigned i;

	*hv = file_read(b->hypervisor, hv_size);
	unreadable |= !*hv;
	for (i = 0; i < b->count; i++) {
		struct input *in = &b->input[i];

		if (!in->path)	/* a device tree to generate */
			continue;
		in->data = input_is_source(in) ? config_compile(in->path, &in->size)
					 : file_read(in->path, &in->size);
		unreadable |= !in->data;
	}
	return unreadable ? -1 : 0;
}

/* Lays out each Linux cell's boot: after every file is read, before
   anything is packed. */
static int place_linux_cells(struct build *b)
{
	unsigned int i, cell_at = 0;

	for (i = 1; i < b->count; i++) {
		if (b->input[i].kind == CB_BLOB_CELL_CONFIG)
			cell_at = i;
		if (b->input[i].role == ROLE_KERNEL &&
		    linux_layout(b, cell_at))
			return -1;
	}
	return 0;
}

static int image_build_cmd(int argc, char **argv)
{
	static struct image_view view;
	struct printer printer = { { print_problem, 0 }, "cellblock image" };
	struct build b = { 0 };
	int status;
	uint64_t footprint, total;
	uint8_t *out = NULL;
	size_t hv_size = 0;
	void *hv = NULL;
	unsigned i;

	status = parse_build(argc, argv, &b);
	if (status)
		goto out;
	status = EXIT_INVALID;
	if (read_inputs(&b, &hv, &hv_size) || place_linux_cells(&b))
		goto out;
	footprint = hypervisor_footprint(b.hypervisor, hv, hv_size);
	if (!footprint)
		goto out;
	out = pack(&b, hv, hv_size, footprint, &total);
	if (!out || false_table(b.hypervisor, out,
				round_up(footprint, CB_IMAGE_TABLE_ALIGN)))
		goto out;
	/* The padding after the hypervisor goes through the validator as
	   scratch, the way the boot code passes its .bss: crc32_zeros(),
	   which the boot code relies on, must agree with the plain CRC the
	   table was sealed with, or nothing is written. */
	if (image_check(out, total, hv_size,
			round_up(footprint, CB_IMAGE_TABLE_ALIGN), &view,
			&printer.report) == IMAGE_VALID &&
	    !file_write_atomic(b.output, out, (size_t)total))
		status = EXIT_OK;
out:
	free(out);
	free(hv);
	for (i = 0; i < b.count; i++)
		free(b.input[i].data);
	free(b.input);
	return status;
}

/* ---- check ------------------------------------------------------------- */

static void print_cpus(uint64_t set)
{
	const char *separator = "";
	unsigned cpu;

	for (cpu = 0; cpu < CB_MAX_CPUS; cpu++)
		if (set & (1ull << cpu)) {
			printf("%s%u", separator, cpu);
			separator = ",";
		}
}

static void print_payload(const struct cb_image_blob *p)
{
	const char *data = image_blob_data(p);
	uint64_t params_at = p->load_address + p->size - p->params_size;

	printf("  %s %s: 0x%llx-0x%llx, %llu bytes",
	       p->kind == CB_BLOB_DEVICE_TREE ? "device tree" : "payload",
	       p->name,
	       (unsigned long long)p->load_address,
	       (unsigned long long)(p->load_address + p->size - 1),
	       (unsigned long long)p->size);
	if (p->params_size)
		printf(", params \"%s\" at 0x%llx",
		       data + p->size - p->params_size,
		       (unsigned long long)params_at);
	putchar('\n');
}

static void print_summary(const char *path, const struct image_view *v)
{
	unsigned i, k;

	printf("image %s: %llu bytes, table at 0x%llx, %u blobs\n", path,
	       (unsigned long long)v->table->total_size,
	       (unsigned long long)v->table_offset, v->table->blob_count);
	printf("system %s (%s): %u CPUs, %s\n", v->system->model,
	       v->system_blob->name, v->system->cpu_count,
	       cb_system_root_cell(v->system) ? "with a root cell"
					      : "root-less");
	for (i = 0; i < v->cell_count; i++) {
		const struct image_cell *c = &v->cell[i];

		printf("cell %s (%s): cpus ", c->config->name, c->blob->name);
		print_cpus(c->config->cpu_set);
		printf(", entry 0x%llx%s\n",
		       (unsigned long long)c->config->entry,
		       c->payload_count ? "" : ", no payloads");
		for (k = 0; k < c->payload_count; k++)
			print_payload(image_cell_payload(c, k));
	}
}

static int image_check_cmd(int argc, char **argv)
{
	static struct image_view view;
	struct printer printer = { { print_problem, 0 }, NULL };
	size_t size;
	void *data;
	int status = EXIT_INVALID;

	if (argc != 1 || (argv[0][0] == '-' && argv[0][1]))
		return image_usage_error("check takes one image file");
	data = file_read(argv[0], &size);
	if (!data)
		return EXIT_INVALID;
	printer.prefix = argv[0];
	if (image_check(data, size, 0, 0, &view, &printer.report) ==
	    IMAGE_VALID) {
		print_summary(argv[0], &view);
		status = EXIT_OK;
	}
	free(data);
	return status;
}

int image_command(int argc, char **argv)
{
	if (argc < 1)
		return image_usage_error(NULL);
	if (!strcmp(argv[0], "check"))
		return image_check_cmd(argc - 1, argv + 1);
	return image_build_cmd(argc, argv);
}
