// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-managed boot (include/cellblock/driver.h, docs/linux-managed.md):
 * a running Linux enters the hypervisor CPU by CPU and continues as the
 * root cell. The first CPU checks the system config as the type-1 boot
 * checks an image's, and builds the same state: console, page pool, the
 * hypervisor's own tables, the root cell from the config's description,
 * adopted as it runs instead of started from payloads. Every later CPU
 * only finds itself. Disabling is the way back, CPU by CPU, once no cell
 * but the root is left.
 */
#include <hv/arch.h>
#include <hv/boot.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/devices.h>
#include <hv/lib.h>
#include <hv/mgmt.h>
#include <hv/spinlock.h>
#include <hv/watchdog.h>

#include "config_check.h"
#include "image_check.h"

#include <cellblock/driver.h>
#include <cellblock/hypercall.h>
#include <cellblock/image.h>
#include <cellblock/limits.h>

extern char __hv_start[];

static unsigned int cpus_entered, cpus_expected, cpus_left;
static uint64_t console_log_start;
static int linux_managed;
static spinlock_t leave_lock;

static void print_problem(struct config_report *report, const void *subject,
			  const char *where, const char *what)
{
	(void)report, (void)subject;
	hv_printf("system config: %s: %s", where, what);
}

/* The layout the module must have made (driver.h): the config right after
   the image, the page pool after it, the restart payloads (if any) at the
   end, all in the /hypervisor region. */
static int layout_valid(const struct cb_system_config *s, uint64_t config,
			uint64_t size, uint64_t restart)
{
	const struct cb_arm64_header *h = (const void *)__hv_start;
	uint64_t start = (uintptr_t)__hv_start;
	uint64_t pool = ALIGN_UP(config + size, 0x1000);
	uint64_t end = s->hypervisor_start + s->hypervisor_size;
	uint64_t pool_end = restart ? restart : end;

	if (start != s->hypervisor_start) {
		hv_printf("system config: /hypervisor starts at 0x%llx, the "
			  "hypervisor was put at 0x%llx; not entered",
			  (unsigned long long)s->hypervisor_start,
			  (unsigned long long)start);
		return 0;
	}
	if (restart && ((restart & 0xfff) || restart < pool ||
			restart >= end)) {
		hv_printf("restart payloads at 0x%llx: not a page in /hypervisor "
			  "0x%llx-0x%llx past the config; not entered",
			  (unsigned long long)restart,
			  (unsigned long long)s->hypervisor_start,
			  (unsigned long long)(end - 1));
		return 0;
	}
	if (pool + CB_LIMIT_POOL_MIN_PAGES * 0x1000ull > pool_end) {
		hv_printf("system config: /hypervisor 0x%llx-0x%llx holds the "
			  "hypervisor (0x%llx bytes), this config%s, but not "
			  "a page pool of %u pages between them; not entered",
			  (unsigned long long)s->hypervisor_start,
			  (unsigned long long)(end - 1),
			  (unsigned long long)h->image_size,
			  restart ? " and the restart payloads" : "",
			  CB_LIMIT_POOL_MIN_PAGES);
		return 0;
	}
	arch_pool_init(pool, pool_end);
	/* Invariant: the pool has CB_LIMIT_POOL_MIN_PAGES pages (above). */
	console_log_start = arch_pool_alloc_pages(CB_CONSOLE_LOG_SIZE / 0x1000);
	console_log_attach((struct cb_console_log *)(uintptr_t)
				   console_log_start,
			   CB_CONSOLE_LOG_SIZE);
	return 1;
}

/*
 * The root cell's restart payloads (driver.h, struct cb_root_restart) at
 * @restart, up to the region's @end: each inside, each placed in a
 * loadable region of @root that is not lendable (cells take those), x0 one
 * of their addresses. Kept in @cell as a type-1 boot keeps a cell's.
 */
