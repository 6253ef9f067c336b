/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Hypercalls: `hvc #0` with an SMC Calling Convention function ID in w0
 * (fast SMC32 calls of owner 6, "vendor specific hypervisor service"),
 * arguments in x1-x3, result in x0; x1-x30 are preserved. Negative
 * results are errors (CB_HC_E*). Over SMC they are unknown functions.
 * PSCI calls use the same HVC (or SMC) with the PSCI function IDs.
 *
 * The service answers SMCCC's general queries (ARM DEN 0028, 6.2), so a
 * guest can tell it runs in a cellblock cell and which revision of these
 * calls it has:
 *   VENDOR_HYP_CALL_UID (0x8600ff01): x0-x3 = CB_HC_UID_0 to _3, the
 *     UUID aed43037-189e-4e08-adb2-6a5fdd0945dc, its 16 bytes in order,
 *     four to a register, the first in bits 7:0 of w0;
 *   VENDOR_HYP_REVISION (0x8600ff03): x0 = CB_HC_REVISION_MAJOR,
 *     x1 = CB_HC_REVISION_MINOR (a minor revision only adds calls);
 *   VENDOR_HYP_CALL_COUNT (0x8600ff00): x0 = CB_HC_CALL_COUNT, the calls
 *     below (the general queries are not counted).
 */
#ifndef CELLBLOCK_HYPERCALL_H
#define CELLBLOCK_HYPERCALL_H

#include <stdint.h>

#define CB_HC_BASE 0x86000000u

/* Returns CB_HC_INFO_MAGIC; cheap, for probing and round-trip figures. */
#define CB_HC_GET_INFO (CB_HC_BASE + 0)
#define CB_HC_INFO_MAGIC 0x43424c4b	/* "CBLK" */

/* Writes the character in x1 to the cell's console line buffer. */
#define CB_HC_CONSOLE_PUTC (CB_HC_BASE + 1)

/*
 * Revision 1.1: the cells, read-only. Cells are named by their ID, their
 * index in the hypervisor's table (the boot image's order, refused cells
 * left out): 0 to CELL_COUNT - 1. A cell may always ask about itself;
 * about another only with "read-cells" in its config (else CB_HC_EPERM).
 * A buffer is a guest-physical address and a size in bytes: it must lie
 * in one writable RAM region of the caller (not io, sub-page or comm),
 * and the size must be at least the structure's (else CB_HC_EINVAL); the
 * hypervisor writes the structure's bytes there and returns 0.
 */
/* x0 = the caller's ID. */
#define CB_HC_CELL_SELF (CB_HC_BASE + 2)
/* x0 = the number of cells. */
#define CB_HC_CELL_COUNT (CB_HC_BASE + 3)
/* x1 = ID, x2 = buffer, x3 = size: writes struct cb_cell_info. */
#define CB_HC_CELL_INFO (CB_HC_BASE + 4)
/* x1 = ID, x2 = buffer, x3 = size: writes struct cb_cell_stats. */
#define CB_HC_CELL_STATS (CB_HC_BASE + 5)

/*
 * Revision 1.1: management, for cells whose config permits it
 * ("manage-cells", "may-freeze"; else CB_HC_EPERM). x1 = the ID of the
 * cell acted on, which may not be the caller's own (CB_HC_EINVAL: a cell
 * stops or restarts itself with PSCI SYSTEM_OFF or SYSTEM_RESET). Each
 * prints one console line naming both cells. After a freeze (the call,
 * or the system config's "freeze-after-boot") every one returns
 * CB_HC_EFROZEN, as in a hypervisor built without management.
 */
/* A running cell stops, as with SYSTEM_OFF (state stopped). */
#define CB_HC_CELL_SHUTDOWN (CB_HC_BASE + 6)
/* A stopped or failed cell starts again from its payloads, its RAM
   cleared first (CB_HC_EBUSY if it is running or restarting). Revision
   1.3: for a cell created at run time (CB_HC_CELL_CREATE), x2, if not 0,
   is the guest address of its parameters, x0 of its first CPU from this
   start on (a manager loads them like a payload). */
#define CB_HC_CELL_START (CB_HC_BASE + 7)
/* A running, stopped or failed cell: shutdown if running, then start. */
#define CB_HC_CELL_RESTART (CB_HC_BASE + 8)
/* No management call works from now on, for any cell, until the
   machine resets. No argument. */
