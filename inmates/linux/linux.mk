# SPDX-License-Identifier: GPL-2.0-only
#
# Linux in a cell: Debian's own arm64 kernel and busybox-static, fetched
# by scripts/fetch-debian-arm64.sh (run by `deps`) into a machine-wide
# cache, never built or patched here, and a small initramfs around busybox
# (scripts/make-initramfs.sh, /init from inmates/linux/init). Included by
# the top Makefile; every variable here starts with LINUX_.
#
#   make $(BUILD)/images/linux.img   hello, rt and a Linux cell (docs/linux.md)
#   make run DEMO=linux              boots it with a shell on the console

LINUX_CACHE := $(or $(CELLBLOCK_DEBIAN_ARM64),/var/cache/cellblock/debian-arm64)
LINUX_KERNEL := $(LINUX_CACHE)/Image
LINUX_BUSYBOX := $(LINUX_CACHE)/busybox
LINUX_INITRD := $(BUILD)/linux/initramfs.cpio
LINUX_IMAGE := $(BUILD)/images/linux.img
# The kernel's console is the cell's emulated PL011 (stdout-path of the
# generated device tree); panic=-1 makes a panic a PSCI SYSTEM_RESET, so
# the hypervisor restarts the cell from its image.
LINUX_BOOTARGS := console=ttyAMA0 panic=-1

# Fetched by `deps` (scripts/install-deps.sh runs the fetch script).
$(LINUX_KERNEL) $(LINUX_BUSYBOX): | deps
	@test -f $@ || { echo "$@ is missing: run scripts/fetch-debian-arm64.sh as root" >&2; exit 1; }

# The kernel's own modules for the link device (docs/ivshmem.md), from
# the same Debian package; /init loads them (insmod) when present.
LINUX_MODULES := $(LINUX_CACHE)/modules/uio.ko \
		 $(LINUX_CACHE)/modules/uio_pci_generic.ko
$(LINUX_MODULES): | deps
	@test -f $@ || { echo "$@ is missing: run scripts/fetch-debian-arm64.sh as root" >&2; exit 1; }

# Programs of ours for the initramfs' /bin: static, no C library, raw
# system calls, so each is a few KiB (the arm64 `cellblock` command, which
# needs more, links Debian's cross C library: tools/target.mk).
# cntvct prints the counter; load is the benchmark's load (bench/run.py);
# ivshmem talks to the other peer of a link through uio_pci_generic.
LINUX_PROGRAMS := $(BUILD)/linux/cntvct $(BUILD)/linux/load \
		  $(BUILD)/linux/ivshmem
$(LINUX_PROGRAMS): $(BUILD)/linux/%: inmates/linux/%.c inmates/linux/raw.h \
		   inmates/linux/text.h include/cellblock/ivshmem.h | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc -std=c11 -O2 $(WARNINGS) -ffreestanding -nostdlib \
		-nostdinc $(CROSS_ISYSTEM) -Iinclude -static -fno-pie -no-pie \
		-mgeneral-regs-only -fno-stack-protector $< -o $@

$(LINUX_INITRD): scripts/make-initramfs.sh inmates/linux/init $(LINUX_BUSYBOX) \
		 $(LINUX_PROGRAMS) $(LINUX_MODULES)
	@mkdir -p $(@D)
	sh scripts/make-initramfs.sh $(LINUX_BUSYBOX) inmates/linux/init $@ \
		$(LINUX_PROGRAMS) $(LINUX_MODULES)

# linux first: the console's input goes to the first cell with a console.
LINUX_IMAGE_ARGS = $(DEMO_CONFIGS)/system-linux.cell \
		--cell $(DEMO_CONFIGS)/linux.cell \
		--linux $(LINUX_KERNEL) --initrd $(LINUX_INITRD) \
		--bootargs "$(LINUX_BOOTARGS)" \
		--cell $(DEMO_CONFIGS)/hello.cell \
		--payload $(INMATE_OUT)/hello.bin@0x40200000 \
		--cell $(DEMO_CONFIGS)/rt.cell \
		--payload $(INMATE_OUT)/ticker.bin@0x40200000 \
		--params "period_us=1000000 ticks=10"
all: $(LINUX_IMAGE:.img=-frozen.img)

$(LINUX_IMAGE): $(TOOL) $(HV_BIN) $(CONFIGS) $(INMATE_BINS) $(LINUX_KERNEL) $(LINUX_INITRD)
	@mkdir -p $(@D)
	@sed 's/^/linux cell: Debian package /' $(LINUX_CACHE)/VERSIONS
	$(TOOL) image -o $@ $(HV_BIN) $(LINUX_IMAGE_ARGS)

# The frozen variant's (see the top Makefile).
$(LINUX_IMAGE:.img=-frozen.img): $(TOOL) $(HV_FROZEN_BIN) $(CONFIGS) $(INMATE_BINS) $(LINUX_KERNEL) $(LINUX_INITRD)
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_FROZEN_BIN) $(LINUX_IMAGE_ARGS)
