// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock config create BOARD.dtb`: a system config from a board's
 * flattened device tree (QEMU's dumpdtb, a running Linux's
 * /sys/firmware/fdt, a kernel package's dtbs). The board is read
 * (board_scan), its registers grouped into windows (board_windows), the
 * hypervisor's memory sized (hv_budget), the source printed
 * (system_write), and that source compiled and validated as `config
 * compile` would before it is written: a refused board or a config that
 * would not pass writes nothing.
 */
#include "commands.h"
#include "config_generate.h"

#include "board.h"
#include "board_fdt.h"
#include "cli_args.h"
#include "file_io.h"
#include "hv_budget.h"
#include "system_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct create_args {
	const char *board, *output, *hypervisor, *model;
	uint64_t payload_room;
};

static int usage(const char *message)
{
	fprintf(stderr, "cellblock config create: %s\n", message);
	fputs(config_generate_usage, stderr);
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, struct create_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->payload_room = HV_PAYLOAD_ROOM_DEFAULT;
	for (i = 0; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "-o") && value && !a->output)
			a->output = argv[++i];
		else if (!strcmp(argv[i], "--hypervisor") && value)
			a->hypervisor = argv[++i];
		else if (!strcmp(argv[i], "--model") && value)
			a->model = argv[++i];
		else if (!strcmp(argv[i], "--payload-room") && value) {
			a->payload_room = cli_size(argv[++i]);
			if (!a->payload_room)
				return usage("--payload-room takes a size, like "
					     "64M");
		} else if (argv[i][0] == '-' || a->board)
			return usage("create takes one BOARD.dtb, -o OUTPUT and "
				     "the options above");
		else
			a->board = argv[i];
	}
	if (!a->board)
		return usage("create takes a BOARD.dtb");
	if (a->model && (!*a->model || strlen(a->model) >= CB_NAME_SIZE))
		return usage("--model takes 1 to 31 characters");
	return 0;
}

/* The arm64 Image header's image_size (offset 16, magic at 0x38): the
   hypervisor's text, data, bss and stacks. */
static int read_footprint(const char *path, uint64_t *footprint)
{
	size_t size;
	unsigned char *bin = file_read(path, &size);
	unsigned int i;

	if (!bin)
		return -1;
	if (size < 64 || memcmp(bin + 0x38, "ARM\x64", 4)) {
		fprintf(stderr, "%s: not an arm64 Image (no \"ARM\\x64\" at "
			"0x38): expected build/hypervisor/hypervisor.bin\n",
			path);
		free(bin);
		return -1;
	}
	for (*footprint = 0, i = 0; i < 8; i++)
		*footprint |= (uint64_t)bin[16 + i] << (8 * i);
	free(bin);
	return 0;
}

/* The RAM window that holds the link address, else the first. */
static unsigned int hypervisor_window(const struct board *b)
{
	unsigned int i;

	for (i = 0; i < b->ram_count; i++)
		if (b->ram[i].start <= HV_LINK_ADDRESS &&
		    HV_LINK_ADDRESS - b->ram[i].start < b->ram[i].size)
			return i;
	return 0;
}

static int budget(struct board *b, const struct create_args *a,
		  struct hv_budget_in *in, struct hv_budget *hv,
		  unsigned int *window)
{
	*window = hypervisor_window(b);
	memset(in, 0, sizeof(*in));
	in->ram_start = b->ram[*window].start;
	in->ram_size = b->ram[*window].size;
	in->footprint = HV_FOOTPRINT_DEFAULT;
	if (a->hypervisor && read_footprint(a->hypervisor, &in->footprint))
		return -1;
	in->payload_room = a->payload_room;
	in->cpu_count = b->cpu_count;
	in->device_windows = b->window_count;
	in->gicd = b->gic.distributor;
	in->gicr = b->gic.redist.start;
	in->stride = b->gic.stride;
	in->console = b->console.address;
	if (hv_budget(in, hv) == 0)
		return 0;
	board_error(b, b->ram[*window].path, "RAM 0x%llx-0x%llx cannot hold "
		    "the hypervisor's 0x%llx bytes from 0x%llx",
		    (unsigned long long)in->ram_start,
		    (unsigned long long)(in->ram_start + in->ram_size - 1),
		    (unsigned long long)hv->size,
		    (unsigned long long)hv->start);
	return -1;
}

static int generate(struct board *b, const struct create_args *a)
{
	struct hv_budget_in in;
	struct hv_budget hv;
	struct system_source src;
	char *text = NULL;
	size_t length = 0, size;
	void *blob;
	FILE *out;
	int status = EXIT_INVALID;

	if (board_scan(b) || board_windows(b) ||
	    budget(b, a, &in, &hv, &src.hv_ram))
		return EXIT_INVALID;
	if (a->model)
		snprintf(b->model, sizeof(b->model), "%s", a->model);
	if (a->model)
		snprintf(b->model_from, sizeof(b->model_from), "--model");
	src.board_file = a->board;
	src.footprint_from = a->hypervisor ? "image_size of the hypervisor "
		"binary" : "HV_FOOTPRINT_DEFAULT; --hypervisor reads the binary";
	src.in = &in;
	src.hv = &hv;
	out = open_memstream(&text, &length);
	if (!out)
		return EXIT_INVALID;
	system_write(out, b, &src);
	if (fclose(out))
		goto out;
	blob = cli_compile_text(text, length, a->output ? a->output
							: "system.dts", &size);
	if (!blob) {
		fprintf(stderr, "cellblock config create: the config written "
			"from %s does not pass `config compile` (a bug of the "
			"generator); nothing written\n", a->board);
		goto out;
	}
	free(blob);
	if (!hv.linked_here)
		fprintf(stderr, "cellblock config create: note: no RAM of %s "
			"holds 0x%llx, where this build of the hypervisor is "
			"linked: the config is valid, but booting it needs the "
			"hypervisor relinked at 0x%llx\n", a->board,
			(unsigned long long)HV_LINK_ADDRESS,
			(unsigned long long)hv.start);
	if (cli_output(a->output, text, length) == 0)
		status = EXIT_OK;
out:
	free(text);
	return status;
}

int config_create_cmd(int argc, char **argv)
{
	struct create_args a;
	struct board *b;
	int status;

	status = parse(argc, argv, &a);
	if (status)
		return status;
	b = calloc(1, sizeof(*b));
	if (!b)
		return EXIT_INVALID;
	b->file = a.board;
	b->member = calloc(BOARD_MAX_MEMBERS, sizeof(*b->member));
	b->fdt = bfdt_load(a.board);
	status = b->member && b->fdt ? generate(b, &a) : EXIT_INVALID;
	free((void *)b->fdt);
	free(b->member);
	free(b);
	return status;
}

const char config_generate_usage[] =
	"       cellblock config create BOARD.dtb [-o SYSTEM.dts] "
	"[--hypervisor HYPERVISOR.bin]\n"
	"                [--payload-room SIZE] [--model NAME]\n"
	"       cellblock config create-cell SYSTEM.dts NAME --cpus LIST "
	"--ram SIZE\n"
	"                [--device WINDOW|PATH]... [--avoid CELL.dts]... "
	"[--dma-trusted]\n"
	"                [--interrupt INTID]... [--guest ADDRESS] "
	"[--entry ADDRESS] [--no-console]\n"
	"                [-o NAME.dts]\n"
	"       cellblock config map SYSTEM.cell [CELL.cell...] "
	"[-o MAP.svg|MAP.txt] [--text]\n";
