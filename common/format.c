// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Freestanding formatter; see format.h for the supported conversions.
 */
#include "format.h"

#include <stdint.h>

struct format_out {
	char *buf;
	size_t size;
	size_t length;
};

static void out_char(struct format_out *out, char c)
{
	if (out->length + 1 < out->size)
		out->buf[out->length] = c;
	out->length++;
}

static void out_number(struct format_out *out, uint64_t value, unsigned base,
		       int negative, unsigned width, char pad)
{
	char digits[24];
	unsigned count = 0;

	do {
		unsigned digit = (unsigned)(value % base);

		digits[count++] = (char)(digit < 10 ? '0' + digit
						    : 'a' + digit - 10);
		value /= base;
	} while (value);
	if (negative)
		digits[count++] = '-';
	while (width > count) {
		out_char(out, pad);
		width--;
	}
	while (count)
		out_char(out, digits[--count]);
}

/* Fetches the next integer argument at the width its length modifier says. */
static uint64_t fetch_integer(va_list *ap, unsigned longs, int is_signed,
			      int *negative)
{
	int64_t value;

	*negative = 0;
	if (!is_signed) {
		if (longs >= 2)
			return va_arg(*ap, unsigned long long);
		if (longs == 1)
			return va_arg(*ap, unsigned long);
		return va_arg(*ap, unsigned int);
	}
	if (longs >= 2)
		value = va_arg(*ap, long long);
	else if (longs == 1)
		value = va_arg(*ap, long);
	else
		value = va_arg(*ap, int);
	if (value < 0) {
		*negative = 1;
		return (uint64_t)0 - (uint64_t)value;
	}
	return (uint64_t)value;
}

size_t format_vstring(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct format_out out = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		const char *spec = fmt;
		unsigned width = 0, longs = 0;
		char pad = ' ';
		int negative;
		uint64_t value;

		if (*fmt != '%') {
			out_char(&out, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			/* size_t is unsigned long on every target we build */
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'u':
		case 'x':
			value = fetch_integer(&args, longs, *fmt == 'd',
					      &negative);
			out_number(&out, value, *fmt == 'x' ? 16 : 10,
				   negative, width, pad);
			break;
		case 's': {
			const char *s = va_arg(args, const char *);

			if (!s)
				s = "(null)";
			while (*s)
				out_char(&out, *s++);
			break;
		}
		case 'c':
			out_char(&out, (char)va_arg(args, int));
			break;
		case '%':
			out_char(&out, '%');
			break;
		default:
			/* unknown conversion: show it rather than guess */
			while (spec <= fmt && *spec)
				out_char(&out, *spec++);
			if (!*fmt)
				fmt--;
			break;
		}
	}
	va_end(args);
	if (size)
		buf[out.length < size ? out.length : size - 1] = '\0';
	return out.length;
}

size_t format_string(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t length;

	va_start(ap, fmt);
	length = format_vstring(buf, size, fmt, ap);
	va_end(ap);
	return length;
}
