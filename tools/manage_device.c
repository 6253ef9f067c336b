// SPDX-License-Identifier: GPL-2.0-only
/*
 * Opening the cellblock module's device and naming its refusals (see
 * manage_device.h).
 */
#include "manage_device.h"

#include "commands.h"

#include <cellblock/driver.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Only root (CAP_SYS_ADMIN) may enable or disable: an EPERM from a user
   who is root came from the hypervisor, whose config refused it. */
static const char *permission_text(void)
{
	return geteuid() ? "permission denied (needs root)" :
			   "not permitted (the root cell's config does not "
			   "permit it)";
}

int manage_device_open(const char *verb)
{
	int fd = open(MANAGE_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT || errno == ENODEV || errno == ENXIO)
		fprintf(stderr, "cellblock: %s: the cellblock module is not "
			"loaded (%s: %s; insmod cellblock.ko first)\n", verb,
			MANAGE_DEVICE_PATH, strerror(errno));
	else if (errno == EACCES || errno == EPERM)
		fprintf(stderr, "cellblock: %s: %s: permission denied (needs "
			"root)\n", verb, MANAGE_DEVICE_PATH);
	else
		fprintf(stderr, "cellblock: %s: %s: %s\n", verb,
			MANAGE_DEVICE_PATH, strerror(errno));
	return -1;
}

int manage_refused(const char *verb, int error,
		   const struct manage_reason *reasons)
{
	const char *text = NULL;

	for (; reasons->error && !text; reasons++)
		if (reasons->error == error)
			text = reasons->text;
	if (!text && error == EPERM)
		text = permission_text();
	if (!text && error == ENOTTY)
		text = "the module does not know this request (a cellblock.ko "
		       "of another revision?)";
	if (!text)
		text = strerror(error);
	fprintf(stderr, "cellblock: %s: %s: see the kernel log\n", verb, text);
	return EXIT_INVALID;
}
