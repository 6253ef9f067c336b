// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock enable SYSTEM.cell [HYPERVISOR.bin] [--restart ...]`
 * (Linux-managed boot, include/cellblock/driver.h; the restart payloads:
 * manage_restart.c): everything the command can check is checked before
 * the module is asked, so a wrong file is refused with its file,
 * node and field and nothing is touched: the system config goes through
 * the shared validator (the checks of `cellblock config check SYSTEM.cell`)
 * and must have a root cell, the running Linux; hypervisor.bin must carry
 * the entry vectors of this revision of the contract. Then one ioctl hands
 * both to the module, which refuses or starts the hypervisor on every CPU.
 */
#include "commands.h"

#include "config_report.h"
#include "file_io.h"
#include "manage_device.h"
#include "manage_restart.h"

#include "config_check.h"

#include <cellblock/driver.h>
#include <cellblock/image.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Where Jailhouse keeps its hypervisor too: the firmware directory. */
#define DEFAULT_HYPERVISOR "/lib/firmware/cellblock/hypervisor.bin"

const char enable_usage[] =
	"usage: cellblock enable SYSTEM.cell [HYPERVISOR.bin]\n"
	"           [--restart Image [-i INITRD] [-c CMDLINE] [-d DTB]]\n"
	"           (default " DEFAULT_HYPERVISOR "; --restart: what the\n"
	"           root cell restarts from, default -c the running command\n"
	"           line, -d the running device tree)\n";

static const struct manage_reason enable_reasons[] = {
	{ EBUSY, "busy: already enabled, or Linux uses the hypervisor's "
		 "memory, or the online CPUs are not the root cell's" },
	{ ENODEV, "no usable EL2 (boot with kvm-arm.mode=none)" },
	{ EINVAL, "the module refused the hypervisor binary or the config" },
	{ EIO, "the hypervisor refused to start" },
	{ 0, NULL },
};

static int usage_error(const char *message)
{
	fprintf(stderr, "cellblock enable: %s\n", message);
	fputs(enable_usage, stderr);
	return EXIT_USAGE;
}

/* Every problem the validator finds, as `config check` prints them; a
   root-less system first, as the set's checks would only say that its
   CPUs are in no cell. Returns the valid config, typed, or NULL. */
static const struct cb_system_config *
config_valid(const char *path, const void *blob, size_t size)
{
	struct config_printer printer;
	const struct cb_system_config *system;

	config_printer_init(&printer);
	config_printer_add(&printer, path, blob);
	system = config_check_system(blob, size, &printer.report);
	if (system && !printer.report.problem_count &&
	    !cb_system_root_cell(system)) {
		fprintf(stderr, "%s: /: the system is root-less (no root-cell "
			"node): enable needs a root cell, the running Linux\n",
			path);
		return NULL;
	}
	if (system)
		config_check_set(system, NULL, 0, &printer.report);
	if (printer.report.problem_count) {
		fprintf(stderr, "cellblock: enable: %u problem%s found in %s: "
			"nothing was changed\n", printer.report.problem_count,
			printer.report.problem_count == 1 ? "" : "s", path);
		return NULL;
	}
	return system;
}

/* The module checks the whole header; this names the user's file. */
static int hypervisor_usable(const char *path, const void *bin, size_t size)
{
	const struct cb_arm64_header *header = bin;

	if (size < sizeof(*header) || header->magic != CB_ARM64_MAGIC) {
		fprintf(stderr, "%s: not a hypervisor binary (no arm64 Image "
			"header)\n", path);
		return 0;
	}
	if ((header->res4 & ~0xffffffffull) != CB_ENTRY_MAGIC) {
		fprintf(stderr, "%s: a hypervisor without entry vectors for "
			"the Linux-managed boot (res4 0x%llx, expected 0x%llx)\n",
			path, (unsigned long long)header->res4,
			(unsigned long long)CB_ENTRY_TAG);
		return 0;
	}
	if (header->res4 != CB_ENTRY_TAG) {
		fprintf(stderr, "%s: entry vectors of revision %llu, this "
			"command knows revision %d: use the matching hypervisor\n",
			path, (unsigned long long)(header->res4 & 0xffffffffull),
			CB_DRIVER_REVISION);
		return 0;
	}
	return 1;
}

