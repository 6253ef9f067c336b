/* SPDX-License-Identifier: GPL-2.0-only */
/* The data cache's geometry (cache.c); maintenance is in hv/arch.h. */
#ifndef ASM_CACHE_H
#define ASM_CACHE_H

#include <stdint.h>

/** dcache_line() - bytes of the smallest data cache line (CTR_EL0). */
uint64_t dcache_line(void);

#endif /* ASM_CACHE_H */
