// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock cell VERB ...` (Linux-managed boot, docs/linux-managed.md),
 * Jailhouse's verbs: create, load, start, shutdown, destroy here; list and
 * stats in manage_cell_show.c, linux in manage_cell_linux.c. Each is one or a few ioctls on the module
 * (include/cellblock/driver.h), which makes the hypercalls; a cell is
 * named by its name or its ID.
 */
#include "commands.h"

#include "config_report.h"
#include "file_io.h"
#include "manage_cell.h"
#include "manage_device.h"

#include "config_check.h"

#include <cellblock/driver.h>
#include <cellblock/hypercall.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const char cell_usage[] =
	"usage: cellblock cell create CELL.cell\n"
	"       cellblock cell load NAME FILE@ADDR [FILE@ADDR ...] "
	"[-s TEXT@ADDR]\n"
	"       cellblock cell start NAME [-p ADDR]\n"
	"       cellblock cell shutdown NAME\n"
	"       cellblock cell destroy NAME\n"
	"       cellblock cell linux CELL.cell Image [-i INITRD] [-c CMDLINE] "
	"[-s SYSTEM.cell]\n"
	"           (defaults: -c \"console=ttyAMA0\", -s "
	"/lib/firmware/cellblock/system.cell)\n"
	"       cellblock cell list\n"
	"       cellblock cell stats NAME [-r SECONDS [-n COUNT]]\n"
	"           (NAME: a cell's name or ID; ADDR: guest-physical, 0x... "
	"or decimal)\n";

/* What the module's errno values mean for the cell verbs (driver.h). */
const struct manage_reason cell_reasons[] = {
	{ EPERM, "permission denied (the root cell may not manage it)" },
	{ EACCES, "denied by the voting cell" },
	{ ETIMEDOUT, "the voting cell did not answer" },
	{ EBUSY, "busy: the cell or its CPUs are not in a state for it" },
	{ EROFS, "management is frozen" },
	{ ENOENT, "no such cell" },
	{ EINVAL, "refused: see the hypervisor's console" },
	{ 0, NULL },
};

int cell_usage_error(const char *verb, const char *message)
{
	fprintf(stderr, "cellblock cell %s: %s\n", verb, message);
	fputs(cell_usage, stderr);
	return EXIT_USAGE;
}

int cell_open(const char *verb)
{
	char what[32];

	snprintf(what, sizeof(what), "cell %s", verb);
	return manage_device_open(what);
}

int cell_parse_address(const char *text, uint64_t *value)
{
	char *end;

	errno = 0;
	*value = strtoull(text, &end, 0);
	return *text && !*end && !errno && *text != '-';
}

int cell_find(int fd, const char *verb, const char *name, uint32_t *id)
{
	struct cb_cell_info info;
	struct cb_cell_query_args query = { 0 };
	uint64_t number;
	int count, i;

	count = ioctl(fd, CB_IOCTL_CELL_COUNT);
	if (count < 0) {
		manage_refused(verb, errno, cell_reasons);
		return -1;
	}
	for (i = 0; i < count; i++) {
		query.id = (uint32_t)i;
		query.buffer = (uintptr_t)&info;
		query.size = sizeof(info);
		if (ioctl(fd, CB_IOCTL_CELL_INFO, &query) ||
		    info.state == CB_CELL_DESTROYED)
			continue;
		if (!strncmp(info.name, name, CB_NAME_SIZE)) {
			*id = (uint32_t)i;
			return 0;
		}
	}
	if (cell_parse_address(name, &number) && number < (uint64_t)count) {
		*id = (uint32_t)number;
		return 0;
	}
	fprintf(stderr, "cellblock: cell %s: no cell named %s\n", verb, name);
	return -1;
}

static int create(int argc, char **argv)
{
	struct cb_cell_config_args args;
	struct config_printer printer;
	const struct cb_cell_config *config;
	size_t size;
	void *blob;
	int fd, id;

	if (argc != 1)
		return cell_usage_error("create", "takes one cell config");
	blob = file_read(argv[0], &size);
	if (!blob)
		return EXIT_INVALID;
	config_printer_init(&printer);
	config_printer_add(&printer, argv[0], blob);
	config = config_check_cell(NULL, blob, size, &printer.report);
	if (!config || printer.report.problem_count) {
		fprintf(stderr, "cellblock: cell create: %s is not a valid cell "
			"config: nothing was changed\n", argv[0]);
		free(blob);
		return EXIT_INVALID;
	}
	args.config = (uintptr_t)blob;
	args.config_size = size;
	fd = cell_open("create");
	if (fd < 0) {
		free(blob);
		return EXIT_INVALID;
	}
	id = ioctl(fd, CB_IOCTL_CELL_CREATE, &args);
	close(fd);
	if (id < 0) {
		free(blob);
		return manage_refused("cell create", errno, cell_reasons);
	}
	printf("cellblock: cell %.*s created: ID %d\n", (int)CB_NAME_SIZE,
	       config->name, id);
	free(blob);
	return EXIT_OK;
}

