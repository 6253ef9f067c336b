// SPDX-License-Identifier: GPL-2.0-only
/*
 * The files of an enable, from user space into the /hypervisor region:
 * copied in and checked (image.c, config.c, restart.c), placed as
 * include/cellblock/driver.h lays them out, and written there once every
 * check has passed.
 *
 * The region must be memory Linux does not use: a reserved-memory node
 * with no-map, or RAM past mem=. Either way Linux has no mapping of it,
 * cacheable or not, and the resource tree has no System RAM there. The
 * module maps it only while copying, as Normal non-cacheable (MEMREMAP_WC),
 * so the bytes are in memory when the hypervisor reads them with its MMU
 * (and so its caches) still off.
 */
#include "cellblock.h"

#include <linux/errno.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <cellblock/limits.h>

/* Bounds of what ENABLE copies from user space. A system config holds at
   most some 20 KiB (config.h's CB_MAX_* arrays); hypervisor.bin is far
   below its bound. */
#define CB_CONFIG_MAX_SIZE SZ_1M
#define CB_HYPERVISOR_MAX_SIZE SZ_64M

void *cb_load_user(u64 address, u64 size, u64 max, const char *what)
{
	void *buf;

	if (!size || size > max) {
		pr_err("%s: %llu bytes, expected 1 to %llu\n", what, size, max);
		return ERR_PTR(-EINVAL);
	}
	buf = vmemdup_user(u64_to_user_ptr(address), size);
	if (IS_ERR(buf))
		pr_err("%s: could not copy its %llu bytes from user space (%ld)\n",
		       what, size, PTR_ERR(buf));
	return buf;
}

/* Fits image, config, pool and restart payloads into the region
   (driver.h's layout). */
static int cb_load_place(struct cb_plan *plan, const struct cb_blobs *blobs)
{
	u64 image_span, config_span, pool_min = CB_LIMIT_POOL_MIN_PAGES * SZ_4K;
	u64 restart_span = cb_restart_span(blobs);

	image_span = ALIGN(min(plan->image_size, plan->hypervisor_size), SZ_4K);
	config_span = ALIGN((u64)plan->config_size, SZ_4K);
	if (plan->image_size > plan->hypervisor_size ||
	    restart_span > plan->hypervisor_size ||
	    image_span + config_span + pool_min >
		    plan->hypervisor_size - restart_span) {
		pr_err("the hypervisor region (%#llx bytes) is too small: hypervisor.bin takes %#llx (image_size %#llx), the config %#llx, the page pool at least %#llx (%u pages), the restart payloads %#llx\n",
		       plan->hypervisor_size, image_span, plan->image_size,
		       config_span, pool_min, CB_LIMIT_POOL_MIN_PAGES,
		       restart_span);
		return -EINVAL;
	}
	plan->vectors += plan->hypervisor_start;
	plan->config_start = plan->hypervisor_start + image_span;
	plan->restart_span = restart_span;
	plan->restart_start = restart_span ? plan->hypervisor_start +
			      plan->hypervisor_size - restart_span : 0;
	return 0;
}

/* Invariant: Linux neither uses nor maps the region (see the top). */
static int cb_load_check_unused(const struct cb_plan *plan)
{
	u64 start = plan->hypervisor_start, size = plan->hypervisor_size;

	if (region_intersects(start, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("%#llx - %#llx: Linux uses this memory: reserve it (reserved-memory no-map node, or mem=)\n",
		       start, start + size - 1);
		return -EBUSY;
	}
	return 0;
}

void cb_load_free(struct cb_blobs *blobs)
{
	cb_restart_free(blobs);
	kvfree(blobs->hypervisor);
	kvfree(blobs->config);
	blobs->hypervisor = NULL;
	blobs->config = NULL;
}

int cb_load_fetch(const struct cb_enable_args *args, struct cb_blobs *blobs,
		  struct cb_plan *plan)
{
	void *buf;
	int ret;

	/* The config first: it is small, and says whether the rest is
	   worth copying. */
	buf = cb_load_user(args->config, args->config_size,
			   CB_CONFIG_MAX_SIZE, "config");
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	blobs->config = buf;
	blobs->config_size = args->config_size;
	ret = cb_config_check(blobs->config, blobs->config_size, plan);
	if (ret)
		goto err;

	buf = cb_load_user(args->hypervisor, args->hypervisor_size,
			   CB_HYPERVISOR_MAX_SIZE, "hypervisor.bin");
	if (IS_ERR(buf)) {
		ret = PTR_ERR(buf);
		goto err;
	}
	blobs->hypervisor = buf;
	blobs->hypervisor_size = args->hypervisor_size;
	ret = cb_image_check(blobs->hypervisor, blobs->hypervisor_size, plan);
	if (ret)
		goto err;

	ret = cb_restart_fetch(args, blobs);
	if (ret)
		goto err;
	ret = cb_load_place(plan, blobs);
	if (ret)
		goto err;
	ret = cb_load_check_unused(plan);
	if (ret)
		goto err;
	return 0;

err:
	cb_load_free(blobs);
	return ret;
}

int cb_load_copy(const struct cb_blobs *blobs, const struct cb_plan *plan)
{
	u64 config_offset = plan->config_start - plan->hypervisor_start;
	void *region;

	region = memremap(plan->hypervisor_start, plan->hypervisor_size,
			  MEMREMAP_WC);
	if (!region) {
		pr_err("%#llx - %#llx: could not map the hypervisor region\n",
		       plan->hypervisor_start,
		       plan->hypervisor_start + plan->hypervisor_size - 1);
		return -ENOMEM;
	}
	memcpy(region, blobs->hypervisor, blobs->hypervisor_size);
	memset(region + blobs->hypervisor_size, 0,
	       plan->image_size - blobs->hypervisor_size);
	memcpy(region + config_offset, blobs->config, blobs->config_size);
	if (plan->restart_start)
		cb_restart_write(region + (plan->restart_start -
					   plan->hypervisor_start),
				 blobs, plan);
	/* The writes reach memory before any CPU enters (dsb st). */
	wmb();
	memunmap(region);
	return 0;
}
