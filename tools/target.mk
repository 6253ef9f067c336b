# SPDX-License-Identifier: GPL-2.0-only
#
# The `cellblock` command for arm64 Linux, the board's side of the
# Linux-managed boot (include/cellblock/driver.h, docs/linux-managed.md):
# the host tool's dispatcher (tools/cellblock.c) with the table of
# tools/target/ (enable, disable and the cell verbs), the shared
# validator of common/ and the few tools/ files those need, and the cell
# device-tree generator for `cell linux` with Debian's libfdt for arm64
# (TARGET_LIBFDT below); it compiles no configs (no dtc on the board).
# Static, against Debian's cross C library (libc6-dev-arm64-cross), so it
# runs from any initramfs. Included by the top Makefile; every variable
# here starts with TARGET_.
#
#   make $(BUILD)/target/cellblock

TARGET_TOOL := $(BUILD)/target/cellblock
# `cell linux` generates the cell's device tree as `cellblock image
# --linux` does: the generator, the layout and libfdt for arm64, which
# scripts/fetch-debian-arm64.sh downloads (never installs: it would
# replace the build machine's own libfdt-dev).
TARGET_LIBFDT := $(or $(CELLBLOCK_DEBIAN_ARM64),/var/cache/cellblock/debian-arm64)/libfdt
TARGET_DTB_SRCS := $(wildcard tools/cell_dtb*.c) tools/fdt_writer.c \
	tools/dtc_run.c tools/dts_reader.c tools/cell_policy.c \
	tools/region_device.c tools/board_fdt.c tools/linux_layout.c \
	common/image_check.c common/crc32_zeros.c
TARGET_SRCS := tools/cellblock.c tools/target/command_table.c \
	$(wildcard tools/manage_enable.c tools/manage_restart.c \
		   tools/manage_disable.c \
		   tools/manage_device.c tools/manage_cell.c \
		   tools/manage_cell_show.c tools/manage_cell_linux.c) \
	$(TARGET_DTB_SRCS) \
	tools/config_report.c tools/file_io.c \
	$(wildcard common/config_check*.c) common/config_names.c \
	common/crc32.c common/format.c
TARGET_OBJS := $(patsubst %.c,$(BUILD)/target/obj/%.o,$(TARGET_SRCS))
TARGET_CFLAGS := -std=c11 -O2 $(WARNINGS) -D_DEFAULT_SOURCE -Iinclude \
	-Icommon -Itools -isystem $(TARGET_LIBFDT)/include -MMD -MP

all: $(TARGET_TOOL)

$(BUILD)/target/obj/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(TARGET_CFLAGS) -c $< -o $@

$(TARGET_TOOL): $(TARGET_OBJS)
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc -static $^ $(TARGET_LIBFDT)/libfdt.a -o $@

-include $(TARGET_OBJS:.o=.d)
