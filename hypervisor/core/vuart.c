// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated PL011 for cells: what polled UART code needs to print, so the
 * same inmate binary runs bare metal and in a cell. Transmit goes to the
 * cell's console line; the FIFO always reads empty; receive is not
 * emulated (reads as empty). The identification registers read as a
 * PL011's, for drivers that probe them (PL011 TRM, 3.3.14).
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <hv/vuart.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTFR_RXFE (1u << 4)
#define UARTFR_TXFE (1u << 7)
#define UARTPERIPHID0 0xfe0

static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00,
				     0x0d, 0xf0, 0x05, 0xb1 };

static enum mmio_result vuart_access(struct cell *cell, struct mmio_access *a,
				     uint64_t offset)
{
	if (a->is_write) {
		if (offset == UARTDR)
			console_cell_putc(cell, (char)a->value);
		return MMIO_HANDLED;	/* control registers: accepted */
	}
	a->value = 0;
	if (offset == UARTFR)
		a->value = UARTFR_TXFE | UARTFR_RXFE;
	else if (offset >= UARTPERIPHID0 && offset < UARTPERIPHID0 + 32 &&
		 !(offset & 3))
		a->value = pl011_id[(offset - UARTPERIPHID0) / 4];
	return MMIO_HANDLED;
}

int __boot vuart_register(struct cell *cell, uint64_t guest_address)
{
	return mmio_register(cell, guest_address, 0x1000, vuart_access);
}
