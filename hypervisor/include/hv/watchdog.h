/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cells' watchdogs (core/watchdog.c): a cell whose config sets
 * watchdog_us must pet it (CB_HC_WATCHDOG_PET) at least that often, or
 * it fails as with a refused trap, and its failure policy applies
 * (cell_fail_with()). The check runs on the watched cell's own CPUs, on
 * the hypervisor's timer (arch_watchdog_arm()), which the cell cannot
 * mask: no other cell is ever interrupted for it, and a cell that hangs
 * with its interrupts masked is caught the same.
 */
#ifndef HV_WATCHDOG_H
#define HV_WATCHDOG_H

#include <stdint.h>

struct cell;

/** watchdog_pet() - CB_HC_WATCHDOG_PET of @cell, on one of its CPUs: its
 * period starts again. 0, or CB_HC_EINVAL when it has no watchdog. */
int64_t watchdog_pet(struct cell *cell);

/**
 * watchdog_start() - @cell (re)starts: its first period begins now. Its
 * first CPU calls it as it enters, once the cell's RAM is ready
 * (cell_entering()), before any of its CPUs watches.
 */
void watchdog_start(struct cell *cell);

/** watchdog_entering() - arch code: this CPU enters @cell and watches its
 * watchdog from now on, until it leaves the cell. */
void watchdog_entering(struct cell *cell);

/**
 * watchdog_alarm() - arch code: the deadline this CPU watches for @cell,
 * its own, has come. If a pet moved it, this CPU watches the new one;
 * else the cell fails (CB_FAILURE_WATCHDOG) and this call does not return.
 */
void watchdog_alarm(struct cell *cell);

#endif /* HV_WATCHDOG_H */
