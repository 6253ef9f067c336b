// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handing Linux's CPUs to a cell and taking them back. A cell config
 * names its CPUs as bits of the system config's CPU list; the map of
 * enable (struct cb_cpu_map, from each CPU's MPIDR) says which Linux CPU
 * each is. A created cell's CPUs must be off in the root cell: Linux
 * takes them offline itself (remove_cpu(), PSCI CPU_OFF to the
 * hypervisor), and brings them online again (add_cpu(), PSCI CPU_ON)
 * once the cell is destroyed and the hypervisor gave them back.
 *
 * remove_cpu() and add_cpu() take the device and CPU hotplug locks
 * themselves; the callers hold only the module's lock, which nothing
 * holding those takes. Both return 0, 1 when the CPU already was in that
 * state, or a negative errno.
 */
#include "cellblock.h"

#include <linux/bitops.h>
#include <linux/cpu.h>
#include <linux/errno.h>
#include <linux/printk.h>

int cb_cell_cpus_of(u64 cpu_set, struct cpumask *cpus, bool strict)
{
	const struct cb_cpu_map *map = &cb_state.map;
	unsigned int i;

	cpumask_clear(cpus);
	for (i = 0; i < CB_MAX_CPUS; i++) {
		if (!(cpu_set & BIT_ULL(i)))
			continue;
		if (i < map->count && map->linux_cpu[i] >= 0) {
			cpumask_set_cpu(map->linux_cpu[i], cpus);
			continue;
		}
		if (!strict)
			continue;
		if (i >= map->count)
			pr_err("cell config: CPU %u: the system config has only %u CPUs\n",
			       i, map->count);
		else
			pr_err("cell config: CPU %u of the system config is not one of Linux's (not the root cell's): Linux cannot lend it\n",
			       i);
		return -EBUSY;
	}
	return 0;
}

int cb_cell_cpus_take(const struct cpumask *cpus, struct cpumask *taken)
{
	unsigned int cpu;
	int ret;

	cpumask_clear(taken);
	for_each_cpu(cpu, cpus) {
		if (!cpu_online(cpu))
			continue;
		ret = remove_cpu(cpu);
		if (ret < 0) {
			pr_err("CPU %u: Linux cannot take it offline (error %d)\n",
			       cpu, ret);
			cb_cell_cpus_give(taken);
			cpumask_clear(taken);
			return -EBUSY;
		}
		if (!ret)
			cpumask_set_cpu(cpu, taken);
	}
	return 0;
}

void cb_cell_cpus_give(const struct cpumask *cpus)
{
	unsigned int cpu;
	int ret;

	for_each_cpu(cpu, cpus) {
		ret = add_cpu(cpu);
		if (ret < 0)
			pr_warn("CPU %u: Linux could not bring it online again (error %d): try echo 1 > /sys/devices/system/cpu/cpu%u/online\n",
				cpu, ret, cpu);
	}
}
