// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock cell linux CELL.cell Image [-i INITRD] [-c CMDLINE]
 * [-s SYSTEM.cell]` (Linux-managed boot, docs/linux-managed.md), as
 * Jailhouse's `cell linux`: a non-root cell running Linux, created from
 * the root cell's Linux. Its kernel, initrd and device tree go where a boot
 * image would put them (linux_layout.h), the device tree generated from
 * the configs as `cellblock image --linux` generates it, so a cell's Linux
 * finds the same on both boot paths. Then the cell is created, loaded and
 * started with x0 = the device tree's address (booting.rst); anything
 * refused after the create destroys the cell again: a failed `cell linux`
 * leaves nothing behind.
 */
#include "commands.h"

#include "config_report.h"
#include "file_io.h"
#include "linux_layout.h"
#include "manage_cell.h"

#include "config_check.h"

#include <cellblock/driver.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define TOOL "cellblock: cell linux"
/* Where `cellblock enable` is usually given it (Jailhouse keeps its
   configs beside the hypervisor). */
#define DEFAULT_SYSTEM "/lib/firmware/cellblock/system.cell"
#define DEFAULT_CMDLINE "console=ttyAMA0"
/* The enabled hypervisor's region, "START SIZE" (driver/sysfs.c). */
#define SYSFS_HYPERVISOR "/sys/class/misc/" CB_DEVICE_NAME "/hypervisor"

struct linux_request {
	const char *cell, *kernel, *initrd, *cmdline, *system;
	int system_given;		/* -s, not the default */
};

static int parse(int argc, char **argv, struct linux_request *r)
{
	unsigned int seen = 0;	/* the options given, by letter */
	int i;

	*r = (struct linux_request){ .cmdline = DEFAULT_CMDLINE,
				     .system = DEFAULT_SYSTEM };
	for (i = 0; i < argc; i++) {
		const char **option = !strcmp(argv[i], "-i") ? &r->initrd :
				      !strcmp(argv[i], "-c") ? &r->cmdline :
				      !strcmp(argv[i], "-s") ? &r->system : NULL;

		if (option) {
			if (++i == argc)
				return cell_usage_error("linux", "an option "
							"without its value");
			if (seen & (1u << (argv[i - 1][1] & 31)))
				return cell_usage_error("linux", "an option "
							"given twice");
			seen |= 1u << (argv[i - 1][1] & 31);
			*option = argv[i];
		} else if (argv[i][0] == '-') {
			return cell_usage_error("linux", "an unknown option "
						"(-i, -c and -s are known)");
		} else if (!r->cell) {
			r->cell = argv[i];
		} else if (!r->kernel) {
			r->kernel = argv[i];
		} else {
			return cell_usage_error("linux", "too many arguments");
		}
	}
	r->system_given = !!(seen & (1u << ('s' & 31)));
	if (!r->kernel)
		return cell_usage_error("linux", "takes CELL.cell and a kernel "
					"Image");
	return 0;
}

/* Both configs valid, the cell against the system; NULL after saying why. */
static const struct cb_cell_config *
configs_valid(const struct linux_request *r, const void *system_blob,
	      size_t system_size, const void *cell_blob, size_t cell_size,
	      const struct cb_system_config **system)
{
	struct config_printer printer;
	const struct cb_cell_config *cell = NULL;

	config_printer_init(&printer);
	config_printer_add(&printer, r->system, system_blob);
	config_printer_add(&printer, r->cell, cell_blob);
	*system = config_check_system(system_blob, system_size,
				      &printer.report);
	if (*system)
		cell = config_check_cell(*system, cell_blob, cell_size,
					 &printer.report);
	if (!cell || printer.report.problem_count) {
		fprintf(stderr, "%s: %u problem%s in %s and %s: nothing was "
			"changed\n", TOOL, printer.report.problem_count,
			printer.report.problem_count == 1 ? "" : "s",
			r->system, r->cell);
		return NULL;
	}
	return cell;
}

/*
 * The device tree is generated from @system: it must be the config that
 * was enabled, as far as the command can tell (a root cell, and the
 * module's hypervisor region); 1 after saying why it is not.
 */
static int system_enabled(const char *path,
			  const struct cb_system_config *system)
{
	unsigned long long start, size;
	FILE *f;
	int fields;

	if (!cb_system_root_cell(system)) {
		fprintf(stderr, "%s: %s is a root-less system config (a boot "
			"image's): expected the one `cellblock enable` was "
			"given (-s SYSTEM.cell)\n", TOOL, path);
		return 1;
	}
	f = fopen(SYSFS_HYPERVISOR, "r");
	if (!f)
		return 0;	/* the module's create judges */
	fields = fscanf(f, "%llx %llx", &start, &size);
	fclose(f);
	if (fields == 2 && (start != system->hypervisor_start ||
			    size != system->hypervisor_size)) {
		fprintf(stderr, "%s: %s is not the system config enabled: its "
			"hypervisor is at 0x%llx (0x%llx bytes), the enabled "
			"one at 0x%llx (0x%llx bytes); give that one with -s\n",
			TOOL, path,
			(unsigned long long)system->hypervisor_start,
			(unsigned long long)system->hypervisor_size, start,
			size);
		return 1;
	}
	return 0;
}

static int load(int fd, uint32_t id, const void *data, size_t size,
		uint64_t address)
{
	struct cb_cell_load_args args = { 0 };

	args.id = id;
	args.data = (uintptr_t)data;
	args.size = size;
	args.address = address;
	return ioctl(fd, CB_IOCTL_CELL_LOAD, &args);
}

/* Created as ID @id: load the three, start; destroyed again on a refusal. */
static int load_and_start(int fd, uint32_t id, const struct linux_file *k,
			  const struct linux_file *initrd, const void *dtb,
			  size_t dtb_size, const struct linux_place *at)
{
	struct cb_cell_id_args start = { 0 };
	struct cb_cell_id_args destroy = { 0 };
	const char *verb = "cell linux: load";
	int status;

	start.id = destroy.id = id;
	start.params = at->dtb;
	if (!load(fd, id, k->data, k->size, at->kernel) &&
	    (!initrd || !load(fd, id, initrd->data, initrd->size,
			      at->initrd_start)) &&
	    !load(fd, id, dtb, dtb_size, at->dtb) &&
	    (verb = "cell linux: start",
	     !ioctl(fd, CB_IOCTL_CELL_START, &start)))
		return EXIT_OK;
	status = manage_refused(verb, errno, cell_reasons);
	if (ioctl(fd, CB_IOCTL_CELL_DESTROY, &destroy))
		fprintf(stderr, "%s: the cell (ID %u) could not be destroyed "
			"again (%s): cellblock cell destroy %u\n", TOOL, id,
			strerror(errno), id);
	else
		fprintf(stderr, "%s: the cell was destroyed again\n", TOOL);
	return status;
}

static int run_linux(int fd, const struct linux_request *r)
{
	const struct cb_system_config *system;
	const struct cb_cell_config *cell;
	struct linux_file kernel = { r->kernel, NULL, 0 };
	struct linux_file initrd = { r->initrd, NULL, 0 };
	struct cb_cell_config_args create;
	struct linux_place at;
	void *system_blob, *cell_blob, *dtb = NULL;
	size_t system_size, cell_size, dtb_size;
	int id, status = EXIT_INVALID;

	system_blob = file_read(r->system, &system_size);
	if (!system_blob && !r->system_given)
		fprintf(stderr, "%s: %s is the default system config: give "
			"the one `cellblock enable` was given with -s "
			"SYSTEM.cell\n", TOOL, r->system);
	cell_blob = file_read(r->cell, &cell_size);
	kernel.data = file_read(r->kernel, &kernel.size);
	if (r->initrd)
		initrd.data = file_read(r->initrd, &initrd.size);
	if (!system_blob || !cell_blob || !kernel.data ||
	    (r->initrd && !initrd.data))
		goto out;
	cell = configs_valid(r, system_blob, system_size, cell_blob,
			     cell_size, &system);
	if (!cell || system_enabled(r->system, system) ||
	    linux_place(TOOL, cell, &kernel, r->initrd ? &initrd : NULL, &at) ||
	    linux_generate_dtb(TOOL, system, cell, r->cmdline, &at, NULL, &dtb,
			       &dtb_size) ||
	    linux_place_dtb(TOOL, cell, &at, dtb_size))
		goto out;
	create.config = (uintptr_t)cell_blob;
	create.config_size = cell_size;
	id = ioctl(fd, CB_IOCTL_CELL_CREATE, &create);
	if (id < 0) {
		status = manage_refused("cell linux: create", errno,
					cell_reasons);
		goto out;
	}
	status = load_and_start(fd, (uint32_t)id, &kernel,
				r->initrd ? &initrd : NULL, dtb, dtb_size, &at);
	if (!status)
		printf("cellblock: cell %.*s (ID %d) runs Linux: kernel at "
		       "0x%llx, device tree at 0x%llx\n", (int)CB_NAME_SIZE,
		       cell->name, id, (unsigned long long)at.kernel,
		       (unsigned long long)at.dtb);
out:
	free(dtb);
	free((void *)initrd.data);
	free((void *)kernel.data);
	free(cell_blob);
	free(system_blob);
	return status;
}

int cell_linux(int argc, char **argv)
{
	struct linux_request request;
	int fd, status = parse(argc, argv, &request);

	if (status)
		return status;
	fd = cell_open("linux");
	if (fd < 0)
		return EXIT_INVALID;
	status = run_linux(fd, &request);
	close(fd);
	return status;
}
