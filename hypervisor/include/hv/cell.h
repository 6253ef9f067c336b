/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cells: what the hypervisor keeps about each partition, and their life
 * cycle. A cell is created once from its validated config, started on its
 * first CPU, and from then on only its own CPUs act for it: SYSTEM_OFF stops
 * it, SYSTEM_RESET reloads its payloads and restarts it, and a failure (a
 * trap the hypervisor cannot handle, its watchdog expiring) parks it
 * (state FAILED) or restarts it, as its config's on-failure policy says.
 */
#ifndef HV_CELL_H
#define HV_CELL_H

#include <cellblock/config.h>
#include <cellblock/image.h>
#include <hv/comm.h>
#include <hv/spinlock.h>
#include <hv/mmio.h>
#include <hv/vline.h>
#include <hv/vpci.h>

#include <asm/cell.h>

#include <cellblock/limits.h>

/* Static tables sized by the one table of limits the validators enforce. */
#define HV_MAX_CELLS CB_LIMIT_CELLS
#define HV_MAX_PAYLOADS CB_LIMIT_PAYLOADS
#define CONSOLE_LINE 160
#define CELL_LINE 256	/* a hypervisor line about a cell */

enum cell_state {
	CELL_RUNNING,
	CELL_RESETTING,	/* SYSTEM_RESET: reloading, about to run again */
	CELL_OFF,	/* SYSTEM_OFF: stopped by its own request */
	CELL_FAILED,	/* parked after a failure: a refused trap, its
			   watchdog expiring */
	CELL_LOADABLE,	/* stopped, its RAM cleared, being loaded */
	CELL_DESTROYED,	/* stopped for good */
};

struct payload {
	const void *data;
	uint64_t size;
	uint64_t phys;		/* destination, found while booting */
};

struct cell {
	unsigned int index;
	const struct cb_cell_config *config;
	const char *name;
	uint64_t cpu_set;
	uint32_t vmid;
	uint64_t stage2_root;	/* physical address of the stage-2 table */
	volatile enum cell_state state;
	spinlock_t lock;

	struct payload payload[HV_MAX_PAYLOADS];
	unsigned int payload_count;
	uint64_t params_address;	/* x0 for the first CPU, 0 none */
	/* Set when the cell (re)starts: its first CPU clears its RAM and
	   loads its payloads before entering (cell_entering()). */
	int load_pending;
	/* The running Linux lifted into the root cell (linux_boot.c): its
	   interrupt lines and devices are live and keep their set-up. */
	int adopted;
	/* A cell created at run time (mgmt_create.c): the manager whose CPUs
	   and interrupts it has, until it is destroyed. */
	struct cell *lender;

	struct mmio_region mmio[MMIO_MAX_REGIONS];
	unsigned int mmio_count;
	const struct mmio_region *mmio_last;	/* hit last (mmio.c) */
	struct vline vline[VLINE_MAX];	/* its devices' interrupts */
	unsigned int vline_count;
	struct cell_comm comm;	/* its comm region (hv/comm.h) */
	/* Its virtual PCI bus 0: device d is pci_function[d] (vpci.c). */
	struct vpci_function *pci_function[CB_LIMIT_CELL_LINKS];
	unsigned int pci_function_count;
	spinlock_t pci_lock;	/* config space accesses */

	/* Statistics (hv/stats.h has the per-CPU trap counts). */
	uint64_t starts, failures;
	uint64_t started_at;	/* counter at the last start */
	uint64_t watchdog_expiries;
	uint64_t policy_restarts;	/* by its on-failure policy, ever */
	/* Those since the boot or a management call last started it: the
	   config's restart_limit bounds them (cell_policy_reset()). */
	uint32_t policy_restarts_since_start;
	uint32_t last_failure;		/* enum cb_failure_kind */
	/* The reason of the last failure (its console line's), set by the
	   failing CPU under the lock; NUL-terminated. */
	char last_failure_reason[128];
	/* Started from bytes a manager loaded (CB_HC_CELL_LOAD): there are
	   no payloads to restart it from (mgmt_load.c). */
	int from_loaded;

	char line[CONSOLE_LINE];	/* console line being written */
	unsigned int line_length;
	int line_full;		/* emitted full: a '\n' next ends nothing */
	int raw_open;		/* a line printed as it came is open */
	unsigned char utf8[4];	/* a UTF-8 sequence being checked */
	unsigned int utf8_length, utf8_need;

	struct arch_cell arch;
};

extern struct cell cells[HV_MAX_CELLS];
extern unsigned int cell_count;
extern unsigned int cells_running;	/* cells in state CELL_RUNNING */
extern const struct cb_system_config *system_config;

/** cell_abi_state() - @state as enum cb_cell_state (hypercall.h). */
uint32_t cell_abi_state(enum cell_state state);

/**
 * cell_set_state() - the one place @cell's state changes (the caller holds
 * cell->lock): the comm region, if the cell has one, shows it too.
 */
