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

int64_t cb_freeze(void)
{
	return cb_hc_call(CB_HC_FREEZE, 0, 0, 0);
}

const char *cb_hc_error_name(int64_t result)
{
	static const char *const names[] = { "ENOSYS", "EINVAL", "EPERM",
					     "ENOENT", "EBUSY", "EFROZEN" };

	if (result >= 0)
		return "OK";
	if (result < CB_HC_EFROZEN)
		return "E?";
	return names[-result - 1];
}

const char *cb_cell_state_name(uint32_t state)
{
	static const char *const names[] = { "running", "stopped", "failed",
					     "restarting" };

	if (state < CB_CELL_RUNNING || state > CB_CELL_RESTARTING)
		return "?";
	return names[state - CB_CELL_RUNNING];
}
