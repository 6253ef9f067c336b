/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What the hostile test inmates share (attack*.c, fuzz.c): the result of
 * one attack kind in the in-cell test protocol (`RUN name`, then `PASS
 * name checks=N` or `FAIL name: ...`), exceptions taken at EL1 and
 * recorded instead of ending the run, raw SMCCC calls with every argument
 * register, a stage-1 map reaching the whole 39-bit guest space, and the
 * QEMU virt addresses the attacks aim at.
 *
 * Used by tests/system/adversarial_tests.py (docs/adversarial.md).
 */
#ifndef SYSTEST_ATTACK_H
#define SYSTEST_ATTACK_H

#include <stdbool.h>
#include <stdint.h>

#include <hw/gicv3.h>

/* QEMU virt, as a cell of tests/system/configs/attacker.dts sees it. */
#define GICD_BASE 0x08000000ul
#define GICR_BASE 0x080a0000ul
#define GICR_STRIDE 0x20000ul
#define GICR_SGI(cpu) (GICR_BASE + (cpu) * GICR_STRIDE + GICR_SGI_BASE)
/* attacker.dts: RAM, then a kept region a SYSTEM_RESET keeps. */
#define CELL_RAM 0x40200000ul
#define CELL_SHARED 0x40240000ul
#define CELL_TOP 0x40250000ul	/* the first address past the cell */
#define UART_BASE 0x09000000ul
#define UART_SIZE 0x1000ul
#define CPU_COUNT 4u
#define OWN_SPI 39u		/* attacker.dts: its one SPI */
#define RT_SPI 34u		/* rt.dts: another cell's SPI */
#define HV_UART_SPI 33u		/* the hypervisor's console */
#define HV_SGI 15u		/* the hypervisor's IPI */
#define HV_PPI_MAINTENANCE 25u
#define HV_PPI_TIMER 26u	/* the EL2 physical timer */

/* GIC registers the shared header does not name. */
#define GICD_SETSPI_NSR 0x0040
#define GICD_CLRSPI_NSR 0x0048
#define GICD_SGIR 0x0f00
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
#define GICR_SETLPIR 0x0040
#define GICR_CLRLPIR 0x0048
#define GICR_INVLPIR 0x00a0
#define GICR_INVALLR 0x00b0
#define GICR_SYNCR 0x00c0

/* PSCI and SMCCC function IDs and codes (ARM DEN 0022D, DEN 0028). */
#define FN_PSCI_VERSION 0x84000000u
#define FN_CPU_SUSPEND_32 0x84000001u
#define FN_CPU_SUSPEND_64 0xc4000001u
#define FN_CPU_OFF 0x84000002u
#define FN_CPU_ON_32 0x84000003u
#define FN_CPU_ON_64 0xc4000003u
#define FN_AFFINITY_INFO_32 0x84000004u
#define FN_AFFINITY_INFO_64 0xc4000004u
#define FN_MIGRATE_32 0x84000005u
#define FN_MIGRATE_64 0xc4000005u
#define FN_MIGRATE_INFO_TYPE 0x84000006u
#define FN_MIGRATE_INFO_UP_CPU_32 0x84000007u
#define FN_MIGRATE_INFO_UP_CPU_64 0xc4000007u
#define FN_SYSTEM_OFF 0x84000008u
#define FN_SYSTEM_RESET 0x84000009u
#define FN_PSCI_FEATURES 0x8400000au
#define FN_CPU_FREEZE 0x8400000bu
#define FN_CPU_DEFAULT_SUSPEND_32 0x8400000cu
#define FN_CPU_DEFAULT_SUSPEND_64 0xc400000cu
#define FN_NODE_HW_STATE_32 0x8400000du
#define FN_NODE_HW_STATE_64 0xc400000du
#define FN_SYSTEM_SUSPEND_32 0x8400000eu
#define FN_SYSTEM_SUSPEND_64 0xc400000eu
#define FN_PSCI_SET_SUSPEND_MODE 0x8400000fu
#define FN_PSCI_STAT_RESIDENCY_32 0x84000010u
#define FN_PSCI_STAT_RESIDENCY_64 0xc4000010u
#define FN_PSCI_STAT_COUNT_32 0x84000011u
#define FN_PSCI_STAT_COUNT_64 0xc4000011u
#define FN_SYSTEM_RESET2_32 0x84000012u
#define FN_SYSTEM_RESET2_64 0xc4000012u
#define FN_MEM_PROTECT 0x84000013u
#define FN_MEM_PROTECT_CHECK_32 0x84000014u
#define FN_MEM_PROTECT_CHECK_64 0xc4000014u
#define FN_SMCCC_VERSION 0x80000000u
#define FN_SMCCC_ARCH_FEATURES 0x80000001u
#define FN_SMCCC_ARCH_SOC_ID 0x80000002u
#define FN_SMCCC_ARCH_WORKAROUND_1 0x80008000u
#define FN_SMCCC_ARCH_WORKAROUND_2 0x80007fffu
#define FN_SMCCC_ARCH_WORKAROUND_3 0x80003fffu
#define FN_VENDOR_HYP_CALL_COUNT 0x8600ff00u
#define FN_VENDOR_HYP_CALL_UID 0x8600ff01u
#define FN_VENDOR_HYP_REVISION 0x8600ff03u

