/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * System register access and the few barrier and interrupt-mask
 * instructions the runtime needs, as inline functions and macros.
 */
#ifndef INMATE_SYSREG_H
#define INMATE_SYSREG_H

#include <stdint.h>

/* Registers by name, e.g. read_sysreg(cntvct_el0). */
#define read_sysreg(reg)                                                       \
	__extension__({                                                        \
		uint64_t sysreg_read_;                                         \
		__asm__ __volatile__("mrs %0, " #reg : "=r"(sysreg_read_));    \
		sysreg_read_;                                                  \
	})

#define write_sysreg(reg, value)                                               \
	do {                                                                   \
		uint64_t sysreg_write_ = (value);                              \
		__asm__ __volatile__("msr " #reg ", %0"                        \
				     :                                         \
				     : "r"(sysreg_write_));                    \
	} while (0)

static inline void isb(void)
{
	__asm__ __volatile__("isb" : : : "memory");
}

/* Completes earlier memory accesses, inner shareable domain. */
static inline void dsb_ish(void)
{
	__asm__ __volatile__("dsb ish" : : : "memory");
}

/* Completes earlier memory accesses, full system (before SMC/HVC). */
static inline void dsb_sy(void)
{
	__asm__ __volatile__("dsb sy" : : : "memory");
}

static inline void wfi(void)
{
	__asm__ __volatile__("wfi" : : : "memory");
}

/* PSTATE.I: IRQs. Returns the previous DAIF for irq_restore(). */
static inline uint64_t irq_save(void)
{
	uint64_t daif = read_sysreg(daif);

	__asm__ __volatile__("msr daifset, #2" : : : "memory");
	return daif;
}

static inline void irq_restore(uint64_t daif)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
}

static inline void irq_mask(void)
{
	__asm__ __volatile__("msr daifset, #2" : : : "memory");
}

static inline void irq_unmask(void)
{
	/* isb: take a pending IRQ here, not a few instructions later */
	__asm__ __volatile__("msr daifclr, #2\n\tisb" : : : "memory");
}

/* The exception level this code runs at (1 or 2). */
static inline unsigned int current_el(void)
{
	return (unsigned int)(read_sysreg(CurrentEL) >> 2) & 3;
}

#endif /* INMATE_SYSREG_H */