#define CB_HC_FREEZE (CB_HC_BASE + 9)

/*
 * Revision 1.2: loading new payload bytes, destroying, and the watchdog.
 * SET_LOADABLE, LOAD and DESTROY are management calls as above.
 */
/* A stopped or failed cell becomes loadable (state CB_CELL_LOADABLE):
   its RAM but its kept regions is cleared, and CB_HC_CELL_LOAD may then
   write into its "loadable" regions. CB_HC_CELL_START starts it from
   what was loaded (its RAM is not cleared again, the boot image's
   payloads are not copied); a later restart of it, by itself (SYSTEM_
   RESET) or by its failure policy, finds no payloads to restart from
   and stops it instead (state stopped), with a console line saying so. */
#define CB_HC_CELL_SET_LOADABLE (CB_HC_BASE + 10)
/* x1 = ID of a loadable cell, x2 = source (guest-physical, in one
   readable RAM region of the caller), x3 = size in bytes (1 or more),
   x4 = destination (guest-physical of the loaded cell, inside one of its
   regions flagged "loadable"): copies the bytes (CB_HC_EINVAL for a
   source or destination out of bounds, CB_HC_EBUSY when the cell is
   not loadable). */
#define CB_HC_CELL_LOAD (CB_HC_BASE + 11)
/* A cell stops for good (shutdown first if running; a voting cell
   votes): its RAM is cleared, its state is CB_CELL_DESTROYED, and no
   call starts, loads or restarts it again (CB_HC_EBUSY). */
#define CB_HC_CELL_DESTROY (CB_HC_BASE + 12)
/* The caller's own watchdog (its config's "watchdog-period-us") is
   pet: the period starts again. CB_HC_EINVAL if it has none. In every
   build, frozen or not: it manages nothing. */
#define CB_HC_WATCHDOG_PET (CB_HC_BASE + 13)
/* Revision 1.3, Linux-managed boot (driver.h): the root cell's Linux
   leaves the hypervisor on the calling CPU, which returns with x0 = 0 to
   Linux running without it (x1 is not preserved). Every CPU of the root
   cell makes the call in turn; the first one's refusal changes nothing:
   CB_HC_EBUSY while a cell other than the root exists or a root CPU is
   off, CB_HC_EPERM from another cell, CB_HC_EFROZEN when management is
   frozen, CB_HC_ENOSYS after a type-1 boot (there is no Linux to return
   to). */
#define CB_HC_DISABLE (CB_HC_BASE + 14)
/* Revision 1.3, a management call (Linux-managed boot only; CB_HC_ENOSYS
   after a type-1 boot): x1 = the guest-physical address of a cell config
   (include/cellblock/config.h) in one readable RAM region of the caller,
   x2 = its size. The caller needs "manage-all". The config is checked as
   the boot checks one, with the cells there are (CB_HC_EINVAL: the
   console lists its problems); its CPUs must be the caller's and off
   (CB_HC_EBUSY: take them offline first), its memory and devices no
   running cell's but parts of the caller's lendable regions, which leave
   the caller's stage 2 while it exists. Result: the new cell's ID; it is
   loadable (CB_HC_CELL_LOAD, then CB_HC_CELL_START). CB_HC_CELL_DESTROY
   of it gives its CPUs, interrupts and lent memory back to the caller and
   frees its ID for a later create. */
#define CB_HC_CELL_CREATE (CB_HC_BASE + 15)

#define CB_HC_CALL_COUNT 16

/* The service's UID (SMCCC CALL_UID format), and its revision. */
#define CB_HC_UID_0 0x3730d4aeu
#define CB_HC_UID_1 0x084e9e18u
#define CB_HC_UID_2 0x5f6ab2adu
#define CB_HC_UID_3 0xdc4509ddu
#define CB_HC_REVISION_MAJOR 1
#define CB_HC_REVISION_MINOR 4

/* Errors, as in the SMC Calling Convention: unknown function is -1. A
   call that returns an error changed nothing. */
#define CB_HC_ENOSYS (-1)	/* no such call */
#define CB_HC_EINVAL (-2)	/* a bad argument: buffer, size, own ID */
#define CB_HC_EPERM (-3)	/* the caller's config does not permit it */
#define CB_HC_ENOENT (-4)	/* no cell has that ID */
#define CB_HC_EBUSY (-5)	/* the cell is not in a state for it */
#define CB_HC_EFROZEN (-6)	/* management is frozen (or not built) */
#define CB_HC_EDENIED (-7)	/* the voting cell answered denied */
#define CB_HC_ETIMEDOUT (-8)	/* the voting cell did not answer within
				   its config's vote-timeout-us */

