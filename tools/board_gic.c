// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board's interrupt controller (see board_parts.h), from the GICv3
 * binding (Linux Documentation/devicetree/bindings/interrupt-controller/
 * arm,gic-v3.yaml): reg is the distributor, then #redistributor-regions
 * redistributor regions (default 1), then optionally the GICv2-compatible
 * CPU interface, hypervisor and virtual CPU interface frames, which the
 * hypervisor does not use (it runs the system-register interface).
 * `interrupts` is the maintenance interrupt; an ITS is a child node.
 */
#include "board_fdt.h"
#include "board_parts.h"

#include <cellblock/limits.h>

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define VA_LIMIT (1ull << CB_LIMIT_EL2_VA_BITS)

/* Redistributor frames: RD_base and SGI_base (GICv3 spec 12.10). A GICv4
   with VLPIs has two more (VLPI_base and a reserved one), 0x40000 in all,
   but the tree cannot tell a GICv4 ("arm,gic-v3" names both); the boot
   check reads each CPU's GICR_TYPER at base + N x stride and says so. */
#define GICV3_STRIDE 0x20000ull

static const char *const gicv2[] = {
	"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
	"arm,cortex-a7-gic", "arm,arm11mp-gic", "arm,pl390", "arm,gic-v2",
	"qcom,msm-qgic2", "brcm,brahma-b15-gic", "arm,tc11mp-gic",
	"arm,eb11mp-gic", NULL,
};

static int refuse_gicv2(struct board *b)
{
	const char *const *c;
	char path[BOARD_PATH_SIZE];

	for (c = gicv2; *c; c++) {
		int node = fdt_node_offset_by_compatible(b->fdt, -1, *c);

		if (node >= 0) {
			board_error(b, bfdt_path(b->fdt, node, path,
						 sizeof(path)),
				    "the interrupt controller is a GICv2 "
				    "(compatible \"%s\"); the hypervisor needs a "
				    "GICv3 or GICv4 (\"arm,gic-v3\")", *c);
			return 1;
		}
	}
	return 0;
}

/* reg entry @index of @node in its parent's cells, translated. */
static int reg_entry(struct board *b, int node, int index,
		     struct board_range *out)
{
	int parent = fdt_parent_offset(b->fdt, node), length;
	unsigned int cells = bfdt_cells(b->fdt, parent, "#address-cells", 2);
	unsigned int size_cells = bfdt_cells(b->fdt, parent, "#size-cells", 1);
	const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &length);
	unsigned int entry = cells + size_cells;

	if (!reg || !entry || (index + 1) * (int)entry * 4 > length)
		return -1;
	reg += (unsigned)index * entry;
	out->size = bfdt_number(reg + cells, size_cells);
	return bfdt_translate(b->fdt, parent, bfdt_number(reg, cells),
			      &out->start);
}

static void scan_its(struct board *b, int gic)
{
	int node, found = 0;
	struct board_range frame;
	char path[BOARD_PATH_SIZE];

	fdt_for_each_subnode(node, b->fdt, gic) {
		if (fdt_node_check_compatible(b->fdt, node, "arm,gic-v3-its") ||
		    !bfdt_enabled(b->fdt, node))
			continue;
		bfdt_path(b->fdt, node, path, sizeof(path));
		if (found++) {
			board_note(b, "%s: a second ITS, left out (the schema "
				   "has one; no cell can be given its frame)",
				   path);
			continue;
		}
		if (reg_entry(b, node, 0, &frame) || !frame.size) {
			board_error(b, path, "no usable reg (expected the ITS's "
				    "frames)");
			continue;
		}
		/* The control and translation frames, 64 KiB each (GICv3
		   spec 12.19); some trees give the first only. */
		if (frame.size < CB_GITS_SIZE) {
			board_note(b, "%s: reg gives 0x%llx bytes, widened to "
				   "the ITS's two 64 KiB frames", path,
				   (unsigned long long)frame.size);
			frame.size = CB_GITS_SIZE;
		}
		if (frame.start + frame.size > VA_LIMIT) {
			board_note(b, "%s: ITS 0x%llx is above 2^39 "
				   "(CB_LIMIT_EL2_VA_BITS), left out", path,
				   (unsigned long long)frame.start);
			continue;
		}
		strcpy(b->gic.its_path, path);
		b->gic.its = frame.start;
		board_add_member(b, path, frame.start, frame.size);
	}
}

