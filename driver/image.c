// SPDX-License-Identifier: GPL-2.0-only
/*
 * hypervisor.bin as the module sees it: an arm64 Image header
 * (include/cellblock/image.h) whose res4 says it has the entry vectors of
 * include/cellblock/driver.h at offset res3. The rest of the binary is the
 * hypervisor's to check. (Debian's arm64 kernels are little-endian, as the
 * header is.)
 */
#include "cellblock.h"

#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/sizes.h>

#include <cellblock/image.h>

int cb_image_check(const void *bin, size_t size, struct cb_plan *plan)
{
	const struct cb_arm64_header *header = bin;

	if (size < sizeof(*header)) {
		pr_err("hypervisor.bin: %zu bytes, smaller than its arm64 Image header (%zu)\n",
		       size, sizeof(*header));
		return -EINVAL;
	}
	if (header->magic != CB_ARM64_MAGIC) {
		pr_err("hypervisor.bin: no arm64 Image header (magic %#x, expected %#x)\n",
		       header->magic, CB_ARM64_MAGIC);
		return -EINVAL;
	}
	if (header->res4 != CB_ENTRY_TAG) {
		if ((header->res4 & ~0xffffffffull) == CB_ENTRY_MAGIC)
			pr_err("hypervisor.bin: entry vectors of revision %llu, this module knows revision %u: use the matching module and hypervisor\n",
			       header->res4 & 0xffffffffull, CB_DRIVER_REVISION);
		else
			pr_err("hypervisor.bin: not a cellblock hypervisor with entry vectors (revision %#llx in res4, expected %#llx)\n",
			       header->res4, CB_ENTRY_TAG);
		return -EINVAL;
	}
	/* VBAR_EL2 holds a 2 KiB-aligned address (ARM ARM D19.2.146). */
	if (!IS_ALIGNED(header->res3, SZ_2K) || header->res3 >= size) {
		pr_err("hypervisor.bin: entry vectors at offset %#llx: expected a 2 KiB-aligned offset inside its %zu bytes\n",
		       header->res3, size);
		return -EINVAL;
	}
	if (header->image_size < size) {
		pr_err("hypervisor.bin: image_size %#llx is smaller than the file (%#zx bytes)\n",
		       header->image_size, size);
		return -EINVAL;
	}
	plan->image_size = header->image_size;
	plan->vectors = header->res3;
	return 0;
}
