/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated PL011 console for cells.
 */
#ifndef HV_VUART_H
#define HV_VUART_H

#include <stdint.h>

struct cell;

/** vuart_register() - emulate a PL011 at @guest_address in @cell; 0 or -1
 * (no room for another emulated region). */
int vuart_register(struct cell *cell, uint64_t guest_address);

#endif /* HV_VUART_H */