static void scan_frames(struct board *b, int gic)
{
	struct board_range gicd, r;
	struct board_member *m;
	unsigned int i;
	int length;
	const void *stride;

	b->gic.redist_regions = bfdt_cells(b->fdt, gic,
					   "#redistributor-regions", 1);
	if (reg_entry(b, gic, 0, &gicd) || reg_entry(b, gic, 1, &b->gic.redist)) {
		board_error(b, b->gic.path, "reg lacks the distributor or a "
			    "redistributor region");
		return;
	}
	if (gicd.start + gicd.size > VA_LIMIT ||
	    b->gic.redist.start + b->gic.redist.size > VA_LIMIT) {
		board_error(b, b->gic.path, "the distributor 0x%llx or CPU 0's "
			    "redistributors 0x%llx lie above 2^39 (the "
			    "hypervisor's EL2 map reaches no further)",
			    (unsigned long long)gicd.start,
			    (unsigned long long)b->gic.redist.start);
		return;
	}
	b->gic.distributor = gicd.start;
	if ((m = board_add_member(b, b->gic.path, gicd.start, gicd.size)))
		snprintf(m->what, sizeof(m->what), "reg[0]: distributor");
	for (i = 0; i < b->gic.redist_regions; i++) {
		if (reg_entry(b, gic, 1 + (int)i, &r)) {
			board_error(b, b->gic.path, "#redistributor-regions "
				    "is %u but reg has %u", b->gic.redist_regions, i);
			return;
		}
		if (r.start + r.size > VA_LIMIT) {
			board_note(b, "%s: redistributor region reg[%u] 0x%llx "
				   "is above 2^39 (CB_LIMIT_EL2_VA_BITS), left "
				   "out", b->gic.path, 1 + i,
				   (unsigned long long)r.start);
			continue;
		}
		if ((m = board_add_member(b, b->gic.path, r.start, r.size)))
			snprintf(m->what, sizeof(m->what),
				 "reg[%u]: redistributors", 1 + i);
	}
	for (i = 1 + b->gic.redist_regions; !reg_entry(b, gic, (int)i, &r); i++)
		board_note(b, "%s: reg[%u] 0x%llx (GICv2 CPU interface, GICH "
			   "or GICV frame), not used by the hypervisor",
			   b->gic.path, i, (unsigned long long)r.start);
	stride = fdt_getprop(b->fdt, gic, "redistributor-stride", &length);
	if (stride && (length == 4 || length == 8)) {
		b->gic.stride = bfdt_number(stride, (unsigned)length / 4);
		b->gic.stride_why = "redistributor-stride";
	} else {
		b->gic.stride = GICV3_STRIDE;
		b->gic.stride_why = "GICv3 frames (no redistributor-stride; a "
				    "GICv4 with VLPIs needs 0x40000)";
	}
}

void board_scan_gic(struct board *b)
{
	int gic = fdt_node_offset_by_compatible(b->fdt, -1, "arm,gic-v3");
	struct bfdt_irqs irqs;
	unsigned int i;

	while (gic >= 0 && !bfdt_enabled(b->fdt, gic))
		gic = fdt_node_offset_by_compatible(b->fdt, gic, "arm,gic-v3");
	if (gic < 0) {
		if (!refuse_gicv2(b))
			board_error(b, "/", "no interrupt controller compatible "
				    "with \"arm,gic-v3\" (the hypervisor needs a "
				    "GICv3 or GICv4)");
		return;
	}
	bfdt_path(b->fdt, gic, b->gic.path, sizeof(b->gic.path));
	snprintf(b->gic.compatible, sizeof(b->gic.compatible), "%s",
		 bfdt_string(b->fdt, gic, "compatible") ?
		 bfdt_string(b->fdt, gic, "compatible") : "arm,gic-v3");
	scan_frames(b, gic);
	scan_its(b, gic);
	/* The frames the hypervisor emulates: windows of their own. */
	for (i = 0; i < b->member_count; i++)
		b->member[i].apart = 1;
	bfdt_irqs(b->fdt, gic, gic, &irqs);
	if (!irqs.count || irqs.intid[0] >= CB_INTID_SPI_FIRST)
		board_error(b, b->gic.path, "no maintenance interrupt (expected "
			    "a PPI in the GIC's interrupts; QEMU: -machine "
			    "virtualization=on)");
	else
		b->gic.maintenance = irqs.intid[0];
}

void board_check_redistributors(struct board *b)
{
	uint64_t need = b->gic.stride * b->cpu_count;

	if (b->gic.redist.size >= need)
		return;
	board_error(b, b->gic.path, "redistributor region 0x%llx holds %llu "
		    "frames of 0x%llx bytes, %u CPUs need one each in one region "
		    "(the schema has one redistributor base)",
		    (unsigned long long)b->gic.redist.start,
		    (unsigned long long)(b->gic.redist.size / b->gic.stride),
		    (unsigned long long)b->gic.stride, b->cpu_count);
}

/*
 * interrupt-count is GICD_TYPER.ITLinesNumber, which no tree states. QEMU
 * virt has 256 SPIs (hw/arm/virt.c, NUM_IRQS); elsewhere the highest
 * INTID any node uses, rounded up to a multiple of 32: every interrupt
 * of the tree is then usable, and nothing past the tree's claims.
 */
void board_count_interrupts(struct board *b)
{
	uint32_t highest = b->gic.maintenance, count;
	unsigned int i, j;

	if (!fdt_node_check_compatible(b->fdt, 0, "linux,dummy-virt")) {
		b->gic.interrupt_count = 288;
		b->gic.count_why = "QEMU virt: 32 + 256 SPIs (hw/arm/virt.c "
				   "NUM_IRQS)";
		return;
	}
	for (i = 0; i < b->member_count; i++)
		for (j = 0; j < b->member[i].irq_count; j++)
			if (b->member[i].irq[j] > highest)
				highest = b->member[i].irq[j];
	count = (highest + 1 + 31) / 32 * 32;
	b->gic.interrupt_count = count < 64 ? 64 : count > 1024 ? 1024 : count;
	b->gic.count_why = "the highest INTID of the tree, rounded up to 32 "
			   "(the tree does not give GICD_TYPER)";
}
