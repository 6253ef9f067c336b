// SPDX-License-Identifier: GPL-2.0-only
/*
 * Config dump (see config_dump.h). Numbers that fit 32 bits print as one
 * cell, larger ones as /bits/ 64; optional properties print only when the
 * compiler would not produce the same bytes without them.
 */
#include "config_dump.h"

#include "config_names.h"

#include <inttypes.h>
#include <string.h>

static void indent(FILE *out, int depth)
{
	while (depth--)
		fputc('\t', out);
}

static void number(FILE *out, int depth, const char *name, uint64_t value)
{
	indent(out, depth);
	if (value > 0xffffffffu)
		fprintf(out, "%s = /bits/ 64 <0x%" PRIx64 ">;\n", name, value);
	else
		fprintf(out, "%s = <0x%" PRIx64 ">;\n", name, value);
}

static void decimal(FILE *out, int depth, const char *name, uint32_t value)
{
	indent(out, depth);
	fprintf(out, "%s = <%" PRIu32 ">;\n", name, value);
}

static void boolean(FILE *out, int depth, const char *name)
{
	indent(out, depth);
	fprintf(out, "%s;\n", name);
}

/* dtc string syntax: only '"' and '\' need escaping in printable text. */
static void quoted(FILE *out, const char *value)
{
	fputc('"', out);
	for (; *value; value++) {
		if (*value == '"' || *value == '\\')
			fputc('\\', out);
		fputc(*value, out);
	}
	fputc('"', out);
}

static void string(FILE *out, int depth, const char *name, const char *value)
{
	indent(out, depth);
	fprintf(out, "%s = ", name);
	quoted(out, value);
	fputs(";\n", out);
}

/* Names of a broken config may lack their NUL: never read past the field. */
struct name_text {
	char text[CB_NAME_SIZE + 1];
};

static struct name_text name_of(const char *field)
{
	struct name_text n;

	memcpy(n.text, field, CB_NAME_SIZE);
	n.text[CB_NAME_SIZE] = '\0';
	return n;
}

static void open_node(FILE *out, int depth, const char *name)
{
	fputc('\n', out);
	indent(out, depth);
	fprintf(out, "%s {\n", name);
}

static void close_node(FILE *out, int depth)
{
	indent(out, depth);
	fputs("};\n", out);
}

static void flags(FILE *out, int depth, uint32_t value)
{
	const struct config_name *f;
	const char *separator = "";

	indent(out, depth);
	fputs("flags = ", out);
	for (f = config_region_flag_names; f->name; f++)
		if (value & f->value) {
			fprintf(out, "%s\"%s\"", separator, f->name);
			separator = ", ";
		}
	fputs(";\n", out);
}

/* manage-cells = "rt", "app"; */
static void manage_list(FILE *out, int depth, const struct cb_cell_config *c)
{
	const char (*names)[CB_NAME_SIZE] = cb_cell_manages(c);
	unsigned i;

	indent(out, depth);
	fputs("manage-cells = ", out);
	for (i = 0; i < c->manage_count; i++) {
		if (i)
			fputs(", ", out);
		quoted(out, name_of(names[i]).text);
	}
	fputs(";\n", out);
}

/* Only what is set: the defaults are the properties left out. */
static void failure_policy(FILE *out, int depth,
			   const struct cb_cell_config *c)
{
	const char *policy = config_name_of(config_failure_policy_names,
					    c->on_failure);

	if (c->watchdog_us)
		decimal(out, depth, "watchdog-period-us", c->watchdog_us);
	if (c->on_failure != CB_FAILURE_POLICY_PARK)
		string(out, depth, "on-failure", policy ? policy : "?");
	if (c->restart_limit)
		decimal(out, depth, "restart-limit", c->restart_limit);
	if (c->flags & CB_CELL_VOTING)
		boolean(out, depth, "voting");
	if (c->vote_timeout_us)
		decimal(out, depth, "vote-timeout-us", c->vote_timeout_us);
	if (c->comm_interrupt)
		decimal(out, depth, "comm-interrupt", c->comm_interrupt);
}

static void dump_cell_body(FILE *out, int depth,
			   const struct cb_cell_config *c)
{
	const struct cb_memory_region *r = cb_cell_regions(c);
	const uint32_t *irq = cb_cell_interrupts(c);
	const char *separator = "";
	unsigned i;

	string(out, depth, "cell-name", name_of(c->name).text);
	if (c->flags & CB_CELL_DMA_TRUSTED)
		boolean(out, depth, "dma-trusted");
	if (c->flags & CB_CELL_ABORTS)
		boolean(out, depth, "faults-as-aborts");
	if (c->flags & CB_CELL_READ_CELLS)
		boolean(out, depth, "read-cells");
	if (c->manage_count)
		manage_list(out, depth, c);
	if (c->flags & CB_CELL_MANAGE_ALL)
		boolean(out, depth, "manage-all-cells");
	if (c->flags & CB_CELL_MAY_FREEZE)
		boolean(out, depth, "may-freeze");
	indent(out, depth);
	fputs("cpus = <", out);
	for (i = 0; i < CB_MAX_CPUS; i++)
		if (c->cpu_set & (1ull << i)) {
			fprintf(out, "%s%u", separator, i);
			separator = " ";
		}
	fputs(">;\n", out);
	number(out, depth, "entry", c->entry);
	if (c->interrupt_count) {
		indent(out, depth);
		fputs("interrupts = <", out);
		for (i = 0; i < c->interrupt_count; i++)
			fprintf(out, "%s%" PRIu32, i ? " " : "", irq[i]);
		fputs(">;\n", out);
	}
	failure_policy(out, depth, c);
	if (c->console.flags) {
		open_node(out, depth, "console");
		if (c->console.flags & CB_CELL_CONSOLE_EMULATED)
			number(out, depth + 1, "emulated", c->console.emulated);
		if (c->console.flags & CB_CELL_CONSOLE_PASSTHROUGH)
			number(out, depth + 1, "passthrough",
			       c->console.passthrough);
		close_node(out, depth);
	}
	open_node(out, depth, "memory");
	for (i = 0; i < c->region_count; i++) {
		if (i)
			fputc('\n', out);
		indent(out, depth + 1);
		fprintf(out, "%s {\n", name_of(r[i].name).text);
		if (r[i].phys_start || !(r[i].flags & CB_REGION_COMM))
			number(out, depth + 2, "phys", r[i].phys_start);
		number(out, depth + 2, "guest", r[i].guest_start);
		number(out, depth + 2, "size", r[i].size);
		flags(out, depth + 2, r[i].flags);
		close_node(out, depth + 1);
	}
	close_node(out, depth);
}