static int restart_payloads(struct cell *cell, const struct cb_cell_config *root,
			    uint64_t restart, uint64_t end)
{
	const struct cb_root_restart *r = (const void *)(uintptr_t)restart;
	unsigned int i, x0_found = 0;

	if (!restart)
		return 0;
	if (end - restart < sizeof(*r) || r->magic != CB_ROOT_RESTART_MAGIC ||
	    !r->count || r->count > CB_ROOT_RESTART_PAYLOADS ||
	    r->count > HV_MAX_PAYLOADS) {
		hv_printf("restart payloads at 0x%llx: no descriptor of 1 to %u "
			  "payloads there; not entered",
			  (unsigned long long)restart, CB_ROOT_RESTART_PAYLOADS);
		return -1;
	}
	for (i = 0; i < r->count; i++) {
		const struct cb_root_restart_payload *p = &r->payload[i];
		const struct cb_memory_region *region =
			image_check_placement(root, p->address, p->size);

		if ((p->offset & 0xfff) || p->offset < sizeof(*r) ||
		    p->offset > end - restart ||
		    p->size > end - restart - p->offset) {
			hv_printf("restart payload %u: 0x%llx bytes at offset "
				  "0x%llx are not inside /hypervisor past the "
				  "descriptor; not entered", i,
				  (unsigned long long)p->size,
				  (unsigned long long)p->offset);
			return -1;
		}
		if (!region || (region->flags & CB_REGION_LENDABLE)) {
			hv_printf("restart payload %u: 0x%llx-0x%llx is not in "
				  "a loadable region of cell %s that is not "
				  "lendable; not entered", i,
				  (unsigned long long)p->address,
				  (unsigned long long)(p->address + p->size - 1),
				  root->name);
			return -1;
		}
		cell->payload[i].data = (const void *)(uintptr_t)(restart +
								  p->offset);
		cell->payload[i].size = p->size;
		cell->payload[i].phys = region->phys_start + p->address -
					region->guest_start;
		x0_found |= p->address == r->x0;
	}
	if (!x0_found) {
		hv_printf("restart payloads: x0 0x%llx is none of their "
			  "addresses (expected the device tree's); not entered",
			  (unsigned long long)r->x0);
		return -1;
	}
	cell->payload_count = r->count;
	cell->params_address = r->x0;
	return 0;
}

static int root_create(const struct cb_cell_config *config, uint64_t restart)
{
	struct cell *cell = &cells[0];
	unsigned int cpu;

	memset(cell, 0, sizeof(*cell));
	cell->config = config;
	cell->name = config->name;
	cell->cpu_set = config->cpu_set;
	cell->vmid = 1;
	cell->adopted = 1;
	if (restart_payloads(cell, config, restart,
			     system_config->hypervisor_start +
				     system_config->hypervisor_size))
		return -1;
	/* The console log, read-only at its own address: the one page of
	   the hypervisor's that a cell sees, so the module can show it
	   (driver.h); nothing of the hypervisor's state is in it. */
	if (arch_cell_create(cell) || devices_cell_create(cell) ||
	    arch_cell_map(cell, console_log_start, console_log_start,
			  CB_CONSOLE_LOG_SIZE, CB_REGION_READ))
		return -1;
	arch_cell_devices_ready(cell);
	devices_cell_adopt(cell);
	for (cpu = 0; cpu < system_config->cpu_count; cpu++)
		if ((cell->cpu_set >> cpu) & 1)
			arch_cpu_bind(cpu, cell);
	cell->starts = 1;
	cell->started_at = arch_counter();
	watchdog_start(cell);	/* the module pets it (driver.h) */
	cell_set_state(cell, CELL_RUNNING);
	cell_count = 1;
	cells_running = 1;
	return 0;
}

