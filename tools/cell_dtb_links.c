// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell's links as the devices of its virtual PCI host (see
 * include/cellblock/ivshmem.h): device d is the d-th link of the system
 * config that names the cell as a peer. The generated /pcie node and the
 * check of a tree's PCI host both read them from here, so the two agree
 * with each other and with the hypervisor's numbering.
 */
#include "cell_dtb_parts.h"

#include <string.h>

unsigned int cell_dtb_links(const struct cb_system_config *system,
			    const struct cb_cell_config *cell,
			    struct cell_dtb_link *out)
{
	const struct cb_link *links = cb_system_links(system);
	unsigned int i, id, count = 0;

	for (i = 0; i < system->link_count; i++) {
		const struct cb_link *l = &links[i];

		for (id = 0; id < l->peer_count && id < CB_MAX_LINK_PEERS;
		     id++) {
			if (memcmp(l->peer[id].cell, cell->name, CB_NAME_SIZE))
				continue;
			/* Invariant: the validator allows at most
			   CB_LIMIT_CELL_LINKS links per cell. */
			if (count == CB_LIMIT_CELL_LINKS)
				return count;
			out[count].link = l;
			out[count].device = count;
			out[count].peer = id;
			out[count].start = l->peer[id].guest;
			out[count].size =
			    cb_link_bar_size(l) + CB_IVSHMEM_REG_SIZE;
			count++;
			break;
		}
	}
	return count;
}
