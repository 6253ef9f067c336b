/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the programs of the initramfs (cntvct.c, load.c, ivshmem.c) use
 * instead of a C library, which the cross compiler does not have for
 * Linux user space here: Linux arm64 system calls (number in x8,
 * arguments in x0-x5, result in x0, -errno on failure) and the virtual
 * counter, which Linux lets EL0 read (CNTKCTL_EL1.EL0VCTEN, for its
 * vDSO).
 */
#ifndef INMATES_LINUX_RAW_H
#define INMATES_LINUX_RAW_H

#include <stdint.h>

#define SYS_OPENAT 56
#define SYS_CLOSE 57
#define SYS_GETDENTS64 61
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_PREAD64 67
#define SYS_PWRITE64 68
#define SYS_PPOLL 73
#define SYS_EXIT 93
#define SYS_SCHED_SETAFFINITY 122
#define SYS_GETCPU 168
#define SYS_MMAP 222
#define SYS_MADVISE 233

static inline long syscall3(long number, long a0, long a1, long a2)
{
	register long x8 __asm__("x8") = number;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2)
			 : "memory");
	return x0;
}

static inline long syscall6(long number, long a0, long a1, long a2, long a3,
			    long a4, long a5)
{
	register long x8 __asm__("x8") = number;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;
	register long x3 __asm__("x3") = a3;
	register long x4 __asm__("x4") = a4;
	register long x5 __asm__("x5") = a5;

	__asm__ volatile("svc #0" : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			   "r"(x5)
			 : "memory");
	return x0;
}

static inline uint64_t counter(void)
{
	uint64_t value;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(value));
	return value;
}

#endif /* INMATES_LINUX_RAW_H */
