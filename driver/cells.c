// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell ioctls of include/cellblock/driver.h: each one or a few
 * hypercalls from the root cell (include/cellblock/hypercall.h), while
 * enabled (else -EINVAL), under the state's lock. The hypervisor checks
 * everything again and decides; the module checks what it acts on itself
 * (sizes, reserved fields, a config's header and CPUs) and says, one line
 * each, why it refused or which call the hypervisor refused. A refused
 * call's errno is the one driver.h gives for its CB_HC_E* (hvc.c).
 *
 * Buffers the hypervisor reads or writes are kernel memory in Linux's
 * RAM: a kmalloc'd copy of a cell config, a bounce page for loading
 * (cell_load.c), kmalloc'd answers of the queries (cell_query.c).
 *
 * The module remembers, per cell ID, the Linux CPUs of each cell it
 * created (cb_state.created), which come back online on its destroy.
 */
#include "cellblock.h"

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hvc.h"

/* Bound of the config CELL_CREATE copies from user space: one the
   hypervisor accepts is some 10 KiB at most (config.h's CB_MAX_*). */
#define CB_CELL_CONFIG_MAX_SIZE SZ_64K

/* What a refusal means for each call, past its CB_HC_E* name. */
const char *cb_cells_hint(u32 call, s64 result)
{
	switch (result) {
	case CB_HC_EPERM:
		if (call == CB_HC_CELL_INFO || call == CB_HC_CELL_STATS)
			return ": the root cell's config has no read-cells";
		return ": the root cell's config does not let it manage that cell (manage-all-cells)";
	case CB_HC_ENOENT:
		return ": no cell has that ID";
	case CB_HC_EFROZEN:
		return ": management is frozen until the machine resets";
	case CB_HC_ENOSYS:
		return ": the hypervisor does not have this call";
	case CB_HC_EDENIED:
	case CB_HC_ETIMEDOUT:
		return ": the cell votes on it";
	}
	switch (call) {
	case CB_HC_CELL_CREATE:
		return ": the hypervisor's console says why";
	case CB_HC_CELL_LOAD:
		return result == CB_HC_EBUSY ?
			       ": the cell is not loadable" :
			       ": not inside one of its loadable regions, or the ID is the root cell's";
	case CB_HC_CELL_START:
		return result == CB_HC_EBUSY ?
			       ": it is running, restarting or destroyed" :
			       ": that is the root cell";
	case CB_HC_CELL_SHUTDOWN:
		return result == CB_HC_EBUSY ? ": it is not running" :
					       ": that is the root cell";
	case CB_HC_CELL_DESTROY:
		return result == CB_HC_EBUSY ? ": it is destroyed already" :
					       ": that is the root cell";
	}
	return "";
}

/* One line for a call the hypervisor refused; its errno. */
int cb_cells_refused(const char *what, u32 id, u32 call, s64 result)
{
	pr_err("%s of cell %u refused by the hypervisor: %s%s\n", what, id,
	       cb_hc_error_name(result), cb_cells_hint(call, result));
	return cb_hc_errno(result);
}

static int cb_cells_args(void *args, const void __user *uargs, size_t size,
			 const char *what)
{
	if (copy_from_user(args, uargs, size)) {
		pr_err("%s: could not read its arguments from user space\n",
		       what);
		return -EFAULT;
	}
	return 0;
}

/*
 * The arguments of an ioctl on one cell: every such structure starts with
 * the u32 ID and a u32 that must be 0 (driver.h).
 */
static_assert(offsetof(struct cb_cell_load_args, reserved) == 4 &&
	      offsetof(struct cb_cell_id_args, reserved) == 4 &&
	      offsetof(struct cb_cell_query_args, reserved) == 4);

int cb_cells_id_args(void *args, const void __user *uargs, size_t size,
		     const char *what)
{
	u32 reserved;
	int ret = cb_cells_args(args, uargs, size, what);

	if (ret)
		return ret;
	memcpy(&reserved, (const u8 *)args + sizeof(u32), sizeof(reserved));
	if (reserved) {
		pr_err("%s: reserved is %#x, expected 0\n", what, reserved);
		return -EINVAL;
	}
	return 0;
}

bool cb_cells_exist(void)
{
	unsigned int id;

	for (id = 0; id < CB_LIMIT_CELLS; id++) {
		if (cb_state.created[id].used)
			return true;
	}
	return false;
}

/* A CPU of @cpus another cell the module created has: -EBUSY. */
static int cb_cells_cpus_unused(const struct cpumask *cpus)
{
	unsigned int id, cpu;

	for (id = 0; id < CB_LIMIT_CELLS; id++) {
		const struct cb_created *c = &cb_state.created[id];

		if (!c->used || !cpumask_intersects(cpus, &c->cpus))
			continue;
		cpu = cpumask_first_and(cpus, &c->cpus);
		pr_err("cell create: Linux CPU %u is cell %u's already: destroy that cell first\n",
		       cpu, id);
		return -EBUSY;
	}
	return 0;
}

/* The Linux CPUs of the config @cpu_set, offline; then the call. */
static long cb_cell_create_config(void *config, size_t size, u64 cpu_set)
{
	struct cpumask cpus, taken;
	s64 result;
	int ret;

	ret = cb_cell_cpus_of(cpu_set, &cpus, true);
	if (ret)
		return ret;
	ret = cb_cells_cpus_unused(&cpus);
	if (ret)
		return ret;
	ret = cb_cell_cpus_take(&cpus, &taken);
	if (ret)
		return ret;
	result = cb_hvc(CB_HC_CELL_CREATE, virt_to_phys(config), size, 0);
	if (result < 0) {
		pr_err("cell create refused by the hypervisor: %s%s\n",
		       cb_hc_error_name(result),
		       cb_cells_hint(CB_HC_CELL_CREATE, result));
		cb_cell_cpus_give(&taken);
		return cb_hc_errno(result);
	}
	if (result >= CB_LIMIT_CELLS) {
		/* Not reached: IDs index the hypervisor's table. */
		pr_warn("cell %lld created, an ID past the hypervisor's %u cells: its CPUs %*pbl will not come back on its destroy\n",
			result, CB_LIMIT_CELLS, cpumask_pr_args(&cpus));
		return result;
	}
	cb_state.created[result].used = true;
	cpumask_copy(&cb_state.created[result].cpus, &cpus);
	pr_info("cell %lld created: Linux CPUs %*pbl are its now\n", result,
		cpumask_pr_args(&cpus));
	return result;
}

static long cb_cell_create(const void __user *uargs)
{
	struct cb_cell_config_args args;
	void *config;
	u64 cpu_set;
	long ret;

	ret = cb_cells_args(&args, uargs, sizeof(args), "cell create");
	if (ret)
		return ret;
	if (!args.config_size || args.config_size > CB_CELL_CONFIG_MAX_SIZE) {
		pr_err("cell create: a config of %llu bytes, expected 1 to %u\n",
		       args.config_size, CB_CELL_CONFIG_MAX_SIZE);
		return -EINVAL;
	}
	/* kmalloc'd: in Linux's RAM and physically contiguous. */
	config = memdup_user(u64_to_user_ptr(args.config), args.config_size);
	if (IS_ERR(config)) {
		pr_err("cell create: could not copy its config's %llu bytes from user space (%ld)\n",
		       args.config_size, PTR_ERR(config));
		return PTR_ERR(config);
	}
	ret = cb_cell_config_check(config, args.config_size, &cpu_set);
	if (!ret)
		ret = cb_cell_create_config(config, args.config_size, cpu_set);
	kfree(config);
	return ret;
}

/* START and SHUTDOWN: one call each. */
static long cb_cell_act(const void __user *uargs, u32 call, const char *what)
{
	struct cb_cell_id_args args;
	s64 result;
	long ret;

	ret = cb_cells_id_args(&args, uargs, sizeof(args), what);
	if (ret)
		return ret;
	if (call != CB_HC_CELL_START && args.params) {
		pr_err("%s: params must be 0\n", what);
		return -EINVAL;
	}
	result = cb_hvc(call, args.id, args.params, 0);
	if (result)
		return cb_cells_refused(what, args.id, call, result);
	return 0;
}

/*
 * Which Linux CPUs come back after cell @id's destroy: those the module
 * gave it, or, for a cell it did not create, those of its cpu_set.
 */
static void cb_cell_destroy_cpus(u32 id, struct cpumask *cpus)
{
	struct cb_cell_info *info;
	s64 result;

	cpumask_clear(cpus);
	if (id < CB_LIMIT_CELLS && cb_state.created[id].used) {
		cpumask_copy(cpus, &cb_state.created[id].cpus);
		return;
	}
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return;
	result = cb_query(CB_HC_CELL_INFO, id, info, sizeof(*info));
	if (!result)
		cb_cell_cpus_of(info->cpu_set, cpus, false);
	else if (result != CB_HC_ENOENT)
		pr_warn("cell destroy: cell %u was not created here and its CPUs are unknown (info: %s): Linux brings none online after it\n",
			id, cb_hc_error_name(result));
	kfree(info);
}

static long cb_cell_destroy(const void __user *uargs)
{
	struct cb_cell_id_args args;
	struct cpumask cpus;
	s64 result;
	long ret;

	ret = cb_cells_id_args(&args, uargs, sizeof(args), "cell destroy");
	if (ret)
		return ret;
	cb_cell_destroy_cpus(args.id, &cpus);
	result = cb_hvc(CB_HC_CELL_DESTROY, args.id, 0, 0);
	if (result)
		return cb_cells_refused("destroy", args.id, CB_HC_CELL_DESTROY,
					result);
	if (args.id < CB_LIMIT_CELLS)
		cb_state.created[args.id].used = false;
	if (!cpumask_empty(&cpus))
		pr_info("cell %u destroyed: Linux CPUs %*pbl come back online\n",
			args.id, cpumask_pr_args(&cpus));
	/* Destroyed all the same if one does not come. */
	cb_cell_cpus_give(&cpus);
	return 0;
}

static long cb_cell_count(void)
{
	s64 result = cb_query_count();

	if (result < 0) {
		pr_err("cell count refused by the hypervisor: %s\n",
		       cb_hc_error_name(result));
		return cb_hc_errno(result);
	}
	return result;
}

/*
 * INFO and STATS: the hypervisor writes into a kernel buffer of the
 * user's size (at most a page), the structure's bytes go to the user.
 * @min: the smallest size the call takes, @full: the structure's size
 * (STATS writes min(size, full) bytes: a caller of revision 1.1 passes
 * CB_CELL_STATS_SIZE_1_1, hypercall.h).
 */
static long cb_cell_query(const void __user *uargs, u32 call, size_t min,
			  size_t full, const char *what)
{
	struct cb_cell_query_args args;
	size_t size;
	s64 result;
	void *buf;
	long ret;

	ret = cb_cells_id_args(&args, uargs, sizeof(args), what);
	if (ret)
		return ret;
	if (args.size < min) {
		pr_err("%s: a buffer of %llu bytes, smaller than the structure (%zu)\n",
		       what, args.size, min);
		return -EINVAL;
	}
	size = min_t(u64, args.size, PAGE_SIZE);
	buf = kzalloc(size, GFP_KERNEL);
	if (!buf) {
		pr_err("%s: no memory for a buffer of %zu bytes\n", what, size);
		return -ENOMEM;
	}
	result = cb_query(call, args.id, buf, size);
	if (result) {
		ret = cb_cells_refused(what, args.id, call, result);
	} else if (copy_to_user(u64_to_user_ptr(args.buffer), buf,
				min(size, full))) {
		pr_err("%s: could not write the user's buffer\n", what);
		ret = -EFAULT;
	}
	kfree(buf);
	return ret;
}

/* The ioctl's name for the messages, NULL for none of the cell ioctls. */
static const char *cb_cells_ioctl_name(unsigned int cmd)
{
	switch (cmd) {
	case CB_IOCTL_CELL_CREATE:
		return "cell create";
	case CB_IOCTL_CELL_LOAD:
		return "cell load";
	case CB_IOCTL_CELL_START:
		return "cell start";
	case CB_IOCTL_CELL_SHUTDOWN:
		return "cell shutdown";
	case CB_IOCTL_CELL_DESTROY:
		return "cell destroy";
	case CB_IOCTL_CELL_COUNT:
		return "cell count";
	case CB_IOCTL_CELL_INFO:
		return "cell info";
	case CB_IOCTL_CELL_STATS:
		return "cell stats";
	}
	return NULL;
}

bool cb_cells_ioctl_cmd(unsigned int cmd)
{
	return cb_cells_ioctl_name(cmd);
}

static long cb_cells_ioctl_locked(unsigned int cmd, const void __user *uargs)
{
	switch (cmd) {
	case CB_IOCTL_CELL_CREATE:
		return cb_cell_create(uargs);
	case CB_IOCTL_CELL_LOAD:
		return cb_cell_load(uargs);
	case CB_IOCTL_CELL_START:
		return cb_cell_act(uargs, CB_HC_CELL_START, "start");
	case CB_IOCTL_CELL_SHUTDOWN:
		return cb_cell_act(uargs, CB_HC_CELL_SHUTDOWN, "shutdown");
	case CB_IOCTL_CELL_DESTROY:
		return cb_cell_destroy(uargs);
	case CB_IOCTL_CELL_COUNT:
		return cb_cell_count();
	case CB_IOCTL_CELL_INFO:
		return cb_cell_query(uargs, CB_HC_CELL_INFO,
				     sizeof(struct cb_cell_info),
				     sizeof(struct cb_cell_info), "info");
	case CB_IOCTL_CELL_STATS:
		return cb_cell_query(uargs, CB_HC_CELL_STATS,
				     CB_CELL_STATS_SIZE_1_1,
				     sizeof(struct cb_cell_stats), "stats");
	}
	return -ENOTTY;
}

long cb_cells_ioctl(unsigned int cmd, unsigned long arg)
{
	long ret;

	mutex_lock(&cb_state.lock);
	if (!cb_state.enabled) {
		pr_err("%s: not enabled: there are no cells until the hypervisor is enabled\n",
		       cb_cells_ioctl_name(cmd));
		ret = -EINVAL;
	} else {
		ret = cb_cells_ioctl_locked(cmd, (const void __user *)arg);
	}
	mutex_unlock(&cb_state.lock);
	return ret;
}
