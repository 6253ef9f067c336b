/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The module's own interfaces between its files (the contract with user
 * space and the hypervisor is include/cellblock/driver.h). Every file
 * includes this one first: it sets pr_fmt, so each message starts with
 * "cellblock: ".
 *
 * An enable goes: the checks of hypervisor.bin (image.c) and of the system
 * config (config.c), their place in the /hypervisor region and whether
 * Linux leaves that memory alone (load.c), the CPUs (cpus.c), the copy
 * into the region (load.c), then every CPU enters (enter.c). Each step
 * refuses with one message and changes nothing before the copy; nothing
 * the checks found wrong reaches the copy. A disable is leave.c. main.c
 * holds the state and the device, sysfs.c shows the state.
 *
 * While enabled, the cell ioctls (cells.c) manage the other cells through
 * hypercalls: cell_query.c reads cells into kernel buffers, cell_cpus.c
 * hands Linux's CPUs to a created cell and takes them back.
 */
#ifndef CELLBLOCK_DRIVER_CELLBLOCK_H
#define CELLBLOCK_DRIVER_CELLBLOCK_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <cellblock/config.h>
#include <cellblock/driver.h>
#include <cellblock/hypercall.h>
#include <cellblock/limits.h>

/* What an enable acts on, gathered by the checks. Physical addresses. */
struct cb_plan {
	u64 hypervisor_start;	/* the config's /hypervisor region */
	u64 hypervisor_size;
	u64 image_size;		/* hypervisor.bin's memory footprint */
	u64 vectors;		/* its entry vectors (2 KiB aligned) */
	u64 config_start;	/* where the config's copy goes */
	u32 config_size;
	unsigned int cpu_count;	/* the system config's CPUs */
	/* The root cell's CPUs: index in the system config, and MPIDR
	   (affinity bits only, MPIDR_HWID_BITMASK). */
	unsigned int root_count;
	unsigned int root_index[CB_MAX_CPUS];
	u64 root_mpidr[CB_MAX_CPUS];
	u32 watchdog_us;	/* the root cell's watchdog period, 0: none */
	u64 restart_start;	/* its restart payloads' place (0: none) */
	u64 restart_span;	/* and their bytes there, page-rounded */
};

/* The files from user space, as ENABLE got them (kvmalloc'd). */
struct cb_blobs {
	void *hypervisor;
	size_t hypervisor_size;
	void *config;
	size_t config_size;
	unsigned int restart_count;	/* the root cell's restart payloads */
	void *restart[CB_ROOT_RESTART_PAYLOADS];
	struct cb_enable_restart restart_arg[CB_ROOT_RESTART_PAYLOADS];
	u64 restart_x0;
};

/*
 * Which Linux CPU each CPU of the system config is, recorded at enable
 * from the MPIDR each entering CPU read of itself: -1 for a CPU that is
 * not Linux's (not the root cell's).
 */
struct cb_cpu_map {
	unsigned int count;		/* the system config's CPUs */
	int linux_cpu[CB_MAX_CPUS];
};

/* A cell the module created: the Linux CPUs it took, to give back. */
struct cb_created {
	bool used;
	struct cpumask cpus;
};

/*
 * The module's one state, under @lock (ioctls and sysfs reads take it).
 * Invariant: enabled == !cpumask_empty(&entered), and while enabled the
 * module holds a reference to itself. created[] is indexed by cell ID
 * (below CB_LIMIT_CELLS, the hypervisor's table); entries are used only
 * while enabled.
 */
struct cb_state {
	struct mutex lock;
	bool enabled;
	u64 hypervisor_start;
	u64 hypervisor_size;
	struct cpumask entered;	/* Linux CPUs under the hypervisor */
	struct cb_cpu_map map;
	struct cb_created created[CB_LIMIT_CELLS];
	/* The hypervisor's console log (driver.h), mapped while enabled;
	   NULL if the mapping failed. */
	struct cb_console_log *console_log;
	/* This Linux is in a cell of a running cellblock (attach.c). */
	bool attached;
	/* Pets the root cell's watchdog while enabled or attached
	   (watchdog.c). */
	u32 watchdog_us;
	struct delayed_work pet;
	unsigned long pet_interval;	/* jiffies; 0: no watchdog */
};

extern struct cb_state cb_state;

/* sysfs.c: the misc device's attributes (enabled, hypervisor, cells). */
extern const struct attribute_group *cb_sysfs_groups[];

/**
 * cb_image_check() - is @bin a cellblock hypervisor with entry vectors?
 * Fills plan->image_size and the vectors' offset in plan->vectors (the
 * caller adds the start). Returns 0, or -EINVAL after one message.
 */
int cb_image_check(const void *bin, size_t size, struct cb_plan *plan);

/**
 * cb_config_check() - reads what the module needs from a system config:
 * its /hypervisor region and its root cell's CPUs, into @plan. Only the
 * structure it reads is checked: the hypervisor validates all of it.
 * Returns 0, or -EINVAL after one message.
 */
int cb_config_check(const void *config, size_t size, struct cb_plan *plan);

/**
 * cb_cell_config_check() - the header of a cell config (CELL_CREATE):
 * magic, revision, kind and total_size == @size; sets *@cpu_set. The
 * hypervisor validates the rest. Returns 0, or -EINVAL after one message.
 */
int cb_cell_config_check(const void *config, size_t size, u64 *cpu_set);

/**
 * cb_load_fetch() - copies both buffers of @args from user space and
 * checks them and their layout in the region (@plan filled); on success
 * @blobs holds them until cb_load_free(). Returns 0 or a negative errno
 * (-EINVAL bad input, -EBUSY Linux uses the region, -EFAULT, -ENOMEM).
 */
