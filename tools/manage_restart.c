// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's restart payloads for `cellblock enable --restart`
 * (manage_restart.h): a Linux boot as linux_layout.h lays out a cell's, in
 * the root cell's loadable RAM, with the device tree the running Linux
 * booted from (/sys/firmware/fdt: its memory, reserved memory and devices
 * are the root cell's still) and its /chosen made to name the new
 * command line and initrd.
 */
#include "manage_restart.h"

#include "file_io.h"
#include "linux_layout.h"

#include <libfdt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL "cellblock: enable --restart"
#define RUNNING_DTB "/sys/firmware/fdt"
#define RUNNING_CMDLINE "/proc/cmdline"
/* Room /chosen may grow by: a command line and the initrd's two cells. */
#define CHOSEN_ROOM 4096

/* The running Linux's command line, without its newline; malloc'd. */
static char *running_cmdline(void)
{
	size_t size;
	char *text = file_read(RUNNING_CMDLINE, &size), *copy;

	if (!text)
		return NULL;
	while (size && (text[size - 1] == '\n' || text[size - 1] == '\0'))
		size--;
	copy = malloc(size + 1);
	if (copy) {
		memcpy(copy, text, size);
		copy[size] = '\0';
	}
	free(text);
	return copy;
}

static int fdt_failed(const char *path, const char *what, int error)
{
	fprintf(stderr, "%s: %s: %s: %s\n", TOOL, path, what,
		fdt_strerror(error));
	return 1;
}

/* @in (@path) with /chosen's bootargs and initrd as given; malloc'd. */
static int chosen_dtb(const char *path, const void *in, size_t in_size,
		      const char *cmdline, const struct linux_place *at,
		      void **out, size_t *out_size)
{
	int node, error;
	void *buf;

	if (in_size < sizeof(struct fdt_header) || fdt_check_header(in))
		return fdt_failed(path, "not a device tree blob",
				  -FDT_ERR_BADMAGIC);
	buf = malloc(in_size + CHOSEN_ROOM);
	if (!buf)
		return fdt_failed(path, "out of memory", -FDT_ERR_NOSPACE);
	error = fdt_open_into(in, buf, (int)(in_size + CHOSEN_ROOM));
	node = error ? error : fdt_path_offset(buf, "/chosen");
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(buf, 0, "chosen");
	error = node < 0 ? node : fdt_setprop_string(buf, node, "bootargs",
						     cmdline);
	fdt_delprop(buf, node, "linux,initrd-start");
	fdt_delprop(buf, node, "linux,initrd-end");
	if (!error && at->initrd_end) {
		error = fdt_setprop_u64(buf, node, "linux,initrd-start",
					at->initrd_start);
		if (!error)
			error = fdt_setprop_u64(buf, node, "linux,initrd-end",
						at->initrd_end);
	}
	if (!error)
		error = fdt_pack(buf);
	if (error) {
		free(buf);
		return fdt_failed(path, "cannot set /chosen", error);
	}
	*out = buf;
	*out_size = fdt_totalsize(buf);
	return 0;
}

int restart_payloads(const struct restart_request *r,
		     const struct cb_system_config *system,
		     struct restart_files *files, struct cb_enable_args *args)
{
	const struct cb_cell_config *root = cb_system_root_cell(system);
	const char *dtb_path = r->dtb ? r->dtb : RUNNING_DTB;
	struct linux_file kernel = { r->kernel, NULL, 0 };
	struct linux_file initrd = { r->initrd, NULL, 0 };
	char *cmdline = NULL;
	void *running;
	size_t running_size, dtb_size = 0;
	struct linux_place at;
	unsigned int n = 0;
	int status = 1;

	if (!r->kernel)
		return 0;
	kernel.data = files->kernel = file_read(r->kernel, &kernel.size);
	if (r->initrd)
		initrd.data = files->initrd = file_read(r->initrd,
							&initrd.size);
	running = file_read(dtb_path, &running_size);
	cmdline = r->cmdline ? strdup(r->cmdline) : running_cmdline();
	if (!kernel.data || (r->initrd && !initrd.data) || !running ||
	    !cmdline)
		goto out;
	if (linux_place(TOOL, root, &kernel, r->initrd ? &initrd : NULL, &at) ||
	    chosen_dtb(dtb_path, running, running_size, cmdline, &at,
		       &files->dtb, &dtb_size) ||
	    linux_place_dtb(TOOL, root, &at, dtb_size))
		goto out;
	args->restart[n++] = (struct cb_enable_restart){
		(uintptr_t)kernel.data, kernel.size, at.kernel };
	if (r->initrd)
		args->restart[n++] = (struct cb_enable_restart){
			(uintptr_t)initrd.data, initrd.size, at.initrd_start };
	args->restart[n++] = (struct cb_enable_restart){
		(uintptr_t)files->dtb, dtb_size, at.dtb };
	args->restart_count = n;
	args->restart_x0 = at.dtb;
	status = 0;
out:
	free(running);
	free(cmdline);
	return status;
}

void restart_files_free(struct restart_files *files)
{
	free(files->kernel);
	free(files->initrd);
	free(files->dtb);
	*files = (struct restart_files){ NULL, NULL, NULL };
}
