/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The cellblock module's device, /dev/cellblock, as `cellblock enable` and
 * `cellblock disable` use it (include/cellblock/driver.h), and what its
 * refusals mean to a user: the module prints the detail in the kernel log,
 * the command says which kind of refusal it was.
 */
#ifndef CELLBLOCK_MANAGE_DEVICE_H
#define CELLBLOCK_MANAGE_DEVICE_H

#include <cellblock/driver.h>

/* The device node: devtmpfs names it after the misc device. */
#define MANAGE_DEVICE_PATH "/dev/" CB_DEVICE_NAME

/**
 * struct manage_reason - what an errno from a verb's ioctl means.
 * @error: the errno value; 0 ends a table.
 * @text: the reason, as "cellblock: VERB: TEXT: see the kernel log".
 */
struct manage_reason {
	int error;
	const char *text;
};

/**
 * manage_device_open() - open /dev/cellblock for @verb ("enable").
 * Return: the descriptor, or -1 after printing why (the module not loaded,
 * not root, ...).
 */
int manage_device_open(const char *verb);

/**
 * manage_refused() - print why the module refused @verb with @error, from
 * @reasons (a table ending with error 0), or the C library's text for an
 * errno the table does not name.
 * Return: EXIT_INVALID.
 */
int manage_refused(const char *verb, int error,
		   const struct manage_reason *reasons);

#endif /* CELLBLOCK_MANAGE_DEVICE_H */
