// SPDX-License-Identifier: GPL-2.0-only
/*
 * The few fields of a system config (include/cellblock/config.h) the
 * module acts on: the /hypervisor region it copies into, and the root
 * cell's CPUs, which must be Linux's; of a cell config (CELL_CREATE) its
 * CPUs, which Linux gives up. Only what those reads rely on is checked
 * here (header, array counts, where the root cell lies); the hypervisor
 * validates the whole config again, CRC included, and prints on its
 * console why it refuses one.
 */
#include "cellblock.h"

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <asm/cputype.h>

/* @what: "config" or "cell config", for the messages. */
static int cb_config_check_header(const struct cb_config_header *header,
				  size_t size, u16 kind, size_t min_size,
				  const char *what)
{
	if (size < min_size) {
		pr_err("%s: %zu bytes, smaller than a %s (%zu)\n", what, size,
		       kind == CB_CONFIG_KIND_SYSTEM ? "system config" :
						       "cell config",
		       min_size);
		return -EINVAL;
	}
	if (header->magic != CB_CONFIG_MAGIC) {
		pr_err("%s: not a cellblock config (magic %#x, expected %#x)\n",
		       what, header->magic, CB_CONFIG_MAGIC);
		return -EINVAL;
	}
	if (header->revision != CB_CONFIG_REVISION) {
		pr_err("%s: revision %u, this module reads revision %u: compile it with the matching cellblock\n",
		       what, header->revision, CB_CONFIG_REVISION);
		return -EINVAL;
	}
	if (header->kind != kind) {
		pr_err("%s: kind %u, expected a %s (%u)\n", what, header->kind,
		       kind == CB_CONFIG_KIND_SYSTEM ? "system config" :
						       "cell config",
		       kind);
		return -EINVAL;
	}
	if (header->total_size != size) {
		pr_err("%s: total_size %u, but %zu bytes were given\n", what,
		       header->total_size, size);
		return -EINVAL;
	}
	return 0;
}

/* The hypervisor region, as the module's arithmetic on it needs it. */
static int cb_config_check_region(const struct cb_system_config *sys)
{
	u64 start = sys->hypervisor_start, size = sys->hypervisor_size;

	if (!size || !IS_ALIGNED(start, SZ_4K) || !IS_ALIGNED(size, SZ_4K) ||
	    start + size < start) {
		pr_err("config: hypervisor region %#llx, %#llx bytes: expected a 4 KiB-aligned start and size\n",
		       start, size);
		return -EINVAL;
	}
	return 0;
}

/* Where the root cell lies: after the arrays, inside the config. */
static const struct cb_cell_config *
cb_config_root(const struct cb_system_config *sys, size_t size)
{
	u64 offset;

	if (!sys->root_cell_size) {
		pr_err("config: the system config has no root cell (a root-less system boots from a cellblock image, not from Linux)\n");
		return NULL;
	}
	if (sys->cpu_count > CB_MAX_CPUS || sys->ram_count > CB_MAX_RAM_WINDOWS ||
	    sys->device_count > CB_MAX_DEVICE_WINDOWS ||
	    sys->link_count > CB_MAX_LINKS) {
		pr_err("config: %u CPUs, %u RAM windows, %u device windows, %u links: expected at most %u, %u, %u, %u\n",
		       sys->cpu_count, sys->ram_count, sys->device_count,
		       sys->link_count, CB_MAX_CPUS, CB_MAX_RAM_WINDOWS,
		       CB_MAX_DEVICE_WINDOWS, CB_MAX_LINKS);
		return NULL;
	}
	/* No overflow: the counts are bounded above. */
	offset = (const char *)cb_system_root_cell(sys) - (const char *)sys;
	if (sys->root_cell_size < sizeof(struct cb_cell_config) ||
	    offset + sys->root_cell_size > size) {
		pr_err("config: a root cell of %u bytes at offset %llu does not fit in its %zu bytes\n",
		       sys->root_cell_size, offset, size);
		return NULL;
	}
	return cb_system_root_cell(sys);
}

static int cb_config_root_cpus(const struct cb_system_config *sys,
			       const struct cb_cell_config *root,
			       struct cb_plan *plan)
{
	const u64 *mpidr = cb_system_mpidrs(sys);
	unsigned int i;

	if (root->header.magic != CB_CONFIG_MAGIC ||
	    root->header.kind != CB_CONFIG_KIND_CELL) {
		pr_err("config: the root cell is not a cell config (magic %#x, kind %u)\n",
		       root->header.magic, root->header.kind);
		return -EINVAL;
	}
	if (!root->cpu_set || (sys->cpu_count < 64 &&
			       root->cpu_set >> sys->cpu_count)) {
		pr_err("config: the root cell's cpu_set %#llx: expected some of the system's %u CPUs\n",
		       root->cpu_set, sys->cpu_count);
		return -EINVAL;
	}
	plan->root_count = 0;
	for (i = 0; i < sys->cpu_count; i++) {
		if (!(root->cpu_set & BIT_ULL(i)))
			continue;
		plan->root_index[plan->root_count] = i;
		plan->root_mpidr[plan->root_count] = mpidr[i] & MPIDR_HWID_BITMASK;
		plan->root_count++;
	}
	return 0;
}

int cb_config_check(const void *config, size_t size, struct cb_plan *plan)
{
	const struct cb_system_config *sys = config;
	const struct cb_cell_config *root;
	int ret;

	ret = cb_config_check_header(&sys->header, size, CB_CONFIG_KIND_SYSTEM,
				     sizeof(*sys), "config");
	if (ret)
		return ret;
	ret = cb_config_check_region(sys);
	if (ret)
		return ret;
	root = cb_config_root(sys, size);
	if (!root)
		return -EINVAL;
	ret = cb_config_root_cpus(sys, root, plan);
	if (ret)
		return ret;
	plan->watchdog_us = root->watchdog_us;
	plan->hypervisor_start = sys->hypervisor_start;
	plan->hypervisor_size = sys->hypervisor_size;
	plan->config_size = sys->header.total_size;
	plan->cpu_count = sys->cpu_count;
	return 0;
}

int cb_cell_config_check(const void *config, size_t size, u64 *cpu_set)
{
	const struct cb_cell_config *cell = config;
	int ret;

	ret = cb_config_check_header(&cell->header, size, CB_CONFIG_KIND_CELL,
				     sizeof(*cell), "cell config");
	if (ret)
		return ret;
	*cpu_set = cell->cpu_set;
	return 0;
}
