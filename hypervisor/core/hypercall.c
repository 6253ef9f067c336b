// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypercall table: one entry per function number of
 * include/cellblock/hypercall.h, an empty slot or a number past the end
 * meaning no such call (the SMCCC layer then answers NOT_SUPPORTED, which
 * is CB_HC_ENOSYS). Every cell may make these calls: none reaches beyond
 * the calling cell.
 */
#include <hv/console.h>
#include <hv/hypercall.h>
#include <hv/lib.h>

#include <cellblock/hypercall.h>

typedef int64_t (*hypercall_fn)(struct cell *cell, uint64_t arg1,
				uint64_t arg2, uint64_t arg3);

static int64_t get_info(struct cell *cell, uint64_t arg1, uint64_t arg2,
			uint64_t arg3)
{
	(void)cell, (void)arg1, (void)arg2, (void)arg3;
	return CB_HC_INFO_MAGIC;
}

static int64_t console_putc(struct cell *cell, uint64_t c, uint64_t arg2,
			    uint64_t arg3)
{
	(void)arg2, (void)arg3;
	console_cell_putc(cell, (char)c);
	return 0;
}

static const hypercall_fn hypercalls[] = {
	[CB_HC_GET_INFO - CB_HC_BASE] = get_info,
	[CB_HC_CONSOLE_PUTC - CB_HC_BASE] = console_putc,
};

_Static_assert(ARRAY_SIZE(hypercalls) == CB_HC_CALL_COUNT,
	       "CB_HC_CALL_COUNT counts the table");

int hypercall_handle(struct cell *cell, unsigned int number, uint64_t arg1,
		     uint64_t arg2, uint64_t arg3, int64_t *result)
{
	if (number >= ARRAY_SIZE(hypercalls) || !hypercalls[number])
		return 0;
	*result = hypercalls[number](cell, arg1, arg2, arg3);
	return 1;
}
