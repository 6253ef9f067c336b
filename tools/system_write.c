// SPDX-License-Identifier: GPL-2.0-only
/*
 * System config source from a board (see system_write.h).
 */
#include "system_write.h"

#include <string.h>

const char *dts_number(char *buf, size_t size, uint64_t v)
{
	if (v >> 32)
		snprintf(buf, size, "<0x%llx 0x%08llx>",
			 (unsigned long long)(v >> 32),
			 (unsigned long long)(v & 0xffffffffu));
	else
		snprintf(buf, size, "<0x%llx>", (unsigned long long)v);
	return buf;
}

/* "\tname = VALUE;" padded to a comment column, then the comment. */
static void line(FILE *out, int indent, const char *name, const char *value,
		 const char *comment)
{
	char text[128];
	int width;

	width = snprintf(text, sizeof(text), "%s = %s;", name, value);
	fprintf(out, "%.*s%s", indent, "\t\t\t\t", text);
	if (comment && *comment) {
		int column = indent * 8 + width;

		do {
			fputc('\t', out);
			column = (column / 8 + 1) * 8;
		} while (column < 48);
		fprintf(out, "/* %s */", comment);
	}
	fputc('\n', out);
}

static void intid_text(char *buf, size_t size, uint32_t intid)
{
	if (intid >= CB_INTID_SPI_FIRST)
		snprintf(buf, size, "SPI %u", intid - CB_INTID_SPI_FIRST);
	else
		snprintf(buf, size, "PPI %u", intid - CB_INTID_PPI_FIRST);
}

static void write_header(FILE *out, const struct board *b,
			 const struct system_source *src)
{
	unsigned int i;

	fprintf(out, "/*\n * System config of \"%s\", written by\n"
		" * `cellblock config create` from %s.\n"
		" * Each value's comment names the board's device-tree node it "
		"came from;\n * docs/config.md (\"Generating configs from the "
		"board\") has the rules.\n", b->model, src->board_file);
	if (b->note_count) {
		fprintf(out, " *\n * Not taken from the board:\n");
		for (i = 0; i < b->note_count; i++)
			fprintf(out, " *  - %s\n", b->note[i]);
	}
	fprintf(out, " */\n/dts-v1/;\n\n/ {\n");
	fprintf(out, "\tcompatible = \"cellblock,system\";\n");
	fprintf(out, "\tmodel = \"%s\";\t\t/* %s */\n\n", b->model,
		b->model_from);
}

static void write_hypervisor(FILE *out, const struct board *b,
			     const struct system_source *src)
{
	const struct hv_budget *hv = src->hv;
	const struct hv_budget_in *in = src->in;
	char v[64];

	fprintf(out, "\t/*\n");
	if (hv->linked_here)
		fprintf(out, "\t * The hypervisor runs where it is linked, "
			"0x%llx, in %s.\n",
			(unsigned long long)HV_LINK_ADDRESS,
			b->ram[src->hv_ram].path);
	else
		fprintf(out, "\t * NOT BOOTABLE AS BUILT: the hypervisor is "
			"linked at 0x%llx, which\n\t * is not RAM here; relink "
			"it at 0x%llx (hypervisor.lds) for this board.\n",
			(unsigned long long)HV_LINK_ADDRESS,
			(unsigned long long)hv->start);
	fprintf(out, "\t * Its memory: image 0x%llx (%s)\n"
		"\t * + 0x%llx configs + 0x%llx payloads\n"
		"\t * + %u pages of tables: EL2 map %u, RAM windows %u,\n"
		"\t *   %u cells x %u, %u device windows x %u,\n"
		"\t * rounded up to 2 MiB.\n\t */\n",
		(unsigned long long)in->footprint, src->footprint_from,
		(unsigned long long)HV_CONFIG_ROOM,
		(unsigned long long)in->payload_room, hv->pool_pages,
		hv->el2_pages, hv->window_pages, hv->cells, hv->cell_pages,
		b->window_count, hv->device_pages);
	fprintf(out, "\thypervisor {\n");
	line(out, 2, "start", dts_number(v, sizeof(v), hv->start),
	     hv->linked_here ? "HV_LINK_ADDRESS, 2 MiB aligned"
			     : "the window's first 2 MiB boundary");
	line(out, 2, "size", dts_number(v, sizeof(v), hv->size), "");
	fprintf(out, "\t};\n\n");
}

static void write_console(FILE *out, const struct board *b)
{
	char v[64], c[BOARD_PATH_SIZE + 64], irq[16];

	fprintf(out, "\tconsole {\t\t\t\t/* %s (%s) */\n", b->console.path,
		b->console.how);
	line(out, 2, "type", "\"pl011\"", "compatible \"arm,pl011\"");
	snprintf(c, sizeof(c), "%s reg[0]", b->console.path);
	line(out, 2, "address", dts_number(v, sizeof(v), b->console.address), c);
	if (b->console.interrupt) {
		intid_text(irq, sizeof(irq), b->console.interrupt);
		snprintf(v, sizeof(v), "<%u>", b->console.interrupt);
		snprintf(c, sizeof(c), "interrupts: %s", irq);
		line(out, 2, "interrupt", v, c);
	}
	fprintf(out, "\t};\n\n");
}