int cb_load_fetch(const struct cb_enable_args *args, struct cb_blobs *blobs,
		  struct cb_plan *plan);
void cb_load_free(struct cb_blobs *blobs);

/* load.c: @size bytes from user @address, at most @max; @what names them
   in the message on failure. kvmalloc'd, or an ERR_PTR. */
void *cb_load_user(u64 address, u64 size, u64 max, const char *what);

/**
 * cb_restart_fetch() - the root cell's restart payloads of @args (at most
 * CB_ROOT_RESTART_PAYLOADS) into @blobs; cb_restart_span() - their bytes
 * in the region, descriptor included (0 for none); cb_restart_write() -
 * the descriptor and the payloads at @at, the region's mapping at
 * plan->restart_start; cb_restart_free(). restart.c.
 */
int cb_restart_fetch(const struct cb_enable_args *args, struct cb_blobs *blobs);
u64 cb_restart_span(const struct cb_blobs *blobs);
void cb_restart_write(void *at, const struct cb_blobs *blobs,
		      const struct cb_plan *plan);
void cb_restart_free(struct cb_blobs *blobs);

/**
 * cb_watchdog_start() - while enabled, pets the root cell's watchdog
 * (CB_HC_WATCHDOG_PET) four times a period of @watchdog_us (nothing for
 * 0); cb_watchdog_stop() - no more, once the hypervisor is gone. Lock
 * held. watchdog.c.
 */
void cb_watchdog_start(u32 watchdog_us);
void cb_watchdog_stop(void);

/* attach.c: at module load, finds out whether this Linux runs in a cell
   of cellblock already, and then pets the cell's watchdog. */
void cb_attach(void);

/**
 * cb_load_copy() - writes hypervisor.bin, the zeros up to its image_size
 * and the config into the region as driver.h lays them out. Returns 0 or
 * -ENOMEM (the region could not be mapped).
 */
int cb_load_copy(const struct cb_blobs *blobs, const struct cb_plan *plan);

/**
 * cb_cpus_check() - do Linux's online CPUs match the root cell's, one for
 * one? Names the first CPU that does not. Returns 0 or -EBUSY.
 */
int cb_cpus_check(const struct cb_plan *plan);

/* The root cell's index of the CPU with @mpidr, or -1 if it has none. */
int cb_plan_root_of(const struct cb_plan *plan, u64 mpidr);

/**
 * cb_enter() - every online CPU enters the hypervisor (driver.h), in turn.
 * If one fails, the ones that had entered leave again. @entered: the CPUs
 * under the hypervisor afterwards (all online ones, or normally none);
 * @map: which system config CPU each of them is.
 * Returns 0, or a negative errno after messages saying why.
 */
int cb_enter(const struct cb_plan *plan, struct cpumask *entered,
	     struct cb_cpu_map *map);

/**
 * cb_leave() - every CPU of @entered leaves the hypervisor, in turn; those
 * that left are cleared from @entered. The first CPU's refusal changes
 * nothing. Returns 0, or a negative errno after a message.
 */
int cb_leave(struct cpumask *entered);

/**
 * cb_cells_ioctl() - the cell ioctls (driver.h), @cmd one of them: takes
 * the state's lock, refuses (-EINVAL) unless enabled. The caller checked
 * CAP_SYS_ADMIN. Returns the ioctl's result (>= 0) or a negative errno,
 * after one message saying what and why.
 */
long cb_cells_ioctl(unsigned int cmd, unsigned long arg);
bool cb_cells_ioctl_cmd(unsigned int cmd);

/* Whether the module created cells that are not destroyed yet (lock held). */
bool cb_cells_exist(void);

/* cells.c, for the cell ioctls in other files: copy the arguments of an
   ioctl on one cell and check its reserved word; print which call the
   hypervisor refused and return its errno. */
int cb_cells_id_args(void *args, const void __user *uargs, size_t size,
		     const char *what);
int cb_cells_refused(const char *what, u32 id, u32 call, s64 result);
const char *cb_cells_hint(u32 call, s64 result);

/* cell_load.c: CB_IOCTL_CELL_LOAD. */
long cb_cell_load(const void __user *uargs);

/*
 * cell_query.c: the read-only calls (CB_HC_CELL_COUNT, _INFO, _STATS),
 * while enabled, lock held. Results are a CB_HC_* (>= 0 or a negative
 * CB_HC_E*); @buf is kmalloc'd memory of @size bytes (the hypervisor
 * writes into it: it must be Linux's RAM, physically contiguous).
 */
s64 cb_query_count(void);
s64 cb_query(u32 call, u32 id, void *buf, size_t size);

/*
 * cell_cpus.c: Linux's CPUs and the cells'. Lock held, while enabled; CPU
 * hotplug's locks must not be held (remove_cpu()/add_cpu() take them).
 */
/* The Linux CPUs of @cpu_set (system config CPUs). With @strict, a CPU
   that is not Linux's is refused (-EBUSY, one message); else left out. */
int cb_cell_cpus_of(u64 cpu_set, struct cpumask *cpus, bool strict);
/* Takes the online CPUs of @cpus offline, into @taken; if one refuses,
   those taken come back and it returns -EBUSY after one message. */
int cb_cell_cpus_take(const struct cpumask *cpus, struct cpumask *taken);
/* Brings @cpus online; a CPU that does not come is warned about. */
void cb_cell_cpus_give(const struct cpumask *cpus);

#endif /* CELLBLOCK_DRIVER_CELLBLOCK_H */
