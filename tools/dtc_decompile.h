/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs `dtc -I dtb -O dts` to show a flattened device tree as source.
 */
#ifndef CELLBLOCK_DTC_DECOMPILE_H
#define CELLBLOCK_DTC_DECOMPILE_H

#include <stddef.h>

/**
 * dtc_decompile() - @fdt (@size bytes) as device-tree source, by dtc ($DTC,
 * default "dtc"). dtc's warnings go to stderr: they are about Linux's
 * bindings, which a cell's tree should follow.
 * Return: the malloc'ed text (*@length bytes), or NULL after why.
 */
char *dtc_decompile(const void *fdt, size_t size, size_t *length);

#endif /* CELLBLOCK_DTC_DECOMPILE_H */
