// SPDX-License-Identifier: GPL-2.0-only
/*
 * Config compiler (see config_compile.h). The source schema lives in
 * docs/config.md; this file and config_dump.c are its two implementations
 * and the round-trip test holds them to each other.
 */
#include "config_compile.h"

#include "cell_policy.h"
#include "config_report.h"
#include "dts_reader.h"
#include "dtc_run.h"
#include "manage_list.h"
#include "region_device.h"

#include "config_check.h"
#include "config_names.h"
#include "crc32.h"

#include <cellblock/config.h>

#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void seal(void *blob, uint32_t kind, size_t size)
{
	struct cb_config_header *h = blob;

	h->magic = CB_CONFIG_MAGIC;
	h->revision = CB_CONFIG_REVISION;
	h->kind = (uint16_t)kind;
	h->total_size = (uint32_t)size;
	h->crc32 = 0;
	h->crc32 = crc32_update(0, blob, size);
}

static unsigned count_subnodes(struct dts_reader *rd, int node)
{
	unsigned count = 0;
	int child;

	fdt_for_each_subnode(child, rd->fdt, node)
		count++;
	return count;
}

/*
 * A boolean property ("dma;") is set by being present; a value would hint
 * at a meaning it does not have (dma = <0>; would still set it), so it is
 * refused. Returns whether the property is present.
 */
static int read_boolean(struct dts_reader *rd, int node, const char *name)
{
	int length;

	if (!fdt_getprop(rd->fdt, node, name, &length))
		return 0;
	if (length)
		dts_error(rd, node, "property '%s' has a %d-byte value "
			  "(expected none: write '%s;')", name, length, name);
	return 1;
}

/* A node's full name ("uart@9000000") becomes an item's name. */
static void node_name(struct dts_reader *rd, int node, char *out)
{
	const char *name = fdt_get_name(rd->fdt, node, NULL);

	memset(out, 0, CB_NAME_SIZE);
	if (strlen(name) >= CB_NAME_SIZE)
		dts_error(rd, node, "node name is %zu characters long (expected "
			  "at most %u)", strlen(name), CB_NAME_SIZE - 1);
	else
		memcpy(out, name, strlen(name));
}

/*
 * Revision 3 dropped the region flag "shared": cells share memory only
 * through links, and what "shared" also meant (kept over restarts) is now
 * "kept". Says so instead of calling the flag unknown. Returns whether
 * the region's flags name it.
 */
static int refuse_shared_flag(struct dts_reader *rd, int node)
{
	const char *v, *flag;
	int length;

	v = fdt_getprop(rd->fdt, node, "flags", &length);
	if (!v || length <= 0 || v[length - 1])
		return 0;	/* dts_flags() says what is wrong */
	for (flag = v; flag < v + length; flag += strlen(flag) + 1)
		if (!strcmp(flag, "shared")) {
			dts_error(rd, node, "property 'flags' has \"shared\", "
				  "which is gone (expected \"kept\" to keep "
				  "the region over the cell's restarts, or a "
				  "link in /links to share memory with another "
				  "cell)");
			return 1;
		}
	return 0;
}

/* @irq: the cell's SPIs, which an io region's device may use. */
static void compile_region(struct dts_reader *rd, int node,
			   struct cb_memory_region *r, const uint32_t *irq,
			   unsigned irq_count)
{
	static const char *const props[] = { "phys", "guest", "size", "flags",
					     REGION_DEVICE_PROPERTIES, NULL };
	struct region_device device;

	dts_check_names(rd, node, props, NULL);
	node_name(rd, node, r->name);
	if (!refuse_shared_flag(rd, node))
		dts_flags(rd, node, "flags", 1, config_region_flag_names,
			  &r->flags);
	/* Only checked: the device tree generator reads it from the source. */
	region_device_read(rd, node, r->flags, irq, irq_count, &device);
	/* The comm region's page is the hypervisor's: it has no phys. */
	dts_u64(rd, node, "phys", !(r->flags & CB_REGION_COMM), &r->phys_start);
	/* guest defaults to phys; the comm region has none to default to. */
	if (!dts_u64(rd, node, "guest", !!(r->flags & CB_REGION_COMM),
		     &r->guest_start))
		r->guest_start = r->phys_start;
	dts_u64(rd, node, "size", 1, &r->size);
}

