/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Console output on the PL011 at 0x09000000, polled. Bare metal it is the
 * real UART; inside a cell the hypervisor emulates the same registers, so
 * one binary prints in both. Lines end in "\r\n" on the wire ('\n' in the
 * text becomes "\r\n"). Safe to call from any CPU and from IRQ handlers: a
 * line from one call is never interleaved with another's.
 */
#ifndef INMATE_CONSOLE_H
#define INMATE_CONSOLE_H

#include <stdarg.h>

/** console_putc() - write one character. */
void console_putc(char c);

/** console_puts() - write @s as it is (no newline is added). */
void console_puts(const char *s);

/**
 * console_printf() - format with common/format.c and write the result.
 * Output longer than 255 characters is cut and ends in "...\n".
 */
void console_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

void console_vprintf(const char *fmt, va_list ap);

#endif /* INMATE_CONSOLE_H */
