// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board's RAM windows (see board_parts.h): every `reg` range of every
 * enabled node with device_type "memory", less what firmware keeps for
 * itself: /reserved-memory children marked `no-map` (secure firmware,
 * OP-TEE: memory the normal world must not even map) and the DTB's
 * /memreserve/ entries. Reserved ranges without no-map (CMA pools, shared
 * DMA pools) are ordinary RAM to the hypervisor and stay in. Windows are
 * cut to whole pages and to 2^39 (CB_LIMIT_EL2_VA_BITS), at most
 * CB_MAX_RAM_WINDOWS of them.
 */
#include "board_fdt.h"
#include "board_parts.h"

#include <cellblock/limits.h>

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define MAX_PIECES 32
#define PAGE CB_PAGE_SIZE
#define VA_LIMIT (1ull << CB_LIMIT_EL2_VA_BITS)

struct piece {
	uint64_t start, end;		/* [start, end) */
	int bank;			/* memory node offset */
	unsigned int entry;		/* its reg index */
	int cut;			/* a reserved range cut it */
};

struct pieces {
	struct piece p[MAX_PIECES];
	unsigned int count;
	char empty[BOARD_PATH_SIZE];	/* a bank of size 0 */
};

static void add_piece(struct pieces *ps, const struct piece *p)
{
	if (p->end > p->start && ps->count < MAX_PIECES)
		ps->p[ps->count++] = *p;
}

static void scan_banks(struct board *b, struct pieces *ps)
{
	int node = fdt_node_offset_by_prop_value(b->fdt, -1, "device_type",
						 "memory", 7);
	char path[BOARD_PATH_SIZE];

	for (; node >= 0; node = fdt_node_offset_by_prop_value(
		     b->fdt, node, "device_type", "memory", 7)) {
		int parent = fdt_parent_offset(b->fdt, node), length, i;
		unsigned int cells = bfdt_cells(b->fdt, parent, "#address-cells", 2);
		unsigned int sizes = bfdt_cells(b->fdt, parent, "#size-cells", 1);
		const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &length);

		bfdt_path(b->fdt, node, path, sizeof(path));
		if (!bfdt_enabled(b->fdt, node) || !reg || !(cells + sizes))
			continue;
		for (i = 0; (i + 1) * (int)(cells + sizes) * 4 <= length; i++) {
			const fdt32_t *e = reg + (unsigned)i * (cells + sizes);
			uint64_t size = bfdt_number(e + cells, sizes);
			struct piece p = { 0, 0, node, (unsigned)i, 0 };

			if (!size) {
				snprintf(ps->empty, sizeof(ps->empty), "%s", path);
				continue;
			}
			if (bfdt_translate(b->fdt, parent, bfdt_number(e, cells),
					   &p.start))
				continue;
			p.end = p.start + size;
			add_piece(ps, &p);
		}
	}
}

/* Cuts [start, end) out of every piece. */
static void cut(struct pieces *ps, uint64_t start, uint64_t end)
{
	unsigned int i, count = ps->count;

	start &= ~(PAGE - 1);
	end = (end + PAGE - 1) & ~(PAGE - 1);
	for (i = 0; i < count; i++) {
		struct piece *p = &ps->p[i], after = *p;

		if (end <= p->start || start >= p->end)
			continue;
		after.start = end;
		after.cut = p->cut = 1;
		if (start > p->start) {
			p->end = start;
			add_piece(ps, &after);
		} else {
			*p = after;
		}
	}
}

