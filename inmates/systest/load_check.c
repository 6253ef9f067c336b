// SPDX-License-Identifier: GPL-2.0-only
/*
 * load_check: a program a manager loads into app (tests/system/
 * load_tests.py), with no parameters to rely on: it prints the FNV-1a
 * hash (32 bits) of app's high region (1 MiB at guest 0x40400000,
 * tests/system/configs/load_app.dts), into which the manager loaded a
 * file at an odd offset, as `load_check: N bytes at 0xA: fnv1a 0xH`,
 * then SYSTEM_OFF. The test compares the hash with the file's, the
 * bytes before it zero: the hypervisor copied it byte for byte, and the
 * rest of the region was cleared.
 */
#include <inmate/console.h>
#include <inmate/runtime.h>

#define HIGH_START 0x40400000ul
#define HIGH_SIZE 0x00100000ul

int inmate_main(void)
{
	const volatile uint8_t *p = (const volatile uint8_t *)HIGH_START;
	uint32_t hash = 0x811c9dc5u;
	unsigned long i;

	console_printf("load_check: running from loaded bytes\n");
	/* The yield hint lets QEMU's round robin (under -icount) run the
	   other CPUs, so that rt's ticks beside it stay exact. */
	for (i = 0; i < HIGH_SIZE; i++) {
		hash = (hash ^ p[i]) * 0x01000193u;
		__asm__ volatile("yield");
	}
	console_printf("load_check: %lu bytes at 0x%lx: fnv1a 0x%08x\n",
		       HIGH_SIZE, HIGH_START, hash);
	return 0;
}
