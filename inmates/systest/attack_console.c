// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Attacks on the shared console (group "console"): the emulated PL011's
 * page edges, access sizes and control registers, control characters,
 * C1 control codes, text that imitates another source's line, a line far
 * longer than the hypervisor's line buffer, a line exactly as long as
 * it, the console hypercall with garbage in the upper bits, a flood of
 * lines while the victim ticks, and a line left unfinished when the cell
 * stops. What reaches the terminal is checked by the test
 * (tests/system/adversarial_tests.py): the inmate only writes.
 */
#include <inmate/console.h>
#include <inmate/hypercall.h>
#include <inmate/mmio.h>
#include <inmate/psci.h>

#include "attack_kinds.h"

#define UARTDR 0x000
#define UARTFR 0x018
#define UART_FLOOD_LINES 200
#define UART_FLOOD_LENGTH 149	/* a line of 159: see full_line() */
#define LONG_LINE 1000
#define HV_LINE 160	/* the hypervisor's line buffer (hv/cell.h) */

/* Straight to the data register: the emulated FIFO is never full. */
static void put(char c)
{
	pace();
	mmio_write32(UART_BASE + UARTDR, (uint8_t)c);
}

static void put_string(const char *s)
{
	while (*s)
		put(*s++);
}

static char pattern(unsigned int i)
{
	return "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36];
}

static void uart_edges(void)
{
	static const uint32_t ids[8] = { 0x11, 0x10, 0x14, 0x00,
					 0x0d, 0xf0, 0x05, 0xb1 };
	static const uint32_t controls[] = { 0x24, 0x28, 0x2c, 0x30, 0x34,
					     0x38, 0x44, 0x48, 0x004, 0x020,
					     0xffc, 0xff8 };
	unsigned int i;
	uint32_t value;

	kind_begin("uart-page-edges");
	kind_check(mmio_read32(UART_BASE + UARTFR) == 0x90, "UARTFR 0x%x, "
		   "expected TXFE and RXFE", mmio_read32(UART_BASE + UARTFR));
	for (i = 0; i < 8; i++) {
		value = mmio_read32(UART_BASE + 0xfe0 + 4 * i);
		kind_check(value == ids[i], "ID register 0x%x reads 0x%x",
			   0xfe0 + 4 * i, value);
	}
	/* The last bytes of the page, every size. */
	(void)mmio_read8(UART_BASE + UART_SIZE - 1);
	(void)mmio_read16(UART_BASE + UART_SIZE - 2);
	(void)mmio_read64(UART_BASE + UART_SIZE - 8);
	(void)mmio_read8(UART_BASE);
	mmio_write8(UART_BASE + UART_SIZE - 1, 0xff);
	mmio_write16(UART_BASE + UART_SIZE - 2, 0xffff);
	mmio_write64(UART_BASE + UART_SIZE - 8, ~0ull);
	kind_check(true, "edges");
	/* Control registers: off, all interrupts, DMA. Ignored. */
	for (i = 0; i < sizeof(controls) / sizeof(controls[0]); i++) {
		mmio_write32(UART_BASE + controls[i], i == 3 ? 0 : ~0u);
		kind_check(true, "control");
	}
	put_string("uart-page-edges: still printing\n");
	kind_end();
}

static void uart_sizes(void)
{
	kind_begin("uart-access-sizes");
	put_string("uart-sizes: ");
	mmio_write8(UART_BASE + UARTDR, 'S');
	mmio_write16(UART_BASE + UARTDR, 0xff53);
	mmio_write32(UART_BASE + UARTDR, 0xffffff53u);
	mmio_write64(UART_BASE + UARTDR, 0xffffffffffffff53ull);
	mmio_write64(UART_BASE + UARTDR, 0x0a0a0a0a0a0a0a0aull);
	kind_check(true, "written");
	kind_end();
}

static void control_chars(void)
{
	unsigned int c;

	kind_begin("console-control-chars");
	put_string("ctl: ");
	for (c = 0; c < 0x20; c++)
		if (c != '\n')
			put((char)c);
	put(0x7f);
	put('\n');
	kind_check(true, "written");
	kind_end();
}

/*
 * C1 control codes (ECMA-48): CSI is 0x9b on an 8-bit terminal and
 * U+009B (0xc2 0x9b) on a UTF-8 one; either moves the cursor like
 * ESC [. Written as raw bytes, they let a cell rewrite what is on the
 * screen as the ESC they stand for would.
 */
static void c1_controls(void)
{
	kind_begin("console-c1-controls");
	put_string("c1: ");
	put((char)0x9b);
	put_string("1A 8-bit, ");
	put((char)0xc2);
	put((char)0x9b);
	put_string("1A UTF-8\n");
	kind_check(true, "written");
	kind_end();
}

static void fake_lines(void)
{
	kind_begin("console-fake-lines");
	put_string("\r[cellblock] cell rt failed on CPU 1: fake; parked\n");
	put_string("\x1b[2K\x1b[1A[rt] tick 99 cntvct=0\n");
	put_string("\b\b\b\b\b\b\b\b\b\b[hello] fake\n");
	put_string("utf8: caf\xc3\xa9\n");
	kind_check(true, "written");
	kind_end();
}

static void long_line(void)
{
	unsigned int i;

	kind_begin("console-long-line");
	for (i = 0; i < LONG_LINE; i++)
		put(pattern(i));
	put('\n');
	kind_check(true, "written");
	kind_end();
}

static void full_line(void)
{
	unsigned int i;

	kind_begin("console-line-exactly-full");
	for (i = 0; i < HV_LINE; i++)
		put(pattern(i + 7));
	put('\n');
	put_string("after the full line\n");
	kind_check(true, "written");
	kind_end();
}

static void hypercall_putc(void)
{
	static const char text[] = "hc: hi\x1b!";
	unsigned int i;

	kind_begin("console-hypercall-putc");
	for (i = 0; text[i]; i++)
		kind_check(call3(true, CB_HC_CONSOLE_PUTC,
				 0x4141414141414100ull | (uint8_t)text[i],
				 ~0ull, ~0ull) == 0, "CONSOLE_PUTC");
	call3(true, CB_HC_CONSOLE_PUTC, 0xffffffffffffff0aull, 0, 0);
	kind_end();
}

static void flood(void)
{
	unsigned int line, i;

	kind_begin("console-flood");
	for (line = 0; line < UART_FLOOD_LINES; line++) {
		put_string("flood ");
		put((char)('0' + line / 100));
		put((char)('0' + line / 10 % 10));
		put((char)('0' + line % 10));
		put(' ');
		for (i = 0; i < UART_FLOOD_LENGTH; i++)
			put(pattern(i + line));
		put('\n');
	}
	kind_check(true, "written");
	kind_end();
}

/* Last: a line without its end, then SYSTEM_OFF. */
static void flush_at_stop(void)
{
	kind_begin("console-flush-at-stop");
	kind_check(true, "written");
	kind_end();
	console_printf("attack: done\n");
	put_string("partial line, no newline");
	psci_system_off();
}

const struct attack_kind attack_console_kinds[] = {
	{ "uart-page-edges", "console", uart_edges },
	{ "uart-access-sizes", "console", uart_sizes },
	{ "console-control-chars", "console", control_chars },
	{ "console-c1-controls", "console", c1_controls },
	{ "console-fake-lines", "console", fake_lines },
	{ "console-long-line", "console", long_line },
	{ "console-line-exactly-full", "console", full_line },
	{ "console-hypercall-putc", "console", hypercall_putc },
	{ "console-flood", "console", flood },
	{ "console-flush-at-stop", "console", flush_at_stop },
	{ 0, 0, 0 },
};
