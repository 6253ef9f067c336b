/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * <stdint.h> for the ABI headers of include/cellblock/ when the module
 * includes them: the kernel builds with -nostdinc and has no <stdint.h>,
 * but <linux/types.h> already names uint8_t to uint64_t (as u8 to u64).
 * Only driver/Kbuild puts this directory on the include path.
 */
#ifndef CELLBLOCK_DRIVER_SHIM_STDINT_H
#define CELLBLOCK_DRIVER_SHIM_STDINT_H

#include <linux/types.h>

#endif /* CELLBLOCK_DRIVER_SHIM_STDINT_H */
