// SPDX-License-Identifier: GPL-2.0-only
/*
 * The read-only cell calls (CB_HC_CELL_COUNT, _INFO, _STATS,
 * include/cellblock/hypercall.h) from the root cell: the hypervisor
 * writes a structure into a buffer of the caller's RAM, named by its
 * guest-physical address, which for the root cell is the physical one
 * (it is mapped 1:1). kmalloc memory is in Linux's RAM, physically
 * contiguous, and in the linear map, so virt_to_phys() names it. Both
 * sides access it cacheable, so no cache maintenance is needed. Silent:
 * the callers say what a refusal means to them.
 */
#include "cellblock.h"

#include <linux/io.h>

#include "hvc.h"

s64 cb_query_count(void)
{
	return cb_hvc(CB_HC_CELL_COUNT, 0, 0, 0);
}

s64 cb_query(u32 call, u32 id, void *buf, size_t size)
{
	return cb_hvc(call, id, virt_to_phys(buf), size);
}
