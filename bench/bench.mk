# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmarks: the benchmark inmates (bench/inmates), built with the inmate
# runtime of inmates/inmates.mk (its library, start-up object, link map and
# flags), the bench cell configs (bench/configs), and the boot images the
# cell figures run. Included by the top Makefile, after inmates.mk; every
# variable here starts with BENCH_.
#
#   make bench            builds all of it and runs bench/run.py
#   make bench-build      only builds it, into $(BUILD)/bench/
#
# bench/run.py boots each image and each inmate bare metal under QEMU
# -icount and prints the figures; docs/benchmarks.md says what each means.

BENCH_OUT := $(BUILD)/bench
BENCH_OBJ := $(BENCH_OUT)/obj
BENCH_INMATES := latency interfere doorbell
BENCH_LIB_SRCS := bench/inmates/common.c bench/inmates/timer.c \
		  bench/inmates/ipi.c bench/inmates/loops.S bench/inmates/storm.S
BENCH_LIB_OBJS := $(patsubst %,$(BENCH_OBJ)/%.o,$(basename $(BENCH_LIB_SRCS)))
BENCH_MAIN_OBJS := $(patsubst %,$(BENCH_OBJ)/bench/inmates/%.o,$(BENCH_INMATES))
BENCH_BINS := $(patsubst %,$(BENCH_OUT)/%.bin,$(BENCH_INMATES))
BENCH_ELFS := $(BENCH_BINS:.bin=.elf)

