// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory helpers (the compiler emits calls to memcpy and memset for struct
 * copies even when freestanding) and the panic path.
 */
#include <hv/lib.h>
#include <hv/console.h>
#include <hv/arch.h>

/* Payloads are copied at boot and on every cell reset: words when both
   sides are aligned alike, bytes for the ends. */
void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (!(((uintptr_t)d ^ (uintptr_t)s) & 7)) {
		while (n && ((uintptr_t)d & 7)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const uint64_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	/* Page tables are zeroed a page at a time: do it in words. */
	if (!(((uintptr_t)d | n) & 7)) {
		uint64_t *w = dst, pattern = 0x0101010101010101ull * (uint8_t)c;

		for (n /= 8; n; n--)
			*w++ = pattern;
		return dst;
	}
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

/* A broken invariant of our own: nothing can be trusted to go on, so the
   whole machine stops (fail-stop), after one line. */
void hv_panic(const char *file, int line, const char *what)
{
	hv_printf_fatal("PANIC at %s:%d: %s; stopping the machine", file, line,
			what);
	arch_machine_off();
}
