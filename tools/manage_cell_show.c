// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock cell list` and `cellblock cell stats NAME [-r SECONDS [-n
 * COUNT]]`: the hypervisor's view of the cells (CB_HC_CELL_INFO and
 * CB_HC_CELL_STATS through the module), as `jailhouse cell list` and
 * `jailhouse cell stats` show theirs; stats refreshes every SECONDS with
 * -r, COUNT times with -n (else until interrupted).
 */
#include "commands.h"

#include "manage_cell.h"

#include <cellblock/driver.h>
#include <cellblock/hypercall.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *const state_names[] = CB_CELL_STATE_NAMES;

static const char *state_name(uint32_t state)
{
	return state < sizeof(state_names) / sizeof(state_names[0]) &&
			       state_names[state] ? state_names[state] :
						    "unknown";
}

static int query(int fd, unsigned long request, uint32_t id, void *buffer,
		 size_t size)
{
	struct cb_cell_query_args args = { 0 };

	args.id = id;
	args.buffer = (uintptr_t)buffer;
	args.size = size;
	return ioctl(fd, request, &args);
}

/* "0-2,3" style, from a CPU set. */
static void print_cpus(uint64_t set)
{
	const char *sep = "";
	unsigned int cpu, last;

	for (cpu = 0; cpu < 64; cpu++) {
		if (!((set >> cpu) & 1))
			continue;
		for (last = cpu; last + 1 < 64 && ((set >> (last + 1)) & 1);
		     last++)
			;
		if (last == cpu)
			printf("%s%u", sep, cpu);
		else
			printf("%s%u-%u", sep, cpu, last);
		sep = ",";
		cpu = last;
	}
}

int cell_list(int argc)
{
	struct cb_cell_info info;
	int count, fd, i;

	if (argc)
		return cell_usage_error("list", "takes no arguments");
	fd = cell_open("list");
	if (fd < 0)
		return EXIT_INVALID;
	count = ioctl(fd, CB_IOCTL_CELL_COUNT);
	if (count < 0) {
		close(fd);
		return manage_refused("cell list", errno, cell_reasons);
	}
	printf("%-7s %-23s %-17s %s\n", "ID", "Name", "State",
	       "Assigned CPUs");
	for (i = 0; i < count; i++) {
		if (query(fd, CB_IOCTL_CELL_INFO, (uint32_t)i, &info,
			  sizeof(info))) {
			printf("%-7d %-23s %-17s\n", i, "?", "unreadable");
			continue;
		}
		if (info.state == CB_CELL_DESTROYED)
			continue;
		printf("%-7u %-23.*s %-17s ", info.id, (int)sizeof(info.name),
		       info.name, state_name(info.state));
		print_cpus(info.cpu_set);
		putchar('\n');
	}
	close(fd);
	return EXIT_OK;
}

static uint64_t counter_frequency(void)
{
#ifdef __aarch64__
	uint64_t hz;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	return hz;
#else
	return 0;
#endif
}

static void print_stats(const char *name, const struct cb_cell_stats *s)
{
	static const struct {
		const char *label;
		size_t offset;
	} counts[] = {
#define COUNT(field) { #field, __builtin_offsetof(struct cb_cell_stats, field) }
		COUNT(starts), COUNT(failures), COUNT(hypercalls),
		COUNT(psci), COUNT(mmio), COUNT(sgis), COUNT(injected),
		COUNT(maintenance), COUNT(watchdog_expiries),
		COUNT(policy_restarts), COUNT(mmio_console), COUNT(mmio_gicd),
		COUNT(mmio_gicr), COUNT(mmio_pci), COUNT(mmio_ivshmem),
		COUNT(mmio_subpage),
#undef COUNT
	};
	uint64_t hz = counter_frequency();
	unsigned int i;

	printf("Statistics for cell %s\n", name);
	if (hz)
		printf("%-24s %llu.%06llu s\n", "uptime",
		       (unsigned long long)(s->uptime / hz),
		       (unsigned long long)(s->uptime % hz * 1000000 / hz));
	else
		printf("%-24s %llu counter ticks\n", "uptime",
		       (unsigned long long)s->uptime);
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		uint64_t value;

		memcpy(&value, (const char *)s + counts[i].offset,
		       sizeof(value));
		printf("%-24s %llu\n", counts[i].label,
		       (unsigned long long)value);
	}
	if (s->last_failure)
		printf("%-24s %u: %.*s\n", "last_failure", s->last_failure,
		       (int)sizeof(s->last_failure_reason),
		       s->last_failure_reason);
}

static int show_stats(int fd, const char *name, uint64_t seconds,
		      uint64_t count)
{
	struct cb_cell_stats stats;
	uint64_t shown;
	uint32_t id;

	if (cell_find(fd, "stats", name, &id))
		return EXIT_INVALID;
	for (shown = 0;; shown++) {
		if (query(fd, CB_IOCTL_CELL_STATS, id, &stats, sizeof(stats)))
			return manage_refused("cell stats", errno,
					      cell_reasons);
		if (shown)
			puts("--");
		print_stats(name, &stats);
		fflush(stdout);
		if (!seconds || (count && shown + 1 == count))
			return EXIT_OK;
		sleep((unsigned int)seconds);
	}
}

int cell_stats(int argc, char **argv)
{
	uint64_t seconds = 0, count = 0;
	int fd, i, status;

	if (argc < 1)
		return cell_usage_error("stats", "takes a cell");
	for (i = 1; i < argc; i++) {
		uint64_t *value = !strcmp(argv[i], "-r") ? &seconds :
				  !strcmp(argv[i], "-n") ? &count : NULL;

		if (!value || i + 1 == argc ||
		    !cell_parse_address(argv[++i], value) || !*value)
			return cell_usage_error("stats", "options: -r SECONDS "
						"(at least 1), -n COUNT");
	}
	if (count && !seconds)
		return cell_usage_error("stats", "-n needs -r");
	fd = cell_open("stats");
	if (fd < 0)
		return EXIT_INVALID;
	status = show_stats(fd, argv[0], seconds, count);
	close(fd);
	return status;
}
