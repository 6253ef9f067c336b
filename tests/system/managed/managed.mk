# SPDX-License-Identifier: GPL-2.0-only
#
# The whole machine of the Linux-managed boot's system test
# (tests/system/managed_tests.py): Debian's kernel boots on QEMU virt with
# QEMU's own device tree plus a reserved-memory node, and an initramfs
# whose /init (tests/system/managed/init) loads the module, enables and
# disables the hypervisor with the arm64 `cellblock` command and says what
# it sees. Included by the top Makefile; every variable starts with
# MANAGED_.
#
#   $(BUILD)/managed/virt.dtb        QEMU's tree + reserved-memory.dtsi
#   $(BUILD)/managed/initramfs.cpio  busybox, /init, cellblock, the module,
#                                    the hypervisor and the configs

MANAGED_SRC := tests/system/managed
MANAGED_OUT := $(BUILD)/managed
MANAGED_DTB := $(MANAGED_OUT)/virt.dtb
MANAGED_INITRD := $(MANAGED_OUT)/initramfs.cpio
# The board exactly as the test boots it (tests/system/qemu.py): the tree
# QEMU dumps depends on the CPUs and the memory.
MANAGED_MACHINE := -machine virt,virtualization=on,gic-version=3,its=off \
	-cpu cortex-a57 -smp 4 -m 1G -nographic -nic none

all: $(MANAGED_DTB) $(MANAGED_INITRD)

# QEMU's random /chosen seeds are dropped: the tree is the same at every
# build, and Linux, finding no seed, does not randomize its layout, so
# two runs under -icount print the same.
$(MANAGED_DTB): $(MANAGED_SRC)/reserved-memory.dtsi $(MANAGED_SRC)/managed.mk | deps
	@mkdir -p $(@D)
	qemu-system-aarch64 $(MANAGED_MACHINE) \
		-machine dumpdtb=$(MANAGED_OUT)/qemu.dtb >/dev/null
	dtc -q -I dtb -O dts $(MANAGED_OUT)/qemu.dtb | \
		grep -v -e 'kaslr-seed' -e 'rng-seed' > $(MANAGED_OUT)/virt.dts
	cat $(MANAGED_SRC)/reserved-memory.dtsi >> $(MANAGED_OUT)/virt.dts
	dtc -q -I dts -O dtb -o $@ $(MANAGED_OUT)/virt.dts

