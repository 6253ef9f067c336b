// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's restart payloads (`cellblock enable --restart`,
 * include/cellblock/driver.h: struct cb_root_restart): copied from user
 * space with the rest of an enable, and written at the end of the
 * /hypervisor region, the descriptor first and each payload on a page of
 * its own after it. The hypervisor checks where each one loads.
 */
#include "cellblock.h"

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/string.h>

/* A kernel, an initrd or a device tree: the region bounds them anyway. */
#define CB_RESTART_MAX_SIZE SZ_1G

int cb_restart_fetch(const struct cb_enable_args *args, struct cb_blobs *blobs)
{
	static const char *const what[CB_ROOT_RESTART_PAYLOADS] = {
		"restart payload 0", "restart payload 1", "restart payload 2",
	};
	unsigned int i;

	if (args->reserved || args->restart_count > CB_ROOT_RESTART_PAYLOADS) {
		pr_err("enable: %u restart payloads (reserved word %#x): expected at most %u and 0\n",
		       args->restart_count, args->reserved,
		       CB_ROOT_RESTART_PAYLOADS);
		return -EINVAL;
	}
	for (i = 0; i < args->restart_count; i++) {
		void *buf = cb_load_user(args->restart[i].data,
					 args->restart[i].size,
					 CB_RESTART_MAX_SIZE, what[i]);

		if (IS_ERR(buf))
			return PTR_ERR(buf);
		blobs->restart[i] = buf;
		blobs->restart_arg[i] = args->restart[i];
		blobs->restart_count = i + 1;
	}
	blobs->restart_x0 = args->restart_x0;
	return 0;
}

u64 cb_restart_span(const struct cb_blobs *blobs)
{
	u64 span = SZ_4K;	/* the descriptor's page */
	unsigned int i;

	if (!blobs->restart_count)
		return 0;
	for (i = 0; i < blobs->restart_count; i++)
		span += ALIGN(blobs->restart_arg[i].size, SZ_4K);
	return span;
}

void cb_restart_write(void *at, const struct cb_blobs *blobs,
		      const struct cb_plan *plan)
{
	struct cb_root_restart *r = at;
	u64 offset = SZ_4K;
	unsigned int i;

	memset(at, 0, plan->restart_span);
	r->magic = CB_ROOT_RESTART_MAGIC;
	r->count = blobs->restart_count;
	r->x0 = blobs->restart_x0;
	for (i = 0; i < blobs->restart_count; i++) {
		r->payload[i].offset = offset;
		r->payload[i].size = blobs->restart_arg[i].size;
		r->payload[i].address = blobs->restart_arg[i].address;
		memcpy(at + offset, blobs->restart[i],
		       blobs->restart_arg[i].size);
		offset += ALIGN(blobs->restart_arg[i].size, SZ_4K);
	}
}

void cb_restart_free(struct cb_blobs *blobs)
{
	unsigned int i;

	for (i = 0; i < blobs->restart_count; i++) {
		kvfree(blobs->restart[i]);
		blobs->restart[i] = NULL;
	}
	blobs->restart_count = 0;
}
