// SPDX-License-Identifier: GPL-2.0-only
/*
 * cntvct: prints the virtual counter (CNTVCT_EL0) in decimal and exits, a
 * static Linux arm64 program with no C library (raw system calls), for
 * the initramfs of Linux cells (scripts/make-initramfs.sh). Linux lets
 * EL0 read the counter (CNTKCTL_EL1.EL0VCTEN, for its vDSO). With
 * CNTVOFF 0, as in a cell and on bare QEMU, it counts from reset: /init
 * prints it first, so `make bench` reads the boot time of the same kernel
 * bare and in a cell from the same line.
 */
#include "raw.h"

void _start(void) __attribute__((noreturn));

void _start(void)
{
	char text[24];
	unsigned int at = sizeof(text);
	uint64_t value = counter();

	text[--at] = '\n';
	do {
		text[--at] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	syscall3(SYS_WRITE, 1, (long)(text + at), (long)(sizeof(text) - at));
	syscall3(SYS_EXIT, 0, 0, 0);
	__builtin_unreachable();
}
