# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# Inmates: the bare-metal runtime (inmates/lib), the demos (inmates/demos)
# and the test launcher (inmates/tests/launch.S), cross-built into
# $(BUILD)/inmates/. Included by the top Makefile, whose BUILD and
# CROSS_COMPILE it uses; every other variable here starts with INMATE_.
#
#   make inmates                  every demo as .elf and flat .bin
#   make $(BUILD)/inmates/X.bin   one of them (X = hello, ticker, crash, smp,
#                                 pingpong, manager)
#
# Each demo is linked at 0x40200000 (inmates/lib/inmate.lds) and starts
# with an arm64 Image header: QEMU -kernel X.bin runs it bare metal.

INMATE_CC := $(CROSS_COMPILE)gcc
INMATE_AR := $(CROSS_COMPILE)ar
INMATE_OBJCOPY := $(CROSS_COMPILE)objcopy
INMATE_OUT := $(BUILD)/inmates
INMATE_OBJ := $(INMATE_OUT)/obj

INMATE_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
		   -Wstrict-prototypes -Wundef
# -fno-pie: the Debian cross compiler defaults to PIE, and nothing here
# relocates itself. -mno-outline-atomics: atomics inline, not calls into a
# libgcc the inmates do not link. -fno-tree-loop-distribute-patterns: string.c's loops
# must not turn into calls to memset/memcpy.
# Recursive (=): CROSS_ISYSTEM is asked of the compiler only when a recipe
# runs (see the top Makefile).
INMATE_CFLAGS = -std=c11 -O2 -g -ffreestanding -fno-builtin -nostdlib \
		 -nostdinc $(CROSS_ISYSTEM) -mgeneral-regs-only -mno-outline-atomics \
		 -fno-pie -fno-tree-loop-distribute-patterns \
		 $(INMATE_WARNINGS) -Iinclude -Icommon -Iinmates/lib/include \
		 -MMD -MP
INMATE_ASFLAGS := -g -fno-pie -Iinmates/lib/include -MMD -MP
INMATE_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
		  -Wl,--no-warn-rwx-segments

INMATE_LDS := inmates/lib/inmate.lds
INMATE_LIB_SRCS := $(wildcard inmates/lib/*.c) inmates/lib/vectors.S \
		   common/format.c
INMATE_HEAD := $(INMATE_OBJ)/inmates/lib/head.o
INMATE_LIB := $(INMATE_OUT)/libinmate.a
INMATE_DEMOS := hello ticker crash smp pingpong manager
INMATE_LAUNCH := $(INMATE_OUT)/launch.elf

INMATE_LIB_OBJS := $(patsubst %,$(INMATE_OBJ)/%.o,$(basename $(INMATE_LIB_SRCS)))
INMATE_DEMO_OBJS := $(patsubst %,$(INMATE_OBJ)/inmates/demos/%.o,$(INMATE_DEMOS))
INMATE_BINS := $(patsubst %,$(INMATE_OUT)/%.bin,$(INMATE_DEMOS))
INMATE_ELFS := $(INMATE_BINS:.bin=.elf)

.PHONY: inmates
inmates: $(INMATE_BINS) $(INMATE_ELFS) $(INMATE_LAUNCH)
all: inmates

$(INMATE_OBJ)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_CFLAGS) -c $< -o $@

$(INMATE_OBJ)/%.o: %.S | deps
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_ASFLAGS) -c $< -o $@

$(INMATE_LIB): $(INMATE_LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(INMATE_AR) rcs $@ $^

$(INMATE_OUT)/%.elf: $(INMATE_HEAD) $(INMATE_OBJ)/inmates/demos/%.o \
		     $(INMATE_LIB) $(INMATE_LDS)
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_LDFLAGS) -T $(INMATE_LDS) -o $@ \
		$(filter %.o %.a,$^)

$(INMATE_OUT)/%.bin: $(INMATE_OUT)/%.elf
	$(INMATE_OBJCOPY) -O binary $< $@

# The launcher sits below the inmates' 0x40200000, clear of the 1 MiB
# QEMU reserves for the DTB at the start of RAM when there is no -kernel.
$(INMATE_LAUNCH): $(INMATE_OBJ)/inmates/tests/launch.o
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_LDFLAGS) -Wl,-Ttext=0x40180000 \
		-Wl,-z,max-page-size=0x1000 -o $@ $^

# Keep the objects: they are the library's and the dependency files'.
.SECONDARY: $(INMATE_LIB_OBJS) $(INMATE_DEMO_OBJS) $(INMATE_HEAD) \
	    $(INMATE_ELFS)

-include $(INMATE_LIB_OBJS:.o=.d) $(INMATE_DEMO_OBJS:.o=.d) \
	 $(INMATE_HEAD:.o=.d)
