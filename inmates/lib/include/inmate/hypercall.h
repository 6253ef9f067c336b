/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * cellblock hypercalls (include/cellblock/hypercall.h): `hvc #0`. Only
 * inside a cell: bare metal nothing answers at EL2 (runtime_entry_el()
 * tells which case applies).
 */
#ifndef INMATE_HYPERCALL_H
#define INMATE_HYPERCALL_H

#include <stdint.h>

#include <cellblock/hypercall.h>

/** cb_hc_call() - raw hypercall @function with arguments @arg1..@arg3. */
int64_t cb_hc_call(uint32_t function, uint64_t arg1, uint64_t arg2,
		   uint64_t arg3);

/** cb_hc_get_info() - CB_HC_INFO_MAGIC under cellblock, else an error. */
int64_t cb_hc_get_info(void);

/** cb_hc_console_putc() - a character to the cell's console line buffer. */
int64_t cb_hc_console_putc(char c);

#endif /* INMATE_HYPERCALL_H */
