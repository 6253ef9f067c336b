// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch_probe_read() and arch_probe_write() over the accessors of probe.S,
 * whose aborts come back as -1.
 */
#include <hv/arch.h>

int probe_read8(uint64_t address, uint64_t *value);
int probe_read16(uint64_t address, uint64_t *value);
int probe_read32(uint64_t address, uint64_t *value);
int probe_read64(uint64_t address, uint64_t *value);
int probe_write8(uint64_t address, uint64_t value);
int probe_write16(uint64_t address, uint64_t value);
int probe_write32(uint64_t address, uint64_t value);
int probe_write64(uint64_t address, uint64_t value);

int arch_probe_read(uint64_t address, unsigned int size, uint64_t *value)
{
	switch (size) {
	case 1: return probe_read8(address, value);
	case 2: return probe_read16(address, value);
	case 4: return probe_read32(address, value);
	default: return probe_read64(address, value);
	}
}

int arch_probe_write(uint64_t address, unsigned int size, uint64_t value)
{
	switch (size) {
	case 1: return probe_write8(address, value);
	case 2: return probe_write16(address, value);
	case 4: return probe_write32(address, value);
	default: return probe_write64(address, value);
	}
}
