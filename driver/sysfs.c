// SPDX-License-Identifier: GPL-2.0-only
/*
 * Read-only attributes of the misc device, in /sys/class/misc/cellblock/:
 *   enabled      "1\n" while CPUs run under the hypervisor, else "0\n"
 *   hypervisor   "START SIZE\n" of the hypervisor's region while enabled,
 *                both hexadecimal with 0x (e.g. "0x7c000000 0x4000000\n");
 *                empty when not enabled
 * Each read takes the state's lock, so it never sees an enable halfway.
 */
#include "cellblock.h"

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/sysfs.h>

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	bool enabled;

	mutex_lock(&cb_state.lock);
	enabled = cb_state.enabled;
	mutex_unlock(&cb_state.lock);
	return sysfs_emit(buf, "%d\n", enabled);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t hypervisor_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	ssize_t len = 0;

	mutex_lock(&cb_state.lock);
	if (cb_state.enabled)
		len = sysfs_emit(buf, "%#llx %#llx\n", cb_state.hypervisor_start,
				 cb_state.hypervisor_size);
	mutex_unlock(&cb_state.lock);
	return len;
}
static DEVICE_ATTR_RO(hypervisor);

static struct attribute *cb_sysfs_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_hypervisor.attr,
	NULL,
};

static const struct attribute_group cb_sysfs_group = {
	.attrs = cb_sysfs_attrs,
};

const struct attribute_group *cb_sysfs_groups[] = {
	&cb_sysfs_group,
	NULL,
};
