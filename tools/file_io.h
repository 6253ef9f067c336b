/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whole-file reads and all-or-nothing writes for the host tool.
 */
#ifndef CELLBLOCK_FILE_IO_H
#define CELLBLOCK_FILE_IO_H

#include <stddef.h>

/**
 * file_read() - read all of @path into an 8-byte-aligned malloc'ed buffer.
 * Return: the buffer (*@size bytes) or NULL after printing why.
 */
void *file_read(const char *path, size_t *size);

/**
 * file_write_atomic() - replace @path with @size bytes of @data, through a
 * temporary file renamed into place, so a failure leaves @path as it was.
 * Return: 0, or -1 after printing why.
 */
int file_write_atomic(const char *path, const void *data, size_t size);

#endif /* CELLBLOCK_FILE_IO_H */