# /bin: the command, the module, the counter and the load of
# inmates/linux/, the hypervisor and the configs; the hypervisor also
# where `cellblock enable` looks by default.
# The cells it creates: those of configs/qemu-virt/ and their inmates, and
# the test's own configs (tests/system/managed/*.dts: bad cells, and a
# system config with a watchdog on the root cell).
MANAGED_BAD_CELLS := $(patsubst $(MANAGED_SRC)/%.dts,$(MANAGED_OUT)/%.cell,\
	$(wildcard $(MANAGED_SRC)/*.dts))
$(MANAGED_OUT)/%.cell: $(MANAGED_SRC)/%.dts $(TOOL)
	@mkdir -p $(@D)
	$(TOOL) config compile $< -o $@
# system-managed with a watchdog on the root cell: it includes that one.
$(MANAGED_OUT)/system-watchdog.cell: configs/qemu-virt/system-managed.dts

MANAGED_FILES = $(TARGET_TOOL) $(DRIVER_KO) $(BUILD)/linux/cntvct \
	$(BUILD)/linux/load $(HV_FULL_BIN) \
	$(BUILD)/configs/qemu-virt/system-managed.cell \
	$(BUILD)/configs/qemu-virt/system.cell \
	$(BUILD)/configs/qemu-virt/managed-ticker.cell \
	$(BUILD)/configs/qemu-virt/managed-voter.cell \
	$(INMATE_OUT)/ticker.bin $(INMATE_OUT)/systest/voter.bin \
	$(MANAGED_BAD_CELLS) $(HV_FROZEN_BIN)
# The same and a Linux for `cell linux`: Debian's kernel and the Linux
# cell's initramfs of inmates/linux/linux.mk (its /init prints "init: "
# lines), in an initramfs of its own, so the others stay small.
MANAGED_LINUX_INITRD := $(MANAGED_OUT)/initramfs-linux.cpio
all: $(MANAGED_LINUX_INITRD)
# What the root cell restarts from in managed/root-watchdog (`cellblock
# enable --restart`): the same /init, which finds `managed=restarted` on
# its command line, and the module, which pets the watchdog again.
MANAGED_RESTART_INITRD := $(MANAGED_OUT)/restart.cpio
$(MANAGED_RESTART_INITRD): scripts/make-initramfs.sh $(MANAGED_SRC)/init \
			   $(LINUX_BUSYBOX) $(DRIVER_KO) $(BUILD)/linux/cntvct
	@mkdir -p $(@D)
	sh scripts/make-initramfs.sh $(LINUX_BUSYBOX) $(MANAGED_SRC)/init $@ \
		$(DRIVER_KO) $(BUILD)/linux/cntvct
$(MANAGED_LINUX_INITRD): scripts/make-initramfs.sh $(MANAGED_SRC)/init \
			 $(LINUX_BUSYBOX) $(MANAGED_FILES) $(LINUX_KERNEL) \
			 $(LINUX_INITRD) $(MANAGED_RESTART_INITRD) \
			 $(BUILD)/configs/qemu-virt/managed-linux.cell
	@mkdir -p $(@D)
	sh scripts/make-initramfs.sh $(LINUX_BUSYBOX) $(MANAGED_SRC)/init $@ \
		$(MANAGED_FILES) $(BUILD)/configs/qemu-virt/managed-linux.cell \
		$(LINUX_KERNEL) $(LINUX_INITRD)=/bin/cell-initramfs.cpio \
		$(MANAGED_RESTART_INITRD) \
		$(HV_FULL_BIN)=/lib/firmware/cellblock/hypervisor.bin

$(MANAGED_INITRD): scripts/make-initramfs.sh $(MANAGED_SRC)/init \
		   $(LINUX_BUSYBOX) $(MANAGED_FILES)
	@mkdir -p $(@D)
	sh scripts/make-initramfs.sh $(LINUX_BUSYBOX) $(MANAGED_SRC)/init $@ \
		$(MANAGED_FILES) \
		$(HV_FULL_BIN)=/lib/firmware/cellblock/hypervisor.bin

# The second scenario (tests/system/managed_type1_tests.py): the same
# system config and cells, booted type-1 from an image instead. The
# packer moves the hypervisor to system-managed's /hypervisor region
# (0x7c000000), which does not hold it at 0x40200000. The root cell is
# the running Linux of the managed boot: a type-1 boot does not start it.
MANAGED_TYPE1 := $(MANAGED_OUT)/type1.img
MANAGED_TYPE1_LINUX := $(MANAGED_OUT)/type1-linux.img
MANAGED_CONFIGS := $(BUILD)/configs/qemu-virt
all: $(MANAGED_TYPE1) $(MANAGED_TYPE1_LINUX)
$(MANAGED_TYPE1): $(TOOL) $(HV_FULL_BIN) $(MANAGED_CONFIGS)/system-managed.cell \
		  $(MANAGED_CONFIGS)/managed-ticker.cell \
		  $(MANAGED_CONFIGS)/managed-voter.cell $(INMATE_OUT)/ticker.bin \
		  $(INMATE_OUT)/systest/voter.bin $(MANAGED_SRC)/managed.mk
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_FULL_BIN) $(MANAGED_CONFIGS)/system-managed.cell \
		--cell $(MANAGED_CONFIGS)/managed-ticker.cell \
		--payload $(INMATE_OUT)/ticker.bin@0x40200000 \
		--params "period_us=100000 ticks=10" \
		--cell $(MANAGED_CONFIGS)/managed-voter.cell \
		--payload $(INMATE_OUT)/systest/voter.bin@0x40200000 \
		--params "comm=0x40800000 beats=5 beat_us=100000"
# The Linux cell of `cell linux`, with the same kernel, initramfs and
# command line (init_poweroff: nobody shuts it down here).
$(MANAGED_TYPE1_LINUX): $(TOOL) $(HV_FULL_BIN) $(LINUX_KERNEL) $(LINUX_INITRD) \
			$(MANAGED_CONFIGS)/system-managed.cell \
			$(MANAGED_CONFIGS)/managed-linux.cell $(MANAGED_SRC)/managed.mk
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_FULL_BIN) $(MANAGED_CONFIGS)/system-managed.cell \
		--cell $(MANAGED_CONFIGS)/managed-linux.cell \
		--linux $(LINUX_KERNEL) --initrd $(LINUX_INITRD) \
		--bootargs "console=ttyAMA0 panic=-1 init_poweroff"
