/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * A small freestanding snprintf: the hypervisor, the inmate library and the
 * shared validator format their messages with it, so a message reads the
 * same whether the host tool or the hypervisor prints it.
 *
 * Conversions: %d %u %x %s %c %%, with an optional '0' flag, a width, and the
 * length modifiers l, ll and z. Anything else is copied out verbatim.
 */
#ifndef CELLBLOCK_FORMAT_H
#define CELLBLOCK_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/**
 * format_vstring() - format into @buf of @size bytes, always NUL-terminated
 * when @size > 0. Returns the length the full output would have had, so a
 * result >= @size means the output was cut.
 */
size_t format_vstring(char *buf, size_t size, const char *fmt, va_list ap);

/** format_string() - format_vstring() with variadic arguments. */
size_t format_string(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* CELLBLOCK_FORMAT_H */
