// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console: whole, prefixed lines from the hypervisor and every cell (see
 * console.h). One lock orders the lines; a cell's characters wait in its
 * own buffer until its line is complete, so cells never interleave.
 *
 * The exception is the cell that owns the terminal: the one with the
 * input focus (console_input.c) while it reads its UART's input (its
 * receive interrupt unmasked, or a byte read). What it writes to its UART
 * goes out as it comes, unescaped (its console hypercall stays a log:
 * lines, escaped), so a prompt or an echo shows before its newline and a
 * shell's line editing (CR, backspace, tab, ANSI sequences) works; its
 * lines are not cut at the buffer's length. Each of its lines still starts
 * with "[NAME] ", and so does its text again after a CR (a redrawn line
 * keeps its prefix). When anything else must print while its line is
 * unfinished, that line is ended first (CR LF) and its next byte starts a
 * fresh prefixed line: lines of other sources are never broken.
 */
#include <hv/console.h>
#include <hv/cell.h>
#include <hv/uart.h>
#include <hv/vuart.h>

#include "format.h"

#include <cellblock/driver.h>

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

/* The terminal owner whose unfinished line the cursor is on, or NULL (at
   the start of a line); whether that line shows its prefix, whether a CR
   took the cursor back to its start, and the last byte sent. Under the
   console lock. */
static const struct cell *on_screen;
static int prefix_shown, at_cr;
static char last_out;

/* The Linux-managed boot's copy of everything sent, which the module
   shows in sysfs (include/cellblock/driver.h, struct cb_console_log): the
   UART's operations with a putc that keeps each byte first. Swapping the
   operations costs the type-1 boot's console path nothing. */
static struct cb_console_log *log;
static const struct uart_ops *logged_uart;
static struct uart_ops logging_ops;

static void logging_putc(uint64_t base, char c)
{
	log->data[log->written % log->size] = c;
	/* The byte before the count: a reader that sees the count finds
	   the byte. */
	__atomic_store_n(&log->written, log->written + 1, __ATOMIC_RELEASE);
	logged_uart->putc(base, c);
}

void console_log_attach(struct cb_console_log *ring, uint32_t size)
{
	ring->size = size - (uint32_t)sizeof(*ring);
	ring->written = 0;
	ring->magic = CB_CONSOLE_LOG_MAGIC;
	log = ring;
	logged_uart = uart;
	logging_ops = *uart;
	logging_ops.putc = logging_putc;
	uart = &logging_ops;
}

static void out(char c)
{
	uart->putc(uart_base, c);
	last_out = c;
}

/* Another source is about to print: end the owner's unfinished line (if
   it has shown anything of it). */
static void end_partial(void)
{
	if (on_screen && prefix_shown) {
		if (last_out != '\r')
			out('\r');
		out('\n');
	}
	on_screen = NULL;
}

static void emit_unlocked(const char *prefix, const char *text,
			  unsigned int length)
{
	end_partial();
	while (*prefix)
		out(*prefix++);
	while (length--)
		out(*text++);
	out('\r');
	out('\n');
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

static void raw_prefix(const struct cell *cell)
{
	char prefix[CB_NAME_SIZE + 4];
	const char *p;

	format_string(prefix, sizeof(prefix), "[%s] ", cell->name);
	for (p = prefix; *p; p++)
		out(*p);
	prefix_shown = 1;
	at_cr = 0;
}

/* A byte of the terminal's owner, as it is, under the console lock. */
static void raw_byte_locked(struct cell *cell, unsigned char byte)
{
	if (on_screen != cell) {
		end_partial();
		on_screen = cell;
		prefix_shown = at_cr = 0;
	}
	if (byte == '\n') {
		if (!prefix_shown)	/* an empty line is prefixed too */
			raw_prefix(cell);
		if (last_out != '\r')
			out('\r');	/* LF alone, as the line mode does */
		out('\n');
		on_screen = NULL;
		cell->raw_open = 0;
		return;
	}
	if (byte == '\r') {
		/* At a fresh line the cursor is at its start already. */
		if (prefix_shown) {
			out('\r');
			at_cr = 1;
		}
		return;
	}
	if (!prefix_shown || at_cr)
		raw_prefix(cell);
	out((char)byte);
	cell->raw_open = 1;
}

/* Under @cell's lock: what it wrote before it owned the terminal goes
   first, as it was buffered (escaped). */
static void raw_byte(struct cell *cell, unsigned char byte)
{
	unsigned int i;

	if (cell->line_full && byte == '\n' && !cell->line_length) {
		cell->line_full = 0;	/* ends the line emitted full */
		return;
	}
	cell->line_full = 0;
	ticket_lock(&console_lock);
	for (i = 0; i < cell->line_length; i++)
		raw_byte_locked(cell, (unsigned char)cell->line[i]);
	for (i = 0; i < cell->utf8_length; i++)
		raw_byte_locked(cell, cell->utf8[i]);
	cell->line_length = cell->utf8_length = cell->utf8_need = 0;
	raw_byte_locked(cell, byte);
	ticket_unlock(&console_lock);
}

/* Whether @cell's output goes to the terminal as it comes (see above). */
static int owns_terminal(const struct cell *cell)
{
	return console_input_focus() == cell && vuart_listening(cell);
}

/*
 * The cell no longer owns the terminal, in the middle of a line it printed
 * as it came: a newline (with its CR) ends that line, as the line mode's
 * own would, instead of printing an empty one.
 */
static int ends_raw_line(struct cell *cell, char c)
{
	if (!cell->raw_open)
		return 0;
	if (c == '\r')
		return 1;
	cell->raw_open = 0;
	return c == '\n';
}

void console_cell_putc(struct cell *cell, char c)
{
	spin_lock(&cell->lock);
	if (!ends_raw_line(cell, c))
		utf8_byte(cell, (unsigned char)c);
	spin_unlock(&cell->lock);
}

void console_cell_uart_putc(struct cell *cell, char c)
{
	spin_lock(&cell->lock);
	if (owns_terminal(cell))
		raw_byte(cell, (unsigned char)c);
	else if (!ends_raw_line(cell, c))
		utf8_byte(cell, (unsigned char)c);
	spin_unlock(&cell->lock);
}

int console_getc(void)
{
	return uart->getc(uart_base);
}

void console_rx_irq_enable(void)
{
	uart->rx_irq_enable(uart_base);
}

void console_cell_flush(struct cell *cell)
{
	spin_lock(&cell->lock);
	cell->raw_open = 0;	/* the next line, whoever's, ends it */
	utf8_escape_pending(cell);
	if (cell->line_length)
		emit_cell_line(cell);
	spin_unlock(&cell->lock);
}
