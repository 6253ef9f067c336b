// SPDX-License-Identifier: GPL-2.0-only
/*
 * Problem printer for the host tool (see config_report.h).
 */
#include "config_report.h"

#include <stdio.h>
#include <string.h>

static void print_problem(struct config_report *report, const void *subject,
			  const char *where, const char *what)
{
	struct config_printer *p = (struct config_printer *)report;
	const char *file = "?";
	unsigned i;

	for (i = 0; i < p->file_count; i++)
		if (p->blob[i] == subject)
			file = p->file[i];
	fprintf(stderr, "%s: %s: %s\n", file, where, what);
}

void config_printer_init(struct config_printer *printer)
{
	memset(printer, 0, sizeof(*printer));
	printer->report.problem = print_problem;
}

void config_printer_add(struct config_printer *printer, const char *file,
			const void *blob)
{
	if (printer->file_count < CONFIG_PRINTER_FILES) {
		printer->blob[printer->file_count] = blob;
		printer->file[printer->file_count++] = file;
	}
}
