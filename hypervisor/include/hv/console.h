/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console. Every line on it is prefixed: the hypervisor's
 * own lines with "[cellblock] ", a cell's with "[NAME] ". Cells write
 * characters into a per-cell line buffer (emulated UART or console
 * hypercall); a line is emitted whole, under one lock, when it ends or
 * fills, but for the cell that owns the terminal (console.c).
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

/** console_cell_uart_putc() - @c written to @cell's emulated UART: as
 * console_cell_putc(), but printed at once, as it is, while the cell owns
 * the terminal (console.c). */
void console_cell_uart_putc(struct cell *cell, char c);

/** console_cell_flush() - emit @cell's partial line, if any. */
void console_cell_flush(struct cell *cell);

/** console_getc() - a byte typed on the console, or -1 (console_input.c). */
int console_getc(void);

/** console_rx_irq_enable() - the console UART interrupts while typed bytes
 * wait. */
void console_rx_irq_enable(void);

/*
 * The console's input (console_input.c): typed bytes go to one cell at a
 * time, the focus, through its emulated UART.
 */

/** console_input_focus() - the cell typed bytes go to, or NULL. */
struct cell *console_input_focus(void);

/**
 * console_input_start() - end of boot, before the cells start: if the
 * system console has an interrupt and a cell has an emulated console, the
 * first such cell gets the focus (said in one line) and the console's
 * receive interrupt is taken, routed to one of its CPUs.
 */
void console_input_start(void);

/** console_input_stopped() - @cell stopped or failed: if it had the
 * focus, the next running cell with an emulated console gets it. */
void console_input_stopped(struct cell *cell);

struct cb_console_log;

/** console_log_attach() - from now on every byte the console sends is
 * also kept in @ring, @size bytes with its header (Linux-managed boot). */
void console_log_attach(struct cb_console_log *ring, uint32_t size);

#endif /* HV_CONSOLE_H */
