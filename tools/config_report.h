/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Prints the validator's problems as "FILE: /node/path: message", mapping
 * each problem's subject blob back to the file it came from.
 */
#ifndef CELLBLOCK_CONFIG_REPORT_H
#define CELLBLOCK_CONFIG_REPORT_H

#include "config_check.h"

#define CONFIG_PRINTER_FILES (CB_MAX_CELLS + 1)

struct config_printer {
	struct config_report report;	/* pass &printer.report */
	unsigned int file_count;
	const void *blob[CONFIG_PRINTER_FILES];
	const char *file[CONFIG_PRINTER_FILES];
};

void config_printer_init(struct config_printer *printer);

/** config_printer_add() - name @file as the source of @blob's problems. */
void config_printer_add(struct config_printer *printer, const char *file,
			const void *blob);

#endif /* CELLBLOCK_CONFIG_REPORT_H */
