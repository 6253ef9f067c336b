// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device registers of the board (see board_parts.h): one member per `reg`
 * entry of every enabled node the CPU can address (its buses translate it
 * with `ranges`), plus the `ranges` of PCI host bridges (the MMIO and I/O
 * spaces behind them), each with the node's GIC interrupts and whether it
 * masters the bus.
 *
 * Left out: /cpus, /chosen, /aliases, /reserved-memory, RAM nodes, the
 * GIC (board_gic.c takes its frames), disabled nodes with everything below
 * them, children of PCI buses (their reg is config space), ranges past
 * 2^39 (CB_LIMIT_EL2_VA_BITS: the hypervisor's EL2 map cannot reach them,
 * so no window may), and registers inside RAM.
 */
#include "board_fdt.h"
#include "board_parts.h"

#include <cellblock/limits.h>

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define VA_LIMIT (1ull << CB_LIMIT_EL2_VA_BITS)

struct walk {
	int gic;
	unsigned int disabled, not_gic, high, in_ram;
};

/*
 * Which devices master the bus. A device tree has no property that says
 * so, so these rules read the ones that imply it:
 *   1. compatible "virtio,mmio" (virtio devices DMA by design) or
 *      "qemu,fw-cfg-mmio" (its DMA interface);
 *   2. device_type "pci": the devices behind a host bridge DMA;
 *   3. `iommus`: only a master sits behind an IOMMU;
 *   4. `#dma-cells`: a DMA controller (its clients, which name it in
 *      `dmas`, do not master the bus themselves);
 *   5. `dma-coherent`: the node's DMA is cache-coherent, so it has DMA;
 *   6. a generic node name (Devicetree spec 2.2.2) of a class of masters:
 *      usb, ethernet, mmc, sata, gpu, dma-controller, display-controller,
 *      video-codec, crypto, pcie, pci.
 * A non-coherent master without an IOMMU and with another node name is
 * not found: review the windows of such devices.
 */
static const char *dma_reason(const void *fdt, int node)
{
	static const char *const masters[] = {
		"usb", "ethernet", "mmc", "sata", "gpu", "dma-controller",
		"display-controller", "video-codec", "crypto", "pcie", "pci",
		NULL,
	};
	const char *name = fdt_get_name(fdt, node, NULL);
	size_t base = strcspn(name, "@");
	const char *const *m;

	if (!fdt_node_check_compatible(fdt, node, "virtio,mmio"))
		return "virtio,mmio: virtio devices are bus masters";
	if (!fdt_node_check_compatible(fdt, node, "qemu,fw-cfg-mmio"))
		return "qemu,fw-cfg-mmio: it has a DMA interface";
	if (bfdt_is_string(fdt, node, "device_type", "pci"))
		return "a PCI host bridge: devices behind it DMA";
	if (fdt_getprop(fdt, node, "iommus", NULL))
		return "iommus: a bus master behind an IOMMU";
	if (fdt_getprop(fdt, node, "#dma-cells", NULL))
		return "#dma-cells: a DMA controller";
	if (fdt_getprop(fdt, node, "dma-coherent", NULL))
		return "dma-coherent: it does DMA";
	for (m = masters; *m; m++)
		if (strlen(*m) == base && !strncmp(name, *m, base))
			return "its node name: a class of bus masters";
	return NULL;
}

struct board_member *board_add_member(struct board *b, const char *path,
				      uint64_t start, uint64_t size)
{
	struct board_member *m;

	if (b->member_count == BOARD_MAX_MEMBERS) {
		board_error(b, path, "the board has more than %u register "
			    "ranges (this tool's limit)", BOARD_MAX_MEMBERS);
		return NULL;
	}
	m = &b->member[b->member_count++];
	memset(m, 0, sizeof(*m));
	snprintf(m->path, sizeof(m->path), "%s", path);
	snprintf(m->what, sizeof(m->what), "reg[0]");
	m->start = start;
	m->size = size;
	return m;
}

static int in_ram(const struct board *b, uint64_t start, uint64_t size)
{
	unsigned int i;

	for (i = 0; i < b->ram_count; i++)
		if (start < b->ram[i].start + b->ram[i].size &&
		    b->ram[i].start < start + size)
			return 1;
	return 0;
}

/* Adds one range of @node, unless it is unusable (counted in @w). */
static struct board_member *add_range(struct board *b, struct walk *w,
				      int node, uint64_t start, uint64_t size)
{
	struct bfdt_irqs irqs;
	struct board_member *m;
	char path[BOARD_PATH_SIZE];

	if (!size)
		return NULL;
	if (start + size > VA_LIMIT || start + size < start) {
		w->high++;
		board_note(b, "%s: 0x%llx-0x%llx ends above 2^39 "
			   "(CB_LIMIT_EL2_VA_BITS), left out",
			   bfdt_path(b->fdt, node, path, sizeof(path)),
			   (unsigned long long)start,
			   (unsigned long long)(start + size - 1));
		return NULL;
	}
	if (in_ram(b, start, size)) {
		w->in_ram++;
		return NULL;
	}
	m = board_add_member(b, bfdt_path(b->fdt, node, path, sizeof(path)),
			     start, size);
	if (!m)
		return NULL;
	bfdt_irqs(b->fdt, node, w->gic, &irqs);
	w->not_gic += irqs.not_gic != 0;
	memcpy(m->irq, irqs.intid, irqs.count * sizeof(m->irq[0]));
	m->irq_count = irqs.count;
	m->dma = dma_reason(b->fdt, node);
	if (bfdt_string(b->fdt, node, "compatible"))
		snprintf(m->compatible, sizeof(m->compatible), "%s",
			 bfdt_string(b->fdt, node, "compatible"));
	m->apart = !strcmp(path, b->console.path);
	return m;
}