#define RET_SUCCESS 0
#define RET_NOT_SUPPORTED (-1)
#define RET_INVALID_PARAMETERS (-2)
#define RET_DENIED (-3)
#define RET_ALREADY_ON (-4)
#define RET_ON_PENDING (-5)
#define RET_INVALID_ADDRESS (-9)

#define AFFINITY_MASK 0xff00ffffffull

/* ------------------------------------------------------------- results */

/** kind_begin() - a new attack kind @name (kept, not copied): `RUN name`. */
void kind_begin(const char *name);

/**
 * kind_check() - count one check of the current kind; when @ok is false,
 * the first failure of the kind prints `FAIL name: ` and the formatted
 * reason (later ones are only counted). Returns @ok.
 */
bool kind_check(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** kind_end() - `PASS name checks=N` unless a check failed; returns
 * whether the kind passed. */
bool kind_end(void);

/** kind_checks() - checks of the current kind so far. */
unsigned int kind_checks(void);

/* --------------------------------------------------- exceptions at EL1 */

/* The last synchronous exception the cell took at EL1 while catching. */
struct caught {
	volatile unsigned int count;
	volatile uint64_t esr, elr, far;
};
extern struct caught caught;

/**
 * catch_begin() - from now on a synchronous exception at EL1 is recorded
 * in `caught` and the code goes on after the instruction (the inmate
 * library skips 4 bytes). catch_end() restores the library's default
 * (report and power off).
 */
void catch_begin(void);
void catch_end(void);

/** caught_at() - exactly one exception since @count_before, with class
 * @ec, at @pc. */
bool caught_at(unsigned int count_before, unsigned int ec, uintptr_t pc);

#define ESR_EC(esr) ((unsigned int)((esr) >> 26) & 0x3f)
#define EC_UNKNOWN 0x00
#define EC_SVC64 0x15
#define EC_IABT_CUR 0x21
#define EC_DABT_CUR 0x25
#define EC_BRK 0x3c

/* ------------------------------------------------------------- calls */

/* The registers of an SMCCC call: x0-x7 in, x0-x3 out. */
struct smc_regs {
	uint64_t x[8];
};

/** call_hvc(), call_smc() - `hvc #0` / `smc #0` with @r->x[0..7]; the
 * results x0-x3 overwrite @r->x[0..3]. Returns x0. */
int64_t call_hvc(struct smc_regs *r);
int64_t call_smc(struct smc_regs *r);

/** call3() - function @fn (all 64 bits of x0) with x1-x3, through HVC
 * (@hvc) or SMC; x4-x7 hold garbage. Returns x0. */
int64_t call3(bool hvc, uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

/* ------------------------------------------------------------ stage 1 */

/*
 * attack_mmu_wide() - switch this CPU's stage 1 to a 39-bit map (T0SZ 25,
 * 40-bit output): 0-1 GiB devices and 1-2 GiB RAM as before, plus
 *   WIDE_LOW_NORMAL:  the 0-1 GiB window again, as normal executable
 *                     memory (MMIO with normal-memory accesses);
 *   WIDE_TOP_39:      the last GiB of the 39-bit guest space, identity;
 *   WIDE_BEYOND_39:   guest 0x80_0000_0000 (bit 39), past the space.
 * Each CPU that uses them calls it; the table is shared.
 */
#define WIDE_LOW_NORMAL 0x80000000ul
#define WIDE_TOP_39 0x7fc0000000ul
#define WIDE_BEYOND_39 0x7f80000000ul
#define WIDE_BEYOND_39_IPA 0x8000000000ul
void attack_mmu_wide(void);

/* ------------------------------------------------------------ pacing */

/*
 * Under QEMU's -icount the CPUs take turns on one host thread, and a CPU
 * that keeps running delays another CPU's interrupt in virtual time until
 * it yields or waits (measured: a loop of a million iterations at EL1 on
 * CPU 2 moved the victim's tick by 3.3 ms). On hardware the CPUs run at
 * once. So that the victim's counter values show the hypervisor's effect
 * and not this emulation one, the attackers work only while the victim
 * sleeps: from PACE_AFTER counter ticks after one of its deadlines
 * (phase + k * period) to PACE_BEFORE before the next. pace() is called
 * before each operation; outside the window it sleeps (WFI on this CPU's
 * virtual timer, IRQs as the caller had them, with a YIELD hint after
 * each wake-up) until the window opens. pace_init(period, phase) with
 * period 0 (the default) turns pacing off.
 */
#define PACE_AFTER 6250ull	/* 100 us: the victim's tick line is out */
#define PACE_BEFORE 15625ull	/* 250 us: longer than any one operation */
void pace_init(uint64_t period, uint64_t phase);
void pace(void);

/** pace_relax() - pace(), then a YIELD hint: the body of a spin loop. */
void pace_relax(void);

/** pace_deadline() - @deadline, or the next window's start if it would
 * end a wait outside a window. */
uint64_t pace_deadline(uint64_t deadline);

/* -------------------------------------------------------------- misc */

/** attack_rand() - xorshift64* (Vigna): the next value of *@state,
 * which must not be 0. */
uint64_t attack_rand(uint64_t *state);

/** attack_param() - the value of key @key in the parameter string, cut
 * at the first '_' (the tests pad values with '_' to equal lengths), in
 * @buf of @size bytes; "" when absent. */
const char *attack_param(const char *key, char *buf, unsigned int size);

#endif /* SYSTEST_ATTACK_H */