static void compile_cell_console(struct dts_reader *rd, int node,
				 struct cb_cell_console *con)
{
	static const char *const props[] = { "emulated", "passthrough", NULL };

	if (node < 0)
		return;
	dts_check_names(rd, node, props, NULL);
	if (dts_u64(rd, node, "emulated", 0, &con->emulated))
		con->flags |= CB_CELL_CONSOLE_EMULATED;
	if (dts_u64(rd, node, "passthrough", 0, &con->passthrough))
		con->flags |= CB_CELL_CONSOLE_PASSTHROUGH;
	if (!con->flags)
		dts_error(rd, node, "console has neither 'emulated' nor "
			  "'passthrough' (expected at least one, or no console "
			  "node)");
}

static uint64_t compile_cpu_set(struct dts_reader *rd, int node)
{
	uint32_t cpu[CB_MAX_CPUS];
	unsigned count, i;
	uint64_t set = 0;

	dts_u32_list(rd, node, "cpus", 1, cpu, CB_MAX_CPUS, &count);
	for (i = 0; i < count; i++) {
		if (cpu[i] >= CB_MAX_CPUS)
			dts_error(rd, node, "property 'cpus' has %u (expected "
				  "CPU numbers 0 to %u)", cpu[i],
				  CB_MAX_CPUS - 1);
		else if (set & (1ull << cpu[i]))
			dts_error(rd, node, "property 'cpus' lists %u twice",
				  cpu[i]);
		else
			set |= 1ull << cpu[i];
	}
	return set;
}

/* A cell's boolean properties and the flags they set. */
static const struct config_name cell_booleans[] = {
	{ CB_CELL_DMA_TRUSTED, "dma-trusted" },
	{ CB_CELL_ABORTS, "faults-as-aborts" },
	{ CB_CELL_READ_CELLS, "read-cells" },
	{ CB_CELL_MANAGE_ALL, "manage-all-cells" },
	{ CB_CELL_MAY_FREEZE, "may-freeze" },
	{ CB_CELL_VOTING, "voting" },
	{ 0, NULL },
};

/* Compiles a cell node; @top_level cells carry "compatible". */
static void *compile_cell(struct dts_reader *rd, int node, int top_level,
			  size_t *size)
{
	static const char *const top_props[] = { "compatible", "cell-name",
		"cpus", "entry", "interrupts", "dma-trusted",
		"faults-as-aborts", "read-cells", "manage-cells",
		"manage-all-cells", "may-freeze", CELL_POLICY_PROPERTIES,
		NULL };
	static const char *const children[] = { "memory", "console", NULL };
	static uint32_t irq[CB_MAX_INTERRUPTS];
	static char manage[CB_MAX_CELLS][CB_NAME_SIZE];
	const struct config_name *b;
	struct cb_cell_config *c;
	struct cb_memory_region *r;
	unsigned irq_count, manage_count, region_count = 0;
	int memory, child;

	/* The embedded root cell is all of a cell but "compatible". */
	dts_check_names(rd, node, top_props + !top_level, children);
	memory = dts_subnode(rd, node, "memory", 1);
	if (memory >= 0)
		region_count = count_subnodes(rd, memory);
	if (region_count > CB_MAX_REGIONS) {
		dts_error(rd, memory, "has %u regions (expected at most %u)",
			  region_count, CB_MAX_REGIONS);
		return NULL;
	}
	dts_u32_list(rd, node, "interrupts", 0, irq, CB_MAX_INTERRUPTS,
		     &irq_count);
	manage_list_read(rd, node, manage, &manage_count);

	*size = sizeof(*c) + region_count * sizeof(*r) + irq_count * 4 +
		manage_count * CB_NAME_SIZE;
	c = calloc(1, *size);
	if (!c)
		return NULL;
	dts_string(rd, node, "cell-name", 1, c->name, sizeof(c->name));
	for (b = cell_booleans; b->name; b++)
		if (read_boolean(rd, node, b->name))
			c->flags |= b->value;
	cell_policy_read(rd, node, c);	/* after the flags: it reads voting */
	c->cpu_set = compile_cpu_set(rd, node);
	dts_u64(rd, node, "entry", 1, &c->entry);
	compile_cell_console(rd, dts_subnode(rd, node, "console", 0),
			     &c->console);
	c->region_count = region_count;
	r = (struct cb_memory_region *)(c + 1);
	if (memory >= 0) {
		dts_check_names(rd, memory, NULL, DTS_ANY_CHILD);
		fdt_for_each_subnode(child, rd->fdt, memory)
			compile_region(rd, child, r++, irq, irq_count);
	}
	c->interrupt_count = irq_count;
	memcpy(r, irq, irq_count * 4);
	c->manage_count = manage_count;
	memcpy((char *)r + irq_count * 4, manage, manage_count * CB_NAME_SIZE);
	seal(c, CB_CONFIG_KIND_CELL, *size);
	return c;
}