/* enum of struct cb_cell_info.state */
enum cb_cell_state {
	CB_CELL_RUNNING = 1,
	CB_CELL_STOPPED = 2,	/* SYSTEM_OFF, its last CPU_OFF, shutdown */
	CB_CELL_FAILED = 3,	/* parked by the hypervisor */
	CB_CELL_RESTARTING = 4,	/* reloading; running again soon */
	CB_CELL_LOADABLE = 5,	/* CB_HC_CELL_SET_LOADABLE: being loaded */
	CB_CELL_DESTROYED = 6,	/* CB_HC_CELL_DESTROY: gone for good */
};

/* The states' names, as `cellblock cell list` and the Linux module's
   sysfs show them: an initializer for a const char *const array. */
#define CB_CELL_STATE_NAMES {			\
	[CB_CELL_RUNNING] = "running",		\
	[CB_CELL_STOPPED] = "stopped",		\
	[CB_CELL_FAILED] = "failed",		\
	[CB_CELL_RESTARTING] = "restarting",	\
	[CB_CELL_LOADABLE] = "loadable",	\
	[CB_CELL_DESTROYED] = "destroyed",	\
}

struct cb_cell_info {
	uint32_t id;
	uint32_t state;		/* enum cb_cell_state */
	uint64_t cpu_set;	/* bit i: CPU i of the system config */
	char name[32];		/* NUL-terminated */
};

/* enum of struct cb_cell_stats.last_failure */
enum cb_failure_kind {
	CB_FAILURE_NONE = 0,
	CB_FAILURE_TRAP = 1,		/* a trap the hypervisor refused */
	CB_FAILURE_WATCHDOG = 2,	/* its watchdog expired */
};

/*
 * Counts since boot, over all of the cell's CPUs. Revision 1.2 appended
 * the fields from watchdog_expiries on: CB_HC_CELL_STATS takes a size of
 * at least CB_CELL_STATS_SIZE_1_1 and writes the structure's first
 * min(size, sizeof(struct cb_cell_stats)) bytes, so a caller built
 * against revision 1.1 gets what it always got.
 */
#define CB_CELL_STATS_SIZE_1_1 72
struct cb_cell_stats {
	uint64_t starts;	/* the first included */
	uint64_t failures;	/* refused traps and watchdog expiries,
				   whether parked or restarted after */
	uint64_t uptime;	/* counter ticks since the last start; 0
				   when not running */
	uint64_t hypercalls;	/* cellblock calls (this table) */
	uint64_t psci;		/* PSCI and other SMCCC calls */
	uint64_t mmio;		/* emulated device accesses */
	uint64_t sgis;		/* SGIs the cell sent */
	uint64_t injected;	/* interrupts the hypervisor injected */
	uint64_t maintenance;	/* GIC maintenance interrupts */
	/* Revision 1.2 */
	uint64_t watchdog_expiries;
	uint64_t policy_restarts;	/* by its on-failure policy */
	/* mmio above, by emulated device */
	uint64_t mmio_console;		/* the emulated PL011 */
	uint64_t mmio_gicd;		/* the GIC distributor */
	uint64_t mmio_gicr;		/* the GIC redistributors */
	uint64_t mmio_pci;		/* the virtual PCI host's ECAM */
	uint64_t mmio_ivshmem;		/* links' register frames */
	uint64_t mmio_subpage;		/* sub-page io regions */
	uint32_t last_failure;		/* enum cb_failure_kind */
	/* Revision 1.4 (reserved, 0, before): the config's watchdog
	   period in microseconds, 0 for none: how often the cell must pet
	   it, for a Linux whose module finds itself in a cell. */
	uint32_t watchdog_us;
	/* The last failure's reason, as its console line gives it
	   (NUL-terminated; empty when none). */
	char last_failure_reason[128];
};

_Static_assert(sizeof(struct cb_cell_info) == 48, "ABI");
_Static_assert(sizeof(struct cb_cell_stats) == CB_CELL_STATS_SIZE_1_1 +
	       8 * 8 + 8 + 128, "ABI");

#endif /* CELLBLOCK_HYPERCALL_H */
