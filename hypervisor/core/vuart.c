// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated PL011 for cells (PL011 TRM, DDI 0183): what polled code needs to
 * print, so one inmate binary runs bare metal and in a cell, and what
 * Linux's amba-pl011 driver needs for a console with input.
 *
 * Transmit is done at once: the byte goes to the cell's console
 * (console.c), so the transmit FIFO always reads empty (TXFE; never TXFF
 * or BUSY) and its interrupt is always asserted (TXRIS: at or below any
 * trigger level). Linux writes while TXFF is clear, enables TXIM only if
 * bytes are left, sends more on each TXIS, and masks TXIM when it has
 * none: so its output never waits and its interrupt loop always ends.
 *
 * Receive: the bytes typed while the cell has the console's input focus
 * (console_input.c) wait in a 32-entry FIFO (a 1-byte holding register
 * with LCR_H.FEN clear), as in the PL011 r1p5, and behind it in a
 * type-ahead buffer of VUART_BACKLOG bytes, from which each byte the cell
 * reads is replaced at once: a line pasted into a shell is not cut at 32
 * characters while the cell's driver catches up, and the hypervisor never
 * stops reading the board's UART (so Ctrl-A still switches the focus when
 * a cell reads nothing). A byte that finds both full is dropped, and the
 * overrun is reported as the TRM does: OE on the newest byte kept, the one
 * the lost data followed (UARTDR bit 11, which Linux turns into an overrun
 * mark after that byte), UARTRSR.OE until UARTECR is written, and OERIS
 * until UARTICR clears it. RXRIS is
 * asserted while the FIFO holds at least its trigger level (UARTIFLS) and
 * RTRIS while it holds anything: the receive timeout would expire, as no
 * more is coming; Linux counts on RTIS for data below the trigger level.
 * Both follow the FIFO, whatever UARTICR says. Bytes arriving while the
 * receiver is off (CR.UARTEN or CR.RXE clear) are lost, as on the wire.
 *
 * The interrupt is a virtual line (hv/vline.h) with the system console's
 * INTID, asserted while (RIS & IMSC) != 0. The cell never owns that
 * physical line (the validator keeps it with the hypervisor), so the name
 * is free in its GIC view, and a device tree for a stock kernel can give
 * its UART the interrupt it has on the board.
 *
 * The UART starts as firmware leaves a console: enabled (UARTEN, TXE,
 * RXE), 8 bits with FIFOs, 115200 baud from the 24 MHz clock a cell's
 * device tree declares (IBRD 13, FBRD 1), which a Linux console with no
 * options reads back. Line settings are stored, read back, and change
 * nothing else; writing LCR_H.FEN empties the receive FIFO (a new FIFO
 * mode). No DMA (UARTDMACR reads 0), no modem lines. The identification
 * registers read as a PL011's (TRM 3.3.14). Accesses of any size are
 * taken, as before, at the register's offset.
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <hv/vline.h>
#include <hv/vuart.h>

#define UARTDR 0x000
#define UARTRSR 0x004		/* written: UARTECR */
#define UARTFR 0x018
#define UARTILPR 0x020
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIFLS 0x034
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define UARTDMACR 0x048
#define UARTPERIPHID0 0xfe0

#define FR_RXFE (1u << 4)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
#define DR_OE (1u << 11)
#define RSR_OE (1u << 3)
#define LCR_H_FEN (1u << 4)
#define CR_UARTEN (1u << 0)
#define CR_RXE (1u << 9)
#define CR_DEFINED 0xff87u	/* bits 3-6 reserved */
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_OE (1u << 10)
#define INT_ALL 0x7ffu

#define VUART_FIFO 32
#define VUART_BACKLOG 512	/* a pasted line or two */

/* As firmware leaves a console (see above). */
#define RESET_CR (CR_UARTEN | (1u << 8) /* TXE */ | CR_RXE)
#define RESET_LCR_H (LCR_H_FEN | (3u << 5) /* 8 bits */)
#define RESET_IBRD 13	/* 24 MHz / (16 x 115200) = 13.02 */
#define RESET_FBRD 1	/* 0.02 x 64, rounded */
#define RESET_IFLS 0x12	/* both FIFOs at half, the PL011's reset value */

struct vuart {
	spinlock_t lock;
	int present;
	int line;			/* its virtual line, -1: none */
	uint16_t fifo[VUART_FIFO];	/* byte, and its error bits 11:8 */
	unsigned int head, count;
	uint16_t backlog[VUART_BACKLOG];	/* behind the FIFO, in order */
	unsigned int backlog_head, backlog_count;
	uint32_t rsr;			/* UARTRSR */
	uint32_t latched;		/* RIS bits that only UARTICR clears */
	uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc;
	int read_input;			/* the cell has read input */
	uint32_t fr;			/* UARTFR, kept by changed() */
};

static struct vuart vuarts[HV_MAX_CELLS];

static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00,
				     0x0d, 0xf0, 0x05, 0xb1 };

static unsigned int capacity(const struct vuart *u)
{
	return u->lcr_h & LCR_H_FEN ? VUART_FIFO : 1;
}

