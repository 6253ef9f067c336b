// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM PL011 UART (PL011 TRM, DDI 0183): polled transmit (UARTDR at 0x00,
 * UARTFR at 0x18 with TXFF at bit 5), and receive by interrupt for the
 * console's input. Firmware or QEMU has set the line up already (baud
 * rate, format, receiver enabled): only the interrupt mask is touched.
 */
#include <hv/uart.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_RXFE (1u << 4)
#define UARTFR_TXFF (1u << 5)
#define UARTIMSC 0x38
#define UARTICR 0x44
#define UART_RXIM (1u << 4)
#define UART_RTIM (1u << 6)

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

/* A byte received with an error (UARTDR bits 11:8: overrun, break,
   parity, framing) is dropped: on a console it is noise. Bounded by the
   FIFO's depth (32 at most). */
#define PL011_FIFO_DEPTH 32

static int pl011_getc(uint64_t base)
{
	volatile uint32_t *fr = (volatile uint32_t *)(base + UARTFR);
	unsigned int i;
	uint32_t data;

	for (i = 0; i < PL011_FIFO_DEPTH && !(*fr & UARTFR_RXFE); i++) {
		data = *(volatile uint32_t *)(base + UARTDR);
		if (!(data & 0xf00))
			return (int)(data & 0xff);
	}
	return -1;
}

/* Receive (at the FIFO's trigger level) and receive timeout (below it):
   together, any byte waiting interrupts. */
static void pl011_rx_irq_enable(uint64_t base)
{
	*(volatile uint32_t *)(base + UARTICR) = UART_RXIM | UART_RTIM;
	*(volatile uint32_t *)(base + UARTIMSC) |= UART_RXIM | UART_RTIM;
}

const struct uart_ops uart_pl011_ops = {
	.init = pl011_init,
	.putc = pl011_putc,
	.getc = pl011_getc,
	.rx_irq_enable = pl011_rx_irq_enable,
};
