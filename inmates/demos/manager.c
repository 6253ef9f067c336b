// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * manager: manages the other cells of a root-less system through the
 * management hypercalls (include/cellblock/hypercall.h), from a cell whose
 * config permits it (read-cells, manage-cells, may-freeze). Its parameters
 * are steps, done in the order given (a key may repeat):
 *
 *   list=1         every cell: ID, name, state and CPUs, then its stats
 *   delay_us=N     wait N microseconds
 *   shutdown=CELL  shut CELL down
 *   start=CELL     start CELL (stopped or failed)
 *   restart=CELL   restart CELL
 *   freeze=1       freeze management for good
 *   loadable=CELL  make CELL (stopped or failed) loadable
 *   load=CELL,SOURCE,SIZE,DESTINATION
 *                  copy SIZE bytes at SOURCE (in this cell) to DESTINATION
 *                  of the loadable CELL (numbers decimal or 0x hex)
 *   destroy=CELL   destroy CELL for good
 *   mmio=CELL      CELL's emulated device accesses, by device
 *   idle=1         wait for good instead of going on: the run then ends
 *                  from outside (a test reads memory through QEMU's
 *                  monitor, then quits)
 *
 * CELL is a cell's name, looked up with CB_HC_CELL_INFO (another cell's
 * needs read-cells), or its ID in decimal. Each call prints one line with
 * its result by name (OK, EPERM, ENOENT, ...), so a console shows what
 * was asked and what the hypervisor answered. Then SYSTEM_OFF.
 */
#include <stdbool.h>
#include <stddef.h>

#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/wait.h>

#define WORD_MAX 64
#define NO_CELL (~0ull)

/* The hypervisor writes these: in .bss, the cell's writable RAM. */
static struct cb_cell_info info;
static struct cb_cell_stats stats;
/* What delay_us waits on: nothing, so only its deadline ends it. */
static volatile unsigned int never;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copies the next word of *@cursor, cut at '=', into @key and @value;
   false at the end. */
static bool next_step(const char **cursor, char *key, char *value)
{
	const char *s = *cursor;
	char *out = key;
	size_t n = 0;

	while (is_blank(*s))
		s++;
	if (!*s)
		return false;
	*value = '\0';
	for (; *s && !is_blank(*s); s++) {
		if (*s == '=' && out == key) {
			out[n] = '\0';
			out = value;
			n = 0;
		} else if (n + 1 < WORD_MAX) {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	*cursor = s;
	return true;
}

/* @s as a decimal number; false if it is not one. */
static bool parse_decimal(const char *s, unsigned long *value)
{
	unsigned long v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (~0ul - 9) / 10)
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*value = v;
	return true;
}

/* @s as a decimal or 0x-prefixed hexadecimal 64-bit number, up to a NUL
   or the character @end (where *@next then points); false if it is not
   one. */
static bool parse_number(const char *s, char end, uint64_t *value,
			 const char **next)
{
	unsigned int base = 10, digit;
	uint64_t v = 0;
	bool any = false;

	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
	}
	for (; *s && *s != end; s++, any = true) {
		if (*s >= '0' && *s <= '9')
			digit = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			digit = (unsigned int)(*s - 'a' + 10);
		else
			return false;
		if (v > (~0ull - digit) / base)
			return false;
		v = v * base + digit;
	}
	*value = v;
	*next = s;
	return any;
}

/* Strings @a and @b are equal (the hypervisor's names are NUL-terminated
   within their 32 bytes). */
