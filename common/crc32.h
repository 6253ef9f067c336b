/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of every
 * config and boot-image blob. Freestanding: used by the hypervisor, the
 * inmate library and the host tools alike.
 */
#ifndef CELLBLOCK_CRC32_H
#define CELLBLOCK_CRC32_H

#include <stddef.h>
#include <stdint.h>

/**
 * crc32_update() - extend a running CRC-32 over @len bytes at @data.
 * Start with crc = 0; the result of one call feeds the next, so a blob can
 * be summed in pieces (skipping a field that holds the CRC itself).
 */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);

/**
 * crc32_zeros() - crc32_update() over @count zero bytes, in O(log @count)
 * steps and without reading memory (crc32_zeros.c).
 */
uint32_t crc32_zeros(uint32_t crc, uint64_t count);

#endif /* CELLBLOCK_CRC32_H */
