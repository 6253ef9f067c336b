// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * cellblock hypercalls: `hvc #0` with the SMCCC register use (smccc.c).
 */
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
