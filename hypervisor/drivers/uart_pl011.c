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

static void pl011_putc(uint64_t base, char c)
{
	volatile uint32_t *dr = (volatile uint32_t *)(base + UARTDR);
	volatile uint32_t *fr = (volatile uint32_t *)(base + UARTFR);

	while (*fr & UARTFR_TXFF)
		;
	*dr = (uint8_t)c;
}

const struct uart_ops uart_pl011_ops = {
	.init = pl011_init,
	.putc = pl011_putc,
};
