// SPDX-License-Identifier: GPL-2.0-only
/*
 * The nodes of a cell's device tree that the configs decide (see
 * cell_dtb_parts.h). The bindings are Linux's (Documentation/devicetree/
 * bindings: arm/cpus.yaml, arm/psci.yaml, interrupt-controller/
 * arm,gic-v3.yaml, timer/arm,arch_timer.yaml, serial/pl011.yaml), facts
 * only. Every address is guest-physical: what the cell sees.
 */
#include "cell_dtb_parts.h"

#include <stdio.h>
#include <string.h>

/* MPIDR_EL1's affinity fields: Aff3 (39:32), Aff2, Aff1, Aff0 (23:0). */
#define MPIDR_AFFINITY 0xff00ffffffull

/* PPIs of the architected timer (Arm's Server Base System Architecture
   numbers, which QEMU virt and most boards use): secure and non-secure
   physical, virtual, hypervisor. The cell runs at EL1 without EL2, so it
   uses the virtual or non-secure physical timer only. */
static const uint32_t timer_ppis[] = { 13, 14, 11, 10 };

/* A root-level `reg` entry: two address cells, two size cells. */
static unsigned int put_range(uint32_t *cells, uint64_t start, uint64_t size)
{
	cells[0] = (uint32_t)(start >> 32);
	cells[1] = (uint32_t)start;
	cells[2] = (uint32_t)(size >> 32);
	cells[3] = (uint32_t)size;
	return 4;
}

static void write_reg(struct fdt_writer *w, uint64_t start, uint64_t size)
{
	uint32_t cells[4];

	fdt_writer_cells(w, "reg", cells, put_range(cells, start, size));
}

static int has_cpu(const struct cell_dtb_input *in, unsigned int cpu)
{
	return cpu < in->system->cpu_count && (in->cell->cpu_set >> cpu & 1);
}

static uint64_t affinity(const struct cell_dtb_input *in, unsigned int cpu)
{
	return cb_system_mpidrs(in->system)[cpu] & MPIDR_AFFINITY;
}

static void write_root(struct fdt_writer *w, const struct cell_dtb_input *in)
{
	static const char *const compatible[] = { "cellblock,cell",
						  "linux,dummy-virt", NULL };
	char model[64];

	snprintf(model, sizeof(model), "cellblock cell %s", in->cell->name);
	fdt_writer_strings(w, "compatible", compatible);
	fdt_writer_string(w, "model", model);
	fdt_writer_u32(w, "#address-cells", 2);
	fdt_writer_u32(w, "#size-cells", 2);
	fdt_writer_u32(w, "interrupt-parent", CELL_DTB_GIC_PHANDLE);
}

/* The hypervisor answers PSCI on HVC and on SMC; HVC says it is there. */
static void write_psci(struct fdt_writer *w)
{
	static const char *const compatible[] = { "arm,psci-1.0",
		"arm,psci-0.2", "arm,psci", NULL };

	fdt_writer_begin(w, "psci");
	fdt_writer_strings(w, "compatible", compatible);
	fdt_writer_string(w, "method", "hvc");
	fdt_writer_end(w);
}

/* The hypervisor sets VMPIDR_EL2 to the CPU's own MPIDR (el2_setup.c):
   the cell sees real affinities, so the tree lists those. */
static void write_cpus(struct fdt_writer *w, const struct cell_dtb_input *in)
{
	unsigned int cpu;
	int wide = 0;

	for (cpu = 0; cpu < in->system->cpu_count; cpu++)
		if (has_cpu(in, cpu) && affinity(in, cpu) >> 32)
			wide = 1;
	fdt_writer_begin(w, "cpus");
	fdt_writer_u32(w, "#address-cells", wide ? 2 : 1);
	fdt_writer_u32(w, "#size-cells", 0);
	for (cpu = 0; cpu < in->system->cpu_count; cpu++) {
		if (!has_cpu(in, cpu))
			continue;
		fdt_writer_beginf(w, "cpu@%llx",
				  (unsigned long long)affinity(in, cpu));
		fdt_writer_string(w, "device_type", "cpu");
		fdt_writer_string(w, "compatible", "arm,armv8");
		if (wide)
			fdt_writer_u64(w, "reg", affinity(in, cpu));
		else
			fdt_writer_u32(w, "reg", (uint32_t)affinity(in, cpu));
		fdt_writer_string(w, "enable-method", "psci");
		fdt_writer_end(w);
	}
	fdt_writer_end(w);
}

/* General RAM only: kept memory holds what outlives a restart, which
   Linux's allocator would overwrite. (A link's memory is no region.) */
static int is_ram(const struct cb_memory_region *r)
{
	const uint32_t rw = CB_REGION_READ | CB_REGION_WRITE;

	return (r->flags & rw) == rw &&
	       !(r->flags & (CB_REGION_IO | CB_REGION_SUBPAGE | CB_REGION_COMM |
			     CB_REGION_KEPT));
}

