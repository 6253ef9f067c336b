# SPDX-License-Identifier: GPL-2.0-only
#
# The hypervisor: generic core, arm64 architecture, drivers, and the shared
# freestanding validators, linked twice from one set of objects:
#
# - build/hypervisor/hypervisor.bin (.elf): the full hypervisor, with the
#   management calls of hypervisor/core/mgmt*.c; HV_BIN, what the images
#   of `make all` and `make run` are built with;
# - build/hypervisor/hypervisor-frozen.bin (.elf): the frozen variant, the
#   same objects with hypervisor/core/mgmt*.c replaced by
#   hypervisor/variant/frozen/mgmt.c, which refuses every management call
#   (CB_HC_EFROZEN): the code that stops, starts or restarts another cell
#   is not linked into it at all. `make VARIANT=frozen run` boots the demo
#   on it (see the top Makefile).
#
# The variant is chosen by the object list, never by #ifdef: every other
# object is compiled once and linked into both. Both variants are always
# built, so that `make check` tests both (tests/system/variant_tests.py)
# and `make bench` measures both (bench/sizes.py). A variant's own files
# live in hypervisor/variant/NAME/, outside the wildcards below.

HV_ARCH := arm64
# Recursive (=): CROSS_ISYSTEM is asked of the compiler only when a recipe
# runs (see the top Makefile).
HV_CFLAGS = -std=c11 -O2 -g $(WARNINGS) -ffreestanding -fno-builtin \
	-nostdinc $(CROSS_ISYSTEM) -mgeneral-regs-only -mno-outline-atomics \
	-fno-stack-protector -fno-pic -fno-common -Ihypervisor/include \
	-Ihypervisor/arch/$(HV_ARCH)/include -Iinclude -Icommon -MMD -MP
HV_SRCS := $(wildcard hypervisor/core/*.c hypervisor/drivers/*.c \
	hypervisor/arch/$(HV_ARCH)/*.c hypervisor/arch/$(HV_ARCH)/*.S) \
	$(wildcard common/config_check*.c) common/format.c common/image_check.c
HV_OBJS := $(patsubst %,$(BUILD)/hv/%.o,$(HV_SRCS))
HV_ELF := $(BUILD)/hypervisor/hypervisor.elf
HV_FULL_BIN := $(BUILD)/hypervisor/hypervisor.bin
HV_BIN := $(HV_FULL_BIN)
HV_LDS := hypervisor/arch/$(HV_ARCH)/hypervisor.lds

# The frozen variant: management swapped for its refusal, in its place in
# the link order, so that everything after it moves by no more than the
# difference (and the alignment of what follows).
# Management is hypervisor/core/mgmt.c (the dispatch, in the link order's
# place of the frozen refusal), every other hypervisor/core/mgmt_*.c, and
# the architecture's hypervisor/arch/ARCH/mgmt_*.c (what loading needs).
HV_MGMT_SRC := hypervisor/core/mgmt.c
HV_MGMT_PARTS := $(filter hypervisor/core/mgmt_%.c hypervisor/arch/$(HV_ARCH)/mgmt_%.c,\
	$(HV_SRCS))
HV_FROZEN_SRCS := $(filter-out $(HV_MGMT_PARTS),$(patsubst $(HV_MGMT_SRC),\
	hypervisor/variant/frozen/mgmt.c,$(HV_SRCS)))
HV_FROZEN_OBJS := $(patsubst %,$(BUILD)/hv/%.o,$(HV_FROZEN_SRCS))
HV_FROZEN_ELF := $(BUILD)/hypervisor/hypervisor-frozen.elf
HV_FROZEN_BIN := $(BUILD)/hypervisor/hypervisor-frozen.bin

.PHONY: hypervisor
hypervisor: $(HV_FULL_BIN) $(HV_FROZEN_BIN)
all: $(HV_FULL_BIN) $(HV_FROZEN_BIN)
# bench/sizes.py measures both ELFs.
bench: $(HV_ELF) $(HV_FROZEN_ELF)

$(BUILD)/hv/%.c.o: %.c | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(HV_CFLAGS) -c $< -o $@

# The ARMv8 CRC32 instructions (see hypervisor/arch/arm64/crc32.c).
$(BUILD)/hv/hypervisor/arch/arm64/crc32.c.o: HV_CFLAGS += -march=armv8-a+crc

$(BUILD)/hv/%.S.o: %.S | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(HV_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

# Position-independent, so that the Linux module can put it wherever the
# board's reserved memory is (entry.S relocates it); the type-1 boot runs
# it at its link address, where the relocations' values are already
# written (ld applies them in the file too).
HV_LDFLAGS := -nostdlib -pie --no-dynamic-linker -z notext \
	--no-warn-rwx-segments

$(HV_ELF): $(HV_OBJS) $(HV_LDS)
	@mkdir -p $(@D)
	$(CROSS_COMPILE)ld $(HV_LDFLAGS) -T $(HV_LDS) $(HV_OBJS) -o $@

$(HV_FROZEN_ELF): $(HV_FROZEN_OBJS) $(HV_LDS)
	@mkdir -p $(@D)
	$(CROSS_COMPILE)ld $(HV_LDFLAGS) -T $(HV_LDS) $(HV_FROZEN_OBJS) -o $@

$(HV_FULL_BIN): $(HV_ELF)
	$(CROSS_COMPILE)objcopy -O binary $< $@

$(HV_FROZEN_BIN): $(HV_FROZEN_ELF)
	$(CROSS_COMPILE)objcopy -O binary $< $@

-include $(HV_FROZEN_OBJS:.o=.d) \
	$(patsubst %,$(BUILD)/hv/%.d,$(HV_MGMT_SRC) $(HV_MGMT_PARTS))
