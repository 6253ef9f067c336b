// SPDX-License-Identifier: GPL-2.0-only
/*
 * CRC-32 with the ARMv8 CRC32 instructions (ARM ARM C6.2.74, CRC32X): the
 * same IEEE 802.3 polynomial, bit-reflected, as common/crc32.c, eight bytes
 * an instruction instead of a table lookup per nibble. The hypervisor
 * checksums its whole image at boot, and boot time counts; this file
 * replaces common/crc32.c in the hypervisor's link (hypervisor.mk). Every
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