/* "FILE@ADDR": the file's bytes (or, for -s, the text and its NUL). */
static int load_one(int fd, uint32_t id, const char *spec, int is_text)
{
	struct cb_cell_load_args args = { 0 };
	const char *at = strrchr(spec, '@');
	char *part;
	void *data;
	size_t size;
	int status = EXIT_OK;

	/* Invariant: load_specs_valid() checked it. */
	if (!at || !cell_parse_address(at + 1, &args.address))
		return EXIT_INVALID;
	part = strndup(spec, (size_t)(at - spec));
	if (!part)
		return EXIT_INVALID;
	if (is_text) {
		data = part;
		size = strlen(part) + 1;
	} else {
		data = file_read(part, &size);
		if (!data || !size) {
			if (data)
				fprintf(stderr, "cellblock: cell load: %s is "
					"empty\n", part);
			free(data);
			free(part);
			return EXIT_INVALID;
		}
	}
	args.id = id;
	args.data = (uintptr_t)data;
	args.size = size;
	if (ioctl(fd, CB_IOCTL_CELL_LOAD, &args))
		status = manage_refused("cell load", errno, cell_reasons);
	else
		printf("cellblock: cell load: %zu bytes of %s at 0x%llx\n", size,
		       is_text ? "text" : part,
		       (unsigned long long)args.address);
	if (data != part)
		free(data);
	free(part);
	return status;
}

/* Every FILE@ADDR well formed, before anything is loaded. */
static int load_specs_valid(int argc, char **argv)
{
	uint64_t address;
	int i;

	for (i = 1; i < argc; i++) {
		const char *at;

		if (!strcmp(argv[i], "-s") && ++i == argc)
			return cell_usage_error("load", "-s takes TEXT@ADDR");
		at = strrchr(argv[i], '@');
		if (!at || at == argv[i] || !cell_parse_address(at + 1, &address))
			return cell_usage_error("load", "expected FILE@ADDR");
	}
	return EXIT_OK;
}

static int load(int argc, char **argv)
{
	uint32_t id;
	int fd, i, status;

	if (argc < 2)
		return cell_usage_error("load", "takes a cell and FILE@ADDR");
	status = load_specs_valid(argc, argv);
	if (status)
		return status;
	fd = cell_open("load");
	if (fd < 0)
		return EXIT_INVALID;
	status = cell_find(fd, "load", argv[0], &id) ? EXIT_INVALID : EXIT_OK;
	for (i = 1; i < argc && !status; i++) {
		int text = !strcmp(argv[i], "-s");

		status = load_one(fd, id, argv[i + text], text);
		i += text;
	}
	close(fd);
	return status;
}

/* start [-p ADDR], shutdown, destroy: one ioctl on one cell. */
static int act(const char *verb, unsigned long request, int argc,
	       char **argv)
{
	struct cb_cell_id_args args = { 0 };
	char what[32];
	int fd, status = EXIT_OK;

	if (argc == 3 && request == CB_IOCTL_CELL_START &&
	    !strcmp(argv[1], "-p")) {
		if (!cell_parse_address(argv[2], &args.params) || !args.params)
			return cell_usage_error(verb, "-p takes a non-zero "
						"address");
	} else if (argc != 1) {
		return cell_usage_error(verb, "takes one cell");
	}
	fd = cell_open(verb);
	if (fd < 0)
		return EXIT_INVALID;
	snprintf(what, sizeof(what), "cell %s", verb);
	if (cell_find(fd, verb, argv[0], &args.id))
		status = EXIT_INVALID;
	else if (ioctl(fd, request, &args))
		status = manage_refused(what, errno, cell_reasons);
	else
		printf("cellblock: cell %s: %s done\n", argv[0], verb);
	close(fd);
	return status;
}

int cell_command(int argc, char **argv)
{
	static const struct {
		const char *verb;
		unsigned long request;
	} acts[] = {
		{ "start", CB_IOCTL_CELL_START },
		{ "shutdown", CB_IOCTL_CELL_SHUTDOWN },
		{ "destroy", CB_IOCTL_CELL_DESTROY },
	};
	const char *verb;
	unsigned int i;

	if (argc < 1) {
		fputs(cell_usage, stderr);
		return EXIT_USAGE;
	}
	verb = argv[0];
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]) &&
		    strcmp(verb, acts[i].verb); i++)
		;
	if (i == sizeof(acts) / sizeof(acts[0]) && strcmp(verb, "create") &&
	    strcmp(verb, "load") && strcmp(verb, "list") &&
	    strcmp(verb, "stats") && strcmp(verb, "linux"))
		return cell_usage_error(verb, "unknown verb");
	if (i < sizeof(acts) / sizeof(acts[0]))
		return act(verb, acts[i].request, argc - 1, argv + 1);
	if (!strcmp(verb, "create"))
		return create(argc - 1, argv + 1);
	if (!strcmp(verb, "load"))
		return load(argc - 1, argv + 1);
	if (!strcmp(verb, "linux"))
		return cell_linux(argc - 1, argv + 1);
	if (!strcmp(verb, "list"))
		return cell_list(argc - 1);
	return cell_stats(argc - 1, argv + 1);
}