/* @devices: device windows, which may be bus masters ("dma;"); RAM is not. */
static void compile_windows(struct dts_reader *rd, int node,
			    struct cb_window *w, int devices)
{
	static const char *const props[] = { "start", "size", "dma", NULL };
	static const char *const ram_props[] = { "start", "size", NULL };
	int child;

	if (node < 0)
		return;
	dts_check_names(rd, node, NULL, DTS_ANY_CHILD);
	fdt_for_each_subnode(child, rd->fdt, node) {
		dts_check_names(rd, child, devices ? props : ram_props, NULL);
		node_name(rd, child, w->name);
		dts_u64(rd, child, "start", 1, &w->start);
		dts_u64(rd, child, "size", 1, &w->size);
		if (devices && read_boolean(rd, child, "dma"))
			w->flags |= CB_WINDOW_DMA;
		w++;
	}
}

static void compile_cpus(struct dts_reader *rd, int node, uint64_t *mpidr)
{
	static const char *const props[] = { "mpidr", NULL };
	static const char *const children[] = { "cpu", NULL };
	unsigned index = 0;
	char expected[16];
	int child;

	dts_check_names(rd, node, NULL, children);
	fdt_for_each_subnode(child, rd->fdt, node) {
		snprintf(expected, sizeof(expected), "cpu@%u", index);
		if (strcmp(fdt_get_name(rd->fdt, child, NULL), expected))
			dts_error(rd, child, "is CPU number %u (expected the "
				  "node name %s: CPUs are numbered in order "
				  "from 0)", index, expected);
		dts_check_names(rd, child, props, NULL);
		dts_u64(rd, child, "mpidr", 1, &mpidr[index++]);
	}
}

static void compile_platform(struct dts_reader *rd, int root,
			     struct cb_system_config *s)
{
	static const char *const hv_props[] = { "start", "size", NULL };
	static const char *const con_props[] = { "type", "address",
						 "interrupt", NULL };
	static const char *const gic_props[] = {
		"version", "distributor", "redistributor",
		"redistributor-stride", "its", "maintenance-interrupt",
		"interrupt-count", NULL };
	static const char *const vpci_props[] = {
		"ecam", "bus-count", "interrupt-base", "interrupt-count", NULL };
	int n;

