// SPDX-License-Identifier: GPL-2.0-only
/*
 * dtc runner (see dtc_run.h). The tree goes through a temporary file and
 * dtc's stderr through a pipe, so neither stream can block the other.
 */
#include "dtc_run.h"

#include "file_io.h"

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* dtc ends every failure with a generic line that adds nothing. */
static int is_trailer(const char *line)
{
	return !strncmp(line, "FATAL ERROR: Unable to parse input tree", 39) ||
	       !strncmp(line, "ERROR: Input tree has errors", 28);
}

static void relay_errors(int fd)
{
	FILE *in = fdopen(fd, "r");
	char line[1024];

	if (!in)
		return;
	while (fgets(line, sizeof(line), in))
		if (!is_trailer(line))
			fputs(line, stderr);
	fclose(in);
}

static int run(const char *source, const char *output)
{
	const char *dtc = getenv("DTC") ? getenv("DTC") : "dtc";
	int pipefd[2], status;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		/* -q: our schema is not a Linux binding; dtc's binding
		   warnings would only confuse. Errors still show. */
		execlp(dtc, dtc, "-q", "-I", "dts", "-O", "dtb", "-o", output,
		       source, (char *)NULL);
		fprintf(stderr, "cellblock: cannot run %s: %s (install "
			"device-tree-compiler)\n", dtc, strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	relay_errors(pipefd[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

void *dtc_compile(const char *source)
{
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char output[4096];
	void *fdt = NULL;
	size_t size;
	int fd, err;

	snprintf(output, sizeof(output), "%s/cellblock-dtb-XXXXXX", tmpdir);

	if (access(source, R_OK)) {
		fprintf(stderr, "%s: %s\n", source, strerror(errno));
		return NULL;
	}
	fd = mkstemp(output);
	if (fd < 0) {
		fprintf(stderr, "cellblock: temporary file in %s: %s\n", tmpdir,
			strerror(errno));
		return NULL;
	}
	close(fd);
	if (run(source, output) == 0)
		fdt = file_read(output, &size);
	unlink(output);
	if (fdt && ((err = fdt_check_header(fdt)) ||
		    fdt_totalsize(fdt) != size)) {
		fprintf(stderr, "%s: dtc produced an unreadable tree (%s)\n",
			source, err ? fdt_strerror(err) : "size mismatch");
		free(fdt);
		fdt = NULL;
	}
	return fdt;
}
