/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated PL011 console for cells (vuart.c): transmit into the cell's
 * console output, receive from the console's input while the cell has the
 * focus, and an interrupt on a virtual line.
 */
#ifndef HV_VUART_H
#define HV_VUART_H

#include <stdint.h>

struct cell;

/** vuart_cell_create() - boot, a device unit (hv/devices.h): if @cell's
 * config has an emulated console, a PL011 at its address, with its
 * interrupt if the system console has one; 0, or -1 after a line (no room
 * for another emulated region). */
int vuart_cell_create(struct cell *cell);

/** vuart_receive() - @byte arrives on @cell's UART (dropped if it has none,
 * its receiver is off, or its FIFO is full: an overrun). Any CPU. */
void vuart_receive(struct cell *cell, uint8_t byte);

/** vuart_listening() - whether @cell reads its UART's input: its receive
 * interrupt is unmasked, or it has read a received byte since it started. */
int vuart_listening(const struct cell *cell);

/** vuart_line() - @cell's UART's virtual line (hv/vline.h), or -1. */
int vuart_line(const struct cell *cell);

/** vuart_reset() - @cell (re)starts or stops: its UART as at boot, the
 * receive FIFO empty, the interrupt low. */
void vuart_reset(struct cell *cell);

/**
 * vuart_adopt() - the emulated PL011 of a root Linux that drove the
 * console's PL011 itself until now takes that UART's line settings and
 * interrupt mask, so Linux's driver finds what it left.
 * vuart_hand_back() - the other way, when the hypervisor is disabled: the
 * UART's interrupt mask is the one Linux set last.
 */
void vuart_adopt(struct cell *cell);
void vuart_hand_back(struct cell *cell);

#endif /* HV_VUART_H */