static void print_enabled(const struct cb_system_config *system)
{
	const struct cb_cell_config *root = cb_system_root_cell(system);
	unsigned int cpu, count = 0;

	for (cpu = 0; cpu < CB_MAX_CPUS; cpu++)
		count += !!(root->cpu_set & (1ull << cpu));
	printf("cellblock: enabled: Linux runs as the root cell \"%.*s\" on "
	       "%u CPU%s; the hypervisor is at 0x%llx-0x%llx\n",
	       (int)CB_NAME_SIZE, root->name, count, count == 1 ? "" : "s",
	       (unsigned long long)system->hypervisor_start,
	       (unsigned long long)(system->hypervisor_start +
				    system->hypervisor_size - 1));
}

static int enable(const char *config_path, const char *hypervisor_path,
		  const struct restart_request *restart)
{
	const struct cb_system_config *system = NULL;
	struct restart_files restart_files = { NULL, NULL, NULL };
	struct cb_enable_args args = { 0 };
	void *config, *hypervisor = NULL;
	size_t config_size, hypervisor_size;
	int fd, status = EXIT_INVALID;

	config = file_read(config_path, &config_size);
	if (config)
		system = config_valid(config_path, config, config_size);
	if (!system)
		goto out;
	hypervisor = file_read(hypervisor_path, &hypervisor_size);
	if (!hypervisor ||
	    !hypervisor_usable(hypervisor_path, hypervisor, hypervisor_size) ||
	    restart_payloads(restart, system, &restart_files, &args))
		goto out;
	fd = manage_device_open("enable");
	if (fd < 0)
		goto out;
	args.hypervisor = (uintptr_t)hypervisor;
	args.hypervisor_size = hypervisor_size;
	args.config = (uintptr_t)config;
	args.config_size = config_size;
	if (ioctl(fd, CB_IOCTL_ENABLE, &args)) {
		status = manage_refused("enable", errno, enable_reasons);
	} else {
		print_enabled(system);
		status = EXIT_OK;
	}
	close(fd);
out:
	restart_files_free(&restart_files);
	free(hypervisor);
	free(config);
	return status;
}

/* @option's place in @r, or NULL for an option enable does not know. */
static const char **option_of(struct restart_request *r, const char *option)
{
	return !strcmp(option, "--restart") ? &r->kernel :
	       !strcmp(option, "-i") ? &r->initrd :
	       !strcmp(option, "-c") ? &r->cmdline :
	       !strcmp(option, "-d") ? &r->dtb : NULL;
}

int enable_command(int argc, char **argv)
{
	struct restart_request restart = { NULL, NULL, NULL, NULL };
	const char *files[2] = { NULL, NULL };
	unsigned int count = 0;
	int i;

	for (i = 0; i < argc; i++) {
		const char **option = option_of(&restart, argv[i]);

		if (option) {
			if (++i == argc)
				return usage_error("an option without its "
						   "value");
			if (*option)
				return usage_error("an option given twice");
			*option = argv[i];
		} else if (argv[i][0] == '-') {
			return usage_error("an unknown option (--restart, "
					   "-i, -c and -d are known)");
		} else if (count == 2) {
			return usage_error("enable takes a system config and "
					   "an optional hypervisor binary");
		} else {
			files[count++] = argv[i];
		}
	}
	if (!count)
		return usage_error("enable takes a system config and an "
				   "optional hypervisor binary");
	if (!restart.kernel && (restart.initrd || restart.cmdline ||
				restart.dtb))
		return usage_error("-i, -c and -d go with --restart");
	return enable(files[0], files[1] ? files[1] : DEFAULT_HYPERVISOR,
		      &restart);
}
