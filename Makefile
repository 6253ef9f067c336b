# SPDX-License-Identifier: GPL-2.0-only
#
# cellblock build. `make` builds everything into build/; `make check` runs
# every test; `make fuzz` runs the config fuzzer for FUZZ_SECONDS.
# Missing Debian packages are installed by scripts/install-deps.sh.

BUILD ?= build
HOSTCC ?= gcc
CROSS_COMPILE ?= aarch64-linux-gnu-
FUZZCC ?= clang
FUZZ_SECONDS ?= 600
# A short run of each fuzzer is part of `make check`.
CHECK_FUZZ_SECONDS ?= 15

# The cross compiler's own headers (stddef.h, stdint.h): asked of the
# compiler when a recipe first needs them, which is after the order-only
# prerequisite `deps` has installed it. Asked while the Makefile is read,
# the answer would be empty on a fresh machine.
CROSS_INCLUDE = $(eval CROSS_INCLUDE := $(shell $(CROSS_COMPILE)gcc \
	-print-file-name=include 2>/dev/null))$(CROSS_INCLUDE)
CROSS_ISYSTEM = -isystem $(if $(wildcard $(CROSS_INCLUDE)/stdint.h),\
	$(CROSS_INCLUDE),$(error $(CROSS_COMPILE)gcc has no stdint.h (Debian \
	package gcc-aarch64-linux-gnu): run scripts/install-deps.sh))

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	    -Wstrict-prototypes -Wundef
HOST_CFLAGS := -std=c11 -O2 -g $(WARNINGS) -D_DEFAULT_SOURCE \
	       -Iinclude -Icommon -MMD -MP
# The validator as the hypervisor will build it: freestanding, no libc.
EL2_CFLAGS = -std=c11 -O2 $(WARNINGS) -ffreestanding -fno-builtin \
	      -nostdinc $(CROSS_ISYSTEM) -mgeneral-regs-only -Iinclude -Icommon -MMD -MP

COMMON_SRCS := $(wildcard common/*.c)
TOOL_SRCS := $(wildcard tools/*.c)
CONFIG_SRCS := $(wildcard configs/*/*.dts)

TOOL := $(BUILD)/tools/cellblock
FUZZER := $(BUILD)/fuzz/config_fuzz
IMAGE_FUZZER := $(BUILD)/fuzz/image_fuzz
CONFIGS := $(patsubst configs/%.dts,$(BUILD)/configs/%.cell,$(CONFIG_SRCS))
HOST_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(COMMON_SRCS) $(TOOL_SRCS))
EL2_OBJS := $(patsubst %.c,$(BUILD)/aarch64/%.o,$(COMMON_SRCS))

.PHONY: all deps check fuzz clean run lint
all: deps $(TOOL) $(CONFIGS) $(EL2_OBJS) $(FUZZER) $(IMAGE_FUZZER)

deps:
	@sh scripts/install-deps.sh

$(BUILD)/host/%.o: %.c | deps
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(TOOL): $(HOST_OBJS)
	@mkdir -p $(@D)
	$(HOSTCC) $^ -lfdt -o $@

$(BUILD)/aarch64/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(EL2_CFLAGS) -c $< -o $@

$(BUILD)/configs/%.cell: configs/%.dts $(TOOL)
	@mkdir -p $(@D)
	$(TOOL) config compile $< -o $@

FUZZ_CFLAGS := -std=c11 -g -O1 $(WARNINGS) -Iinclude -Icommon \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

$(FUZZER): tests/fuzz/config_fuzz.c tools/config_dump.c $(COMMON_SRCS) | deps
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $^ -o $@

$(IMAGE_FUZZER): tests/fuzz/image_fuzz.c $(COMMON_SRCS) | deps
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $^ -o $@

check: all lint
	python3 tests/run.py --build $(BUILD) --fuzz-seconds $(CHECK_FUZZ_SECONDS)

