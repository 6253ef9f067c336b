/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The attack kinds of the attack inmate (attack.c), one table per area
 * (attack_mem.c, attack_gic.c, attack_sgi.c, attack_calls.c,
 * attack_sysreg.c, attack_cache.c, attack_cpu.c, attack_console.c), and
 * what the kinds share: interrupt
 * counts, bounded waits, the cell's second CPU, and single-instruction
 * probes whose address is the PC the hypervisor reports.
 */
#ifndef SYSTEST_ATTACK_KINDS_H
#define SYSTEST_ATTACK_KINDS_H

#include <stdbool.h>
#include <stdint.h>

#include "attack.h"

/*
 * One attack kind: @run makes it and reports (kind_begin() ... kind_end(),
 * or, for a kind whose outcome is a parked cell, an announcement and the
 * access). @group names the boot it shares with other kinds (attack=GROUP
 * runs them in table order); NULL: it runs alone (attack=NAME).
 */
struct attack_kind {
	const char *name;
	const char *group;
	void (*run)(void);
};

extern const struct attack_kind attack_mem_kinds[], attack_gic_kinds[],
	attack_sgi_kinds[], attack_call_kinds[], attack_sysreg_kinds[],
	attack_cache_kinds[], attack_cpu_kinds[], attack_console_kinds[];

/* ------------------------------------------------ interrupts and waits */

/* Interrupts taken by each of the cell's CPUs (by Aff0), per INTID. */
#define COUNTED_INTIDS 64
extern volatile unsigned int irq_seen[CPU_COUNT][COUNTED_INTIDS];

/** attack_irq_init() - a counting handler for every INTID below
 * COUNTED_INTIDS but the virtual timer's, which wait_us() uses. */
void attack_irq_init(void);

/** wait_us() - @us microseconds in WFI with IRQs taken (counted), on the
 * virtual timer; returns with IRQs masked. */
void wait_us(uint64_t us);

/** wait_for() - until *@flag is non-zero or @us pass; whether it is. */
bool wait_for(volatile unsigned int *flag, uint64_t us);

/**
 * attack_entry_snapshot() - first thing at entry, on every boot: the
 * GIC, timer and RAM state the cell finds (the reset kinds check it).
 * attack_resetting() - whether a reset kind is under way (its boot count
 * in the kept region): then the run does not wait for its moment again.
 */
void attack_entry_snapshot(void);
bool attack_resetting(void);

/* ------------------------------------------------- the second CPU */

#define SECOND_MPIDR 0x3ull

/* What the second CPU runs (attack_cpu.c). */
struct second_job {
	void (*fn)(void *arg);
	void *arg;
};

/**
 * second_start() - start CPU 3 (its first start in this boot uses the
 * library's cpu_start(); later ones re-enter the same slot) running
 * @fn(@arg) with its GIC set up and IRQs counted; when @fn returns, CPU 3
 * powers off. Returns the PSCI result.
 */
int32_t second_start(void (*fn)(void *arg), void *arg);

/** second_wait_off() - until AFFINITY_INFO says CPU 3 is OFF (bounded);
 * whether it is. */
bool second_wait_off(void);

/* --------------------------------------------------------- probes */

/*
 * Each is one instruction followed by `ret`: the function's address is
 * the PC of the access. Loads from x0, stores of x1 to x0 (x0 and x1
 * are the registers the syndrome names).
 */
uint64_t probe_ldr8(uintptr_t address);
uint64_t probe_ldr16(uintptr_t address);
uint64_t probe_ldr32(uintptr_t address);
uint64_t probe_ldr64(uintptr_t address);
void probe_str8(uintptr_t address, uint64_t value);
void probe_str16(uintptr_t address, uint64_t value);
void probe_str32(uintptr_t address, uint64_t value);
void probe_str64(uintptr_t address, uint64_t value);
uint64_t probe_ldp32(uintptr_t address);	/* no syndrome (ISV 0) */
void probe_dc_zva(uintptr_t address);
void probe_branch(uintptr_t address);		/* br x0 */

#define PROBE_PC(fn) ((uintptr_t)(fn))

/** announce() - `attack: NAME: what, pc 0x..` before an access that
 * should park the cell (the test builds the expected line from it). */
void announce(const char *name, uintptr_t pc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** not_parked() - after an access that should have parked the cell. */
void not_parked(const char *name, const char *what);

#endif /* SYSTEST_ATTACK_KINDS_H */