void cell_set_state(struct cell *cell, enum cell_state state);

/** cell_of_cpu() - the cell owning CPU @cpu, or NULL. */
struct cell *cell_of_cpu(unsigned int cpu);

/** cell_first_cpu() - lowest-numbered CPU of @cell. */
unsigned int cell_first_cpu(const struct cell *cell);

/**
 * cell_stop() - stop @cell, from any CPU (one of the cell's, or another's:
 * a watchdog, a management call): its state becomes @state (CELL_OFF,
 * CELL_FAILED or CELL_DESTROYED), @line is printed, each of its CPUs but the caller leaves
 * it and acknowledges (cpu run state OFF), its interrupt lines are quieted,
 * and the machine is switched off if no cell is left running. Returns 1,
 * or 0 when the cell was not running (another stop or restart won). A
 * caller that is one of the cell's CPUs must go idle after it.
 */
int cell_stop(struct cell *cell, enum cell_state state, const char *line);

/**
 * cell_fail_with() - @cell failed on @cpu, this CPU, one of its own:
 * @kind (enum cb_failure_kind) for the reason @what. Counted, recorded
 * (last_failure and its reason) and one line printed, `cell X failed on
 * CPU c: <what>; <outcome>`, as its config's on-failure policy decides:
 * `parked` (state FAILED), `restarting (restart k of N)` (it runs again
 * from its payloads, RAM cleared), `parked (restart limit N reached)`, or
 * stopped (CELL_OFF) when it has no payloads to restart from. Every CPU of
 * the cell stops first. If another CPU stops or restarts the cell already,
 * nothing is counted and this CPU just leaves it. Never returns.
 */
void cell_fail_with(struct cell *cell, unsigned int cpu, uint32_t kind,
		    const char *what) __attribute__((noreturn));

/**
 * cell_fail() - cell_fail_with() for a trap on @cpu that @cell may not
 * make (CB_FAILURE_TRAP), the reason formatted from @fmt.
 */
void cell_fail(struct cell *cell, unsigned int cpu, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

/**
 * cell_policy_reset() - a management call starts @cell (the caller holds
 * cell->lock): its failure policy's restarts count from 0 again.
 */
void cell_policy_reset(struct cell *cell);

/** cell_system_off() - the cell asked to stop (PSCI SYSTEM_OFF). */
void cell_system_off(struct cell *cell, unsigned int cpu)
	__attribute__((noreturn));

/** cell_system_reset() - the cell asked to restart (PSCI SYSTEM_RESET);
 * one started from what a manager loaded stops instead (CELL_OFF). */
void cell_system_reset(struct cell *cell, unsigned int cpu)
	__attribute__((noreturn));

enum cell_claim {
	CELL_CLAIM_OK,		/* the CPU is starting */
	CELL_CLAIM_BUSY,	/* it runs already */
	CELL_CLAIM_PENDING,	/* it is starting already */
	CELL_CLAIM_STOPPING,	/* the cell is stopping or restarting */
};

/** cell_guest_executable() - whether @guest lies in a region of @cell
 * that it may execute from. */
int cell_guest_executable(const struct cell *cell, uint64_t guest);

/**
 * cell_claim_cpu() - start @cell's idle CPU @cpu at @entry (PSCI CPU_ON),
 * atomically with respect to the cell stopping and to other CPU_ON calls.
 * Returns enum cell_claim.
 */
int cell_claim_cpu(struct cell *cell, unsigned int cpu, uint64_t entry,
		   uint64_t context);

/**
 * cell_cpu_off() - CPU @cpu of @cell switches itself off (PSCI CPU_OFF):
 * it waits for a CPU_ON; if it was the cell's last CPU on, the cell stops
 * as with SYSTEM_OFF. Never returns.
 */
void cell_cpu_off(struct cell *cell, unsigned int cpu)
	__attribute__((noreturn));

/**
 * cell_clear_ram() - zero @cell's RAM regions (not its io, sub-page or
 * comm regions): with @kept 0 those not flagged kept, with @kept 1 those
 * flagged kept. Its CPUs are off, or this is its first CPU entering it.
 */
void cell_clear_ram(const struct cell *cell, int kept);

/**
 * cell_entering() - called by arch code as this CPU enters @cell: the
 * first CPU of a cell that (re)starts clears the cell's RAM (nothing from
 * before its start stays readable: the boot image, other cells' configs,
 * its previous run) and copies its payloads in. Each cell's first CPU does
 * it for its own cell, so the cells clear in parallel. A cell started from
 * what a manager loaded (from_loaded) gets neither: it was cleared when it
 * became loadable.
 */
void cell_entering(struct cell *cell);

/** cells_start() - end of boot: unmap the boot code, start every cell. */
void cells_start(void) __attribute__((noreturn));

#endif /* HV_CELL_H */
