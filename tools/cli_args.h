/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command-line values of the config generators: sizes ("64M", "0x4000"),
 * addresses, CPU lists ("0,2-3"), and the generated source's trip through
 * the compiler and validator before anything is written.
 */
#ifndef CELLBLOCK_CLI_ARGS_H
#define CELLBLOCK_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>

/** cli_size() - "N", "0xN", with K, M or G (binary); 0 if @text is not one
 *  (so a size is never 0). */
uint64_t cli_size(const char *text);

/** cli_number() - a decimal or 0x hex number; returns -1 if not one. */
int cli_number(const char *text, uint64_t *out);

/** cli_cpus() - "2-3,5" as a CPU set (CPUs 0-63); 0 if malformed. */
uint64_t cli_cpus(const char *text);

/**
 * cli_compile_text() - compile @text (config source) as `config compile`
 * does, through a temporary file named like @name (messages name it).
 * Return: the blob (*@size bytes, malloc'ed) or NULL after the problems.
 */
void *cli_compile_text(const char *text, size_t length, const char *name,
		       size_t *size);

/** cli_load_config() - a .cell file as it is, anything else (a source)
 *  through `config compile`. Return: the blob or NULL after why. */
void *cli_load_config(const char *path, size_t *size);

/**
 * cli_output() - @text to @path (atomically), or to stdout if @path is
 * NULL. Return: 0 or -1 after printing why.
 */
int cli_output(const char *path, const char *text, size_t length);

#endif /* CELLBLOCK_CLI_ARGS_H */
