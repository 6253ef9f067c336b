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
		 idle_armed cpu_off psci_edge park traps fault_probe \
		 level_eoi thumb_mmio \
		 attack fuzz
# Those of tests/system/coverage_gap_tests.py.
SYSTEST_NAMES += subpage_rw vgic_queue sgi_sysreg second_reset \
		  payload_sum sve_probe smccc_wa1 start_stop level_trap \
		  held_sgi
# Those of tests/system/spec_tests.py.
SYSTEST_NAMES += spec_calls spec_gic spec_reset spec_idregs
# tests/system/console_tests.py
SYSTEST_NAMES += vuart_irq
# tests/system/ivshmem_tests.py (shared-memory links)
SYSTEST_NAMES += link_watch link_poke link_restart link_absent link_bell \
		  link_config
# tests/system/boot_gap_tests.py (a link peer skipped at boot)
SYSTEST_NAMES += link_ring
# tests/system/linux_ivshmem_tests.py (a Linux cell's link peer)
SYSTEST_NAMES += link_echo
# tests/system/mgmt_tests.py (management hypercalls)
SYSTEST_NAMES += mgmt_args mgmt_target
# tests/system/load_tests.py (loading and destroying cells)
SYSTEST_NAMES += load_args load_check
# tests/system/watchdog_tests.py (watchdog and failure policy)
SYSTEST_NAMES += wd_target wd_reader
# tests/system/vote_tests.py (the comm region and voting)
SYSTEST_NAMES += voter
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

# The adversarial inmates (tests/system/adversarial_tests.py,
# docs/adversarial.md): attack is several files; fuzz shares two of them.
SYSTEST_ATTACK_SHARED := $(patsubst %,$(INMATE_OBJ)/inmates/systest/%.o,\
			   attack_lib attack_common)
SYSTEST_ATTACK_OBJS := $(SYSTEST_ATTACK_SHARED) \
		       $(patsubst %,$(INMATE_OBJ)/inmates/systest/%.o,\
			 attack_mem attack_gic attack_sgi attack_calls \
			 attack_sysreg attack_cache attack_cpu attack_console)
define SYSTEST_LINK_MANY
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_LDFLAGS) -T $(INMATE_LDS) -o $@ \
		$(filter %.o %.a,$^)
endef
$(SYSTEST_OUT)/attack.elf: $(INMATE_HEAD) \
		$(INMATE_OBJ)/inmates/systest/attack.o $(SYSTEST_ATTACK_OBJS) \
		$(INMATE_LIB) $(INMATE_LDS)
	$(SYSTEST_LINK_MANY)
$(SYSTEST_OUT)/fuzz.elf: $(INMATE_HEAD) \
		$(INMATE_OBJ)/inmates/systest/fuzz.o $(SYSTEST_ATTACK_SHARED) \
		$(INMATE_LIB) $(INMATE_LDS)
	$(SYSTEST_LINK_MANY)
.SECONDARY: $(SYSTEST_ATTACK_OBJS)
-include $(SYSTEST_ATTACK_OBJS:.o=.d)

# fakefw: a stand-in EL3 firmware for tests/system/firmware_tests.py, which
# QEMU runs from its flash (-machine secure=on -bios): assembly only,
# linked at 0, the flat .bin from inmates.mk's rule.
SYSTEST_FAKEFW := $(SYSTEST_OUT)/fakefw.bin
systest-inmates: $(SYSTEST_FAKEFW)
$(SYSTEST_OUT)/fakefw.elf: $(INMATE_OBJ)/inmates/systest/fakefw.o
	@mkdir -p $(@D)
	$(INMATE_CC) $(INMATE_LDFLAGS) -Wl,-Ttext=0 \
		-Wl,-z,max-page-size=0x1000 -o $@ $^
.SECONDARY: $(SYSTEST_OUT)/fakefw.elf $(INMATE_OBJ)/inmates/systest/fakefw.o
-include $(INMATE_OBJ)/inmates/systest/fakefw.d
