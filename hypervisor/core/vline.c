// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt lines (see vline.h): the generic half, the level. How
 * a level reaches the cell (its interrupt controller's view, the CPU it is
 * routed to, when it is taken again) is the architecture's.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/lib.h>
#include <hv/vline.h>

int __boot vline_add(struct cell *cell, unsigned int intid)
{
	if (cell->vline_count == VLINE_MAX)
		return -1;
	cell->vline[cell->vline_count] = (struct vline){ intid, 0 };
	return (int)cell->vline_count++;
}

void vline_set(struct cell *cell, unsigned int line, int level)
{
	struct vline *v = &cell->vline[line];

	/* Invariant: devices set only the lines they were given. */
	CHECK(line < cell->vline_count);
	if (v->level == (uint32_t)!!level)
		return;		/* the common case: nothing changed */
	__atomic_store_n(&v->level, (uint32_t)!!level, __ATOMIC_RELEASE);
	arch_vline_update(cell, line);
}

int vline_find(const struct cell *cell, unsigned int intid)
{
	unsigned int i;

	for (i = 0; i < cell->vline_count; i++)
		if (cell->vline[i].intid == intid)
			return (int)i;
	return -1;
}
