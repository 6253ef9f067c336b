/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two boot paths (DESIGN.md): the type-1 image (core/boot.c) and the
 * Linux-managed entry (core/linux_boot.c), and what they share.
 */
#ifndef HV_BOOT_H
#define HV_BOOT_H

#include <cellblock/config.h>
#include <stdint.h>

struct cell;
struct trap_frame;

#define CELLBLOCK_VERSION "0.1"

/* Until the system config is trusted, the console is the board's usual
   UART: the default of the one board this build targets. */
#define EARLY_CONSOLE 0x09000000ull

/**
 * boot_use_system() - take a validated system config into use: its
 * console, and its CPU count, RAM and GIC checked against this build and
 * the board. Return: 0, or -1 after a console line saying why.
 */
int boot_use_system(const struct cb_system_config *s);

/**
 * linux_enter_main() - CB_HVC_ENTER (include/cellblock/driver.h) on this
 * CPU, MMU off, from entry.S: the first CPU checks the system config at
 * physical @config (@size bytes) and the root cell's restart payloads at
 * @restart (0: none), and builds the hypervisor's state and the root cell;
 * each CPU then finds itself in it. Return: this CPU's index, or a
 * negative CB_HC_E* (nothing changed on this CPU).
 */
int64_t linux_enter_main(uint64_t config, uint64_t size, uint64_t cpus,
			 uint64_t restart);

/** linux_managed_boot() - whether this run was entered from Linux. */
int linux_managed_boot(void);

/**
 * linux_disable() - CB_HC_DISABLE from @caller on this CPU: 0 never (the
 * CPU leaves to Linux with x0 = 0), or a CB_HC_E* refusal.
 */
int64_t linux_disable(struct cell *caller);

#endif /* HV_BOOT_H */
