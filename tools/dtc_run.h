/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs dtc (Debian's device-tree-compiler) to turn config source into a
 * flattened device tree. dtc, not cellblock, parses the source syntax: its
 * messages carry the file and line of a syntax error.
 */
#ifndef CELLBLOCK_DTC_RUN_H
#define CELLBLOCK_DTC_RUN_H

/**
 * dtc_compile() - compile @source with dtc ($DTC, default "dtc").
 * dtc's errors are passed to stderr, without its generic trailer lines.
 * Return: the malloc'ed tree, checked with fdt_check_header(), or NULL.
 */
void *dtc_compile(const char *source);

#endif /* CELLBLOCK_DTC_RUN_H */
