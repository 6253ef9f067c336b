/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical UART driver interface: a const ops table chosen from the system
 * config's console type.
 */
#ifndef HV_UART_H
#define HV_UART_H

#include <stdint.h>

struct uart_ops {
	void (*init)(uint64_t base);
	void (*putc)(uint64_t base, char c);
	/* A received byte, or -1 when none waits. */
	int (*getc)(uint64_t base);
	/* Interrupt while received bytes wait (the line stays asserted until
	   getc() has taken them all). */
	void (*rx_irq_enable)(uint64_t base);
};

extern const struct uart_ops uart_pl011_ops;

#endif /* HV_UART_H */
