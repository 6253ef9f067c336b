// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM PL011 UART, polled transmit only (PL011 TRM: UARTDR at 0x00, UARTFR at
 * 0x18 with TXFF at bit 5). Firmware or QEMU has set the line up already.
 */
#include <hv/uart.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFF (1u << 5)

static void pl011_init(uint64_t base)
{
	(void)base;
}

/*
 * Bounded: a UART that never drains (switched off, a broken line) costs a
 * character, never a CPU. Polls of FR take well under a microsecond on
 * hardware; this many cover a character time at 9600 baud (~1 ms) many
 * times over.
 */
#define PL011_TX_POLLS 1000000

static void pl011_putc(uint64_t base, char c)
{
	volatile uint32_t *dr = (volatile uint32_t *)(base + UARTDR);
	volatile uint32_t *fr = (volatile uint32_t *)(base + UARTFR);
	unsigned int polls;

	for (polls = 0; *fr & UARTFR_TXFF; polls++)
		if (polls == PL011_TX_POLLS)
			return;
	*dr = (uint8_t)c;
}

const struct uart_ops uart_pl011_ops = {
	.init = pl011_init,
	.putc = pl011_putc,
};
