// SPDX-License-Identifier: GPL-2.0-only
/*
 * A Linux that finds itself in a cell of a running cellblock when the
 * module loads: the root cell restarted from the payloads `cellblock
 * enable --restart` gave (include/cellblock/driver.h), which boots at EL1
 * with the hypervisor at EL2. There is nothing to enable then; the module
 * pets the cell's watchdog (its period from CB_HC_CELL_STATS, hypercall.h
 * revision 1.4), so the restarted Linux runs on under it as the first one
 * did, and refuses enable with the reason.
 *
 * An hvc is safe wherever Linux runs at EL1 on a CPU with EL2: cellblock
 * answers CB_HC_GET_INFO with its magic, Linux's hyp stub (and the entry
 * vectors standing in for it) with HVC_STUB_ERR, other hypervisors with
 * SMCCC's NOT_SUPPORTED. With VHE Linux is the EL2 software itself.
 */
#include "cellblock.h"

#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <asm/virt.h>

#include "hvc.h"

void cb_attach(void)
{
	struct cb_cell_stats *stats;
	s64 id, result;

	if (is_kernel_in_hyp_mode() || !cb_el2_implemented() ||
	    cb_hvc(CB_HC_GET_INFO, 0, 0, 0) != CB_HC_INFO_MAGIC)
		return;
	id = cb_hvc(CB_HC_CELL_SELF, 0, 0, 0);
	stats = kzalloc(sizeof(*stats), GFP_KERNEL);
	if (!stats)
		return;
	result = id < 0 ? id : cb_query(CB_HC_CELL_STATS, (u32)id, stats,
					sizeof(*stats));
	if (result) {
		pr_err("this Linux runs under cellblock, which refused its cell's statistics: %s\n",
		       cb_hc_error_name(result));
	} else {
		cb_state.attached = true;
		/* As while enabled: no rmmod stops the petting. */
		__module_get(THIS_MODULE);
		cb_state.watchdog_us = stats->watchdog_us;
		cb_watchdog_start(stats->watchdog_us);
		pr_info("this Linux runs in cell ID %lld under cellblock already (restarted from `cellblock enable --restart`?); %s\n",
			id, stats->watchdog_us ? "the module pets its watchdog" :
						 "it has no watchdog");
	}
	kfree(stats);
}
