// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Console on the PL011 at 0x09000000: transmit only, polled. The only
 * wait is for room in the transmit FIFO, which the UART (or the
 * hypervisor's emulation of it) makes on its own.
 */
#include <stdbool.h>
#include <stddef.h>

#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/spinlock.h>
#include <inmate/sysreg.h>

#include "format.h"
#include "internal.h"

#define PL011_BASE 0x09000000ul
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

#define CONSOLE_LINE_MAX 256

static struct spinlock console_lock;

static void pl011_putc(char c)
{
	while (mmio_read32(PL011_BASE + PL011_FR) & PL011_FR_TXFF)
		;
	mmio_write32(PL011_BASE + PL011_DR, (uint8_t)c);
}

static void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			pl011_putc('\r');
		pl011_putc(*s);
	}
}

/* IRQs masked while the lock is held: a handler that prints would
 * otherwise wait forever for its own CPU. */
static uint64_t console_lock_irqsave(void)
{
	uint64_t flags = irq_save();

	spin_lock(&console_lock);
	return flags;
}

static void console_unlock_irqrestore(uint64_t flags)
{
	spin_unlock(&console_lock);
	irq_restore(flags);
}

void console_putc(char c)
{
	char s[2] = { c, '\0' };

	console_puts(s);
}

void console_puts(const char *s)
{
	uint64_t flags = console_lock_irqsave();

	console_write(s);
	console_unlock_irqrestore(flags);
}

/* Formats into @line; output that did not fit ends in "...\n". */
static void console_format(char *line, const char *fmt, va_list ap)
{
	size_t length = format_vstring(line, CONSOLE_LINE_MAX, fmt, ap);

	if (length >= CONSOLE_LINE_MAX)
		format_string(line + CONSOLE_LINE_MAX - 5, 5, "...\n");
}

void console_vprintf(const char *fmt, va_list ap)
{
	char line[CONSOLE_LINE_MAX];

	console_format(line, fmt, ap);
	console_puts(line);
}

void console_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}

void console_emergency(const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	console_format(line, fmt, ap);
	va_end(ap);
	console_write(line);
}
