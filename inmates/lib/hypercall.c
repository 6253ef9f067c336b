// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * cellblock hypercalls: `hvc #0` with the SMCCC register use (smccc.c).
 * A buffer is passed as its address: the inmates run with guest virtual
 * equal to guest physical addresses (the MMU off), so a pointer is the
 * guest-physical address the hypervisor expects.
 */
#include <stdint.h>

#include <inmate/hypercall.h>
#include <inmate/smccc.h>

int64_t cb_hc_call(uint32_t function, uint64_t arg1, uint64_t arg2,
		   uint64_t arg3)
{
	return smccc_call(SMCCC_HVC, function, arg1, arg2, arg3);
}

int64_t cb_hc_call4(uint32_t function, uint64_t arg1, uint64_t arg2,
		    uint64_t arg3, uint64_t arg4)
{
	register uint64_t x0 __asm__("x0") = function;
	register uint64_t x1 __asm__("x1") = arg1;
	register uint64_t x2 __asm__("x2") = arg2;
	register uint64_t x3 __asm__("x3") = arg3;
	register uint64_t x4 __asm__("x4") = arg4;

	/* The hypervisor keeps x1-x30 (hypercall.h). */
	__asm__ __volatile__("hvc #0"
			     : "+r"(x0)
			     : "r"(x1), "r"(x2), "r"(x3), "r"(x4)
			     : "memory");
	return (int64_t)x0;
}

int64_t cb_hc_get_info(void)
{
	return cb_hc_call(CB_HC_GET_INFO, 0, 0, 0);
}

int64_t cb_hc_console_putc(char c)
{
	return cb_hc_call(CB_HC_CONSOLE_PUTC, (uint8_t)c, 0, 0);
}

int64_t cb_cell_self(void)
{
	return cb_hc_call(CB_HC_CELL_SELF, 0, 0, 0);
}

int64_t cb_cell_count(void)
{
	return cb_hc_call(CB_HC_CELL_COUNT, 0, 0, 0);
}

int64_t cb_cell_info(uint64_t id, struct cb_cell_info *info)
{
	return cb_hc_call(CB_HC_CELL_INFO, id, (uintptr_t)info, sizeof(*info));
}

int64_t cb_cell_stats(uint64_t id, struct cb_cell_stats *stats)
{
	return cb_hc_call(CB_HC_CELL_STATS, id, (uintptr_t)stats,
			  sizeof(*stats));
}

int64_t cb_cell_shutdown(uint64_t id)
{
	return cb_hc_call(CB_HC_CELL_SHUTDOWN, id, 0, 0);
}

int64_t cb_cell_start(uint64_t id)
{
	return cb_hc_call(CB_HC_CELL_START, id, 0, 0);
}

int64_t cb_cell_restart(uint64_t id)
{
	return cb_hc_call(CB_HC_CELL_RESTART, id, 0, 0);
}

int64_t cb_cell_set_loadable(uint64_t id)
{
	return cb_hc_call(CB_HC_CELL_SET_LOADABLE, id, 0, 0);
}

int64_t cb_cell_load(uint64_t id, const void *source, uint64_t size,
		     uint64_t destination)
{
	return cb_hc_call4(CB_HC_CELL_LOAD, id, (uintptr_t)source, size,
			   destination);
}

int64_t cb_cell_destroy(uint64_t id)
{
	return cb_hc_call(CB_HC_CELL_DESTROY, id, 0, 0);
}

int64_t cb_freeze(void)
{
	return cb_hc_call(CB_HC_FREEZE, 0, 0, 0);
}

int64_t cb_watchdog_pet(void)
{
	return cb_hc_call(CB_HC_WATCHDOG_PET, 0, 0, 0);
}

const char *cb_hc_error_name(int64_t result)
{
	static const char *const names[] = { "ENOSYS",	 "EINVAL", "EPERM",
					     "ENOENT",	 "EBUSY",  "EFROZEN",
					     "EDENIED", "ETIMEDOUT" };

	if (result >= 0)
		return "OK";
	if (result < CB_HC_ETIMEDOUT)
		return "E?";
	return names[-result - 1];
}

const char *cb_cell_state_name(uint32_t state)
{
	static const char *const names[] = { "running", "stopped", "failed",
					     "restarting", "loadable",
					     "destroyed" };

	if (state < CB_CELL_RUNNING || state > CB_CELL_DESTROYED)
		return "?";
	return names[state - CB_CELL_RUNNING];
}
