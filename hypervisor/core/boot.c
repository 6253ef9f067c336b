// SPDX-License-Identifier: GPL-2.0-only
/*
 * Type-1 boot, on the boot CPU: console first (so every later error is
 * visible), then the image is checked as a whole before anything acts on
 * it, the CPUs come up, every valid cell is created and loaded, and all
 * cells start together. A refused image starts nothing; a refused cell is
 * skipped and the others start.
 */
#include <hv/arch.h>
#include <hv/boot.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/devices.h>
#include <hv/lib.h>
#include <hv/mgmt.h>

#include <asm/layout.h>

#include "image_check.h"

#include <cellblock/image.h>

void boot_main(uint64_t dtb) __attribute__((noreturn));

extern char __hv_start[], __bss_start[], __hv_end[];

static struct image_view view;

/* One line per blob at boot: its first problem. `cellblock image check`
   lists them all; the console of a machine that boots nothing should say
   what is wrong, not scroll it away. */
static char last_blob[CB_NAME_SIZE];
static unsigned int problems_not_shown;

static void print_image_problem(struct image_report *report,
				const char *blob_name, const char *what)
{
	(void)report;
	if (!strncmp(blob_name, last_blob, sizeof(last_blob) - 1)) {
		problems_not_shown++;
		return;
	}
	strncpy(last_blob, blob_name, sizeof(last_blob) - 1);
	hv_printf("image: %s: %s", blob_name, what);
}

/*
 * The validator checked that the image, run from the header's link address,
 * and CB_LIMIT_POOL_MIN_PAGES pages past it fit the /hypervisor region; the
 * header must say where this copy really runs. Page tables come from the
 * rest of the region.
 */
static int pool_init(const struct cb_system_config *s, uint64_t image_size)
{
	const struct cb_arm64_header *header = (const void *)__hv_start;
	uint64_t start = (uintptr_t)__hv_start;

	if (header->link_address != start) {
		hv_printf("image: the hypervisor's header says it runs at "
			  "0x%llx, it runs at 0x%llx; nothing started",
			  (unsigned long long)header->link_address,
			  (unsigned long long)start);
		return 0;
	}
	arch_pool_init(ALIGN_UP(start + image_size, 0x1000),
		       s->hypervisor_start + s->hypervisor_size);
	return 1;
}

/*
 * Every 2 MiB of the RAM the system config declares answers a read: a board
 * with less RAM says so here, before a payload is copied into memory that
 * is not there. (Reads only: the image is in RAM already.)
 */
#define RAM_PROBE_STEP 0x200000ull

static int ram_present(const struct cb_system_config *s)
{
	const struct cb_window *w = cb_system_ram(s);
	uint64_t address, last, value;
	unsigned int i;

	for (i = 0; i < s->ram_count; i++) {
		last = w[i].start + (w[i].size - 8);
		for (address = w[i].start;; address += RAM_PROBE_STEP) {
			if (address > last)
				address = last;
			if (arch_probe_read(address, 8, &value)) {
				hv_printf("board: no RAM at 0x%llx, inside the "
					  "system config's /ram/%s 0x%llx-0x%llx "
					  "(the board has less RAM); nothing "
					  "started", (unsigned long long)address,
					  w[i].name,
					  (unsigned long long)w[i].start,
					  (unsigned long long)(w[i].start +
							       w[i].size - 1));
				return 0;
			}
			if (address == last)
				break;
		}
	}
	return 1;
}

/*
 * What both boot paths do first with a system config the validator
 * passed: its console (probed: a console with nothing behind it would make
 * every later line a fault, said on the early console), its CPU count
 * against this build, its RAM and the board's GIC against what it claims.
 */
int boot_use_system(const struct cb_system_config *s)
{
	if (s->console.address != EARLY_CONSOLE) {
		uint64_t flags;

		if (arch_probe_read(s->console.address + 0x18 /* PL011 UARTFR */,
				    4, &flags)) {
			hv_printf("board: no UART at the system config's "
				  "/console 0x%llx (the access aborted); "
				  "nothing started",
				  (unsigned long long)s->console.address);
			return -1;
		}
		console_init(s->console.address);
	}
	if (s->cpu_count > HV_MAX_CPUS) {
		hv_printf("system: %u CPUs, this build supports %u; nothing "
			  "started", s->cpu_count, HV_MAX_CPUS);
		return -1;
	}
	return !ram_present(s) || arch_board_check(s) ? -1 : 0;
}

