/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `cellblock config dtb`: a cell's generated device tree (cell_dtb.h) on
 * the command line.
 */
#ifndef CELLBLOCK_CONFIG_DTB_H
#define CELLBLOCK_CONFIG_DTB_H

/** config_dtb_cmd() - the arguments after `dtb`; returns an exit code. */
int config_dtb_cmd(int argc, char **argv);

#endif /* CELLBLOCK_CONFIG_DTB_H */
