# SPDX-License-Identifier: GPL-2.0-only
#
# Test inmates for the system tests (tests/system/*_tests.py), built
# like the demos (inmates/inmates.mk: its compiler flags, start-up code,
# library and link map) into $(BUILD)/inmates/systest/. Included by the
# top Makefile after inmates/inmates.mk; variables here start with SYSTEST_.
#
#   make systest-inmates                  all of them, .elf and flat .bin
#   make $(BUILD)/inmates/systest/X.bin   one (X = reset, psci_probe,
#                                         gicd_probe, sgi_order, gic_width,
#                                         poke, idle_armed, cpu_off,
#                                         psci_edge, park)

SYSTEST_NAMES := reset psci_probe gicd_probe sgi_order gic_width poke \
		 idle_armed cpu_off psci_edge park traps fault_probe
SYSTEST_OUT := $(INMATE_OUT)/systest
SYSTEST_OBJS := $(patsubst %,$(INMATE_OBJ)/inmates/systest/%.o,$(SYSTEST_NAMES))
SYSTEST_BINS := $(patsubst %,$(SYSTEST_OUT)/%.bin,$(SYSTEST_NAMES))
SYSTEST_ELFS := $(SYSTEST_BINS:.bin=.elf)

.PHONY: systest-inmates
systest-inmates: $(SYSTEST_BINS) $(SYSTEST_ELFS)
all: systest-inmates

# The object comes from inmates.mk's $(INMATE_OBJ)/%.o rule; the flat
# binary from its $(INMATE_OUT)/%.bin rule (stem systest/X).
$(SYSTEST_OUT)/%.elf: $(INMATE_HEAD) $(INMATE_OBJ)/inmates/systest/%.o \
		      $(INMATE_LIB) $(INMATE_LDS)
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_LDFLAGS) -T $(INMATE_LDS) -o $@ \
		$(filter %.o %.a,$^)

.SECONDARY: $(SYSTEST_OBJS) $(SYSTEST_ELFS)

-include $(SYSTEST_OBJS:.o=.d)
