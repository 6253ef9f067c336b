// SPDX-License-Identifier: GPL-2.0-only
/*
 * cellblock.ko: lifts the running Linux into the root cell of the
 * cellblock hypervisor and lets it go again (Linux-managed boot; the
 * contract is include/cellblock/driver.h). This file is the device,
 * /dev/cellblock, with its enable and disable ioctls, and the module's
 * state; the steps are in the other files (cellblock.h lists them), the
 * cell ioctls in cells.c.
 *
 * Only CAP_SYS_ADMIN may use the ioctls (-EPERM). One mutex,
 * cb_state.lock, serialises them and the sysfs reads; nothing else is
 * locked, and it is taken before anything stop_machine or CPU hotplug
 * takes. A disable is refused (-EBUSY) while cells the module created
 * exist. While enabled the module holds a reference to itself, so no
 * rmmod forgets which CPUs run under the hypervisor.
 *
 * Errors: -EPERM not permitted, -EINVAL bad input (hypervisor.bin,
 * config, region too small, not enabled), -EBUSY already enabled, region
 * used by Linux, CPUs not matching the root cell or (disable) cells
 * still exist, -ENODEV no EL2 free
 * for the hypervisor; a hypervisor's refusal as its error says
 * (hvc.c). Each refusal prints one line saying what and why.
 */
#include "cellblock.h"

#include <linux/io.h>

#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hvc.h"

struct cb_state cb_state = {
	.lock = __MUTEX_INITIALIZER(cb_state.lock),
};

static int cb_enable_locked(const struct cb_enable_args *args)
{
	struct cb_blobs blobs = {};
	struct cb_plan plan = {};
	int ret;

	if (cb_state.enabled) {
		pr_err("already enabled (hypervisor at %#llx): disable it first\n",
		       cb_state.hypervisor_start);
		return -EBUSY;
	}
	if (cb_state.attached) {
		pr_err("this Linux runs in a cell of cellblock already (restarted by it): there is nothing to enable\n");
		return -EBUSY;
	}
	ret = cb_el2_check();
	if (ret)
		return ret;
	ret = cb_load_fetch(args, &blobs, &plan);
	if (ret)
		return ret;
	ret = cb_cpus_check(&plan);
	if (ret)
		goto out;
	ret = cb_load_copy(&blobs, &plan);
	if (ret)
		goto out;
	/* Cannot fail while the device is open; checked all the same. */
	if (!try_module_get(THIS_MODULE)) {
		pr_err("the module is being unloaded\n");
		ret = -ENODEV;
		goto out;
	}
	ret = cb_enter(&plan, &cb_state.entered, &cb_state.map);
	if (cpumask_empty(&cb_state.entered)) {
		module_put(THIS_MODULE);
		goto out;
	}
	/* Enabled, or a failed enable some CPUs could not leave. */
	cb_state.enabled = true;
	memset(cb_state.created, 0, sizeof(cb_state.created));
	cb_state.hypervisor_start = plan.hypervisor_start;
	cb_state.hypervisor_size = plan.hypervisor_size;
	/* Cacheable, as the hypervisor writes it: coherent with it. */
	cb_state.console_log = memremap(ALIGN(plan.config_start +
					      plan.config_size, PAGE_SIZE),
					CB_CONSOLE_LOG_SIZE, MEMREMAP_WB);
	cb_state.watchdog_us = plan.watchdog_us;
	cb_watchdog_start(cb_state.watchdog_us);
	if (!ret)
		pr_info("enabled: CPUs %*pbl run Linux as the root cell; the hypervisor is at %#llx - %#llx\n",
			cpumask_pr_args(&cb_state.entered),
			plan.hypervisor_start,
			plan.hypervisor_start + plan.hypervisor_size - 1);
out:
	cb_load_free(&blobs);
	return ret;
}

static long cb_ioctl_enable(const void __user *uargs)
{
	struct cb_enable_args args;
	int ret;

	if (copy_from_user(&args, uargs, sizeof(args)))
		return -EFAULT;
	mutex_lock(&cb_state.lock);
	ret = cb_enable_locked(&args);
	mutex_unlock(&cb_state.lock);
	return ret;
}

static long cb_ioctl_disable(void)
{
	int ret;

	mutex_lock(&cb_state.lock);
	if (!cb_state.enabled) {
		pr_err("not enabled: nothing to disable\n");
		ret = -EINVAL;
		goto out;
	}
	/* Before cb_leave(): their CPUs are offline in Linux, which it
	   would name instead of the reason. */
	if (cb_cells_exist()) {
		pr_err("cannot disable: cells other than the root exist: destroy them first\n");
		ret = -EBUSY;
		goto out;
	}
	/* No pet may reach the hypervisor's stub once it is gone; if the
	   disable is refused, the petting goes on. */
	cb_watchdog_stop();
	ret = cb_leave(&cb_state.entered);
	if (!cpumask_empty(&cb_state.entered)) {
		cb_watchdog_start(cb_state.watchdog_us);
	} else {
		cb_state.enabled = false;
		if (cb_state.console_log)
			memunmap(cb_state.console_log);
		cb_state.console_log = NULL;
		module_put(THIS_MODULE);
		pr_info("disabled: Linux runs on its own again\n");
	}
out:
	mutex_unlock(&cb_state.lock);
	return ret;
}

static long cb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != CB_IOCTL_ENABLE && cmd != CB_IOCTL_DISABLE &&
	    !cb_cells_ioctl_cmd(cmd))
		return -ENOTTY;
	if (!capable(CAP_SYS_ADMIN)) {
		pr_err_ratelimited("%s: not permitted: the ioctls of /dev/%s need CAP_SYS_ADMIN\n",
				   current->comm, CB_DEVICE_NAME);
		return -EPERM;
	}
	if (cmd == CB_IOCTL_ENABLE)
		return cb_ioctl_enable((const void __user *)arg);
	if (cmd == CB_IOCTL_DISABLE)
		return cb_ioctl_disable();
	return cb_cells_ioctl(cmd, arg);
}

static const struct file_operations cb_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = cb_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice cb_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = CB_DEVICE_NAME,
	.fops = &cb_fops,
	.groups = cb_sysfs_groups,
	.mode = 0600,
};

static int __init cb_init(void)
{
	int ret;

	ret = misc_register(&cb_device);
	if (ret) {
		pr_err("could not register /dev/%s (%d)\n", CB_DEVICE_NAME, ret);
		return ret;
	}
	pr_info("/dev/%s ready (driver revision %u)\n", CB_DEVICE_NAME,
		CB_DRIVER_REVISION);
	mutex_lock(&cb_state.lock);
	cb_attach();
	mutex_unlock(&cb_state.lock);
	return 0;
}

/* Never while enabled: the module holds a reference to itself then. */
static void __exit cb_exit(void)
{
	mutex_lock(&cb_state.lock);
	cb_watchdog_stop();	/* attached: the cell's watchdog fires next */
	mutex_unlock(&cb_state.lock);
	misc_deregister(&cb_device);
}

module_init(cb_init);
module_exit(cb_exit);

MODULE_DESCRIPTION("cellblock: lifts Linux into the root cell of the cellblock hypervisor");
MODULE_LICENSE("GPL");
