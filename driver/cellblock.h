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
 */
#ifndef CELLBLOCK_DRIVER_CELLBLOCK_H
#define CELLBLOCK_DRIVER_CELLBLOCK_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <cellblock/config.h>
#include <cellblock/driver.h>

/* What an enable acts on, gathered by the checks. Physical addresses. */
struct cb_plan {
	u64 hypervisor_start;	/* the config's /hypervisor region */
	u64 hypervisor_size;
	u64 image_size;		/* hypervisor.bin's memory footprint */
	u64 vectors;		/* its entry vectors (2 KiB aligned) */
	u64 config_start;	/* where the config's copy goes */
	u32 config_size;
	/* The root cell's CPUs: index in the system config, and MPIDR
	   (affinity bits only, MPIDR_HWID_BITMASK). */
	unsigned int root_count;
	unsigned int root_index[CB_MAX_CPUS];
	u64 root_mpidr[CB_MAX_CPUS];
};

/* The two files from user space, as ENABLE got them (kvmalloc'd). */
struct cb_blobs {
	void *hypervisor;
	size_t hypervisor_size;
	void *config;
	size_t config_size;
};

/*
 * The module's one state, under @lock (ioctls and sysfs reads take it).
 * Invariant: enabled == !cpumask_empty(&entered), and while enabled the
 * module holds a reference to itself.
 */
struct cb_state {
	struct mutex lock;
	bool enabled;
	u64 hypervisor_start;
	u64 hypervisor_size;
	struct cpumask entered;	/* Linux CPUs under the hypervisor */
};

extern struct cb_state cb_state;

/* sysfs.c: the misc device's attributes (enabled, hypervisor). */
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
 * cb_load_fetch() - copies both buffers of @args from user space and
 * checks them and their layout in the region (@plan filled); on success
 * @blobs holds them until cb_load_free(). Returns 0 or a negative errno
 * (-EINVAL bad input, -EBUSY Linux uses the region, -EFAULT, -ENOMEM).
 */
int cb_load_fetch(const struct cb_enable_args *args, struct cb_blobs *blobs,
		  struct cb_plan *plan);
void cb_load_free(struct cb_blobs *blobs);

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
 * under the hypervisor afterwards (all online ones, or normally none).
 * Returns 0, or a negative errno after messages saying why.
 */
int cb_enter(const struct cb_plan *plan, struct cpumask *entered);

/**
 * cb_leave() - every CPU of @entered leaves the hypervisor, in turn; those
 * that left are cleared from @entered. The first CPU's refusal changes
 * nothing. Returns 0, or a negative errno after a message.
 */
int cb_leave(struct cpumask *entered);

#endif /* CELLBLOCK_DRIVER_CELLBLOCK_H */
