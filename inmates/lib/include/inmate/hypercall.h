/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * cellblock hypercalls (include/cellblock/hypercall.h): `hvc #0`. Only
 * inside a cell: bare metal nothing answers at EL2 (runtime_entry_el()
 * tells which case applies). Each wrapper returns what the hypervisor
 * answered: a result >= 0, or a negative CB_HC_E* code (and then nothing
 * changed; cb_hc_error_name() names it).
 */
#ifndef INMATE_HYPERCALL_H
#define INMATE_HYPERCALL_H

#include <stdint.h>

#include <cellblock/hypercall.h>

/** cb_hc_call() - raw hypercall @function with arguments @arg1..@arg3. */
int64_t cb_hc_call(uint32_t function, uint64_t arg1, uint64_t arg2,
		   uint64_t arg3);

/** cb_hc_call4() - the same with a fourth argument, in x4. */
int64_t cb_hc_call4(uint32_t function, uint64_t arg1, uint64_t arg2,
		    uint64_t arg3, uint64_t arg4);

/** cb_hc_get_info() - CB_HC_INFO_MAGIC under cellblock, else an error. */
int64_t cb_hc_get_info(void);

/** cb_hc_console_putc() - a character to the cell's console line buffer. */
int64_t cb_hc_console_putc(char c);

/** cb_cell_self() - the calling cell's ID. */
int64_t cb_cell_self(void);

/** cb_cell_count() - the number of cells (IDs 0 to count - 1). */
int64_t cb_cell_count(void);

/**
 * cb_cell_info() - cell @id's ID, state, CPUs and name into *@info (in
 * the caller's writable RAM). 0; CB_HC_ENOENT for an unknown @id,
 * CB_HC_EPERM for another cell without "read-cells".
 */
int64_t cb_cell_info(uint64_t id, struct cb_cell_info *info);

/** cb_cell_stats() - cell @id's statistics into *@stats; as cb_cell_info. */
int64_t cb_cell_stats(uint64_t id, struct cb_cell_stats *stats);

/**
 * cb_cell_shutdown(), cb_cell_start(), cb_cell_restart() - stop, start or
 * restart cell @id (never the caller's own: CB_HC_EINVAL). 0, or
 * CB_HC_EPERM (not in the caller's manage list), CB_HC_ENOENT, CB_HC_EBUSY
 * (not in a state for it), CB_HC_EFROZEN (management frozen or not built).
 */
int64_t cb_cell_shutdown(uint64_t id);
int64_t cb_cell_start(uint64_t id);
int64_t cb_cell_restart(uint64_t id);

/**
 * cb_cell_set_loadable(), cb_cell_load(), cb_cell_destroy() - make the
 * stopped or failed cell @id loadable (its RAM but kept regions cleared);
 * copy @size bytes at @source (in one readable RAM region of the caller)
 * to @destination of loadable cell @id (inside one of its "loadable"
 * regions); destroy cell @id for good. 0, or as above, CB_HC_EINVAL for
 * a source or destination out of bounds or a size of 0, and for destroy
 * a voting cell's CB_HC_EDENIED or CB_HC_ETIMEDOUT.
 */
int64_t cb_cell_set_loadable(uint64_t id);
int64_t cb_cell_load(uint64_t id, const void *source, uint64_t size,
		     uint64_t destination);
int64_t cb_cell_destroy(uint64_t id);

/** cb_freeze() - no management call works from now on: 0, CB_HC_EPERM
 * without "may-freeze", or CB_HC_EFROZEN when already frozen. */
int64_t cb_freeze(void);

/**
 * cb_watchdog_pet() - the caller's watchdog (its config's
 * watchdog-period-us) starts its period again: 0, or CB_HC_EINVAL when it
 * has none. Works in every build and after a freeze.
 */
int64_t cb_watchdog_pet(void);

/** cb_hc_error_name() - "EPERM" for CB_HC_EPERM and so on, "OK" for 0
 * and above, "E?" for a code the header does not define. */
const char *cb_hc_error_name(int64_t result);

/**
 * cb_hc_expect() - a test's check of one call: prints `@who: @what: NAME`
 * (cb_hc_error_name() of @got) and counts a check; `FAIL` with both codes
 * (check_fail()) when @got is not @want.
 */
void cb_hc_expect(const char *who, const char *what, int64_t got,
		  int64_t want);

/** cb_cell_state_name() - "running" for CB_CELL_RUNNING and so on, "?"
 * for a value the header does not define. */
const char *cb_cell_state_name(uint32_t state);

#endif /* INMATE_HYPERCALL_H */
