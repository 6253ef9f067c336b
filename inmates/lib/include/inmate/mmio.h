/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Device register access. Single loads and stores of the access size, so a
 * hypervisor that emulates the device sees a syndrome it can decode.
 */
#ifndef INMATE_MMIO_H
#define INMATE_MMIO_H

#include <stdint.h>

static inline uint8_t mmio_read8(uintptr_t addr)
{
	uint8_t value;

	__asm__ __volatile__("ldrb %w0, [%1]" : "=r"(value) : "r"(addr)
			     : "memory");
	return value;
}

static inline void mmio_write8(uintptr_t addr, uint8_t value)
{
	__asm__ __volatile__("strb %w0, [%1]" : : "rZ"(value), "r"(addr)
			     : "memory");
}

static inline uint16_t mmio_read16(uintptr_t addr)
{
	uint16_t value;

	__asm__ __volatile__("ldrh %w0, [%1]" : "=r"(value) : "r"(addr)
			     : "memory");
	return value;
}

static inline void mmio_write16(uintptr_t addr, uint16_t value)
{
	__asm__ __volatile__("strh %w0, [%1]" : : "rZ"(value), "r"(addr)
			     : "memory");
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t value;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r"(value) : "r"(addr)
			     : "memory");
	return value;
}

static inline void mmio_write32(uintptr_t addr, uint32_t value)
{
	__asm__ __volatile__("str %w0, [%1]" : : "rZ"(value), "r"(addr)
			     : "memory");
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t value;

	__asm__ __volatile__("ldr %0, [%1]" : "=r"(value) : "r"(addr)
			     : "memory");
	return value;
}

static inline void mmio_write64(uintptr_t addr, uint64_t value)
{
	__asm__ __volatile__("str %x0, [%1]" : : "rZ"(value), "r"(addr)
			     : "memory");
}

#endif /* INMATE_MMIO_H */
