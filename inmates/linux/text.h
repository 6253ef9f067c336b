/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lines of text without a C library, for the initramfs programs that
 * print more than a number (ivshmem.c, load.c): a line is built in a buffer,
 * piece by piece, and written whole with one write(2), so that lines of
 * several programs on the console never interleave mid-line.
 */
#ifndef INMATES_LINUX_TEXT_H
#define INMATES_LINUX_TEXT_H

#include "raw.h"

#define LINE_SIZE 200

struct line {
	char text[LINE_SIZE];
	unsigned int length;
};

static inline void line_char(struct line *l, char c)
{
	if (l->length < LINE_SIZE - 1)
		l->text[l->length++] = c;
}

static inline void line_text(struct line *l, const char *text)
{
	while (*text)
		line_char(l, *text++);
}

static inline void line_number(struct line *l, uint64_t value)
{
	char digits[20];
	unsigned int count = 0;

	do {
		digits[count++] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	while (count)
		line_char(l, digits[--count]);
}

static inline void line_hex(struct line *l, uint64_t value)
{
	int shift = 60;

	line_text(l, "0x");
	while (shift > 0 && !(value >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		line_char(l, "0123456789abcdef"[value >> shift & 0xf]);
}

/* Ends @l with a newline and writes it to @fd (1 stdout, 2 stderr). */
static inline void line_write(struct line *l, int fd)
{
	l->text[l->length++] = '\n';
	syscall3(SYS_WRITE, fd, (long)l->text, l->length);
	l->length = 0;
}

/* A hexadecimal number as sysfs prints it ("0x1234\n"); -1 if none. */
static inline int64_t parse_hex(const char *text)
{
	int64_t value = 0;
	int digits = 0;

	if (text[0] == '0' && text[1] == 'x')
		text += 2;
	for (; *text && *text != '\n'; text++, digits++) {
		char c = *text;
		int digit = c >= '0' && c <= '9'   ? c - '0'
			    : c >= 'a' && c <= 'f' ? c - 'a' + 10
						   : -1;

		if (digit < 0 || digits == 15)
			return -1;
		value = value * 16 + digit;
	}
	return digits ? value : -1;
}

/* A decimal number, or -1 for anything else. */
static inline int64_t parse_decimal(const char *text)
{
	int64_t value = 0;

	if (!text || !*text)
		return -1;
	for (; *text; text++) {
		if (*text < '0' || *text > '9' || value > 100000000)
			return -1;
		value = value * 10 + (*text - '0');
	}
	return value;
}

#endif /* INMATES_LINUX_TEXT_H */
