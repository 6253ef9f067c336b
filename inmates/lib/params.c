// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Lookup in the "key=value key=value" parameter string head.S saved.
 */
#include <stddef.h>

#include <inmate/console.h>
#include <inmate/params.h>

#include "format.h"
#include "internal.h"

/* Longest key or value quoted in a message. */
#define PARAM_SHOWN_MAX 41

/* One "key=value" word of the string. */
struct param {
	const char *key;
	size_t key_length;
	const char *value;	/* NULL for a word without '=' */
	size_t value_length;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reads the word at *@cursor into @param and moves past it; false at the
 * end of the string. */
static bool param_next(const char **cursor, struct param *param)
{
	const char *s = *cursor;

	while (is_blank(*s))
		s++;
	if (!*s)
		return false;
	param->key = s;
	while (*s && *s != '=' && !is_blank(*s))
		s++;
	param->key_length = (size_t)(s - param->key);
	param->value = NULL;
	param->value_length = 0;
	if (*s == '=') {
		param->value = ++s;
		while (*s && !is_blank(*s))
			s++;
		param->value_length = (size_t)(s - param->value);
	}
	*cursor = s;
	return true;
}

static bool key_equals(const struct param *param, const char *key)
{
	size_t i;

	for (i = 0; i < param->key_length; i++) {
		if (key[i] != param->key[i])
			return false;
	}
	return key[i] == '\0';
}

static bool param_find(const char *key, struct param *found)
{
	const char *cursor = inmate_params;
	struct param param;
	bool any = false;

	/* The last one wins, as on a kernel command line. */
	while (param_next(&cursor, &param)) {
		if (key_equals(&param, key)) {
			*found = param;
			any = true;
		}
	}
	return any;
}

/* Decimal, or hexadecimal after "0x"; false if not a number or too big. */
static bool parse_ulong(const char *s, size_t length, unsigned long *result)
{
	unsigned long base = 10, value = 0;
	size_t i = 0;

	if (length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == length)
		return false;
	for (; i < length; i++) {
		char c = s[i];
		unsigned long digit;

		if (c >= '0' && c <= '9')
			digit = (unsigned long)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			digit = (unsigned long)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			digit = (unsigned long)(c - 'A' + 10);
		else
			return false;
		if (value > (~0ul - digit) / base)
			return false;
		value = value * base + digit;
	}
	*result = value;
	return true;
}

const char *params_string(void)
{
	return inmate_params;
}

bool params_truncated(void)
{
	return inmate_params_truncated != 0;
}

/* @length bytes at @s as a string for messages, cut to fit @buf. */
static const char *word_copy(char *buf, size_t size, const char *s,
			     size_t length)
{
	size_t i;

	for (i = 0; i < length && i + 1 < size; i++)
		buf[i] = s[i];
	buf[i] = '\0';
	return buf;
}

unsigned long params_get_ulong(const char *key, unsigned long def,
			       unsigned long min, unsigned long max)
{
	struct param param;
	unsigned long value;
	char shown[PARAM_SHOWN_MAX];

	if (!param_find(key, &param))
		return def;
	if (!param.value || !parse_ulong(param.value, param.value_length,
					 &value)) {
		console_printf("params: %s=%s: expected an unsigned number; "
			       "using %lu\n",
			       key,
			       word_copy(shown, sizeof(shown), param.value,
					 param.value_length),
			       def);
		return def;
	}
	if (value < min || value > max) {
		console_printf("params: %s=%lu: expected %lu to %lu; using "
			       "%lu\n",
			       key, value, min, max, def);
		return def;
	}
	return value;
}

unsigned int params_check_keys(const char *const *known)
{
	const char *cursor = inmate_params;
	struct param param;
	unsigned int unknown = 0;

	while (param_next(&cursor, &param)) {
		char line[160], shown[PARAM_SHOWN_MAX];
		size_t length;
		const char *const *k;

		for (k = known; *k; k++) {
			if (key_equals(&param, *k))
				break;
		}
		if (*k)
			continue;
		length = format_string(line, sizeof(line),
				       "params: unknown key '%s' (known:",
				       word_copy(shown, sizeof(shown),
						 param.key, param.key_length));
		for (k = known; *k && length < sizeof(line); k++)
			length += format_string(line + length,
						sizeof(line) - length, " %s",
						*k);
		console_printf("%s)\n", line);
		unknown++;
	}
	return unknown;
}
