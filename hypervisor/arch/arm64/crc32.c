// SPDX-License-Identifier: GPL-2.0-only
/*
 * CRC-32 with the ARMv8 CRC32 instructions (ARM ARM C6.2.74, CRC32X): the
 * same IEEE 802.3 polynomial, bit-reflected, as common/crc32.c, eight bytes
 * an instruction instead of a table lookup per nibble. The hypervisor
 * checksums its whole image at boot, and boot time counts; this file
 * replaces common/crc32.c and common/crc32_zeros.c in the hypervisor's
 * link (hypervisor.mk). Every
 * core this build targets (Cortex-A53, A57, A72) implements the
 * instructions (ID_AA64ISAR0_EL1.CRC32).
 */
#include "crc32.h"

#include <arm_acle.h>

uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *byte = data;

	crc = ~crc;
	while (len && ((uintptr_t)byte & 7)) {
		crc = __crc32b(crc, *byte++);
		len--;
	}
	for (; len >= 8; len -= 8, byte += 8)
		crc = __crc32d(crc, *(const uint64_t *)byte);
	while (len--)
		crc = __crc32b(crc, *byte++);
	return ~crc;
}

/* No memory to read: the zeros go straight into the instruction, four
   words a loop. Replaces common/crc32_zeros.c in the hypervisor. */
uint32_t crc32_zeros(uint32_t crc, uint64_t count)
{
	crc = ~crc;
	for (; count >= 32; count -= 32) {
		crc = __crc32d(crc, 0);
		crc = __crc32d(crc, 0);
		crc = __crc32d(crc, 0);
		crc = __crc32d(crc, 0);
	}
	for (; count; count--)
		crc = __crc32b(crc, 0);
	return ~crc;
}
