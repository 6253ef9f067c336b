// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board from its device tree (see board.h): model, PSCI, CPUs, RAM and
 * the console UART here; the GIC in board_gic.c, device registers in
 * board_devices.c. A board the hypervisor cannot serve is refused with one
 * line per reason naming the node: no GICv3, no PSCI over SMC, a CPU
 * without an MPIDR, no usable PL011.
 */
#include "board.h"
#include "board_fdt.h"
#include "board_parts.h"

#include <cellblock/limits.h>

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void board_error(struct board *b, const char *node, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", b->file, node);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	b->error_count++;
}

void board_note(struct board *b, const char *fmt, ...)
{
	va_list ap;

	if (b->note_count == BOARD_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(b->note[b->note_count++], BOARD_NOTE_SIZE, fmt, ap);
	va_end(ap);
}

/* A name for the config: printable, at most 31 characters. */
static void scan_model(struct board *b)
{
	const char *from = "model";
	const char *model = bfdt_string(b->fdt, 0, "model");
	size_t i, length;

	if (!model || !*model) {
		model = bfdt_string(b->fdt, 0, "compatible");
		from = "compatible";
	}
	if (!model || !*model) {
		model = "board";
		from = "nothing: the root has no model or compatible";
	}
	length = strlen(model);
	for (i = 0; i < length && i < CB_NAME_SIZE - 1; i++)
		/* Printable, and safe inside a string and a comment. */
		b->model[i] = model[i] >= 0x20 && model[i] < 0x7f &&
			      !strchr("\"\\*", model[i]) ? model[i] : '_';
	b->model[i] = '\0';
	snprintf(b->model_from, sizeof(b->model_from), "/ %s%s", from,
		 length > i ? ", cut to 31 characters" : "");
}

/*
 * The hypervisor starts CPUs and switches the machine off with PSCI 0.2
 * function IDs (CPU_ON 0xc4000003, SYSTEM_OFF 0x84000008) over SMC: it
 * runs at EL2, so firmware is below it at EL3. HVC would be a call to
 * itself. PSCI 0.1 ("arm,psci" alone) has board-specific IDs.
 */
static void scan_psci(struct board *b)
{
	static const char *const compatible[] = { "arm,psci-1.0",
						  "arm,psci-0.2", NULL };
	const char *const *c;
	const char *method;
	int node = -1;

	for (c = compatible; *c && node < 0; c++)
		node = fdt_node_offset_by_compatible(b->fdt, -1, *c);
	if (node < 0) {
		if (fdt_node_offset_by_compatible(b->fdt, -1, "arm,psci") >= 0)
			board_error(b, "/psci", "PSCI 0.1 only (compatible "
				    "\"arm,psci\"): the hypervisor uses PSCI 0.2 "
				    "function IDs");
		else
			board_error(b, "/", "no PSCI node (compatible "
				    "\"arm,psci-0.2\" or later): the hypervisor "
				    "starts CPUs and powers off through PSCI");
		return;
	}
	bfdt_path(b->fdt, node, b->psci_path, sizeof(b->psci_path));
	method = bfdt_string(b->fdt, node, "method");
	if (!method || strcmp(method, "smc"))
		board_error(b, b->psci_path, "PSCI method \"%s\" (expected "
			    "\"smc\": the hypervisor runs at EL2 and calls "
			    "firmware with SMC)", method ? method : "(none)");
}

static int mpidr_usable(struct board *b, const char *path, uint64_t mpidr)
{
	unsigned int i;

	if (mpidr & ~0xff00ffffffull) {
		board_error(b, path, "reg 0x%llx has bits outside the MPIDR "
			    "affinity fields (expected only bits in "
			    "0xff00ffffff)", (unsigned long long)mpidr);
		return 0;
	}
	if ((mpidr & 0xff) >= CB_LIMIT_AFF0) {
		board_error(b, path, "MPIDR 0x%llx has Aff0 %llu (this build "
			    "of the hypervisor reaches Aff0 0 to %u only)",
			    (unsigned long long)mpidr,
			    (unsigned long long)(mpidr & 0xff),
			    CB_LIMIT_AFF0 - 1);
		return 0;
	}
	for (i = 0; i < b->cpu_count; i++)
		if (b->cpu[i].mpidr == mpidr) {
			board_error(b, path, "MPIDR 0x%llx is also %s's",
				    (unsigned long long)mpidr, b->cpu[i].path);
			return 0;
		}
	return 1;
}

/* One CPU node: its MPIDR is its reg (the /cpus #address-cells wide). */
static void scan_cpu(struct board *b, int cpus, int node, unsigned int *left)
{
	unsigned int cells = bfdt_cells(b->fdt, cpus, "#address-cells", 1);
	const char *method = bfdt_string(b->fdt, node, "enable-method");
	char path[BOARD_PATH_SIZE];
	const void *reg;
	uint64_t mpidr;
	int length;

	bfdt_path(b->fdt, node, path, sizeof(path));
	if (!bfdt_enabled(b->fdt, node)) {
		board_note(b, "%s: status disabled, left out", path);
		return;
	}
	reg = fdt_getprop(b->fdt, node, "reg", &length);
	if (!reg || cells < 1 || cells > 2 || length != (int)(4 * cells)) {
		board_error(b, path, "no usable reg (expected the CPU's MPIDR "
			    "in %u cell%s)", cells, cells == 1 ? "" : "s");
		return;
	}
	if (method && strcmp(method, "psci"))
		board_error(b, path, "enable-method \"%s\" (expected \"psci\": "
			    "the hypervisor starts CPUs with PSCI CPU_ON)",
			    method);
	mpidr = bfdt_number(reg, cells);
	if (!mpidr_usable(b, path, mpidr))
		return;
	if (b->cpu_count == CB_LIMIT_CPUS) {
		++*left;
		return;
	}
	snprintf(b->cpu[b->cpu_count].path, BOARD_PATH_SIZE, "%s", path);
	b->cpu[b->cpu_count++].mpidr = mpidr;
}

/* The device-tree order is the CPU numbering; the first is the boot CPU
   on every board of Debian's kernel (the hypervisor checks it at boot). */
static void scan_cpus(struct board *b)
{
	int cpus = fdt_path_offset(b->fdt, "/cpus"), node;
	unsigned int left = 0;

	if (cpus < 0) {
		board_error(b, "/", "no /cpus node");
		return;
	}
	fdt_for_each_subnode(node, b->fdt, cpus)
		if (bfdt_is_string(b->fdt, node, "device_type", "cpu"))
			scan_cpu(b, cpus, node, &left);
	if (left)
		board_note(b, "/cpus: %u more CPUs left out: this build of the "
			   "hypervisor runs %u (CB_LIMIT_CPUS)", left,
			   CB_LIMIT_CPUS);
	if (!b->cpu_count && !b->error_count)
		board_error(b, "/cpus", "no CPU node (device_type \"cpu\")");
}

static int is_pl011(const void *fdt, int node)
{
	return node >= 0 && bfdt_enabled(fdt, node) &&
	       (!fdt_node_check_compatible(fdt, node, "arm,pl011") ||
		!fdt_node_check_compatible(fdt, node, "arm,sbsa-uart"));
}

/* The UART firmware and Linux print on (chosen/stdout-path), if it is a
   PL011 (or the SBSA UART, its transmit subset); else the first PL011. */
static void scan_console(struct board *b)
{
	int chosen = fdt_path_offset(b->fdt, "/chosen"), node = -1;
	const char *stdout_path = NULL, *compatible;
	struct bfdt_irqs irqs;
	char found[BOARD_PATH_SIZE] = "";
	unsigned int i;

	if (chosen >= 0) {
		stdout_path = bfdt_string(b->fdt, chosen, "stdout-path");
		if (!stdout_path)
			stdout_path = bfdt_string(b->fdt, chosen,
						  "linux,stdout-path");
	}
	if (stdout_path) {
		node = fdt_path_offset_namelen(b->fdt, stdout_path,
					       (int)strcspn(stdout_path, ":"));
		b->console.how = "/chosen stdout-path";
		if (node >= 0)
			bfdt_path(b->fdt, node, found, sizeof(found));
	}
	if (!is_pl011(b->fdt, node)) {
		node = fdt_node_offset_by_compatible(b->fdt, -1, "arm,pl011");
		while (node >= 0 && !bfdt_enabled(b->fdt, node))
			node = fdt_node_offset_by_compatible(b->fdt, node,
							     "arm,pl011");
		b->console.how = stdout_path ?
			"the first PL011: /chosen stdout-path names no PL011" :
			"the first PL011: /chosen has no stdout-path";
	}
	if (!is_pl011(b->fdt, node)) {
		char what[BOARD_PATH_SIZE + 64];

		compatible = *found ? bfdt_string(b->fdt, fdt_path_offset(
				b->fdt, found), "compatible") : NULL;
		if (*found)
			snprintf(what, sizeof(what), "the console UART is "
				 "compatible with \"%s\"", compatible ?
				 compatible : "nothing");
		else if (stdout_path)
			snprintf(what, sizeof(what), "stdout-path \"%.200s\" "
				 "names no node", stdout_path);
		else
			snprintf(what, sizeof(what), "no stdout-path");
		board_error(b, *found ? found : "/chosen", "%s, and no enabled "
			    "node is compatible with \"arm,pl011\" (the "
			    "hypervisor's console is a PL011)", what);
		return;
	}
	bfdt_path(b->fdt, node, b->console.path, sizeof(b->console.path));
	if (board_first_reg(b, node, &b->console.address))
		return;
	if (b->console.address & (CB_CONSOLE_FRAME_SIZE - 1))
		board_error(b, b->console.path, "reg 0x%llx is not 4 KiB "
			    "aligned (expected a PL011's own page)",
			    (unsigned long long)b->console.address);
	bfdt_irqs(b->fdt, node, b->gic.path[0] ? fdt_path_offset(
			  b->fdt, b->gic.path) : -1, &irqs);
	for (i = 0; i < irqs.count && !b->console.interrupt; i++)
		if (irqs.intid[i] >= CB_INTID_SPI_FIRST)
			b->console.interrupt = irqs.intid[i];
}

int board_first_reg(struct board *b, int node, uint64_t *address)
{
	int parent = fdt_parent_offset(b->fdt, node), length;
	unsigned int cells = bfdt_cells(b->fdt, parent, "#address-cells", 2);
	unsigned int size_cells = bfdt_cells(b->fdt, parent, "#size-cells", 1);
	const void *reg = fdt_getprop(b->fdt, node, "reg", &length);
	char path[BOARD_PATH_SIZE];

	if (!reg || cells < 1 || cells > 2 ||
	    length < (int)(4 * (cells + size_cells)) ||
	    bfdt_translate(b->fdt, parent, bfdt_number(reg, cells), address)) {
		board_error(b, bfdt_path(b->fdt, node, path, sizeof(path)),
			    "no reg the CPU can reach (expected a memory-mapped "
			    "register range)");
		return -1;
	}
	return 0;
}

int board_scan(struct board *b)
{
	scan_model(b);
	scan_psci(b);
	board_scan_gic(b);
	scan_cpus(b);
	if (b->gic.path[0] && b->cpu_count)
		board_check_redistributors(b);
	scan_console(b);
	board_scan_ram(b);
	if (!b->error_count)
		board_scan_devices(b);
	if (!b->error_count)
		board_count_interrupts(b);
	return b->error_count ? -1 : 0;
}