# Static analysis of all C: warnings are errors; suppressions are inline,
# each with its reason.
LINT_DIRS := common tools hypervisor inmates bench/inmates tests/unit tests/fuzz
lint: | deps
	cppcheck --quiet --enable=warning,portability --error-exitcode=1 \
		--std=c11 --inline-suppr --library=scripts/cppcheck-libfdt.cfg \
		--suppress=missingIncludeSystem -Iinclude -Icommon \
		-Ihypervisor/include -Ihypervisor/arch/arm64/include \
		-Iinmates/lib/include $(LINT_DIRS)

# Both fuzzers, FUZZ_SECONDS each; new inputs go to build/fuzz/, the
# committed seed corpora are only read.
fuzz: $(FUZZER) $(IMAGE_FUZZER)
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/image-corpus
	$(FUZZER) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		$(BUILD)/fuzz/corpus tests/fuzz/corpus
	$(IMAGE_FUZZER) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		$(BUILD)/fuzz/image-corpus tests/fuzz/image-corpus

clean:
	rm -rf $(BUILD)

-include $(HOST_OBJS:.o=.d) $(EL2_OBJS:.o=.d)

include hypervisor/hypervisor.mk
include inmates/inmates.mk
include inmates/systest/systest.mk
include inmates/linux/linux.mk
include tools/target.mk
include bench/bench.mk
include driver/driver.mk
include tests/system/managed/managed.mk

# Benchmarks (bench/, docs/benchmarks.md): separate from `make check`.
.PHONY: bench
bench: $(BENCH_DEPS)
	python3 bench/run.py --build $(BUILD)

# The demo image: hello, a ticking real-time cell, and a cell that crashes
# after 5 ms while the others go on (configs/qemu-virt).
DEMO_IMAGE := $(BUILD)/images/demo.img
DEMO_CONFIGS := $(BUILD)/configs/qemu-virt
QEMU_BOARD := qemu-system-aarch64 -machine \
	virt,virtualization=on,gic-version=3,its=off -cpu cortex-a57 -smp 4 \
	-m 1G -nic none -nographic -no-reboot
QEMU_VIRT := $(QEMU_BOARD) -icount shift=0,sleep=off
all: $(DEMO_IMAGE) $(LINUX_IMAGE)

# Every demo image is made twice from the same arguments: NAME.img on the
# full hypervisor (HV_BIN), NAME-frozen.img on the frozen variant, which
# `make VARIANT=frozen run` boots and `make check` tests too
# (tests/run.py runs the system tests on both variants).
DEMO_IMAGE_ARGS = $(DEMO_CONFIGS)/system.cell \
		--cell $(DEMO_CONFIGS)/hello.cell \
		--payload $(INMATE_OUT)/hello.bin@0x40200000 \
		--cell $(DEMO_CONFIGS)/rt.cell \
		--payload $(INMATE_OUT)/ticker.bin@0x40200000 \
		--params "period_us=1000 ticks=20" \
		--cell $(DEMO_CONFIGS)/app.cell \
		--payload $(INMATE_OUT)/crash.bin@0x40200000 \
		--params "delay_us=5000"
all: $(DEMO_IMAGE:.img=-frozen.img)

$(DEMO_IMAGE): $(TOOL) $(HV_BIN) $(CONFIGS) $(INMATE_BINS)
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_BIN) $(DEMO_IMAGE_ARGS)

$(DEMO_IMAGE:.img=-frozen.img): $(TOOL) $(HV_FROZEN_BIN) $(CONFIGS) $(INMATE_BINS)
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_FROZEN_BIN) $(DEMO_IMAGE_ARGS)

# DEMO=link: two cells ping-pong messages through a shared-memory link
# (docs/ivshmem.md), beside hello and the ticking real-time cell.
LINK_IMAGE := $(BUILD)/images/link.img
all: $(LINK_IMAGE) $(LINK_IMAGE:.img=-frozen.img)

