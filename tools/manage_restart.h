/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `cellblock enable ... --restart Image [-i INITRD] [-c CMDLINE] [-d DTB]`
 * (manage_enable.c): what the hypervisor restarts the root cell from when
 * it fails (include/cellblock/driver.h, struct cb_root_restart).
 */
#ifndef CELLBLOCK_MANAGE_RESTART_H
#define CELLBLOCK_MANAGE_RESTART_H

#include <cellblock/config.h>
#include <cellblock/driver.h>

#include <stddef.h>

struct restart_request {
	const char *kernel;	/* NULL: no --restart */
	const char *initrd;	/* NULL: none */
	const char *cmdline;	/* NULL: the running Linux's /proc/cmdline */
	const char *dtb;	/* NULL: the running Linux's /sys/firmware/fdt */
};

/* The files read, kept until the ioctl is done. */
struct restart_files {
	void *kernel, *initrd, *dtb;
};

/**
 * restart_payloads() - reads the request's files and lays them out in the
 * root cell of @system as `cell linux` lays out a cell's Linux
 * (linux_layout.h): the kernel at the root cell's entry, the initrd after
 * it, the device tree (the running one by default, its /chosen given the
 * command line and the initrd) last; fills @args's restart fields.
 * Return: 0 (also without --restart), or 1 after saying why.
 */
int restart_payloads(const struct restart_request *r,
		     const struct cb_system_config *system,
		     struct restart_files *files, struct cb_enable_args *args);
void restart_files_free(struct restart_files *files);

#endif /* CELLBLOCK_MANAGE_RESTART_H */