static void cut_reserved(struct board *b, struct pieces *ps)
{
	int reserved = fdt_path_offset(b->fdt, "/reserved-memory"), node, i;
	uint64_t address, size;
	char path[BOARD_PATH_SIZE];

	for (i = 0; i < fdt_num_mem_rsv(b->fdt); i++)
		if (!fdt_get_mem_rsv(b->fdt, i, &address, &size) && size) {
			cut(ps, address, address + size);
			board_note(b, "/memreserve/ 0x%llx-0x%llx: kept out of "
				   "RAM", (unsigned long long)address,
				   (unsigned long long)(address + size - 1));
		}
	if (reserved < 0)
		return;
	fdt_for_each_subnode(node, b->fdt, reserved) {
		unsigned int cells = bfdt_cells(b->fdt, reserved, "#address-cells", 2);
		unsigned int sizes = bfdt_cells(b->fdt, reserved, "#size-cells", 1);
		int length;
		const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &length);

		if (!reg || !fdt_getprop(b->fdt, node, "no-map", NULL) ||
		    !bfdt_enabled(b->fdt, node) ||
		    length < (int)(4 * (cells + sizes)) ||
		    bfdt_translate(b->fdt, reserved, bfdt_number(reg, cells),
				   &address))
			continue;
		size = bfdt_number(reg + cells, sizes);
		cut(ps, address, address + size);
		board_note(b, "%s: no-map 0x%llx-0x%llx, kept out of RAM",
			   bfdt_path(b->fdt, node, path, sizeof(path)),
			   (unsigned long long)address,
			   (unsigned long long)(address + size - 1));
	}
}

static int by_start(const struct piece *a, const struct piece *b)
{
	return a->start < b->start ? -1 : a->start > b->start;
}

static void sort(struct pieces *ps)
{
	unsigned int i, j;

	for (i = 1; i < ps->count; i++)
		for (j = i; j > 0 && by_start(&ps->p[j - 1], &ps->p[j]) > 0; j--) {
			struct piece t = ps->p[j];

			ps->p[j] = ps->p[j - 1];
			ps->p[j - 1] = t;
		}
}

static void keep(struct board *b, const struct piece *p, int first)
{
	struct board_ram *r = &b->ram[b->ram_count++];
	const char *name = fdt_get_name(b->fdt, p->bank, NULL);

	bfdt_path(b->fdt, p->bank, r->path, sizeof(r->path));
	r->start = p->start;
	r->size = p->end - p->start;
	snprintf(r->what, sizeof(r->what), "reg[%u]%s", p->entry,
		 p->cut ? ", less reserved memory" : "");
	/* The node's name for its first window, else memory@START. */
	if (first && strlen(name) < CB_NAME_SIZE)
		snprintf(r->name, sizeof(r->name), "%s", name);
	else
		snprintf(r->name, sizeof(r->name), "memory@%llx",
			 (unsigned long long)r->start);
}

void board_scan_ram(struct board *b)
{
	struct pieces ps = { .count = 0, .empty = "" };
	unsigned int i, j;
	char path[BOARD_PATH_SIZE];

	scan_banks(b, &ps);
	cut_reserved(b, &ps);
	sort(&ps);
	for (i = 0; i < ps.count; i++) {
		struct piece *p = &ps.p[i];
		int first = 1;

		bfdt_path(b->fdt, p->bank, path, sizeof(path));
		p->start = (p->start + PAGE - 1) & ~(PAGE - 1);
		if (p->end > VA_LIMIT) {
			board_note(b, "%s: RAM 0x%llx-0x%llx is above 2^39 "
				   "(CB_LIMIT_EL2_VA_BITS), left out", path,
				   (unsigned long long)(p->start > VA_LIMIT ?
							p->start : VA_LIMIT),
				   (unsigned long long)(p->end - 1));
			p->end = VA_LIMIT;
		}
		p->end &= ~(PAGE - 1);
		if (p->end <= p->start)
			continue;
		if (b->ram_count == CB_MAX_RAM_WINDOWS) {
			board_note(b, "%s: RAM 0x%llx-0x%llx left out (the "
				   "schema holds %u RAM windows)", path,
				   (unsigned long long)p->start,
				   (unsigned long long)(p->end - 1),
				   CB_MAX_RAM_WINDOWS);
			continue;
		}
		for (j = 0; j < b->ram_count; j++)
			if (!strcmp(b->ram[j].path, path))
				first = 0;
		keep(b, p, first);
	}
	if (!b->ram_count && *ps.empty)
		board_error(b, ps.empty, "RAM of size 0 (the boot loader fills "
			    "it in: use the tree the running board booted with, "
			    "/sys/firmware/fdt)");
	else if (!b->ram_count)
		board_error(b, "/", "no RAM (expected a node with device_type "
			    "\"memory\" and a reg of non-zero size)");
}
