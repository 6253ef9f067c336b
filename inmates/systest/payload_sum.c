// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * payload_sum: the FNV-1a hash (32 bits) of `size` bytes at guest address
 * `address`, printed as `payload_sum: N bytes at 0xA: fnv1a 0xH`, then
 * SYSTEM_OFF. The system tests load a data payload there (at an odd
 * address, say) and compare the hash with the file's: the hypervisor
 * copied it byte for byte.
 */
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/runtime.h>

int inmate_main(void)
{
	static const char *const keys[] = { "address", "size", NULL };
	const volatile uint8_t *p;
	unsigned long address, size;
	uint32_t hash = 0x811c9dc5u;

	params_check_keys(keys);
	address = params_get_ulong("address", 0x40300000ul, 0x40000000ul,
				   0x7ffffffful);
	size = params_get_ulong("size", 0, 0, 0x1000000ul);
	p = (const volatile uint8_t *)address;
	for (unsigned long i = 0; i < size; i++)
		hash = (hash ^ p[i]) * 0x01000193u;
	console_printf("payload_sum: %lu bytes at 0x%lx: fnv1a 0x%08x\n", size,
		       address, hash);
	return 0;
}