	if ((n = dts_subnode(rd, root, "hypervisor", 1)) >= 0) {
		dts_check_names(rd, n, hv_props, NULL);
		dts_u64(rd, n, "start", 1, &s->hypervisor_start);
		dts_u64(rd, n, "size", 1, &s->hypervisor_size);
	}
	if ((n = dts_subnode(rd, root, "console", 1)) >= 0) {
		dts_check_names(rd, n, con_props, NULL);
		dts_enum(rd, n, "type", 1, config_console_type_names,
			 &s->console.type);
		dts_u64(rd, n, "address", 1, &s->console.address);
		dts_u32(rd, n, "interrupt", 0, &s->console.interrupt);
	}
	if ((n = dts_subnode(rd, root, "gic", 1)) >= 0) {
		dts_check_names(rd, n, gic_props, NULL);
		dts_u32(rd, n, "version", 1, &s->gic.version);
		dts_u64(rd, n, "distributor", 1, &s->gic.distributor);
		dts_u64(rd, n, "redistributor", 1, &s->gic.redistributor);
		dts_u64(rd, n, "redistributor-stride", 1,
			&s->gic.redistributor_stride);
		dts_u64(rd, n, "its", 0, &s->gic.its);
		dts_u32(rd, n, "maintenance-interrupt", 1,
			&s->gic.maintenance_interrupt);
		dts_u32(rd, n, "interrupt-count", 1, &s->gic.interrupt_count);
	}
	if ((n = dts_subnode(rd, root, "vpci", 0)) >= 0) {
		dts_check_names(rd, n, vpci_props, NULL);
		dts_u64(rd, n, "ecam", 1, &s->vpci.ecam);
		dts_u32(rd, n, "bus-count", 1, &s->vpci.bus_count);
		dts_u32(rd, n, "interrupt-base", 1, &s->vpci.interrupt_base);
		dts_u32(rd, n, "interrupt-count", 1, &s->vpci.interrupt_count);
	}
}

static void compile_peer(struct dts_reader *rd, int node, unsigned index,
			 struct cb_link_peer *p)
{
	static const char *const props[] = { "cell", "guest", NULL };
	char expected[16];

	snprintf(expected, sizeof(expected), "peer@%u", index);
	if (strcmp(fdt_get_name(rd->fdt, node, NULL), expected))
		dts_error(rd, node, "is peer number %u (expected the node name "
			  "%s: peers are numbered in order from 0, the number "
			  "is the peer ID)", index, expected);
	dts_check_names(rd, node, props, NULL);
	dts_string(rd, node, "cell", 1, p->cell, sizeof(p->cell));
	dts_u64(rd, node, "guest", 1, &p->guest);
}

static void compile_link(struct dts_reader *rd, int node, struct cb_link *l)
{
	static const char *const props[] = { "start", "rw-size",
					     "output-size", NULL };
	static const char *const children[] = { "peer", NULL };
	unsigned count = count_subnodes(rd, node), index = 0;
	int child;

	dts_check_names(rd, node, props, children);
	node_name(rd, node, l->name);
	dts_u64(rd, node, "start", 1, &l->phys_start);
	dts_u64(rd, node, "rw-size", 0, &l->rw_size);
	dts_u64(rd, node, "output-size", 1, &l->output_size);
	if (count > CB_MAX_LINK_PEERS) {
		dts_error(rd, node, "has %u peers (expected 2 to %u)", count,
			  CB_MAX_LINK_PEERS);
		return;
	}
	l->peer_count = count;
	fdt_for_each_subnode(child, rd->fdt, node) {
		compile_peer(rd, child, index, &l->peer[index]);
		index++;
	}
}

static void compile_links(struct dts_reader *rd, int node, struct cb_link *l)
{
	int child;

	if (node < 0)
		return;
	dts_check_names(rd, node, NULL, DTS_ANY_CHILD);
	fdt_for_each_subnode(child, rd->fdt, node)
		compile_link(rd, child, l++);
}

