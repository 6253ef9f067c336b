/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * SMC Calling Convention calls (ARM DEN 0028): function ID in w0,
 * arguments in x1-x3, result in x0; PSCI and cellblock's hypercalls both
 * go through here.
 */
#ifndef INMATE_SMCCC_H
#define INMATE_SMCCC_H

#include <stdint.h>

enum smccc_conduit {
	SMCCC_SMC,	/* to firmware, or trapped by the hypervisor */
	SMCCC_HVC,	/* to the hypervisor */
};

/** smccc_call() - call @function with @arg1-@arg3 through @conduit. */
int64_t smccc_call(enum smccc_conduit conduit, uint32_t function,
		   uint64_t arg1, uint64_t arg2, uint64_t arg3);

#endif /* INMATE_SMCCC_H */