static void write_memory(struct fdt_writer *w, const struct cell_dtb_input *in)
{
	const struct cb_memory_region *r = cb_cell_regions(in->cell);
	unsigned int i;

	for (i = 0; i < in->cell->region_count; i++) {
		if (!is_ram(&r[i]))
			continue;
		fdt_writer_beginf(w, "memory@%llx",
				  (unsigned long long)r[i].guest_start);
		fdt_writer_string(w, "device_type", "memory");
		write_reg(w, r[i].guest_start, r[i].size);
		fdt_writer_end(w);
	}
}

/*
 * The distributor, then one redistributor region per run of the cell's
 * CPUs with consecutive numbers, from the first one's frame to the end of
 * the last one's. The hypervisor marks the last frame of each run
 * GICR_TYPER.Last, which is where Linux stops walking a region; with
 * padded frames (a stride above 128 KiB) redistributor-stride tells Linux
 * how far apart the frames are, and the padding between them is in the
 * region but in no frame.
 */
static void write_gic(struct fdt_writer *w, const struct cell_dtb_input *in)
{
	const struct cb_gic_config *gic = &in->system->gic;
	uint32_t reg[4 * (1 + CB_MAX_CPUS)];
	unsigned int n, cpu, first, regions = 0;

	n = put_range(reg, gic->distributor, CB_GICD_SIZE);
	for (cpu = 0; cpu < in->system->cpu_count; cpu++) {
		if (!has_cpu(in, cpu))
			continue;
		first = cpu;
		while (has_cpu(in, cpu + 1))
			cpu++;
		n += put_range(reg + n, gic->redistributor +
				       first * gic->redistributor_stride,
			       (cpu - first) * gic->redistributor_stride +
				       CB_GICR_SIZE);
		regions++;
	}
	fdt_writer_beginf(w, "intc@%llx", (unsigned long long)gic->distributor);
	fdt_writer_string(w, "compatible", "arm,gic-v3");
	fdt_writer_u32(w, "#interrupt-cells", 3);
	fdt_writer_empty(w, "interrupt-controller");
	fdt_writer_u32(w, "#address-cells", 2);
	fdt_writer_u32(w, "#size-cells", 2);
	fdt_writer_empty(w, "ranges");
	fdt_writer_cells(w, "reg", reg, n);
	fdt_writer_u32(w, "#redistributor-regions", regions);
	if (gic->redistributor_stride != CB_GICR_SIZE)
		fdt_writer_u64(w, "redistributor-stride",
			       gic->redistributor_stride);
	fdt_writer_u32(w, "phandle", CELL_DTB_GIC_PHANDLE);
	fdt_writer_end(w);
}

static void write_timer(struct fdt_writer *w)
{
	uint32_t cells[3 * 4];
	unsigned int i;

	for (i = 0; i < 4; i++) {
		cells[3 * i] = CELL_DTB_PPI;
		cells[3 * i + 1] = timer_ppis[i];
		cells[3 * i + 2] = CELL_DTB_LEVEL_HIGH;
	}
	fdt_writer_begin(w, "timer");
	fdt_writer_string(w, "compatible", "arm,armv8-timer");
	fdt_writer_cells(w, "interrupts", cells, 12);
	fdt_writer_end(w);
}

/* AMBA devices (PL011, PL031, PL061) need an apb_pclk to probe. */
static void write_clock(struct fdt_writer *w)
{
	fdt_writer_begin(w, "apb-pclk");
	fdt_writer_string(w, "compatible", "fixed-clock");
	fdt_writer_u32(w, "#clock-cells", 0);
	fdt_writer_u32(w, "clock-frequency", 24000000);
	fdt_writer_string(w, "clock-output-names", "clk24mhz");
	fdt_writer_u32(w, "phandle", CELL_DTB_CLOCK_PHANDLE);
	fdt_writer_end(w);
}

static void write_spis(struct fdt_writer *w, const uint32_t *intid,
		       unsigned int count)
{
	uint32_t cells[3 * REGION_DEVICE_MAX_INTERRUPTS];
	unsigned int i;

	for (i = 0; i < count && i < REGION_DEVICE_MAX_INTERRUPTS; i++) {
		cells[3 * i] = CELL_DTB_SPI;
		cells[3 * i + 1] = intid[i] - CB_INTID_SPI_FIRST;
		cells[3 * i + 2] = CELL_DTB_LEVEL_HIGH;
	}
	if (i)
		fdt_writer_cells(w, "interrupts", cells, 3 * i);
}

/*
 * The emulated UART raises the system console's INTID as a virtual
 * interrupt: that line is the hypervisor's, never a cell's, so it is free
 * in every cell's interrupt space.
 */
