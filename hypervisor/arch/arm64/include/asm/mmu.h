/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's EL2 address space.
 */
#ifndef ASM_MMU_H
#define ASM_MMU_H

struct cb_system_config;

#include <stdint.h>

/** mmu_build() - the hypervisor's identity map of its own memory, the GIC
 * and the console; 0 or -1 (page pool exhausted). */
int mmu_build(const struct cb_system_config *s);

/** mmu_root() - the shared EL2 root table mmu_build() made. */
uint64_t mmu_root(void);

/** mmu_enable() - turn on EL2 stage 1 on the calling CPU. */
void mmu_enable(void);

/** stage2_init_cpu() - the calling CPU's stage-2 translation control. */
void stage2_init_cpu(void);

#endif /* ASM_MMU_H */
