// SPDX-License-Identifier: GPL-2.0-only
/*
 * Read-only attributes of the misc device, in /sys/class/misc/cellblock/:
 *   enabled      "1\n" while CPUs run under the hypervisor, else "0\n"
 *   hypervisor   "START SIZE\n" of the hypervisor's region while enabled,
 *                both hexadecimal with 0x (e.g. "0x7c000000 0x4000000\n");
 *                empty when not enabled
 *   cells        one line per cell of the hypervisor, by ID, while enabled
 *                (else empty): "ID NAME STATE\n", STATE one of running,
 *                stopped, failed, restarting, loadable, destroyed
 *                (enum cb_cell_state); "ID ? unreadable\n" for a cell the
 *                hypervisor does not describe to the root cell (its config
 *                has no read-cells)
 *   console      the end of the hypervisor's console output while enabled
 *                (else empty): its last bytes that fit one page, as the
 *                UART showed them (struct cb_console_log, driver.h)
 * Each read takes the state's lock, so it never sees an enable halfway.
 */
#include "cellblock.h"

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
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

static ssize_t console_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	const struct cb_console_log *log;
	u64 written, from, n;
	ssize_t len = 0;
	u32 size;

	mutex_lock(&cb_state.lock);
	log = cb_state.console_log;
	if (cb_state.enabled && log && READ_ONCE(log->size) &&
	    READ_ONCE(log->magic) == CB_CONSOLE_LOG_MAGIC) {
		size = READ_ONCE(log->size);
		written = smp_load_acquire(&log->written);
		from = written > PAGE_SIZE - 1 ? written - (PAGE_SIZE - 1) : 0;
		if (written - from > size)
			from = written - size;
		for (n = from; n < written; n++)
			buf[len++] = log->data[n % size];
	}
	mutex_unlock(&cb_state.lock);
	return len;
}
static DEVICE_ATTR_RO(console);

static const char *const cb_cell_state_names[] = CB_CELL_STATE_NAMES;

static const char *cb_cell_state_name(u32 state)
{
	if (state < ARRAY_SIZE(cb_cell_state_names) &&
	    cb_cell_state_names[state])
		return cb_cell_state_names[state];
	return "unknown";
}

/* Lock held, enabled. @info: kmalloc'd, for the hypervisor to write. */
static ssize_t cb_cells_emit(char *buf, struct cb_cell_info *info)
{
	s64 count = cb_query_count(), id;
	ssize_t len = 0;

	/* The table never holds more: a bound on the page all the same. */
	for (id = 0; id < min_t(s64, count, CB_LIMIT_CELLS); id++) {
		if (cb_query(CB_HC_CELL_INFO, id, info, sizeof(*info))) {
			len += sysfs_emit_at(buf, len, "%lld ? unreadable\n", id);
			continue;
		}
		info->name[sizeof(info->name) - 1] = '\0';
		len += sysfs_emit_at(buf, len, "%u %s %s\n", info->id,
				     info->name,
				     cb_cell_state_name(info->state));
	}
	return len;
}

static ssize_t cells_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct cb_cell_info *info;
	ssize_t len = 0;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	mutex_lock(&cb_state.lock);
	if (cb_state.enabled)
		len = cb_cells_emit(buf, info);
	mutex_unlock(&cb_state.lock);
	kfree(info);
	return len;
}
static DEVICE_ATTR_RO(cells);

static struct attribute *cb_sysfs_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_hypervisor.attr,
	&dev_attr_console.attr,
	&dev_attr_cells.attr,
	NULL,
};

static const struct attribute_group cb_sysfs_group = {
	.attrs = cb_sysfs_attrs,
};

const struct attribute_group *cb_sysfs_groups[] = {
	&cb_sysfs_group,
	NULL,
};