LINK_IMAGE_ARGS = $(DEMO_CONFIGS)/system-link.cell \
		--cell $(DEMO_CONFIGS)/hello.cell \
		--payload $(INMATE_OUT)/hello.bin@0x40200000 \
		--cell $(DEMO_CONFIGS)/rt.cell \
		--payload $(INMATE_OUT)/ticker.bin@0x40200000 \
		--params "period_us=1000 ticks=20" \
		--cell $(DEMO_CONFIGS)/ping.cell \
		--payload $(INMATE_OUT)/pingpong.bin@0x40200000 \
		--cell $(DEMO_CONFIGS)/pong.cell \
		--payload $(INMATE_OUT)/pingpong.bin@0x40200000

$(LINK_IMAGE): $(TOOL) $(HV_BIN) $(CONFIGS) $(INMATE_BINS)
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_BIN) $(LINK_IMAGE_ARGS)

$(LINK_IMAGE:.img=-frozen.img): $(TOOL) $(HV_FROZEN_BIN) $(CONFIGS) $(INMATE_BINS)
	@mkdir -p $(@D)
	$(TOOL) image -o $@ $(HV_FROZEN_BIN) $(LINK_IMAGE_ARGS)

# DEMO=linux: Debian's kernel with a shell in a cell, beside hello and rt
# (inmates/linux/linux.mk), in real time (no -icount): it is interactive.
# -echr 0x14: QEMU's own escape key becomes Ctrl-T (Ctrl-T x quits), so
# Ctrl-A reaches the hypervisor, which switches the console's input on
# three of them.
#
# VARIANT=frozen: the same demo on the hypervisor built without management
# code (hypervisor/hypervisor.mk): its *-frozen.img, made from the same
# arguments as the full variant's image.
DEMO ?= basic
VARIANT ?= full
RUN_IMAGE_basic := $(DEMO_IMAGE)
RUN_IMAGE_link := $(LINK_IMAGE)
RUN_IMAGE_linux := $(LINUX_IMAGE)
RUN_IMAGE := $(RUN_IMAGE_$(DEMO))
ifeq ($(VARIANT),frozen)
RUN_IMAGE := $(RUN_IMAGE:.img=-frozen.img)
endif
run: all
ifeq ($(RUN_IMAGE),)
	$(error DEMO=$(DEMO): expected basic (the default), link or linux)
endif
ifneq ($(filter-out full frozen,$(VARIANT)),)
	$(error VARIANT=$(VARIANT): expected full (the default) or frozen)
endif
ifeq ($(DEMO),linux)
	@echo "cellblock: Ctrl-A three times switches the console's input between cells; Ctrl-T x quits QEMU"
	$(QEMU_BOARD) -echr 0x14 -kernel $(RUN_IMAGE)
else
	$(QEMU_VIRT) -kernel $(RUN_IMAGE)
endif

# Validator unit tests over configs compiled from tests/unit/fixtures/.
UNIT_FIXTURES := $(patsubst tests/unit/fixtures/%.dts,$(BUILD)/tests/fixtures/%.cell,$(wildcard tests/unit/fixtures/*.dts))
UNIT_TEST := $(BUILD)/tests/config_check_test
all: $(UNIT_TEST) $(UNIT_FIXTURES)

$(BUILD)/tests/fixtures/%.cell: tests/unit/fixtures/%.dts $(TOOL) $(wildcard tests/unit/fixtures/*.dts)
	@mkdir -p $(@D)
	$(TOOL) config compile $< -o $@

$(UNIT_TEST): $(wildcard tests/unit/*.c tests/unit/*.h) $(COMMON_SRCS) | deps
	@mkdir -p $(@D)
	$(HOSTCC) -std=c11 -g -O1 $(WARNINGS) -D_DEFAULT_SOURCE -Iinclude \
		-Icommon -fsanitize=address,undefined -fno-sanitize-recover=all \
		$(filter %.c,$^) -o $@
include tests/coverage.mk
include tests/system/fuzz.mk

# The in-cell fuzzer's long seed set is part of `make fuzz`.
fuzz: fuzz-cells