static int64_t enter_first(uint64_t config, uint64_t size, uint64_t cpus,
			   uint64_t restart)
{
	struct config_report report = { print_problem, 0 };
	const struct cb_system_config *s;
	const struct cb_cell_config *root;

	console_init(EARLY_CONSOLE);
	arch_boot_early(CELLBLOCK_VERSION);
	hv_printf("cellblock %s entered from Linux at EL2", CELLBLOCK_VERSION);
	if (config & 7) {
		hv_printf("system config at 0x%llx: not 8-byte aligned; not "
			  "entered", (unsigned long long)config);
		return CB_HC_EINVAL;
	}
	s = config_check_system((const void *)(uintptr_t)config, size, &report);
	if (!s || report.problem_count) {
		hv_printf("system config refused (%u problems); not entered",
			  report.problem_count);
		return CB_HC_EINVAL;
	}
	if (!s->root_cell_size) {
		hv_printf("system config: no /root-cell: the running Linux "
			  "needs one to continue in; not entered");
		return CB_HC_EINVAL;
	}
	root = cb_system_root_cell(s);
	if (bits_set(root->cpu_set) != cpus) {
		hv_printf("system config: /root-cell has %u CPUs, Linux runs "
			  "%llu: every CPU Linux runs enters, and each must be "
			  "the root cell's; not entered",
			  bits_set(root->cpu_set),
			  (unsigned long long)cpus);
		return CB_HC_EINVAL;
	}
	if (!layout_valid(s, config, size, restart))
		return CB_HC_EINVAL;
	system_config = s;
	if (boot_use_system(s) || mmu_build_for_boot(s) ||
	    arch_linux_prepare(s) || root_create(root, restart) ||
	    arch_ram_windows_init()) {
		hv_printf("not entered");
		return CB_HC_EINVAL;
	}
	console_input_start();
	mgmt_boot_done();
	cpus_expected = (unsigned int)cpus;
	linux_managed = 1;
	return 0;
}

int64_t linux_enter_main(uint64_t config, uint64_t size, uint64_t cpus,
			 uint64_t restart)
{
	int64_t error;
	int cpu;

	if (!cpus_entered) {
		error = enter_first(config, size, cpus, restart);
		if (error)
			return error;
	}
	cpu = arch_this_cpu_index(system_config);
	if (cpu < 0 || !((cells[0].cpu_set >> cpu) & 1)) {
		hv_printf("a CPU that is not the root cell's (%s) entered; it "
			  "stays out", cells[0].name);
		return CB_HC_EINVAL;
	}
	if (arch_cpu_online((unsigned int)cpu) || cpus_entered == cpus_expected) {
		hv_printf("CPU %d entered twice; it stays out", cpu);
		return CB_HC_EBUSY;
	}
	cpus_entered++;
	if (cpus_entered == cpus_expected)
		hv_printf("cell %s: Linux runs as the root cell on %u CPUs",
			  cells[0].name, cpus_entered);
	return cpu;
}

/* The first CPU to leave decides for all: no cell but the root, and every
   CPU that entered still running it (one Linux took offline sits in the
   hypervisor and could not get back). The CPUs that entered leave, all of
   them or, when an enable is rolled back, the ones that got in. */
static int64_t may_leave(void)
{
	unsigned int i;

	for (i = 1; i < cell_count; i++)
		if (cells[i].state != CELL_DESTROYED) {
			hv_printf("disable refused: cell %s exists (destroy it "
				  "first)", cells[i].name);
			return CB_HC_EBUSY;
		}
	/* A CPU that has not entered (an enable rolled back) has nothing
	   to leave. */
	for (i = 0; i < system_config->cpu_count; i++)
		if (((cells[0].cpu_set >> i) & 1) && arch_cpu_online(i) &&
		    arch_cpu_state(i) != CPU_ON) {
			hv_printf("disable refused: CPU %u of cell %s is off "
				  "(bring it online first)", i, cells[0].name);
			return CB_HC_EBUSY;
		}
	return 0;
}

int linux_managed_boot(void)
{
	return linux_managed;
}

int64_t linux_disable(struct cell *caller)
{
	int64_t error = 0;

	if (!linux_managed)
		return CB_HC_ENOSYS;	/* a type-1 boot has no way back */
	if (caller != &cells[0])
		return CB_HC_EPERM;
	if (mgmt_frozen())
		return CB_HC_EFROZEN;
	/* Restarted from its payloads: not the Linux that entered, whose
	   state at EL2 the way back restores. */
	if (!caller->adopted) {
		hv_printf("disable refused: cell %s was restarted: it is not "
			  "the Linux cellblock was enabled from",
			  caller->name);
		return CB_HC_EBUSY;
	}
	spin_lock(&leave_lock);
	if (!cpus_left) {
		error = may_leave();
		if (!error)
			hv_printf("disabled: Linux continues without the "
				  "hypervisor");
	}
	if (!error) {
		cpus_left++;
		console_cell_flush(caller);
		/* The last one out: Linux drives its devices itself again. */
		if (cpus_left == cpus_entered)
			devices_cell_hand_back(caller);
	}
	spin_unlock(&leave_lock);
	if (error)
		return error;
	arch_linux_leave(caller);
}
