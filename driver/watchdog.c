// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's watchdog (a root-cell config with watchdog-period-us):
 * while the hypervisor is enabled, delayed work pets it four times a
 * period, on whichever CPU the work runs (the pet moves the root cell's
 * one deadline). A Linux that stops scheduling it (hung with interrupts
 * off, say) stops petting, and the hypervisor applies the root cell's
 * on-failure policy when the period passes.
 */
#include "cellblock.h"

#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/workqueue.h>

#include "hvc.h"

static void cb_watchdog_pet(struct work_struct *work)
{
	s64 result = cb_hvc(CB_HC_WATCHDOG_PET, 0, 0, 0);

	if (result)
		pr_err_ratelimited("the hypervisor refused the root cell's watchdog pet: %s\n",
				   cb_hc_error_name(result));
	schedule_delayed_work(to_delayed_work(work), cb_state.pet_interval);
}

void cb_watchdog_start(u32 watchdog_us)
{
	if (!watchdog_us)
		return;
	cb_state.pet_interval = max(usecs_to_jiffies(watchdog_us / 4), 1ul);
	INIT_DELAYED_WORK(&cb_state.pet, cb_watchdog_pet);
	/* Now: the deadline started when the first CPU entered. */
	schedule_delayed_work(&cb_state.pet, 0);
}

void cb_watchdog_stop(void)
{
	if (!cb_state.pet_interval)
		return;
	cancel_delayed_work_sync(&cb_state.pet);
	cb_state.pet_interval = 0;
}
