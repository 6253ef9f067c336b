// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * poke: one device access chosen by its parameters, announced first:
 * `address` (guest-physical), `size` (1, 2, 4 or 8 bytes), `write` (0 read,
 * 1 write of `value`). Then it prints what it read (or that the write
 * completed) and powers off. The system tests use it to make a cell's
 * access land where they want: a sub-page region over a register that
 * takes only some widths, or an address with no device at all.
 */
#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>

static uint64_t read_sized(uintptr_t address, unsigned long size)
{
	switch (size) {
	case 1: return mmio_read8(address);
	case 2: return mmio_read16(address);
	case 4: return mmio_read32(address);
	default: return mmio_read64(address);
	}
}

static void write_sized(uintptr_t address, unsigned long size, uint64_t value)
{
	switch (size) {
	case 1: mmio_write8(address, (uint8_t)value); break;
	case 2: mmio_write16(address, (uint16_t)value); break;
	case 4: mmio_write32(address, (uint32_t)value); break;
	default: mmio_write64(address, value); break;
	}
}

int inmate_main(void)
{
	static const char *const keys[] = { "address", "size", "write",
					    "value", NULL };
	unsigned long address, size, write, value;

	params_check_keys(keys);
	address = params_get_ulong("address", 0, 0, ~0ul);
	size = params_get_ulong("size", 4, 1, 8);
	write = params_get_ulong("write", 0, 0, 1);
	value = params_get_ulong("value", 0, 0, ~0ul);
	if (size != 1 && size != 2 && size != 4 && size != 8) {
		console_printf("poke: size %lu is not 1, 2, 4 or 8\n", size);
		return 1;
	}
	if (write) {
		console_printf("poke: writing %lu bytes 0x%lx at 0x%lx\n", size,
			       value, address);
		write_sized(address, size, value);
		console_printf("poke: write done\n");
	} else {
		console_printf("poke: reading %lu bytes at 0x%lx\n", size,
			       address);
		console_printf("poke: read 0x%llx\n",
			       (unsigned long long)read_sized(address, size));
	}
	return 0;
}