static void write_console(struct fdt_writer *w, const struct cell_dtb_input *in)
{
	static const char *const compatible[] = { "arm,pl011", "arm,primecell",
						  NULL };
	static const char *const clock_names[] = { "uartclk", "apb_pclk",
						   NULL };
	const uint32_t clocks[] = { CELL_DTB_CLOCK_PHANDLE,
				    CELL_DTB_CLOCK_PHANDLE };
	const uint32_t line[1] = { in->system->console.interrupt };
	uint64_t base = in->cell->console.emulated;

	fdt_writer_beginf(w, "pl011@%llx", (unsigned long long)base);
	fdt_writer_strings(w, "compatible", compatible);
	write_reg(w, base, CB_CONSOLE_FRAME_SIZE);
	if (line[0])
		write_spis(w, line, 1);
	fdt_writer_cells(w, "clocks", clocks, 2);
	fdt_writer_strings(w, "clock-names", clock_names);
	fdt_writer_end(w);
}

/* NAME@GUEST: the region's name without its own unit address. */
static void device_name(const struct cell_dtb_device *d, char *out, size_t size)
{
	int base = (int)strcspn(d->region->name, "@");

	snprintf(out, size, "%.*s@%llx", base, d->region->name,
		 (unsigned long long)d->region->guest_start);
}

static void write_device(struct fdt_writer *w, const struct cell_dtb_device *d)
{
	const uint32_t clock = CELL_DTB_CLOCK_PHANDLE;
	char name[64];

	device_name(d, name, sizeof(name));
	fdt_writer_begin(w, name);
	fdt_writer_property(w, "compatible", d->device.compatible,
			    d->device.compatible_length);
	write_reg(w, d->region->guest_start, d->region->size);
	write_spis(w, d->device.interrupt, d->device.interrupt_count);
	if (d->device.clocks) {
		fdt_writer_cells(w, "clocks", &clock, 1);
		fdt_writer_string(w, "clock-names", "apb_pclk");
	}
	fdt_writer_end(w);
}

/* The pass-through console's node: the device of the io region that
   starts at its frame. Empty if there is none. */
static void passthrough_path(const struct cell_dtb_input *in, char *out,
			     size_t size)
{
	unsigned int i;

	out[0] = '\0';
	if (!(in->cell->console.flags & CB_CELL_CONSOLE_PASSTHROUGH))
		return;
	for (i = 0; i < in->device_count; i++)
		if (in->device[i].region->phys_start ==
		    in->cell->console.passthrough) {
			out[0] = '/';
			device_name(&in->device[i], out + 1, size - 1);
		}
}

static void write_chosen(struct fdt_writer *w, const struct cell_dtb_input *in,
			 int console, int pci)
{
	const struct cell_dtb_options *o = in->options;

	fdt_writer_begin(w, "chosen");
	if (console)
		fdt_writer_string(w, "stdout-path", CELL_DTB_STDOUT);
	if (pci)
		fdt_writer_u32(w, "linux,pci-probe-only", 1);
	if (o->bootargs)
		fdt_writer_string(w, "bootargs", o->bootargs);
	if (o->initrd_start || o->initrd_end) {
		fdt_writer_u64(w, "linux,initrd-start", o->initrd_start);
		fdt_writer_u64(w, "linux,initrd-end", o->initrd_end);
	}
	if (o->rng_seed)
		fdt_writer_property(w, "rng-seed", o->rng_seed,
				    o->rng_seed_size);
	if (o->has_kaslr_seed)
		fdt_writer_u64(w, "kaslr-seed", o->kaslr_seed);
	fdt_writer_end(w);
}

void cell_dtb_nodes_write(struct fdt_writer *w, const void *input)
{
	const struct cell_dtb_input *in = input;
	char emulated[64] = "", passthrough[64];
	unsigned int i;
	int pci;

	write_root(w, in);
	write_psci(w);
	write_cpus(w, in);
	write_memory(w, in);
	write_gic(w, in);
	write_timer(w);
	write_clock(w);
	if (in->cell->console.flags & CB_CELL_CONSOLE_EMULATED) {
		write_console(w, in);
		snprintf(emulated, sizeof(emulated), "/pl011@%llx",
			 (unsigned long long)in->cell->console.emulated);
	}
	for (i = 0; i < in->device_count; i++)
		write_device(w, &in->device[i]);
	pci = cell_dtb_pci_write(w, in);
	passthrough_path(in, passthrough, sizeof(passthrough));
	if (emulated[0] || passthrough[0]) {
		fdt_writer_begin(w, "aliases");
		fdt_writer_string(w, "serial0", emulated[0] ? emulated
							    : passthrough);
		if (emulated[0] && passthrough[0])
			fdt_writer_string(w, "serial1", passthrough);
		fdt_writer_end(w);
	}
	write_chosen(w, in, emulated[0] || passthrough[0], pci);
}
