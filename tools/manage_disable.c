// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cellblock disable` (Linux-managed boot, include/cellblock/driver.h):
 * one ioctl asks the module to leave the hypervisor on every CPU, after
 * which Linux runs on its own again; the hypervisor refuses while a cell
 * other than the root cell exists.
 */
#include "commands.h"

#include "manage_device.h"

#include <cellblock/driver.h>

#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

const char disable_usage[] = "usage: cellblock disable\n";

static const struct manage_reason disable_reasons[] = {
	{ EINVAL, "not enabled" },
	{ EBUSY, "busy: a cell other than the root cell exists" },
	{ EROFS, "management is frozen" },
	{ 0, NULL },
};

int disable_command(int argc, char **argv)
{
	int fd, status = EXIT_OK;

	(void)argv;
	if (argc) {
		fputs("cellblock disable: takes no arguments\n", stderr);
		fputs(disable_usage, stderr);
		return EXIT_USAGE;
	}
	fd = manage_device_open("disable");
	if (fd < 0)
		return EXIT_INVALID;
	if (ioctl(fd, CB_IOCTL_DISABLE))
		status = manage_refused("disable", errno, disable_reasons);
	else
		puts("cellblock: disabled: Linux runs on its own again");
	close(fd);
	return status;
}
