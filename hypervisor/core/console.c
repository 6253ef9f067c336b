// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console: whole, prefixed lines from the hypervisor and every cell (see
 * console.h). One lock orders the lines; a cell's characters wait in its
 * own buffer until its line is complete, so cells never interleave.
 */
#include <hv/console.h>
#include <hv/cell.h>
#include <hv/uart.h>

#include "format.h"

#include <stdarg.h>

static const struct uart_ops *uart = &uart_pl011_ops;
static uint64_t uart_base;
/* Fair: a CPU waits for at most one line of each other CPU (spinlock.h). */
static ticketlock_t console_lock;

void console_init(uint64_t address)
{
	uart_base = address;
	uart->init(address);
}

static void emit(const char *prefix, const char *text, unsigned int length)
{
	ticket_lock(&console_lock);
	while (*prefix)
		uart->putc(uart_base, *prefix++);
	while (length--)
		uart->putc(uart_base, *text++);
	uart->putc(uart_base, '\r');
	uart->putc(uart_base, '\n');
	ticket_unlock(&console_lock);
}

void hv_printf(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t length;

	va_start(ap, fmt);
	length = format_vstring(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (length >= sizeof(line))
		length = sizeof(line) - 1;
	emit("[cellblock] ", line, (unsigned int)length);
}

static void emit_cell_line(struct cell *cell)
{
	char prefix[CB_NAME_SIZE + 4];

	format_string(prefix, sizeof(prefix), "[%s] ", cell->name);
	emit(prefix, cell->line, cell->line_length);
	cell->line_length = 0;
}

static void line_add(struct cell *cell, char c)
{
	cell->line[cell->line_length++] = c;
	if (cell->line_length == sizeof(cell->line))
		emit_cell_line(cell);
}

/*
 * A control character from a cell would act on the terminal (ESC
 * sequences, backspace, a bell), and could make its text pass for another
 * source's line: it is shown as \xNN instead. Tab is harmless and kept;
 * CR is dropped (the hypervisor ends every line itself).
 */
static int is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

void console_cell_putc(struct cell *cell, char c)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char byte = (unsigned char)c;

	spin_lock(&cell->lock);
	if (c == '\n') {
		emit_cell_line(cell);
	} else if (is_control(byte) && c != '\r') {
		line_add(cell, '\\');
		line_add(cell, 'x');
		line_add(cell, hex[byte >> 4]);
		line_add(cell, hex[byte & 0xf]);
	} else if (c != '\r') {
		line_add(cell, c);
	}
	spin_unlock(&cell->lock);
}

void console_cell_flush(struct cell *cell)
{
	spin_lock(&cell->lock);
	if (cell->line_length)
		emit_cell_line(cell);
	spin_unlock(&cell->lock);
}