/* UARTIFLS.RXIFLSEL: 1/8, 1/4, 1/2, 3/4, 7/8 full (reserved: 1/2). */
static unsigned int trigger(const struct vuart *u)
{
	static const uint8_t eighths[8] = { 1, 2, 4, 6, 7, 4, 4, 4 };

	if (!(u->lcr_h & LCR_H_FEN))
		return 1;
	return VUART_FIFO * eighths[(u->ifls >> 3) & 7] / 8;
}

static uint32_t raw_status(const struct vuart *u)
{
	return INT_TX | u->latched | (u->count >= trigger(u) ? INT_RX : 0) |
	       (u->count ? INT_RT : 0);
}

static uint32_t flags(const struct vuart *u)
{
	return FR_TXFE | (u->count ? 0 : FR_RXFE) |
	       (u->count == capacity(u) ? FR_RXFF : 0);
}

/*
 * After every change of the registers or the FIFO, under the lock: the
 * line follows the interrupt status, and UARTFR is stored whole, so that
 * the reads polled output makes before every character take no lock (a
 * read sees the flags of before or after a change, as with the lock).
 */
static void changed(struct cell *cell, struct vuart *u)
{
	__atomic_store_n(&u->fr, flags(u), __ATOMIC_RELEASE);
	if (u->line >= 0)
		vline_set(cell, (unsigned int)u->line,
			  (raw_status(u) & u->imsc) != 0);
}

/* The FIFO and the type-ahead behind it, emptied. */
static void flush_input(struct vuart *u)
{
	u->head = u->count = 0;
	u->backlog_head = u->backlog_count = 0;
}

static void reset_registers(struct vuart *u)
{
	flush_input(u);
	u->rsr = u->latched = 0;
	u->ilpr = 0;
	u->ibrd = RESET_IBRD;
	u->fbrd = RESET_FBRD;
	u->lcr_h = RESET_LCR_H;
	u->cr = RESET_CR;
	u->ifls = RESET_IFLS;
	u->imsc = 0;
	u->read_input = 0;
}

static uint32_t read_data(struct vuart *u)
{
	uint32_t data;

	if (!u->count)
		return 0;
	data = u->fifo[u->head];
	u->head = (u->head + 1) % VUART_FIFO;
	u->count--;
	if (u->backlog_count) {	/* the next typed byte moves up */
		u->fifo[(u->head + u->count) % VUART_FIFO] =
			u->backlog[u->backlog_head];
		u->backlog_head = (u->backlog_head + 1) % VUART_BACKLOG;
		u->backlog_count--;
		u->count++;
	}
	/* UARTRSR: the errors of the byte just read, and OE until ECR. */
	u->rsr = (u->rsr & RSR_OE) | ((data >> 8) & 7);
	u->read_input = 1;
	return data;
}

static uint32_t read_register(struct vuart *u, uint64_t offset)
{
	switch (offset) {
	case UARTDR: return read_data(u);
	case UARTRSR: return u->rsr;
	case UARTFR: return flags(u);
	case UARTILPR: return u->ilpr;
	case UARTIBRD: return u->ibrd;
	case UARTFBRD: return u->fbrd;
	case UARTLCR_H: return u->lcr_h;
	case UARTCR: return u->cr;
	case UARTIFLS: return u->ifls;
	case UARTIMSC: return u->imsc;
	case UARTRIS: return raw_status(u);
	case UARTMIS: return raw_status(u) & u->imsc;
	}
	if (offset >= UARTPERIPHID0 && offset < UARTPERIPHID0 + 32 &&
	    !(offset & 3))
		return pl011_id[(offset - UARTPERIPHID0) / 4];
	return 0;	/* ICR and DMACR read as zero, so does the rest */
}

static void write_register(struct vuart *u, uint64_t offset, uint32_t value)
{
	switch (offset) {
	case UARTRSR: u->rsr = 0; break;	/* UARTECR */
	case UARTILPR: u->ilpr = value & 0xff; break;
	case UARTIBRD: u->ibrd = value & 0xffff; break;
	case UARTFBRD: u->fbrd = value & 0x3f; break;
	case UARTLCR_H:
		if ((value ^ u->lcr_h) & LCR_H_FEN)
			flush_input(u);
		u->lcr_h = value & 0xff;
		break;
	case UARTCR: u->cr = value & CR_DEFINED; break;
	case UARTIFLS: u->ifls = value & 0x3f; break;
	case UARTIMSC: u->imsc = value & INT_ALL; break;
	case UARTICR: u->latched &= ~value; break;
	}	/* DMACR: no DMA; the rest: nothing there */
}