static bool same_name(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* The ID CELL names, or NO_CELL after a line saying why. */
static uint64_t cell_id(const char *step, const char *cell)
{
	unsigned long id;
	int64_t count = cb_cell_count(), i;

	if (parse_decimal(cell, &id))
		return id;
	for (i = 0; i < count; i++)
		if (!cb_cell_info((uint64_t)i, &info) &&
		    same_name(info.name, cell))
			return (uint64_t)i;
	console_printf("manager: %s %s: no cell of that name this cell may "
		       "read\n", step, cell);
	return NO_CELL;
}

static void list(void)
{
	int64_t count = cb_cell_count(), self = cb_cell_self(), id, r;

	console_printf("manager: list: %lld cells, this is cell %lld\n",
		       (long long)count, (long long)self);
	for (id = 0; id < count; id++) {
		r = cb_cell_info((uint64_t)id, &info);
		if (r) {
			console_printf("manager: cell %lld: info %s\n",
				       (long long)id, cb_hc_error_name(r));
			continue;
		}
		console_printf("manager: cell %u %s %s cpus 0x%llx\n", info.id,
			       info.name, cb_cell_state_name(info.state),
			       (unsigned long long)info.cpu_set);
		r = cb_cell_stats((uint64_t)id, &stats);
		if (r) {
			console_printf("manager: cell %lld: stats %s\n",
				       (long long)id, cb_hc_error_name(r));
			continue;
		}
		console_printf("manager: cell %lld stats: starts %llu failures "
			       "%llu uptime %llu hypercalls %llu psci %llu mmio "
			       "%llu sgis %llu injected %llu maintenance %llu\n",
			       (long long)id, (unsigned long long)stats.starts,
			       (unsigned long long)stats.failures,
			       (unsigned long long)stats.uptime,
			       (unsigned long long)stats.hypercalls,
			       (unsigned long long)stats.psci,
			       (unsigned long long)stats.mmio,
			       (unsigned long long)stats.sgis,
			       (unsigned long long)stats.injected,
			       (unsigned long long)stats.maintenance);
	}
}

static void manage(const char *step, const char *cell,
		   int64_t (*call)(uint64_t id))
{
	uint64_t id = cell_id(step, cell);
	int64_t r;

	if (id == NO_CELL)
		return;
	r = call(id);
	console_printf("manager: %s %s: %s\n", step, cell, cb_hc_error_name(r));
}

static void show_mmio(const char *cell)
{
	uint64_t id = cell_id("mmio", cell);
	int64_t r;

	if (id == NO_CELL)
		return;
	r = cb_cell_stats(id, &stats);
	if (r) {
		console_printf("manager: mmio %s: %s\n", cell,
			       cb_hc_error_name(r));
		return;
	}
	console_printf("manager: cell %s mmio %llu: console %llu gicd %llu "
		       "gicr %llu pci %llu ivshmem %llu subpage %llu\n", cell,
		       (unsigned long long)stats.mmio,
		       (unsigned long long)stats.mmio_console,
		       (unsigned long long)stats.mmio_gicd,
		       (unsigned long long)stats.mmio_gicr,
		       (unsigned long long)stats.mmio_pci,
		       (unsigned long long)stats.mmio_ivshmem,
		       (unsigned long long)stats.mmio_subpage);
}

/* load=CELL,SOURCE,SIZE,DESTINATION */
static void load(const char *value)
{
	char cell[WORD_MAX];
	const char *s = value;
	uint64_t number[3], id;
	unsigned int n = 0;
	int64_t r;

	while (*s && *s != ',' && n + 1 < sizeof(cell))
		cell[n++] = *s++;
	cell[n] = '\0';
	for (n = 0; n < 3; n++)
		if (*s++ != ',' || !parse_number(s, ',', &number[n], &s))
			break;
	if (n < 3 || *s) {
		console_printf("manager: load=%s: expected CELL,SOURCE,SIZE,"
			       "DESTINATION\n", value);
		return;
	}
	id = cell_id("load", cell);
	if (id == NO_CELL)
		return;
	r = cb_cell_load(id, (const void *)(uintptr_t)number[0], number[1],
			 number[2]);
	console_printf("manager: load %s 0x%llx+%llu to 0x%llx: %s\n", cell,
		       (unsigned long long)number[0],
		       (unsigned long long)number[1],
		       (unsigned long long)number[2], cb_hc_error_name(r));
}

static void do_step(const char *key, const char *value)
{
	unsigned long us;

	if (same_name(key, "list")) {
		list();
	} else if (same_name(key, "delay_us")) {
		if (parse_decimal(value, &us))
			wait_change(&never, 0, us);
		else
			console_printf("manager: delay_us=%s: expected a "
				       "decimal number of microseconds\n",
				       value);
	} else if (same_name(key, "shutdown")) {
		manage(key, value, cb_cell_shutdown);
	} else if (same_name(key, "start")) {
		manage(key, value, cb_cell_start);
	} else if (same_name(key, "restart")) {
		manage(key, value, cb_cell_restart);
	} else if (same_name(key, "loadable")) {
		manage(key, value, cb_cell_set_loadable);
	} else if (same_name(key, "load")) {
		load(value);
	} else if (same_name(key, "destroy")) {
		manage(key, value, cb_cell_destroy);
	} else if (same_name(key, "mmio")) {
		show_mmio(value);
	} else if (same_name(key, "idle")) {
		console_printf("manager: idle\n");
		for (;;)
			__asm__ volatile("wfi");
	} else if (same_name(key, "freeze")) {
		console_printf("manager: freeze: %s\n",
			       cb_hc_error_name(cb_freeze()));
	}
}

int inmate_main(void)
{
	static const char *const keys[] = { "list", "delay_us", "shutdown",
					    "start", "restart", "freeze",
					    "loadable", "load", "destroy",
					    "mmio", "idle", NULL };
	const char *cursor = params_string();
	char key[WORD_MAX], value[WORD_MAX];

	if (runtime_entry_el() != 1)
		runtime_panic("manager: bare metal: no hypervisor to ask");
	if (params_check_keys(keys) || params_truncated())
		runtime_panic("manager: bad parameters, nothing done");
	if (gic_init())
		runtime_panic("manager: no interrupt controller");
	/* Waits that take their timer interrupt: after a timer_delay_us()
	   it stays pending in the cell (docs/hypervisor.md, "Limits of this
	   version"), so the next one's WFI would spin, which under -icount
	   holds up every other CPU until the wait ends. */
	wait_init();
	while (next_step(&cursor, key, value))
		do_step(key, value);
	console_printf("manager: done\n");
	psci_system_off();
}