static void scan_reg(struct board *b, struct walk *w, int node)
{
	int parent = fdt_parent_offset(b->fdt, node), length, i;
	unsigned int cells = bfdt_cells(b->fdt, parent, "#address-cells", 2);
	unsigned int sizes = bfdt_cells(b->fdt, parent, "#size-cells", 1);
	const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &length);
	uint64_t start;

	if (!reg || !sizes || cells > 4 || sizes > 2)
		return;
	for (i = 0; (i + 1) * (int)(cells + sizes) * 4 <= length; i++) {
		const fdt32_t *e = reg + (unsigned)i * (cells + sizes);
		struct board_member *m;

		if (bfdt_translate(b->fdt, parent, bfdt_number(e, cells), &start))
			return;
		m = add_range(b, w, node, start, bfdt_number(e + cells, sizes));
		if (m)
			snprintf(m->what, sizeof(m->what), "reg[%d]", i);
	}
}

/* PCI host bridge ranges: phys.hi bits 24-25 name the space (PCI Bus
   Binding to IEEE 1275, 2.2.1.1): 1 I/O, 2 32-bit memory, 3 64-bit. */
static void scan_pci_ranges(struct board *b, struct walk *w, int node)
{
	static const char *const space[] = { "config", "io", "mmio", "mmio64" };
	int parent = fdt_parent_offset(b->fdt, node), length, i;
	unsigned int cells = bfdt_cells(b->fdt, parent, "#address-cells", 2);
	unsigned int sizes = bfdt_cells(b->fdt, node, "#size-cells", 2);
	unsigned int entry = 3 + cells + sizes;
	const fdt32_t *r = fdt_getprop(b->fdt, node, "ranges", &length);
	uint64_t start;

	if (!r || cells > 2 || sizes > 2)
		return;
	for (i = 0; (i + 1) * (int)entry * 4 <= length; i++, r += entry) {
		unsigned int code = (fdt32_to_cpu(r[0]) >> 24) & 3;
		struct board_member *m;

		if (!code || bfdt_translate(b->fdt, parent,
					    bfdt_number(r + 3, cells), &start))
			continue;
		m = add_range(b, w, node, start,
			      bfdt_number(r + 3 + cells, sizes));
		if (!m)
			continue;
		snprintf(m->what, sizeof(m->what), "ranges[%d]: %s", i,
			 space[code]);
		snprintf(m->space, sizeof(m->space), "%s", space[code]);
	}
}

/* Whether @node (at @depth) and everything below it stay out. */
static int skip_subtree(struct board *b, struct walk *w, int node, int depth)
{
	static const char *const top[] = {
		"cpus", "chosen", "aliases", "reserved-memory", "__symbols__",
		"__fixups__", "__local_fixups__", "__overrides__", NULL,
	};
	const char *name = fdt_get_name(b->fdt, node, NULL);
	const char *const *t;
	int parent = fdt_parent_offset(b->fdt, node);

	if (depth == 1)
		for (t = top; *t; t++)
			if (!strcmp(name, *t))
				return 1;
	if (node == w->gic ||
	    bfdt_is_string(b->fdt, node, "device_type", "memory") ||
	    (parent >= 0 && bfdt_is_string(b->fdt, parent, "device_type", "pci")))
		return 1;
	if (!bfdt_enabled(b->fdt, node)) {
		w->disabled++;
		return 1;
	}
	return 0;
}

void board_scan_devices(struct board *b)
{
	struct walk w = { fdt_path_offset(b->fdt, b->gic.path), 0, 0, 0, 0 };
	int node = 0, depth = 0, skip_below = -1;

	while ((node = fdt_next_node(b->fdt, node, &depth)) >= 0 &&
	       depth > 0) {
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (skip_subtree(b, &w, node, depth)) {
			skip_below = depth;
			continue;
		}
		scan_reg(b, &w, node);
		if (bfdt_is_string(b->fdt, node, "device_type", "pci"))
			scan_pci_ranges(b, &w, node);
		if (b->error_count)
			return;
	}
	if (w.disabled)
		board_note(b, "%u disabled nodes (status not \"okay\") left "
			   "out, with the nodes below them", w.disabled);
	if (w.in_ram)
		board_note(b, "%u register ranges inside RAM left out "
			   "(framebuffers, firmware mailboxes)", w.in_ram);
	if (w.not_gic)
		board_note(b, "%u nodes have interrupts of another controller "
			   "than the GIC: those are not listed", w.not_gic);
}
