// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux's CPUs against the root cell's. The hypervisor takes every CPU
 * Linux runs on into the root cell, so the two sets must be the same:
 * each online CPU's MPIDR one of the root cell's, and each root CPU
 * online. Checked here, before anything is copied, with CPU hotplug held
 * off, so the message can name the CPU; enter.c checks again inside
 * stop_machine, where the set cannot change.
 */
#include "cellblock.h"

#include <linux/cpu.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <asm/cputype.h>

int cb_plan_root_of(const struct cb_plan *plan, u64 mpidr)
{
	unsigned int i;

	for (i = 0; i < plan->root_count; i++) {
		if (plan->root_mpidr[i] == mpidr)
			return i;
	}
	return -1;
}

/* Runs on the CPU asked about: the register, not Linux's idea of it. */
static void cb_cpus_read_mpidr(void *mpidr)
{
	*(u64 *)mpidr = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
}

static int cb_cpus_check_locked(const struct cb_plan *plan)
{
	u64 found = 0, mpidr;
	unsigned int cpu, i;
	int root;

	for_each_online_cpu(cpu) {
		if (smp_call_function_single(cpu, cb_cpus_read_mpidr, &mpidr,
					     1)) {
			pr_err("CPU %u: could not read its MPIDR\n", cpu);
			return -EBUSY;
		}
		root = cb_plan_root_of(plan, mpidr);
		if (root < 0) {
			pr_err("CPU %u (MPIDR %#llx) is not one of the root cell's CPUs: take it offline or give it to the root cell\n",
			       cpu, mpidr);
			return -EBUSY;
		}
		found |= BIT_ULL(root);
	}
	for (i = 0; i < plan->root_count; i++) {
		if (!(found & BIT_ULL(i))) {
			pr_err("the root cell's CPU %u (MPIDR %#llx) is not online in Linux: bring it online first\n",
			       plan->root_index[i], plan->root_mpidr[i]);
			return -EBUSY;
		}
	}
	return 0;
}

int cb_cpus_check(const struct cb_plan *plan)
{
	int ret;

	cpus_read_lock();
	ret = cb_cpus_check_locked(plan);
	cpus_read_unlock();
	return ret;
}
