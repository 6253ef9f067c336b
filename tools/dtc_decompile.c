// SPDX-License-Identifier: GPL-2.0-only
/*
 * dtc as a decompiler (see dtc_decompile.h). Input and output go through
 * temporary files, so dtc's stderr can simply be inherited.
 */
#include "dtc_decompile.h"

#include "file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* dtc writes to its stdout, so its warnings name "<stdout>", not a
   temporary file. */
static int run_dtc(const char *input, const char *output)
{
	const char *dtc = getenv("DTC") ? getenv("DTC") : "dtc";
	int status, fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	pid_t pid = fd < 0 ? -1 : fork();

	if (pid < 0) {
		fprintf(stderr, "cellblock: running dtc: %s\n",
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
		execlp(dtc, dtc, "-I", "dtb", "-O", "dts", input, (char *)NULL);
		fprintf(stderr, "cellblock: cannot run %s: %s (install "
			"device-tree-compiler)\n", dtc, strerror(errno));
		_exit(127);
	}
	close(fd);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

char *dtc_decompile(const void *fdt, size_t size, size_t *length)
{
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char dir[4096], input[4096 + 16], output[4096 + 16];
	char *text = NULL;

	snprintf(dir, sizeof(dir), "%s/cellblock-dts-XXXXXX", tmpdir);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "cellblock: temporary directory in %s: %s\n",
			tmpdir, strerror(errno));
		return NULL;
	}
	snprintf(input, sizeof(input), "%s/cell.dtb", dir);
	snprintf(output, sizeof(output), "%s/cell.dts", dir);
	if (file_write_atomic(input, fdt, size) == 0) {
		if (run_dtc(input, output) == 0)
			text = file_read(output, length);
		else
			fprintf(stderr, "cellblock: dtc could not decompile "
				"the device tree\n");
	}
	unlink(input);
	unlink(output);
	rmdir(dir);
	return text;
}
