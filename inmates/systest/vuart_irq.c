// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * vuart_irq: the emulated PL011 driven as Linux's amba-pl011 driver drives
 * it, with its interrupt (INTID 33, the system console's, which is the
 * cell's virtual line) and input typed by the test
 * (tests/system/console_tests.py). Two cells run it: role=1 has the input
 * focus at boot, role=2 gets it when the test types Ctrl-A three times.
 *
 * role=1, with IRQs on and every byte read only by the handler:
 *   - set-up as pl011_startup()/set_termios(): ICR, IFLS, CR, IBRD, FBRD,
 *     LCR_H read back; DMACR reads 0; FR, RIS, MIS of an idle UART;
 *   - INTID 33 enabled and routed here: its GICD fields read back, and
 *     with IMSC 0 no interrupt comes (though TXRIS is set);
 *   - with IRQs masked, IMSC = TXIM makes it pending (GICD_ISPENDR, and
 *     ICC_HPPIR1_EL1 names it), IMSC = 0 withdraws it: nothing is taken;
 *   - IMSC = RXIM | RTIM | TXIM: the TX interrupt is taken, ended while
 *     still asserted and so taken again, three times, until the handler
 *     masks TXIM (as stop_tx does), then no more;
 *   - prints `vuart_irq: type a line> ` with no newline, echoes each byte
 *     the handler takes, and at CR prints `vuart_irq: line 'TEXT' (N
 *     interrupts)`; then MIS reads 0 and no interrupt comes again; then,
 *     owning the terminal, a line with an ANSI sequence and a tab, and
 *     one with a CR (`vuart_irq: raw ...`, `vuart_irq: cr ...`);
 *   - IMSC = OEIM: `vuart_irq: masked; type 545 characters`; no receive
 *     interrupt comes, the overrun does (32 bytes of FIFO and 512 of the
 *     hypervisor's type-ahead full): RIS, RSR.OE, FR.RXFF, the 544 bytes
 *     kept, in order, with OE on the last, ECR and ICR clearing RSR and
 *     OERIS;
 *   - PASS, `vuart_irq: now switch to the other cell`; then waits for one
 *     byte, which must be `q`, and powers off.
 * role=2: prints the `raw` line too (not the focus: escaped), waits for
 * a line by interrupt and prints `vuart_irq: line 'TEXT'
 * bytes HEX...` (so Ctrl-A typed fewer than three times shows), PASS,
 * powers off. It prints its `vuart_irq: waiting for input` line after
 * waiting `delay_us` (default 50000) in WFI: under -icount sleep=off
 * virtual time jumps there once role=1 waits at its prompt, so the line
 * always comes while the prompt is unfinished. Every wait for input is a
 * WFI with no timer armed: a timer would make virtual time jump past the
 * typing.
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/irq.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#include <hw/gicv3.h>

#include "polled.h"

#define UART 0x09000000ul
#define DR 0x000
#define RSR 0x004
#define FR 0x018
#define IBRD 0x024
#define FBRD 0x028
#define LCR_H 0x02c
#define CR 0x030
#define IFLS 0x034
#define IMSC 0x038
#define RIS 0x03c
#define MIS 0x040
#define ICR 0x044
#define DMACR 0x048

#define FR_RXFE (1u << 4)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
#define RX (1u << 4)
#define TX (1u << 5)
#define RT (1u << 6)
#define OE (1u << 10)
#define DR_OE (1u << 11)
#define RSR_OE (1u << 3)
#define CR_ON 0x301u		/* UARTEN, TXE, RXE */
#define LCR_H_8N1_FIFO 0x70u
#define UART_INTID 33
#define GICD 0x08000000ul
#define FIFO 32
#define TYPE_AHEAD 512	/* the hypervisor's, behind the FIFO (vuart.c) */
/* The overflow text: KEPT bytes 'a'-'z' round, then one too many. */
#define KEPT (FIFO + TYPE_AHEAD)
#define OVERFLOW_CHAR(i) ((uint8_t)('a' + (i) % 26))

static volatile unsigned int tx_irqs, rx_irqs, oe_irqs, stray_irqs;
static volatile unsigned int tx_until = 1;	/* TXIS taken to stop_tx */
static volatile uint8_t rx[64];
static volatile unsigned int rx_in, rx_out;

static uint32_t uart_read(unsigned int reg)
{
	return mmio_read32(UART + reg);
}

static void uart_write(unsigned int reg, uint32_t value)
{
	mmio_write32(UART + reg, value);
}

/* As pl011_int(): what is asserted and unmasked, each cause handled. */
static void uart_interrupt(unsigned int intid)
{
	uint32_t mis = uart_read(MIS);

	(void)intid;
	if (!mis)
		stray_irqs++;	/* nothing asserted: it came again */
	if (mis & (RX | RT)) {
		rx_irqs++;
		while (!(uart_read(FR) & FR_RXFE))
			rx[rx_in++ % sizeof(rx)] = (uint8_t)uart_read(DR);
	}
	if (mis & TX) {		/* nothing (more) to send: stop_tx */
		if (++tx_irqs >= tx_until)
			uart_write(IMSC, uart_read(IMSC) & ~TX);
	}
	if (mis & OE) {		/* the test looks at it: masked, kept */
		oe_irqs++;
		uart_write(IMSC, uart_read(IMSC) & ~OE);
	}
}

/* The next byte the handler took; waits in WFI (no timer armed). */
static uint8_t next_byte(void)
{
	uint8_t byte;

	irq_mask();
	while (rx_out == rx_in)
		irq_wait();
	byte = rx[rx_out++ % sizeof(rx)];
	irq_unmask();
	return byte;
}

/* A line up to CR or LF, echoing what is printable; its length. */
static unsigned int read_line(char *line, unsigned int size)
{
	unsigned int length = 0;
	uint8_t byte;

	while ((byte = next_byte()) != '\r' && byte != '\n')
		if (length < size - 1) {
			line[length++] = (char)byte;
			if (byte >= 0x20 && byte < 0x7f)
				console_putc((char)byte);
		}
	line[length] = '\0';
	console_putc('\n');
	return length;
}

static void uart_setup(void)
{
	uart_write(ICR, 0x7ff);
	CHECK_EQ(uart_read(IMSC), 0);
	uart_write(IFLS, 0x12);
	uart_write(CR, CR_ON);
	uart_write(IBRD, 13);
	uart_write(FBRD, 1);
	uart_write(LCR_H, LCR_H_8N1_FIFO);
	uart_write(DMACR, 7);
	CHECK_EQ(uart_read(IFLS), 0x12);
	CHECK_EQ(uart_read(CR), CR_ON);
	CHECK_EQ(uart_read(IBRD), 13);
	CHECK_EQ(uart_read(FBRD), 1);
	CHECK_EQ(uart_read(LCR_H), LCR_H_8N1_FIFO);
	CHECK_EQ(uart_read(DMACR), 0);
	if (gic_init())
		check_fail("no interrupt controller");
	irq_set_handler(UART_INTID, uart_interrupt);
	gic_set_priority(UART_INTID, 0x80);
	gic_enable(UART_INTID);
}

/* INTID 33 in the cell's distributor view, as gic_enable() left it. */
static void check_gicd(void)
{
	CHECK_EQ(mmio_read32(GICD + GICD_ISENABLER + 4) & 2, 2);
	CHECK_EQ(mmio_read32(GICD + GICD_IGROUPR + 4) & 2, 2);
	CHECK_EQ(mmio_read8(GICD + GICD_IPRIORITYR + UART_INTID), 0x80);
	CHECK_EQ((mmio_read32(GICD + GICD_ICFGR + 8) >> 2) & 3, 0);
	CHECK_EQ(mmio_read64(GICD + GICD_IROUTER + 8 * UART_INTID),
		 cpu_mpidr() & 0xff00ffffffull);
	CHECK_EQ(mmio_read32(GICD + GICD_ISPENDR + 4) & 2, 0);
	CHECK_EQ(mmio_read32(GICD + GICD_ISACTIVER + 4) & 2, 0);
}

static void interrupts_and_echo(void)
{
	char line[48];
	unsigned int taken;

	CHECK_EQ(uart_read(FR), FR_TXFE | FR_RXFE);
	CHECK_EQ(uart_read(RIS), TX);
	CHECK_EQ(uart_read(MIS), 0);
	check_gicd();
	irq_unmask();
	spin_us(200);		/* IMSC 0: TXRIS interrupts nothing */
	CHECK_EQ(tx_irqs + rx_irqs + stray_irqs, 0);
	/* Pending, not taken yet, then masked at the UART: withdrawn. */
	irq_mask();
	uart_write(IMSC, TX);
	CHECK_EQ(mmio_read32(GICD + GICD_ISPENDR + 4) & 2, 2);
	CHECK_EQ(gic_intid((uint32_t)read_sysreg(icc_hppir1_el1)), UART_INTID);
	uart_write(IMSC, 0);
	CHECK_EQ(mmio_read32(GICD + GICD_ISPENDR + 4) & 2, 0);
	CHECK_EQ(gic_intid((uint32_t)read_sysreg(icc_hppir1_el1)), 1023);
	irq_unmask();
	spin_us(100);
	CHECK_EQ(tx_irqs + stray_irqs, 0);
	/* Ended while still asserted: taken again, until stop_tx masks it
	   (the third time); then never again. */
	tx_until = 3;
	uart_write(IMSC, RX | RT | TX);
	spin_us(100);
	CHECK_EQ(tx_irqs, 3);
	CHECK_EQ(uart_read(IMSC), RX | RT);
	console_puts("vuart_irq: type a line> ");
	read_line(line, sizeof(line));
	taken = rx_irqs;
	console_printf("vuart_irq: line '%s' (%u interrupts)\n", line, taken);
	/* It owns the terminal now: these pass as they are. */
	console_puts("vuart_irq: raw \x1b[1mbold\x1b[0m\ttab\n");
	console_puts("vuart_irq: cr 12345\rXY\n");
	CHECK_EQ(taken >= 1, 1);
	CHECK_EQ(uart_read(MIS), 0);
	spin_us(200);		/* drained: it does not come again */
	CHECK_EQ(rx_irqs, taken);
	CHECK_EQ(tx_irqs, 3);
	CHECK_EQ(stray_irqs, 0);
}

static void overflow(void)
{
	unsigned int i, taken = rx_irqs;
	uint32_t data;

	uart_write(IMSC, OE);
	console_printf("vuart_irq: masked; type %u characters\n",
		       KEPT + 1);
	irq_mask();
	while (!oe_irqs)
		irq_wait();
	irq_unmask();
	CHECK_EQ(rx_irqs, taken);	/* RXIM and RTIM masked: none */
	CHECK_EQ(uart_read(RIS), TX | RX | RT | OE);
	CHECK_EQ(uart_read(MIS), 0);	/* OEIM masked by the handler */
	CHECK_EQ(uart_read(FR), FR_TXFE | FR_RXFF);
	CHECK_EQ(uart_read(RSR), RSR_OE);
	for (i = 0; i < KEPT; i++) {
		data = uart_read(DR);
		CHECK_EQ(data & 0xff, OVERFLOW_CHAR(i));
		CHECK_EQ(data & ~0xffu, i == KEPT - 1 ? DR_OE : 0);
	}
	CHECK_EQ(uart_read(FR), FR_TXFE | FR_RXFE);
	CHECK_EQ(uart_read(RSR), RSR_OE);	/* until ECR is written */
	uart_write(RSR, 0);
	CHECK_EQ(uart_read(RSR), 0);
	CHECK_EQ(uart_read(RIS), TX | OE);	/* until ICR clears it */
	uart_write(ICR, OE);
	CHECK_EQ(uart_read(RIS), TX);
	CHECK_EQ(oe_irqs, 1);
	CHECK_EQ(stray_irqs, 0);
}

static void first(void)
{
	uart_setup();
	interrupts_and_echo();
	overflow();
	uart_write(IMSC, RX | RT);
	/* Nothing more until input: the switch cuts no line of ours. */
	check_pass();
	console_printf("vuart_irq: now switch to the other cell\n");
	CHECK_EQ(next_byte(), 'q');
	console_printf("vuart_irq: got q\n");
}

static void ignore(unsigned int intid)
{
	(void)intid;
}

static void second(unsigned long delay_us)
{
	char line[48], hex[3 * sizeof(line)];
	unsigned int length, i;

	uart_setup();
	/* Not the focus: escaped, a whole line. */
	console_puts("vuart_irq: raw \x1b[1mbold\x1b[0m\ttab\n");
	uart_write(IMSC, RX | RT);
	/* Its interrupt, once delivered, stays pending (a limit the
	   hypervisor documents): taken and ignored. */
	irq_set_handler(TIMER_VIRT_INTID, ignore);
	timer_delay_us(delay_us);
	irq_unmask();
	console_printf("vuart_irq: waiting for input\n");
	length = read_line(line, sizeof(line));
	for (i = 0; i < length; i++) {
		static const char digits[] = "0123456789abcdef";

		hex[3 * i] = ' ';
		hex[3 * i + 1] = digits[(uint8_t)line[i] >> 4];
		hex[3 * i + 2] = digits[line[i] & 0xf];
	}
	hex[3 * length] = '\0';
	for (i = 0; i < length; i++)	/* printable only */
		if ((uint8_t)line[i] < 0x20)
			line[i] = '.';
	console_printf("vuart_irq: line '%s' bytes%s\n", line, hex);
	CHECK_EQ(rx_irqs >= 1, 1);
	CHECK_EQ(stray_irqs, 0);
	check_pass();
}

int inmate_main(void)
{
	static const char *const keys[] = { "role", "delay_us", NULL };
	unsigned long role;

	params_check_keys(keys);
	role = params_get_ulong("role", 1, 1, 2);
	check_begin("vuart_irq");
	if (role == 1)
		first();
	else
		second(params_get_ulong("delay_us", 50000, 0, 1000000));
	return 0;
}
