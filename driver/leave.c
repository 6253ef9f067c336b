// SPDX-License-Identifier: GPL-2.0-only
/*
 * Leaving: each CPU under the hypervisor in turn asks it to give EL2 back
 * (CB_HC_DISABLE, hypercall.h), inside one stop_machine, in ascending CPU
 * number. The hypervisor refuses on the first CPU, changing nothing, while
 * a cell other than the root cell exists; a refusal stops the CPUs after
 * it from trying. Every CPU that entered must be online: an offline one
 * has no way to make its call. A CPU that a hyp stub answers for (not
 * cellblock's hypervisor: it lost its EL2 state) is out already and
 * counts as left, so the module cannot stay enabled for a CPU that no
 * hypervisor holds.
 */
#include "cellblock.h"

#include <linux/cpu.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/stop_machine.h>

#include <cellblock/hypercall.h>

#include "hvc.h"
#include "turns.h"

struct cb_leave {
	const struct cpumask *entered;
	s64 *result;		/* nr_cpu_ids of them */
	struct cpumask called;
	atomic_t turn;
	bool refused;		/* an entered CPU was offline: nobody calls */
	bool failed;		/* a call failed: the rest skip */
};

static int cb_leave_cpu_fn(void *data)
{
	struct cb_leave *l = data;
	unsigned int cpu = smp_processor_id();
	unsigned int turn;

	/* Every CPU sees the same masks: all agree, none waits forever. */
	if (!cpumask_subset(l->entered, cpu_online_mask)) {
		WRITE_ONCE(l->refused, true);
		return 0;
	}
	if (!cpumask_test_cpu(cpu, l->entered))
		return 0;
	turn = cb_turn_of(cpu, l->entered);
	cb_turn_wait(&l->turn, turn);
	if (!READ_ONCE(l->failed)) {
		cpumask_set_cpu(cpu, &l->called);
		l->result[cpu] = cb_hvc(CB_HC_DISABLE, 0, 0, 0);
		if (l->result[cpu] && l->result[cpu] != CB_HVC_STUB_ERR)
			WRITE_ONCE(l->failed, true);
	}
	cb_turn_pass(&l->turn, turn);
	return 0;
}

static int cb_leave_check_online(const struct cpumask *entered)
{
	unsigned int cpu;

	for_each_cpu(cpu, entered) {
		if (!cpu_online(cpu)) {
			pr_err("CPU %u is offline: bring it online first (it runs under the hypervisor and must leave it)\n",
			       cpu);
			return -EBUSY;
		}
	}
	return 0;
}

static const char *cb_leave_hint(s64 result)
{
	switch (result) {
	case CB_HC_EBUSY:
		return ": cells other than the root cell exist (destroy them first), or a root cell CPU is off";
	case CB_HC_EPERM:
		return ": this Linux is not the root cell";
	case CB_HC_EFROZEN:
		return ": management is frozen until the machine resets";
	case CB_HC_ENOSYS:
		return ": the hypervisor was booted from an image, there is no Linux to return to";
	default:
		return "";
	}
}

/* Clears the CPUs that left from @entered; reports the one that did not. */
static int cb_leave_report(const struct cb_leave *l, struct cpumask *entered)
{
	bool first = true;
	unsigned int cpu;
	s64 result;

	if (l->refused) {
		pr_err("a CPU under the hypervisor went offline during disable: bring it online and try again\n");
		return -EBUSY;
	}
	for_each_cpu(cpu, &l->called) {
		result = l->result[cpu];
		if (!result) {
			cpumask_clear_cpu(cpu, entered);
			first = false;
			continue;
		}
		/* A hyp stub answered: the CPU is out already (its EL2
		   state was lost, say), which is what was asked. */
		if (result == CB_HVC_STUB_ERR) {
			pr_warn("CPU %u was no longer under the hypervisor (a hyp stub answered %#x): counted as left\n",
				cpu, CB_HVC_STUB_ERR);
			cpumask_clear_cpu(cpu, entered);
			continue;
		}
		if (first)
			pr_err("the hypervisor refused to disable: %s%s\n",
			       cb_hc_error_name(result), cb_leave_hint(result));
		else
			pr_err("CPU %u: the hypervisor refused to let it leave: %s; CPUs %*pbl still run under it\n",
			       cpu, cb_hc_error_name(result),
			       cpumask_pr_args(entered));
		return cb_hc_errno(result);
	}
	return 0;
}

int cb_leave(struct cpumask *entered)
{
	struct cb_leave *l;
	int ret;

	cpus_read_lock();
	ret = cb_leave_check_online(entered);
	cpus_read_unlock();
	if (ret)
		return ret;

	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->result = kcalloc(nr_cpu_ids, sizeof(*l->result), GFP_KERNEL);
	if (!l->result) {
		ret = -ENOMEM;
		goto out;
	}
	l->entered = entered;
	atomic_set(&l->turn, 0);
	ret = stop_machine(cb_leave_cpu_fn, l, cpu_online_mask);
	if (!ret)
		ret = cb_leave_report(l, entered);
	kfree(l->result);
out:
	kfree(l);
	return ret;
}
