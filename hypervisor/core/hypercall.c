// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypercall table: one entry per function number of
 * include/cellblock/hypercall.h, an empty slot or a number past the end
 * meaning no such call (the SMCCC layer then answers NOT_SUPPORTED, which
 * is CB_HC_ENOSYS). The console calls reach only the calling cell; the
 * cell calls check the caller's permissions (core/control.c for the
 * read-only ones, the management build's mgmt_call() for the others); the
 * watchdog's pet acts on the caller's own watchdog only.
 */
#include <hv/boot.h>
#include <hv/console.h>
#include <hv/control.h>
#include <hv/hypercall.h>
#include <hv/lib.h>
#include <hv/mgmt.h>
#include <hv/watchdog.h>

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

static int64_t cell_self(struct cell *cell, uint64_t arg1, uint64_t arg2,
			 uint64_t arg3)
{
	(void)arg1, (void)arg2, (void)arg3;
	return control_self(cell);
}

static int64_t cell_count_call(struct cell *cell, uint64_t arg1,
			       uint64_t arg2, uint64_t arg3)
{
	(void)cell, (void)arg1, (void)arg2, (void)arg3;
	return control_count();
}

static int64_t watchdog_pet_call(struct cell *cell, uint64_t arg1,
				 uint64_t arg2, uint64_t arg3)
{
	(void)arg1, (void)arg2, (void)arg3;
	return watchdog_pet(cell);
}

static int64_t disable_call(struct cell *cell, uint64_t arg1, uint64_t arg2,
			    uint64_t arg3)
{
	(void)arg1, (void)arg2, (void)arg3;
	return linux_disable(cell);
}

static int64_t create_call(struct cell *cell, uint64_t guest, uint64_t size,
			   uint64_t arg3)
{
	(void)arg3;
	/* Only a Linux-managed boot creates cells, in either build. */
	if (!linux_managed_boot())
		return CB_HC_ENOSYS;
	return mgmt_create(cell, guest, size);
}

static const hypercall_fn hypercalls[] = {
	[CB_HC_GET_INFO - CB_HC_BASE] = get_info,
	[CB_HC_CONSOLE_PUTC - CB_HC_BASE] = console_putc,
	[CB_HC_CELL_SELF - CB_HC_BASE] = cell_self,
	[CB_HC_CELL_COUNT - CB_HC_BASE] = cell_count_call,
	[CB_HC_CELL_INFO - CB_HC_BASE] = control_info,
	[CB_HC_CELL_STATS - CB_HC_BASE] = control_stats,
	[CB_HC_WATCHDOG_PET - CB_HC_BASE] = watchdog_pet_call,
	[CB_HC_DISABLE - CB_HC_BASE] = disable_call,
	[CB_HC_CELL_CREATE - CB_HC_BASE] = create_call,
};

/* The management calls, CB_HC_CELL_SHUTDOWN to CB_HC_CELL_DESTROY: one
   entry point, the build's mgmt_call(), with up to four arguments. */
#define MGMT_FIRST (CB_HC_CELL_SHUTDOWN - CB_HC_BASE)
#define MGMT_LAST (CB_HC_CELL_DESTROY - CB_HC_BASE)

_Static_assert(ARRAY_SIZE(hypercalls) == CB_HC_CALL_COUNT &&
	       MGMT_FIRST == CB_HC_CELL_STATS - CB_HC_BASE + 1 &&
	       MGMT_LAST == CB_HC_WATCHDOG_PET - CB_HC_BASE - 1,
	       "CB_HC_CALL_COUNT counts the table and the management calls");

int hypercall_handle(struct cell *cell, unsigned int number,
		     const uint64_t arg[4], int64_t *result)
{
	if (number >= MGMT_FIRST && number <= MGMT_LAST) {
		*result = mgmt_call(cell, number, arg);
		return 1;
	}
	if (number >= ARRAY_SIZE(hypercalls) || !hypercalls[number])
		return 0;
	*result = hypercalls[number](cell, arg[0], arg[1], arg[2]);
	return 1;
}
