/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Config compiler: device-tree source (docs/config.md) to the binary format
 * of <cellblock/config.h>.
 */
#ifndef CELLBLOCK_CONFIG_COMPILE_H
#define CELLBLOCK_CONFIG_COMPILE_H

#include <stddef.h>

/**
 * config_compile() - compile the source file @source.
 * Runs dtc (syntax errors come from it, with file and line), reads the tree,
 * then runs the shared validator's checks that need no other file. Every
 * problem is printed on stderr as one line.
 * Return: a malloc'ed blob of *@size bytes, or NULL if anything was wrong.
 */
void *config_compile(const char *source, size_t *size);

#endif /* CELLBLOCK_CONFIG_COMPILE_H */
