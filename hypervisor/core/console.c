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

static void emit_unlocked(const char *prefix, const char *text,
			  unsigned int length)
{
	while (*prefix)
		uart->putc(uart_base, *prefix++);
	while (length--)
		uart->putc(uart_base, *text++);
	uart->putc(uart_base, '\r');
	uart->putc(uart_base, '\n');
}

static void emit(const char *prefix, const char *text, unsigned int length)
{
	ticket_lock(&console_lock);
	emit_unlocked(prefix, text, length);
	ticket_unlock(&console_lock);
}

static void hv_vprintf(int locked, const char *fmt, va_list ap)
{
	char line[256];
	size_t length = format_vstring(line, sizeof(line), fmt, ap);

	if (length >= sizeof(line))
		length = sizeof(line) - 1;
	if (locked)
		emit("[cellblock] ", line, (unsigned int)length);
	else
		emit_unlocked("[cellblock] ", line, (unsigned int)length);
}

void hv_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_vprintf(1, fmt, ap);
	va_end(ap);
}

void hv_printf_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_vprintf(0, fmt, ap);
	va_end(ap);
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
	cell->line_full = 0;
	cell->line[cell->line_length++] = c;
	if (cell->line_length == sizeof(cell->line)) {
		emit_cell_line(cell);
		cell->line_full = 1;
	}
}

static void line_add_escaped(struct cell *cell, unsigned char byte)
{
	static const char hex[] = "0123456789abcdef";

	line_add(cell, '\\');
	line_add(cell, 'x');
	line_add(cell, hex[byte >> 4]);
	line_add(cell, hex[byte & 0xf]);
}

/* The bytes of a UTF-8 sequence that did not complete, as escapes. */
static void utf8_escape_pending(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < cell->utf8_length; i++)
		line_add_escaped(cell, cell->utf8[i]);
	cell->utf8_length = cell->utf8_need = 0;
}

/*
 * A cell's bytes reach the terminal as text only. A control would act on
 * it (escape sequences, backspace, a bell) and could make the cell's text
 * pass for another source's line, so it is shown as \xNN instead: the C0
 * controls but tab, DEL, and the C1 controls, as raw bytes or as UTF-8
 * (U+0080-U+009F). Well-formed UTF-8 otherwise passes; a malformed byte
 * (a stray continuation, 0xc0, 0xc1, 0xf5-0xff, a sequence cut short) is
 * escaped. CR is dropped: the hypervisor ends every line itself.
 */
static void ascii_byte(struct cell *cell, unsigned char byte)
{
	if (byte == '\n') {
		/* A line that filled the buffer has ended already. */
		if (cell->line_length || !cell->line_full)
			emit_cell_line(cell);
		cell->line_full = 0;
	} else if (byte == '\r') {
		return;
	} else if ((byte < 0x20 && byte != '\t') || byte == 0x7f) {
		line_add_escaped(cell, byte);
	} else {
		line_add(cell, (char)byte);
	}
}

static void utf8_byte(struct cell *cell, unsigned char byte)
{
	if (cell->utf8_need) {
		if ((byte & 0xc0) == 0x80) {
			cell->utf8[cell->utf8_length++] = byte;
			if (cell->utf8_length == 2 && cell->utf8[0] == 0xc2 &&
			    byte < 0xa0) {	/* U+0080-U+009F: C1 */
				utf8_escape_pending(cell);
				return;
			}
			if (--cell->utf8_need == 0) {
				unsigned int i;

				for (i = 0; i < cell->utf8_length; i++)
					line_add(cell, (char)cell->utf8[i]);
				cell->utf8_length = 0;
			}
			return;
		}
		utf8_escape_pending(cell);	/* cut short */
	}
	if (byte < 0x80) {
		ascii_byte(cell, byte);
		return;
	}
	cell->utf8_need = byte >= 0xc2 && byte <= 0xdf ? 1 :
			  byte >= 0xe0 && byte <= 0xef ? 2 :
			  byte >= 0xf0 && byte <= 0xf4 ? 3 : 0;
	if (!cell->utf8_need) {
		line_add_escaped(cell, byte);	/* C1 or malformed */
		return;
	}
	cell->utf8[0] = byte;
	cell->utf8_length = 1;
}

void console_cell_putc(struct cell *cell, char c)
{
	spin_lock(&cell->lock);
	utf8_byte(cell, (unsigned char)c);
	spin_unlock(&cell->lock);
}

void console_cell_flush(struct cell *cell)
{
	spin_lock(&cell->lock);
	utf8_escape_pending(cell);
	if (cell->line_length)
		emit_cell_line(cell);
	spin_unlock(&cell->lock);
}
