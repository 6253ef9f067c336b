# SPDX-License-Identifier: GPL-2.0-only
#
# make fuzz-cells: the in-cell fuzzer (inmates/systest/fuzz.c) beside the
# demo's rt ticker, one boot per seed, through the test runner: seeds 1 to
# FUZZ_CELLS_SEEDS (default 50; or a list: "4-9,17"), FUZZ_CELLS_CALLS
# hypervisor calls each (default 100000). Each boot must print `PASS fuzz
# checks=N` with N the calls made, leave rt's ticks exactly as in a run
# without the fuzzer, and end by itself. `make check` runs seeds 1-3
# (tests/system/adversarial_tests.py, which reads the two variables
# below). Included by the top Makefile, whose BUILD it uses.

FUZZ_CELLS_SEEDS ?= 50
FUZZ_CELLS_CALLS ?= 100000

.PHONY: fuzz-cells
fuzz-cells: all
	CELLBLOCK_FUZZ_CELLS_SEEDS="$(FUZZ_CELLS_SEEDS)" \
	CELLBLOCK_FUZZ_CELLS_CALLS="$(FUZZ_CELLS_CALLS)" \
		python3 tests/run.py --build $(BUILD) -k system/adversarial/fuzz/