static void *compile_system(struct dts_reader *rd, int root, size_t *size)
{
	static const char *const props[] = { "compatible", "model",
					     "freeze-after-boot", NULL };
	static const char *const children[] = { "hypervisor", "console", "gic",
		"vpci", "cpus", "ram", "devices", "links", "root-cell", NULL };
	struct cb_system_config *s;
	unsigned cpu_count = 0, ram_count = 0, device_count = 0, link_count = 0;
	int cpus, ram, devices, links, root_node;
	void *root_cell = NULL;
	size_t root_size = 0;

	dts_check_names(rd, root, props, children);
	cpus = dts_subnode(rd, root, "cpus", 1);
	ram = dts_subnode(rd, root, "ram", 1);
	devices = dts_subnode(rd, root, "devices", 1);
	links = dts_subnode(rd, root, "links", 0);
	if (cpus >= 0)
		cpu_count = count_subnodes(rd, cpus);
	if (ram >= 0)
		ram_count = count_subnodes(rd, ram);
	if (devices >= 0)
		device_count = count_subnodes(rd, devices);
	if (links >= 0)
		link_count = count_subnodes(rd, links);
	if (cpu_count > CB_MAX_CPUS || ram_count > CB_MAX_RAM_WINDOWS ||
	    device_count > CB_MAX_DEVICE_WINDOWS) {
		dts_error(rd, root, "has %u cpus, %u ram and %u device windows "
			  "(expected at most %u, %u and %u)", cpu_count,
			  ram_count, device_count, CB_MAX_CPUS,
			  CB_MAX_RAM_WINDOWS, CB_MAX_DEVICE_WINDOWS);
		return NULL;
	}
	if (link_count > CB_MAX_LINKS) {
		dts_error(rd, links, "has %u links (expected at most %u)",
			  link_count, CB_MAX_LINKS);
		return NULL;
	}
	root_node = dts_subnode(rd, root, "root-cell", 0);
	if (root_node >= 0 &&
	    !(root_cell = compile_cell(rd, root_node, 0, &root_size)))
		return NULL;

	*size = sizeof(*s) + cpu_count * 8 +
		(ram_count + device_count) * sizeof(struct cb_window) +
		link_count * sizeof(struct cb_link) + root_size;
	s = calloc(1, *size);
	if (!s) {
		free(root_cell);
		return NULL;
	}
	dts_string(rd, root, "model", 1, s->model, sizeof(s->model));
	if (read_boolean(rd, root, "freeze-after-boot"))
		s->flags |= CB_SYSTEM_FREEZE_AFTER_BOOT;
	compile_platform(rd, root, s);
	s->cpu_count = cpu_count;
	s->ram_count = ram_count;
	s->device_count = device_count;
	s->link_count = link_count;
	s->root_cell_size = (uint32_t)root_size;
	if (cpus >= 0)
		compile_cpus(rd, cpus, (uint64_t *)(s + 1));
	compile_windows(rd, ram, (struct cb_window *)cb_system_ram(s), 0);
	compile_windows(rd, devices, (struct cb_window *)cb_system_devices(s),
			1);
	compile_links(rd, links, (struct cb_link *)cb_system_links(s));
	if (root_cell)
		memcpy((void *)cb_system_root_cell(s), root_cell, root_size);
	free(root_cell);
	seal(s, CB_CONFIG_KIND_SYSTEM, *size);
	return s;
}

static void *compile_tree(struct dts_reader *rd, size_t *size)
{
	char compatible[32];

	if (!dts_string(rd, 0, "compatible", 1, compatible,
			sizeof(compatible)))
		return NULL;
	if (!strcmp(compatible, "cellblock,system"))
		return compile_system(rd, 0, size);
	if (!strcmp(compatible, "cellblock,cell"))
		return compile_cell(rd, 0, 1, size);
	dts_error(rd, 0, "property 'compatible' is \"%s\" (expected "
		  "\"cellblock,system\" or \"cellblock,cell\")", compatible);
	return NULL;
}

void *config_compile(const char *source, size_t *size)
{
	struct dts_reader rd = { NULL, source, 0 };
	struct config_printer printer;
	void *fdt, *blob;

	fdt = dtc_compile(source);
	if (!fdt)
		return NULL;
	rd.fdt = fdt;
	blob = compile_tree(&rd, size);
	free(fdt);
	if (!blob || rd.error_count) {
		free(blob);
		return NULL;
	}
	config_printer_init(&printer);
	config_printer_add(&printer, source, blob);
	if (((const struct cb_config_header *)blob)->kind ==
	    CB_CONFIG_KIND_SYSTEM)
		config_check_system(blob, *size, &printer.report);
	else
		config_check_cell(NULL, blob, *size, &printer.report);
	if (printer.report.problem_count) {
		free(blob);
		return NULL;
	}
	return blob;
}