static void write_gic(FILE *out, const struct board *b)
{
	const struct board_gic *g = &b->gic;
	char v[64], c[BOARD_PATH_SIZE + 64], irq[16];

	fprintf(out, "\tgic {\t\t\t\t\t/* %s */\n", g->path);
	snprintf(c, sizeof(c), "compatible \"%s\"", g->compatible);
	line(out, 2, "version", "<3>", c);
	line(out, 2, "distributor", dts_number(v, sizeof(v), g->distributor),
	     "reg[0]");
	snprintf(c, sizeof(c), "reg[1], of %u region%s", g->redist_regions,
		 g->redist_regions == 1 ? "" : "s");
	line(out, 2, "redistributor", dts_number(v, sizeof(v), g->redist.start), c);
	line(out, 2, "redistributor-stride", dts_number(v, sizeof(v), g->stride),
	     g->stride_why);
	if (*g->its_path) {
		snprintf(c, sizeof(c), "%s reg[0]", g->its_path);
		line(out, 2, "its", dts_number(v, sizeof(v), g->its), c);
	}
	intid_text(irq, sizeof(irq), g->maintenance);
	snprintf(v, sizeof(v), "<%u>", g->maintenance);
	snprintf(c, sizeof(c), "interrupts: %s", irq);
	line(out, 2, "maintenance-interrupt", v, c);
	snprintf(v, sizeof(v), "<%u>", g->interrupt_count);
	line(out, 2, "interrupt-count", v, g->count_why);
	fprintf(out, "\t};\n\n");
}

static void write_cpus(FILE *out, const struct board *b)
{
	unsigned int i;

	fprintf(out, "\tcpus {\n");
	for (i = 0; i < b->cpu_count; i++)
		fprintf(out, "\t\tcpu@%u { mpidr = <0x%llx>; };\t/* %s reg */\n",
			i, (unsigned long long)b->cpu[i].mpidr, b->cpu[i].path);
	fprintf(out, "\t};\n\n");
}

static void write_ram(FILE *out, const struct board *b)
{
	char v[64];
	unsigned int i;

	fprintf(out, "\tram {\n");
	for (i = 0; i < b->ram_count; i++) {
		fprintf(out, "\t\t%s {\t\t/* %s %s */\n", b->ram[i].name,
			b->ram[i].path, b->ram[i].what);
		line(out, 3, "start", dts_number(v, sizeof(v), b->ram[i].start), "");
		line(out, 3, "size", dts_number(v, sizeof(v), b->ram[i].size), "");
		fprintf(out, "\t\t};\n");
	}
	fprintf(out, "\t};\n\n");
}

static void write_member(FILE *out, const struct board_member *m)
{
	unsigned int i;

	fprintf(out, "\t\t\t/* %s %s: 0x%llx, 0x%llx bytes", m->path, m->what,
		(unsigned long long)m->start, (unsigned long long)m->size);
	if (m->irq_count) {
		fprintf(out, "; interrupts");
		for (i = 0; i < m->irq_count; i++)
			fprintf(out, " %u", m->irq[i]);
	}
	fprintf(out, " */\n");
}

static void write_devices(FILE *out, const struct board *b)
{
	char v[64];
	unsigned int i, j;

	fprintf(out, "\tdevices {\t\t\t\t/* each ends at or below 2^39 */\n");
	for (i = 0; i < b->window_count; i++) {
		const struct board_window *w = &b->window[i];

		fprintf(out, "\t\t%s {", w->name);
		if (w->merged)
			fprintf(out, "\t\t/* merged: %s */", w->merged);
		fputc('\n', out);
		for (j = 0; j < b->member_count; j++)
			if (b->member[j].window == i)
				write_member(out, &b->member[j]);
		line(out, 3, "start", dts_number(v, sizeof(v), w->start), "");
		line(out, 3, "size", dts_number(v, sizeof(v), w->size), "");
		if (w->dma)
			fprintf(out, "\t\t\tdma;\t\t\t\t/* %s */\n", w->dma);
		fprintf(out, "\t\t};\n");
	}
	fprintf(out, "\t};\n};\n");
}

void system_write(FILE *out, const struct board *b,
		  const struct system_source *src)
{
	write_header(out, b, src);
	write_hypervisor(out, b, src);
	write_console(out, b);
	write_gic(out, b);
	write_cpus(out, b);
	write_ram(out, b);
	write_devices(out, b);
}
