// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * CRC-32 over a run of zero bytes without reading any: appending a zero bit
 * to the message is a linear map of the CRC register over GF(2), so n zero
 * bytes are that map raised to the power 8n, built by repeated squaring in
 * O(log n) steps. The boot image's checksum covers the hypervisor's .bss,
 * which is zero in the file and scratch once running; this keeps the boot
 * code from walking it byte by byte.
 */
#include "crc32.h"

/* @matrix (column i: the image of bit i) applied to @vector. */
static uint32_t gf2_apply(const uint32_t matrix[32], uint32_t vector)
{
	uint32_t result = 0;

	for (; vector; vector >>= 1, matrix++)
		if (vector & 1)
			result ^= *matrix;
	return result;
}

static void gf2_square(uint32_t square[32], const uint32_t matrix[32])
{
	unsigned int i;

	for (i = 0; i < 32; i++)
		square[i] = gf2_apply(matrix, matrix[i]);
}

uint32_t crc32_zeros(uint32_t crc, uint64_t count)
{
	uint32_t a[32], b[32], *op = a, *spare = b, *swap;
	uint32_t state = ~crc;
	unsigned int i;

	/* One zero bit: shift right, folding the polynomial in for bit 0. */
	a[0] = 0xedb88320u;
	for (i = 1; i < 32; i++)
		a[i] = 1u << (i - 1);
	gf2_square(b, a);	/* two bits */
	gf2_square(a, b);	/* four */
	gf2_square(b, a);	/* eight: one zero byte */
	op = b;
	spare = a;
	while (count) {
		if (count & 1)
			state = gf2_apply(op, state);
		count >>= 1;
		if (count) {
			gf2_square(spare, op);
			swap = op;
			op = spare;
			spare = swap;
		}
	}
	return ~state;
}
