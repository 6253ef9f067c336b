# SPDX-License-Identifier: GPL-2.0-only
#
# Coverage (tests/coverage.py): which lines of hypervisor/ and common/, as
# compiled into $(BUILD)/hypervisor/hypervisor.elf, the system tests
# execute. Builds everything, runs `tests/run.py -k system` with QEMU's
# execution trace on (tests/system/qemu.py, CELLBLOCK_TRACE_DIR), maps what
# ran at EL2 to source lines with the ELF's line table and writes
# $(BUILD)/coverage/report.txt (also printed) and report.json. Uncovered
# lines with a reason are in tests/coverage-exclusions.txt. Not part of
# `make check`: it runs the tests again, slower (about 4.5 minutes: the
# system tests under the trace, the host tests of common/ under gcov).

.PHONY: coverage
coverage: all
	python3 tests/coverage.py --build $(BUILD)
