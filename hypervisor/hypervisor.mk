# SPDX-License-Identifier: GPL-2.0-only
#
# The hypervisor: generic core, arm64 architecture, drivers, and the shared
# freestanding validators, linked into build/hypervisor/hypervisor.bin.

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
HV_BIN := $(BUILD)/hypervisor/hypervisor.bin
HV_LDS := hypervisor/arch/$(HV_ARCH)/hypervisor.lds

.PHONY: hypervisor
hypervisor: $(HV_BIN)
all: $(HV_BIN)

$(BUILD)/hv/%.c.o: %.c | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(HV_CFLAGS) -c $< -o $@

# The ARMv8 CRC32 instructions (see hypervisor/arch/arm64/crc32.c).
$(BUILD)/hv/hypervisor/arch/arm64/crc32.c.o: HV_CFLAGS += -march=armv8-a+crc

$(BUILD)/hv/%.S.o: %.S | deps
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(HV_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(HV_ELF): $(HV_OBJS) $(HV_LDS)
	@mkdir -p $(@D)
	$(CROSS_COMPILE)ld -nostdlib -static --no-warn-rwx-segments -T $(HV_LDS) $(HV_OBJS) -o $@

$(HV_BIN): $(HV_ELF)
	$(CROSS_COMPILE)objcopy -O binary $< $@

-include $(HV_OBJS:.o=.d)
