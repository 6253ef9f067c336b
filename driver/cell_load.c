// SPDX-License-Identifier: GPL-2.0-only
/*
 * CB_IOCTL_CELL_LOAD (include/cellblock/driver.h): the user's bytes into a
 * cell through one bounce page, a CB_HC_CELL_LOAD per piece, a stopped or
 * failed cell made loadable first.
 */
#include "cellblock.h"

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "hvc.h"

/* Bound of what one load copies from user space. */
#define CB_CELL_LOAD_MAX_SIZE SZ_256M

/* One piece: at most to @address's next 4 KiB boundary, so it never
   spans two of the cell's regions (they are multiples of 4 KiB). */
static long cb_cell_load_pages(const struct cb_cell_load_args *args,
			       void *bounce, phys_addr_t bounce_phys)
{
	const u8 __user *data = u64_to_user_ptr(args->data);
	u64 done, chunk, address;
	s64 result;

	for (done = 0; done < args->size; done += chunk) {
		address = args->address + done;
		chunk = min(args->size - done,
			    CB_PAGE_SIZE - (address & (CB_PAGE_SIZE - 1)));
		if (copy_from_user(bounce, data + done, chunk)) {
			pr_err("cell load: could not read the bytes at offset %llu from user space\n",
			       done);
			return -EFAULT;
		}
		result = cb_hvc4(CB_HC_CELL_LOAD, args->id, bounce_phys, chunk,
				 address);
		if (result) {
			pr_err("cell load of cell %u refused by the hypervisor at guest %#llx (offset %llu, %llu bytes): %s%s\n",
			       args->id, address, done, chunk,
			       cb_hc_error_name(result),
			       cb_cells_hint(CB_HC_CELL_LOAD, result));
			return cb_hc_errno(result);
		}
		if (fatal_signal_pending(current)) {
			pr_err("cell load: interrupted by a signal at offset %llu\n",
			       done + chunk);
			return -EINTR;
		}
		cond_resched();
	}
	return 0;
}

/*
 * A cell that ran and stopped (or failed) is made loadable first, as
 * `jailhouse cell load` does: its RAM is cleared (CB_HC_CELL_SET_LOADABLE)
 * and the new bytes go in. A loadable one takes them as it is.
 */
static long cb_cell_make_loadable(u32 id)
{
	struct cb_cell_info *info = kzalloc(sizeof(*info), GFP_KERNEL);
	s64 result;

	if (!info)
		return -ENOMEM;
	result = cb_query(CB_HC_CELL_INFO, id, info, sizeof(*info));
	if (!result && (info->state == CB_CELL_STOPPED ||
			info->state == CB_CELL_FAILED))
		result = cb_hvc(CB_HC_CELL_SET_LOADABLE, id, 0, 0);
	kfree(info);
	/* An unreadable or unknown cell: the load itself says why. */
	if (result && result != CB_HC_EPERM && result != CB_HC_ENOENT)
		return cb_cells_refused("cell load", id,
					CB_HC_CELL_SET_LOADABLE, result);
	return 0;
}

long cb_cell_load(const void __user *uargs)
{
	struct cb_cell_load_args args;
	struct page *page;
	long ret;

	ret = cb_cells_id_args(&args, uargs, sizeof(args), "cell load");
	if (ret)
		return ret;
	if (!args.size || args.size > CB_CELL_LOAD_MAX_SIZE) {
		pr_err("cell load: %llu bytes, expected 1 to %u\n", args.size,
		       CB_CELL_LOAD_MAX_SIZE);
		return -EINVAL;
	}
	if (args.address + args.size < args.address) {
		pr_err("cell load: %llu bytes at %#llx wrap around the address space\n",
		       args.size, args.address);
		return -EINVAL;
	}
	ret = cb_cell_make_loadable(args.id);
	if (ret)
		return ret;
	page = alloc_page(GFP_KERNEL);
	if (!page) {
		pr_err("cell load: no page for the bounce buffer\n");
		return -ENOMEM;
	}
	ret = cb_cell_load_pages(&args, page_address(page), page_to_phys(page));
	__free_page(page);
	return ret;
}
