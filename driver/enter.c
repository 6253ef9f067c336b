// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entering: each online CPU in turn hands EL2 to the hypervisor and comes
 * back as a CPU of the root cell (the two calls of
 * include/cellblock/driver.h), all inside one stop_machine, so no CPU runs
 * Linux code meanwhile and none comes or goes.
 *
 * The callback first checks, on every CPU, what cpus.c checked before
 * (the set could have changed since); if any check fails no CPU calls
 * anything. Then the turns: if one CPU's call fails, the CPUs after it do
 * not try, and in a second round, in the same order, the CPUs that had
 * entered leave again (CB_HC_DISABLE), so a failed enable leaves Linux as
 * it was. Results are kept per CPU and printed after stop_machine, with
 * interrupts on again, and each entered CPU's MPIDR names its CPU of the
 * system config (struct cb_cpu_map, for the cells' CPUs later).
 *
 * The hyp stub runs with the EL2 MMU and caches off (SCTLR_EL2.M, C and I
 * clear), so the hypervisor's first instructions are fetched from memory,
 * where load.c put them: no cache maintenance is needed before the calls.
 */
#include "cellblock.h"

#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/stop_machine.h>
#include <asm/cputype.h>

#include <cellblock/hypercall.h>

#include "hvc.h"
#include "turns.h"

struct cb_enter_cpu {
	u64 mpidr;
	bool no_el2;		/* checks */
	bool not_root;
	bool called;		/* made the calls */
	s64 vectors_result;	/* CB_HVC_SET_VECTORS */
	s64 enter_result;	/* CB_HVC_ENTER */
	bool entered;
	bool undone;		/* left again after another CPU failed */
	s64 undo_result;	/* CB_HC_DISABLE */
};

struct cb_enter {
	const struct cb_plan *plan;
	struct cb_enter_cpu *cpu;	/* nr_cpu_ids of them */
	struct cpumask online;		/* the CPUs that ran the callback */
	unsigned int count;		/* how many */
	atomic_t arrived;
	atomic_t turn;
	bool refused;			/* a check failed: nobody calls */
	bool failed;			/* a call failed: the rest skip */
};

static void cb_enter_this_cpu(struct cb_enter *e, struct cb_enter_cpu *me)
{
	const struct cb_plan *plan = e->plan;

	me->called = true;
	me->vectors_result = cb_hvc(CB_HVC_SET_VECTORS, plan->vectors, 0, 0);
	if (me->vectors_result) {
		WRITE_ONCE(e->failed, true);
		return;
	}
	me->enter_result = cb_hvc4(CB_HVC_ENTER, plan->config_start,
				   plan->config_size, plan->root_count,
				   plan->restart_start);
	if (me->enter_result) {
		WRITE_ONCE(e->failed, true);
		return;
	}
	me->entered = true;
}

static int cb_enter_cpu_fn(void *data)
{
	struct cb_enter *e = data;
	unsigned int cpu = smp_processor_id();
	unsigned int count = num_online_cpus();
	unsigned int turn = cb_turn_of(cpu, cpu_online_mask);
	struct cb_enter_cpu *me = &e->cpu[cpu];

	me->mpidr = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
	/* Before any hvc: without EL2 it would be undefined. */
	me->no_el2 = !cb_el2_implemented();
	me->not_root = cb_plan_root_of(e->plan, me->mpidr) < 0;
	cpumask_set_cpu(cpu, &e->online);
	WRITE_ONCE(e->count, count);
	if (me->no_el2 || me->not_root || count != e->plan->root_count)
		WRITE_ONCE(e->refused, true);
	cb_turn_meet(&e->arrived, count);

	cb_turn_wait(&e->turn, turn);
	if (!READ_ONCE(e->refused) && !READ_ONCE(e->failed))
		cb_enter_this_cpu(e, me);
	cb_turn_pass(&e->turn, turn);

	cb_turn_wait(&e->turn, count + turn);
	if (READ_ONCE(e->failed) && me->entered) {
		me->undo_result = cb_hvc(CB_HC_DISABLE, 0, 0, 0);
		me->undone = !me->undo_result;
	}
	cb_turn_pass(&e->turn, count + turn);
	return 0;
}

static int cb_enter_report_refused(const struct cb_enter *e)
{
	unsigned int cpu;

	for_each_cpu(cpu, &e->online) {
		const struct cb_enter_cpu *c = &e->cpu[cpu];

		if (c->no_el2) {
			pr_err("CPU %u has no EL2 (ID_AA64PFR0_EL1.EL2 is 0): the hypervisor cannot run on it\n",
			       cpu);
			return -ENODEV;
		}
		if (c->not_root) {
			pr_err("CPU %u (MPIDR %#llx) is not one of the root cell's CPUs (it came online during enable?): take it offline\n",
			       cpu, c->mpidr);
			return -EBUSY;
		}
	}
	pr_err("%u CPUs are online, the root cell has %u: CPUs came online or went offline during enable: try again\n",
	       e->count, e->plan->root_count);
	return -EBUSY;
}

/* The one CPU whose call failed. */
static int cb_enter_report_failure(unsigned int cpu,
				   const struct cb_enter_cpu *c)
{
	if (c->vectors_result) {
		pr_err("CPU %u: EL2 is not Linux's hyp stub (hvc SET_VECTORS returned %#llx): KVM holds it? boot with kvm-arm.mode=none\n",
		       cpu, c->vectors_result);
		return -ENODEV;
	}
	if (c->enter_result == CB_HVC_STUB_ERR) {
		pr_err("CPU %u: the entry vectors of hypervisor.bin do not know the enter call (it returned %#x)\n",
		       cpu, CB_HVC_STUB_ERR);
		return -EIO;
	}
	if (c->enter_result > 0) {
		pr_err("CPU %u: the hypervisor's enter call returned %#llx, expected 0 or an error\n",
		       cpu, c->enter_result);
		return -EIO;
	}
	pr_err("CPU %u: the hypervisor refused to enter: %s; its console says why\n",
	       cpu, cb_hc_error_name(c->enter_result));
	return cb_hc_errno(c->enter_result);
}

/* Which system config CPU the entered @cpu is: the MPIDR it read. */
static void cb_enter_map(const struct cb_enter *e, unsigned int cpu,
			 struct cb_cpu_map *map)
{
	int root = cb_plan_root_of(e->plan, e->cpu[cpu].mpidr);

	/* Always found: the CPU checked it before entering. */
	if (root >= 0)
		map->linux_cpu[e->plan->root_index[root]] = cpu;
}

static int cb_enter_report(const struct cb_enter *e, struct cpumask *entered,
			   struct cb_cpu_map *map)
{
	unsigned int cpu;
	int ret = 0;

	if (e->refused)
		return cb_enter_report_refused(e);
	for_each_cpu(cpu, &e->online) {
		const struct cb_enter_cpu *c = &e->cpu[cpu];

		if (c->called && !c->entered)
			ret = cb_enter_report_failure(cpu, c);
		if (c->entered && !c->undone) {
			cpumask_set_cpu(cpu, entered);
			cb_enter_map(e, cpu, map);
		}
		if (c->entered && e->failed && !c->undone)
			pr_err("CPU %u: could not leave the hypervisor again: %s; it stays under it\n",
			       cpu, cb_hc_error_name(c->undo_result));
	}
	if (!ret && e->failed)
		ret = -EIO;	/* not reached: a failure has its CPU */
	return ret;
}

int cb_enter(const struct cb_plan *plan, struct cpumask *entered,
	     struct cb_cpu_map *map)
{
	struct cb_enter *e;
	unsigned int i;
	int ret;

	cpumask_clear(entered);
	map->count = plan->cpu_count;
	for (i = 0; i < ARRAY_SIZE(map->linux_cpu); i++)
		map->linux_cpu[i] = -1;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->cpu = kcalloc(nr_cpu_ids, sizeof(*e->cpu), GFP_KERNEL);
	if (!e->cpu) {
		ret = -ENOMEM;
		goto out;
	}
	e->plan = plan;
	atomic_set(&e->arrived, 0);
	atomic_set(&e->turn, 0);
	ret = stop_machine(cb_enter_cpu_fn, e, cpu_online_mask);
	if (!ret)
		ret = cb_enter_report(e, entered, map);
	kfree(e->cpu);
out:
	kfree(e);
	return ret;
}
