# SPDX-License-Identifier: GPL-2.0-only
#
# The Linux module of the Linux-managed boot (include/cellblock/driver.h):
# driver/ built out of tree against the headers of Debian's own arm64
# kernel, the one Linux cells run, fetched by scripts/fetch-debian-arm64.sh
# (run by `deps`) into the machine-wide cache. The module's vermagic is
# that kernel's, so it loads into it (unsigned: it taints the kernel, and
# a kernel in Secure Boot lockdown refuses it). Included by the top
# Makefile; every variable here starts with DRIVER_.
#
#   make driver     $(BUILD)/driver/cellblock.ko
#
# kbuild writes its objects next to the sources it builds (M=), so the
# sources are copied into $(BUILD)/driver/ and built there; the source tree
# stays clean. The copies keep their times (cp -p): kbuild then rebuilds
# only what changed. The ABI headers come from include/ (CELLBLOCK_INCLUDE,
# driver/Kbuild).

DRIVER_CACHE := $(or $(CELLBLOCK_DEBIAN_ARM64),/var/cache/cellblock/debian-arm64)
# headers/build is linux-headers-ABI, headers/source the -common package
# whose Makefile kbuild starts from (`make -C build -f source/Makefile`,
# as Debian's own build/Makefile does with absolute paths).
DRIVER_HEADERS := $(DRIVER_CACHE)/headers
DRIVER_OUT := $(BUILD)/driver
DRIVER_KO := $(DRIVER_OUT)/cellblock.ko
DRIVER_SRCS := driver/Kbuild $(wildcard driver/*.c driver/*.h)
DRIVER_SHIM := $(wildcard driver/shim/*.h)
# The compiler Debian built the kernel with (gcc 12), so the module's
# code and flags are those the kernel expects. Debian's headers would also
# compare its version string with the build machine's own; that check is
# off (DEBIAN_KERNEL_NO_CC_VERSION_CHECK): the cross compiler is the same
# gcc under another name.
DRIVER_CC ?= $(CROSS_COMPILE)gcc-12

.PHONY: driver
driver: $(DRIVER_KO)
all: $(DRIVER_KO)

# Fetched by `deps` (scripts/install-deps.sh runs the fetch script).
$(DRIVER_HEADERS)/build/Module.symvers: | deps
	@test -f $@ || { echo "$@ is missing: run scripts/fetch-debian-arm64.sh as root" >&2; exit 1; }

# MAKEOVERRIDES: the variables given on our command line (BUILD=...) are
# ours, not kbuild's.
$(DRIVER_KO): MAKEOVERRIDES :=
$(DRIVER_KO): $(DRIVER_SRCS) $(DRIVER_SHIM) $(wildcard include/cellblock/*.h) \
	      $(DRIVER_HEADERS)/build/Module.symvers
	@mkdir -p $(DRIVER_OUT)/shim
	cp -p $(DRIVER_SRCS) $(DRIVER_OUT)/
	cp -p $(DRIVER_SHIM) $(DRIVER_OUT)/shim/
	$(MAKE) -C $(DRIVER_HEADERS)/build -f $(DRIVER_HEADERS)/source/Makefile \
		ARCH=arm64 KERNELRELEASE=$$(cat $(DRIVER_CACHE)/ABI) \
		CROSS_COMPILE=$(CROSS_COMPILE) CC=$(DRIVER_CC) \
		DEBIAN_KERNEL_NO_CC_VERSION_CHECK=y \
		M=$(abspath $(DRIVER_OUT)) \
		CELLBLOCK_INCLUDE=$(abspath include) modules