static void create_cell(const struct image_cell *ic)
{
	struct cell *cell = &cells[cell_count];
	unsigned int i;

	if (cell_count == HV_MAX_CELLS) {
		hv_printf("cell %s: this build runs at most %u cells; cell "
			  "skipped", ic->config->name, HV_MAX_CELLS);
		return;
	}
	/* A cell skipped half-way leaves this slot used: start clean. */
	memset(cell, 0, sizeof(*cell));
	cell->index = cell_count;
	cell->config = ic->config;
	cell->name = ic->config->name;
	cell->cpu_set = ic->config->cpu_set;
	cell->vmid = cell_count + 1;
	cell->params_address = ic->params_address;
	for (i = 0; i < ic->payload_count && i < HV_MAX_PAYLOADS; i++) {
		const struct cb_image_blob *blob = image_cell_payload(ic, i);
		const struct cb_memory_region *r = image_check_placement(
			ic->config, blob->load_address, blob->size);

		/* Invariant: image_check() placed every payload. */
		CHECK(r);
		cell->payload[i].data = image_blob_data(blob);
		cell->payload[i].size = blob->size;
		cell->payload[i].phys =
			r->phys_start + blob->load_address - r->guest_start;
	}
	cell->payload_count = i;
	if (ic->payload_count > HV_MAX_PAYLOADS) {
		hv_printf("cell %s: %u payloads, this build loads at most %u; "
			  "cell skipped", cell->name, ic->payload_count,
			  HV_MAX_PAYLOADS);
		return;
	}
	for (i = 0; i < system_config->cpu_count; i++)
		if (((cell->cpu_set >> i) & 1) && !arch_cpu_online(i)) {
			hv_printf("cell %s: CPU %u is not running; cell "
				  "skipped", cell->name, i);
			return;
		}
	if (arch_cell_create(cell) || devices_cell_create(cell))
		return;
	arch_cell_devices_ready(cell);
	cell->load_pending = 1;	/* by its first CPU, as it starts */
	cell_set_state(cell, CELL_RUNNING);
	cell_count++;
	cells_running++;
}

void boot_main(uint64_t dtb)
{
	const struct cb_arm64_header *header = (const void *)__hv_start;
	struct image_report report = { print_image_problem, 0 };
	uint64_t base = (uintptr_t)__hv_start;
	enum image_verdict verdict;
	unsigned int i;

	(void)dtb;
	console_init(EARLY_CONSOLE);
	arch_boot_early(CELLBLOCK_VERSION);
	hv_printf("cellblock %s booting at EL2", CELLBLOCK_VERSION);
	verdict = image_check(__hv_start, header->image_size,
			      (uintptr_t)__bss_start - base,
			      (uintptr_t)__hv_end - base, &view, &report);
	if (problems_not_shown)
		hv_printf("image: %u more problems in the blobs above (`cellblock "
			  "image check` lists them)", problems_not_shown);
	if (verdict == IMAGE_REFUSED) {
		hv_printf("image refused: no cell started");
		arch_machine_off();
	}
	system_config = view.system;
	if (boot_use_system(system_config) ||
	    !pool_init(system_config, view.table->total_size) ||
	    mmu_build_for_boot(system_config))
		arch_machine_off();
	arch_boot_cpus();
	for (i = 0; i < view.cell_count; i++)
		if (!view.cell[i].refused)
			create_cell(&view.cell[i]);
	for (i = 0; i < cell_count; i++) {
		unsigned int cpu;

		for (cpu = 0; cpu < system_config->cpu_count; cpu++)
			if ((cells[i].cpu_set >> cpu) & 1)
				arch_cpu_bind(cpu, &cells[i]);
	}
	if (arch_ram_windows_init()) {
		hv_printf("system: /hypervisor: the page pool has no room left "
			  "for the per-CPU RAM windows; nothing started");
		arch_machine_off();
	}
	if (cb_system_root_cell(system_config))
		hv_printf("system: root cell %s not started: it is the running "
			  "Linux of a Linux-managed boot (`cellblock enable`); "
			  "in a type-1 boot its CPUs no cell has stay off",
			  cb_system_root_cell(system_config)->name);
	hv_printf("%u of %u cells ready; starting", cell_count, view.cell_count);
	mgmt_boot_done();
	console_input_start();
	cells_start();
}
