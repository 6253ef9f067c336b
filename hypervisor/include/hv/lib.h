/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Freestanding basics for the hypervisor: memory helpers the compiler may
 * call, CHECK() for broken invariants of our own, and small utilities.
 */
#ifndef HV_LIB_H
#define HV_LIB_H

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *dst, const char *src, size_t n);

/**
 * hv_panic() - report a broken invariant of the hypervisor itself and stop
 * the machine. Never for anything a cell or the image can cause.
 */
void hv_panic(const char *file, int line, const char *what)
	__attribute__((noreturn));

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			hv_panic(__FILE__, __LINE__, #cond);                   \
	} while (0)

/* Code that runs only while booting: unmapped once the cells start. */
#define __boot __attribute__((section(".boot.text")))

/* For the trap paths the benchmarks measure: the rare side out of line. */
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((uint64_t)(a) - 1))

/* The bits set in @set. No __builtin_popcountll(): without the FP/SIMD
   registers it is a call into libgcc, which the hypervisor does not link. */
static inline uint32_t bits_set(uint64_t set)
{
	uint32_t count = 0;

	for (; set; set &= set - 1)
		count++;
	return count;
}

#endif /* HV_LIB_H */