BENCH_CELLS := $(patsubst bench/configs/%.dts,$(BENCH_OUT)/configs/%.cell,\
		 $(wildcard bench/configs/*.dts))
BENCH_QV := $(BUILD)/configs/qemu-virt
# The storm cells of load.img stop at this virtual time (from reset): well
# after the measuring cell's last interrupt, which run.py checks.
BENCH_STORM_STOP_US := 40000
BENCH_IMAGES := $(BENCH_OUT)/solo.img $(BENCH_OUT)/boot3.img \
		$(BENCH_OUT)/load.img $(BENCH_OUT)/linux.img \
		$(BENCH_OUT)/linux-load.img $(BENCH_OUT)/link.img \
		$(BENCH_OUT)/lent.img
# The Linux boot figure: the kernel's command line in the cell and bare;
# init_poweroff makes /init switch off once it has printed its lines.
BENCH_LINUX_BOOTARGS := $(LINUX_BOOTARGS) init_poweroff
# The Linux-load figure: /init runs the load (inmates/linux/load.c) on
# both CPUs for BENCH_LINUX_LOAD_MS, then switches off; the measurement
# starts at BENCH_LINUX_LOAD_START_US from reset, after the load has
# started, and ends well before the load does (run.py checks both).
BENCH_LINUX_LOAD_MS := 150
BENCH_LINUX_LOAD_START_US := 1000000
BENCH_LINUX_LOAD_BOOTARGS := $(LINUX_BOOTARGS) init_load=$(BENCH_LINUX_LOAD_MS)
# Its bare twin: the kernel where the Linux cell's RAM really is (its
# bench/configs/linux-bare.dts), the initrd and device tree after it as
# `cellblock image --linux` places them (docs/image.md).
BENCH_LINUX_BARE_ENTRY := 0x60200000

# The Linux-managed figures: Debian's kernel on the whole machine with the
# device tree and command line of tests/system/managed_tests.py
# ($(BUILD)/managed/virt.dtb, tests/system/managed/managed.mk; spelled out
# here, as the module is: both makefiles come after this one), and an
# initramfs of its own whose /init (bench/managed-init) enables the
# hypervisor and runs the latency inmate in the cell lent (CPUs 2-3) with
# these parameters; wait_us keeps its figures clear of the `cellblock cell
# start` that started it. lent.img runs the same cell, inmate and
# parameters type-1.
BENCH_LENT_PARAMS := n=1000 wait_us=100000
BENCH_MANAGED_DTB := $(BUILD)/managed/virt.dtb
BENCH_MANAGED_INITRD := $(BENCH_OUT)/managed-initramfs.cpio
BENCH_MANAGED_FILES := $(TARGET_TOOL) $(BUILD)/driver/cellblock.ko \
		       $(BUILD)/linux/cntvct $(HV_FULL_BIN) \
		       $(BENCH_QV)/system-managed.cell \
		       $(BENCH_OUT)/configs/lent.cell $(BENCH_OUT)/latency.bin

# What bench/run.py reads besides the images and the inmates.
BENCH_DEPS := $(BENCH_BINS) $(BENCH_ELFS) $(BENCH_IMAGES) $(HV_ELF) \
	      $(INMATE_LAUNCH) $(TOOL) \
	      $(BENCH_QV)/system.cell $(LINUX_KERNEL) $(LINUX_INITRD) \
	      $(BENCH_OUT)/linux-bare.dtb $(BENCH_MANAGED_DTB) \
	      $(BENCH_MANAGED_INITRD)

.PHONY: bench-build
bench-build: $(BENCH_DEPS)

$(BENCH_OBJ)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_CFLAGS) -c $< -o $@

$(BENCH_OBJ)/%.o: %.S | deps
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_ASFLAGS) -c $< -o $@

$(BENCH_ELFS): $(BENCH_OUT)/%.elf: $(INMATE_HEAD) \
	       $(BENCH_OBJ)/bench/inmates/%.o $(BENCH_LIB_OBJS) $(INMATE_LIB) \
	       $(INMATE_LDS)
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_LDFLAGS) -T $(INMATE_LDS) -o $@ \
		$(filter %.o %.a,$^)

$(BENCH_BINS): %.bin: %.elf
	$(INMATE_OBJCOPY) -O binary $< $@

$(BENCH_CELLS): $(BENCH_OUT)/configs/%.cell: bench/configs/%.dts $(TOOL)
	@mkdir -p $(@D)
	$(TOOL) config compile $< -o $@

# One cell with every CPU, running what the bare-metal boot runs.
$(BENCH_OUT)/solo.img: $(TOOL) $(HV_BIN) $(BENCH_QV)/system.cell \
		       $(BENCH_OUT)/configs/solo.cell $(BENCH_OUT)/latency.bin
	$(TOOL) image -o $@ $(HV_BIN) $(BENCH_QV)/system.cell \
		--cell $(BENCH_OUT)/configs/solo.cell \
		--payload $(BENCH_OUT)/latency.bin@0x40200000

# hello and rt printing their first line and stopping: beside what a
# figure measures in the other cells.
BENCH_QUIET_HELLO_RT = --cell $(BENCH_QV)/hello.cell \
	--payload $(BENCH_OUT)/latency.bin@0x40200000 --params "boot_only=1" \
	--cell $(BENCH_QV)/rt.cell \
	--payload $(BENCH_OUT)/latency.bin@0x40200000 --params "boot_only=1"

# The demo's three cells, each printing its first line and stopping.
$(BENCH_OUT)/boot3.img: $(TOOL) $(HV_BIN) $(CONFIGS) $(BENCH_OUT)/latency.bin
	$(TOOL) image -o $@ $(HV_BIN) $(BENCH_QV)/system.cell \
		$(BENCH_QUIET_HELLO_RT) \
		--cell $(BENCH_QV)/app.cell \
		--payload $(BENCH_OUT)/latency.bin@0x40200000 \
		--params "boot_only=1"

# hello (CPU 0) measures; rt (CPU 1) and app (CPUs 2, 3) are the storm.
$(BENCH_OUT)/load.img: $(TOOL) $(HV_BIN) $(CONFIGS) $(BENCH_OUT)/interfere.bin
	$(TOOL) image -o $@ $(HV_BIN) $(BENCH_QV)/system.cell \
		--cell $(BENCH_QV)/hello.cell \
		--payload $(BENCH_OUT)/interfere.bin@0x40200000 \
		--cell $(BENCH_QV)/rt.cell \
		--payload $(BENCH_OUT)/interfere.bin@0x40200000 \
		--params "storm=1 stop_us=$(BENCH_STORM_STOP_US)" \
		--cell $(BENCH_QV)/app.cell \
		--payload $(BENCH_OUT)/interfere.bin@0x40200000 \
		--params "storm=1 stop_us=$(BENCH_STORM_STOP_US)"

# The link figures: ping (CPU 2) and pong (CPU 3), the peers of the demo's
# link (configs/qemu-virt/system-link.dts), run the doorbell inmate;
# hello and rt print their first line and stop.
$(BENCH_OUT)/link.img: $(TOOL) $(HV_BIN) $(CONFIGS) $(BENCH_OUT)/latency.bin \
		       $(BENCH_OUT)/doorbell.bin
	$(TOOL) image -o $@ $(HV_BIN) $(BENCH_QV)/system-link.cell \
		$(BENCH_QUIET_HELLO_RT) \
		--cell $(BENCH_QV)/ping.cell \
		--payload $(BENCH_OUT)/doorbell.bin@0x40200000 \
		--cell $(BENCH_QV)/pong.cell \
		--payload $(BENCH_OUT)/doorbell.bin@0x40200000

# A cell's payload that prints its first line and stops, and the linux
# cell's boot without its command line: what the Linux images share.
BENCH_FIRST_LINE_ONLY = --payload $(BENCH_OUT)/latency.bin@0x40200000 \
			--params "boot_only=1"
BENCH_LINUX_CELL = --cell $(BENCH_QV)/linux.cell \
		   --linux $(LINUX_KERNEL) --initrd $(LINUX_INITRD)

# linux (CPUs 2-3) boots to /init and switches itself off; hello and rt
# (CPUs 0, 1) print their first line and stop, as in boot3.img.
$(BENCH_OUT)/linux.img: $(TOOL) $(HV_BIN) $(CONFIGS) $(BENCH_OUT)/latency.bin \
			$(LINUX_KERNEL) $(LINUX_INITRD)
	$(TOOL) image -o $@ $(HV_BIN) $(BENCH_QV)/system-linux.cell \
		--cell $(BENCH_QV)/hello.cell $(BENCH_FIRST_LINE_ONLY) \
		--cell $(BENCH_QV)/rt.cell $(BENCH_FIRST_LINE_ONLY) \
		$(BENCH_LINUX_CELL) --bootargs "$(BENCH_LINUX_BOOTARGS)"
	@echo "$(BENCH_LINUX_BOOTARGS)" > $(BENCH_OUT)/linux-bootargs

# The Linux-load figure in a cell: hello (CPU 0) measures timer latency
# from BENCH_LINUX_LOAD_START_US, linux (CPUs 2-3) runs the load; rt
# (CPU 1) prints its first line and stops, as in linux.img, and its CPU
# idles in the hypervisor (bare metal it stays off).
$(BENCH_OUT)/linux-load.img: $(TOOL) $(HV_BIN) $(CONFIGS) \
			     $(BENCH_OUT)/interfere.bin \
			     $(BENCH_OUT)/latency.bin $(LINUX_KERNEL) \
			     $(LINUX_INITRD)
	$(TOOL) image -o $@ $(HV_BIN) $(BENCH_QV)/system-linux.cell \
		--cell $(BENCH_QV)/hello.cell \
		--payload $(BENCH_OUT)/interfere.bin@0x40200000 \
		--params "start_us=$(BENCH_LINUX_LOAD_START_US)" \
		--cell $(BENCH_QV)/rt.cell $(BENCH_FIRST_LINE_ONLY) \
		$(BENCH_LINUX_CELL) --bootargs "$(BENCH_LINUX_LOAD_BOOTARGS)"

# Its bare twin's device tree: the cell's, generated the same way from
# linux-bare.cell, with the initrd's range and the same command line, and
# PSCI over SMC (QEMU's own PSCI with virtualization=on) where the cell
# has the hypervisor's HVC. linux-bare.layout tells bench/run.py where to
# load the kernel, the initrd and the tree, and when interfere measures.
$(BENCH_OUT)/linux-bare.dtb: $(TOOL) $(BENCH_OUT)/configs/linux-bare.cell \
			     $(BENCH_QV)/system-linux.cell $(LINUX_KERNEL) \
			     $(LINUX_INITRD)
	image_size=$$(od -An -tu8 -j16 -N8 $(LINUX_KERNEL)) && \
	initrd=$$(( ($(BENCH_LINUX_BARE_ENTRY) + image_size + 4095) / 4096 * 4096 )) && \
	end=$$(( initrd + $$(stat -c %s $(LINUX_INITRD)) )) && \
	dtb=$$(( (end + 4095) / 4096 * 4096 )) && \
	$(TOOL) config dtb $(BENCH_OUT)/configs/linux-bare.cell \
		$(BENCH_QV)/system-linux.cell -o $@.new \
		--initrd $$(printf '0x%x,0x%x' $$initrd $$end) \
		--bootargs "$(BENCH_LINUX_LOAD_BOOTARGS)" && \
	fdtput -t s $@.new /psci method smc && \
	printf 'kernel=%s initrd=0x%x dtb=0x%x start_us=%s\n' \
		$(BENCH_LINUX_BARE_ENTRY) $$initrd $$dtb \
		$(BENCH_LINUX_LOAD_START_US) > $(BENCH_OUT)/linux-bare.layout
	mv $@.new $@

# The cell lent type-1, the twin of the managed boot's: on CPUs 2-3 of
# the root-less demo system, where every CPU must be a cell's, so hello
# and rt (CPUs 0, 1) print their first line and stop, long before lent's
# wait_us is over, and their CPUs idle in the hypervisor as Linux's idle
# in the managed boot.
$(BENCH_OUT)/lent.img: $(TOOL) $(HV_FULL_BIN) $(CONFIGS) \
		       $(BENCH_OUT)/configs/lent.cell $(BENCH_OUT)/latency.bin \
		       bench/bench.mk
	$(TOOL) image -o $@ $(HV_FULL_BIN) $(BENCH_QV)/system.cell \
		$(BENCH_QUIET_HELLO_RT) \
		--cell $(BENCH_OUT)/configs/lent.cell \
		--payload $(BENCH_OUT)/latency.bin@0x40200000 \
		--params "$(BENCH_LENT_PARAMS)"

# The managed boot's initramfs: busybox, /init, the arm64 command, the
# module, the counter, the hypervisor, the system and cell configs, the
# inmate, and its parameters as /etc/lent-params.
$(BENCH_OUT)/lent-params: bench/bench.mk
	@mkdir -p $(@D)
	printf '%s\n' "$(BENCH_LENT_PARAMS)" > $@

$(BENCH_MANAGED_INITRD): scripts/make-initramfs.sh bench/managed-init \
			 $(LINUX_BUSYBOX) $(BENCH_MANAGED_FILES) \
			 $(BENCH_OUT)/lent-params
	@mkdir -p $(@D)
	sh scripts/make-initramfs.sh $(LINUX_BUSYBOX) bench/managed-init $@ \
		$(BENCH_MANAGED_FILES) $(BENCH_OUT)/lent-params=/etc/lent-params

.SECONDARY: $(BENCH_LIB_OBJS) $(BENCH_MAIN_OBJS) $(BENCH_ELFS)

-include $(BENCH_LIB_OBJS:.o=.d) $(BENCH_MAIN_OBJS:.o=.d)
