/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console. Every line on it is whole and prefixed: the
 * hypervisor's own lines with "[cellblock] ", a cell's with "[NAME] ". Cells
 * write characters into a per-cell line buffer (emulated UART or console
 * hypercall); a line is emitted, under one lock, when it ends or fills.
 */
#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include <stdint.h>

struct cell;

/** console_init() - start the physical console at @address (a PL011). */
void console_init(uint64_t address);

/** hv_printf() - print one hypervisor line (the newline is added). */
void hv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * hv_printf_fatal() - hv_printf() without the console lock, for the line
 * of a hypervisor fault or panic just before the machine stops: the
 * failing CPU may hold the lock itself. It may interleave with a line
 * another CPU is printing.
 */
void hv_printf_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** console_cell_putc() - add @c to @cell's line; '\n' ends the line. */
void console_cell_putc(struct cell *cell, char c);

/** console_cell_flush() - emit @cell's partial line, if any. */
void console_cell_flush(struct cell *cell);

#endif /* HV_CONSOLE_H */
