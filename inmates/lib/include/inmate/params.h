/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The parameter string an inmate was started with: "key=value key=value",
 * separated by spaces or tabs. Bare metal (x0 = the DTB) and when x0 is 0
 * there is none and every getter returns its default. head.S copies the
 * string before it clears bss (where the string may lie) and cuts it at
 * INMATE_PARAMS_MAX - 1 characters.
 */
#ifndef INMATE_PARAMS_H
#define INMATE_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

/** params_string() - the whole string, "" when there is none. */
const char *params_string(void);

/** params_truncated() - whether the string was cut (and is incomplete). */
bool params_truncated(void);

/**
 * params_get_ulong() - the value of @key as an unsigned number (decimal,
 * or hexadecimal after "0x"), or @def when @key is absent. A value that is
 * not a number, or lies outside @min..@max, gives @def after a console
 * line naming the key, the value and what was expected.
 */
unsigned long params_get_ulong(const char *key, unsigned long def,
			       unsigned long min, unsigned long max);

/**
 * params_check_keys() - print one console line for each key of the string
 * that is not in @known (NULL-terminated). Returns the count of such keys.
 */
unsigned int params_check_keys(const char *const *known);

#endif /* INMATE_PARAMS_H */