void config_dump_cell(FILE *out, const struct cb_cell_config *c)
{
	fputs("/dts-v1/;\n\n/ {\n", out);
	string(out, 1, "compatible", "cellblock,cell");
	dump_cell_body(out, 1, c);
	fputs("};\n", out);
}

static void dump_windows(FILE *out, const char *name,
			 const struct cb_window *w, unsigned count)
{
	unsigned i;

	open_node(out, 1, name);
	for (i = 0; i < count; i++) {
		if (i)
			fputc('\n', out);
		indent(out, 2);
		fprintf(out, "%s {\n", name_of(w[i].name).text);
		number(out, 3, "start", w[i].start);
		number(out, 3, "size", w[i].size);
		if (w[i].flags & CB_WINDOW_DMA)
			boolean(out, 3, "dma");
		close_node(out, 2);
	}
	close_node(out, 1);
}

static void dump_platform(FILE *out, const struct cb_system_config *s)
{
	const char *type = config_name_of(config_console_type_names,
					  s->console.type);

	open_node(out, 1, "hypervisor");
	number(out, 2, "start", s->hypervisor_start);
	number(out, 2, "size", s->hypervisor_size);
	close_node(out, 1);

	open_node(out, 1, "console");
	string(out, 2, "type", type ? type : "?");
	number(out, 2, "address", s->console.address);
	if (s->console.interrupt)
		decimal(out, 2, "interrupt", s->console.interrupt);
	close_node(out, 1);

	open_node(out, 1, "gic");
	decimal(out, 2, "version", s->gic.version);
	number(out, 2, "distributor", s->gic.distributor);
	number(out, 2, "redistributor", s->gic.redistributor);
	number(out, 2, "redistributor-stride", s->gic.redistributor_stride);
	if (s->gic.its)
		number(out, 2, "its", s->gic.its);
	decimal(out, 2, "maintenance-interrupt", s->gic.maintenance_interrupt);
	decimal(out, 2, "interrupt-count", s->gic.interrupt_count);
	close_node(out, 1);

	if (s->vpci.ecam) {
		open_node(out, 1, "vpci");
		number(out, 2, "ecam", s->vpci.ecam);
		decimal(out, 2, "bus-count", s->vpci.bus_count);
		decimal(out, 2, "interrupt-base", s->vpci.interrupt_base);
		decimal(out, 2, "interrupt-count", s->vpci.interrupt_count);
		close_node(out, 1);
	}
}

static void dump_links(FILE *out, const struct cb_system_config *s)
{
	const struct cb_link *l = cb_system_links(s);
	unsigned i, j;
	char peer[16];

	open_node(out, 1, "links");
	for (i = 0; i < s->link_count; i++) {
		if (i)
			fputc('\n', out);
		indent(out, 2);
		fprintf(out, "%s {\n", name_of(l[i].name).text);
		number(out, 3, "start", l[i].phys_start);
		if (l[i].rw_size)
			number(out, 3, "rw-size", l[i].rw_size);
		number(out, 3, "output-size", l[i].output_size);
		for (j = 0; j < l[i].peer_count && j < CB_MAX_LINK_PEERS; j++) {
			snprintf(peer, sizeof(peer), "peer@%u", j);
			open_node(out, 3, peer);
			string(out, 4, "cell", name_of(l[i].peer[j].cell).text);
			number(out, 4, "guest", l[i].peer[j].guest);
			close_node(out, 3);
		}
		close_node(out, 2);
	}
	close_node(out, 1);
}

void config_dump_system(FILE *out, const struct cb_system_config *s)
{
	const uint64_t *mpidr = cb_system_mpidrs(s);
	unsigned i;

	fputs("/dts-v1/;\n\n/ {\n", out);
	string(out, 1, "compatible", "cellblock,system");
	string(out, 1, "model", name_of(s->model).text);
	if (s->flags & CB_SYSTEM_FREEZE_AFTER_BOOT)
		boolean(out, 1, "freeze-after-boot");
	dump_platform(out, s);

	open_node(out, 1, "cpus");
	for (i = 0; i < s->cpu_count; i++) {
		indent(out, 2);
		fprintf(out, "cpu@%u {\n", i);
		number(out, 3, "mpidr", mpidr[i]);
		close_node(out, 2);
	}
	close_node(out, 1);
	dump_windows(out, "ram", cb_system_ram(s), s->ram_count);
	dump_windows(out, "devices", cb_system_devices(s), s->device_count);
	if (s->link_count)
		dump_links(out, s);
	if (cb_system_root_cell(s)) {
		open_node(out, 1, "root-cell");
		dump_cell_body(out, 2, cb_system_root_cell(s));
		close_node(out, 1);
	}
	fputs("};\n", out);
}