static uint64_t access_bytes(unsigned int size)
{
	return size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static enum mmio_result vuart_access(struct cell *cell, struct mmio_access *a,
				     uint64_t offset)
{
	struct vuart *u = &vuarts[cell->index];

	/* Transmit first and without the lock: the common case; and the
	   flags, which it polls (changed()). */
	if (a->is_write && offset == UARTDR) {
		console_cell_uart_putc(cell, (char)a->value);
		return MMIO_HANDLED;
	}
	if (!a->is_write && offset == UARTFR) {
		a->value = __atomic_load_n(&u->fr, __ATOMIC_ACQUIRE);
		return MMIO_HANDLED;
	}
	spin_lock(&u->lock);
	if (a->is_write)	/* the bytes the access carries */
		write_register(u, offset, (uint32_t)(a->value &
						     access_bytes(a->size)));
	else
		a->value = read_register(u, offset);
	if (a->is_write || offset == UARTDR)
		changed(cell, u);
	spin_unlock(&u->lock);
	return MMIO_HANDLED;
}

void vuart_receive(struct cell *cell, uint8_t byte)
{
	struct vuart *u = &vuarts[cell->index];

	if (!u->present)
		return;
	spin_lock(&u->lock);
	if ((u->cr & (CR_UARTEN | CR_RXE)) == (CR_UARTEN | CR_RXE)) {
		if (u->count < capacity(u) && !u->backlog_count) {
			u->fifo[(u->head + u->count) % VUART_FIFO] = byte;
			u->count++;
		} else if (u->backlog_count < VUART_BACKLOG) {
			u->backlog[(u->backlog_head + u->backlog_count) %
				   VUART_BACKLOG] = byte;
			u->backlog_count++;
		} else {	/* dropped: never waits for the cell */
			u->backlog[(u->backlog_head + u->backlog_count - 1) %
				   VUART_BACKLOG] |= DR_OE;
			u->rsr |= RSR_OE;
			u->latched |= INT_OE;
		}
		changed(cell, u);
	}
	spin_unlock(&u->lock);
}

int vuart_listening(const struct cell *cell)
{
	const struct vuart *u = &vuarts[cell->index];
	uint32_t imsc = __atomic_load_n(&u->imsc, __ATOMIC_RELAXED);

	return u->present && ((imsc & (INT_RX | INT_RT)) ||
			      __atomic_load_n(&u->read_input,
					      __ATOMIC_RELAXED));
}

int vuart_line(const struct cell *cell)
{
	const struct vuart *u = &vuarts[cell->index];

	return u->present ? u->line : -1;
}

void vuart_reset(struct cell *cell)
{
	struct vuart *u = &vuarts[cell->index];

	if (!u->present)
		return;
	spin_lock(&u->lock);
	reset_registers(u);
	changed(cell, u);
	spin_unlock(&u->lock);
}

static int __boot vuart_register(struct cell *cell, uint64_t guest_address)
{
	struct vuart *u = &vuarts[cell->index];

	u->present = 1;
	/* Named as the system console's interrupt, if it has one: without
	   it there is no input either. */
	u->line = system_config->console.interrupt ?
		  vline_add(cell, system_config->console.interrupt) : -1;
	reset_registers(u);
	u->fr = flags(u);
	return mmio_register(cell, guest_address, 0x1000, vuart_access,
			     STAT_MMIO_CONSOLE);
}

int __boot vuart_cell_create(struct cell *cell)
{
	/* A slot a destroyed cell had (mgmt_create.c) may hold its UART:
	   not this cell's, which may have none. */
	memset(&vuarts[cell->index], 0, sizeof(vuarts[cell->index]));
	if (!(cell->config->console.flags & CB_CELL_CONSOLE_EMULATED))
		return 0;
	if (!vuart_register(cell, cell->config->console.emulated))
		return 0;
	hv_printf("cell %s: more than %u emulated regions (the console's); "
		  "cell skipped", cell->name, MMIO_MAX_REGIONS);
	return -1;
}

/*
 * The physical console is a PL011 too (the config's only console type),
 * with the same register map: read and written here directly, as Linux
 * left it and as Linux will find it.
 */
static volatile uint32_t *console_register(uint64_t offset)
{
	return (volatile uint32_t *)(uintptr_t)(system_config->console.address +
						offset);
}

void vuart_adopt(struct cell *cell)
{
	struct vuart *u = &vuarts[cell->index];

	if (!u->present)
		return;
	spin_lock(&u->lock);
	u->ibrd = *console_register(UARTIBRD) & 0xffff;
	u->fbrd = *console_register(UARTFBRD) & 0x3f;
	u->lcr_h = *console_register(UARTLCR_H) & 0xff;
	u->cr = *console_register(UARTCR) & CR_DEFINED;
	u->ifls = *console_register(UARTIFLS) & 0x3f;
	u->imsc = *console_register(UARTIMSC) & INT_ALL;
	/* Linux's transmit interrupt, left enabled on the UART, would hold
	   the hypervisor's input line high: the console's input enables what
	   the hypervisor uses (console_input_start()). */
	*console_register(UARTIMSC) = 0;
	changed(cell, u);
	spin_unlock(&u->lock);
}

void vuart_hand_back(struct cell *cell)
{
	struct vuart *u = &vuarts[cell->index];

	if (!u->present)
		return;
	spin_lock(&u->lock);
	*console_register(UARTIMSC) = u->imsc;
	spin_unlock(&u->lock);
}
