# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of what a cell sees as the specifications a stock
operating system relies on define it: SMCCC 1.1 and PSCI 1.1 calls, the
GIC's type registers, the CPU state at entry (docs/hypervisor.md).

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Each test runs one test inmate in a cell beside the demo's hello (CPU 0)
and checks its in-cell test protocol lines (check.h) and the exact lines
it prints.

- system/spec/calls: spec_calls.c in a cell of CPUs 1 and 2: unknown
  function IDs answer -1 over HVC and SMC with x1-x17 kept, the vendor
  hypervisor UID, count and revision, SMCCC_VERSION and ARCH_FEATURES,
  PSCI_VERSION and PSCI_FEATURES of every PSCI function, CPU_SUSPEND
  woken by the virtual timer, SYSTEM_RESET2's refused reset types;
- system/spec/gic-cpus-1-2, system/spec/gic-cpus-1-3: spec_gic.c in a
  cell of CPUs 1 and 2 (one run of frames) and one of CPUs 1 and 3 (two
  runs): every frame's GICR_TYPER exactly (Last where each run of the
  cell's frames ends, the board's Last on others' frames, no LPI
  feature), a Linux-style walk of each run, GICD_TYPER masked;
- system/spec/el1-reset: spec_reset.c in a cell of CPUs 2 and 3: the
  registers of a CPU started by CPU_ON after it dirtied them, and of the
  first CPU after SYSTEM_RESET, are at their reset values;
- system/spec/id-registers: spec_idregs.c on `-cpu max` (SME, HCX, NV,
  FWB and more), bare metal and in a cell: the cell reads every ID
  register as the hardware has it with exactly the fields
  hypervisor/arch/arm64/id_regs.c hides cleared.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import Paths, Ticks, boot, check_hello, expect_pass
import qemu

HELLO_STOPPED = "[cellblock] cell hello stopped (PSCI SYSTEM_OFF on CPU 0)"

# GICR_TYPER of QEMU virt's four frames as a cell reads them: affinity
# (63:32) and processor number (23:8) of the frame's CPU, Last (bit 4)
# where the cell's own runs end, and the board's Last (frame 3) on the
# frames of other cells' CPUs.
FRAME = "spec_gic: frame %d GICR_TYPER 0x%016x%s"
# QEMU virt's GICD_TYPER as the hardware has it (ITLinesNumber 7,
# IDbits 15, A3V; CPUNumber 0, SecurityExtn 0), with No1N (bit 25) set:
# 1 of N routing is refused.
GICD_TYPER = "spec_gic: GICD_TYPER 0x03780007"


def frame_lines(own, runs):
    lines = []
    for cpu in range(4):
        typer = cpu << 32 | cpu << 8
        if (cpu in own and cpu + 1 not in own) or cpu == 3:
            typer |= 0x10
        lines.append(FRAME % (cpu, typer, " (own)" if cpu in own else ""))
    lines += ["spec_gic: run from frame %d to %d" % run for run in runs]
    return ["RUN spec-gic"] + lines + [GICD_TYPER]


def spec_boot(ctx, config, spare, inmate, params, name):
    """hello on CPU 0, the spec cell (@config) running @inmate, and the
    @spare cell (a config of one CPU, the one left) running hello too."""
    paths = Paths(ctx)
    hello = paths.demo_cells()[0]
    cells = [hello, (paths.test_config(config), paths.systest(inmate),
                     params), (paths.test_config(spare), hello[1], None)]
    console = boot(ctx, paths.image(name, cells))
    console.expect_sources(["hello", "spec", spare])
    check_hello(console)
    check_hello(console, spare)
    console.find(HELLO_STOPPED)
    return console


def expect_clean(console, cell, stopped):
    """No hypervisor line about @cell but @stopped; the machine off."""
    said = [t for _, s, t in console.entries
            if s == "cellblock" and t.startswith("cell %s " % cell)]
    if said != [stopped]:
        fail("the hypervisor said %r about %s, expected %r; %s" %
             (said, cell, [stopped], console.describe()))
    console.expect_off()


def test_calls(ctx):
    console = spec_boot(ctx, "spec12", "solo3", "spec_calls",
                        "second=0x2 foreign=0x0", "spec-calls")
    checks, _ = expect_pass(console, "spec", "spec-calls", run_first=True)
    expect_clean(console, "spec",
                 "cell spec stopped (PSCI SYSTEM_OFF on CPU 1)")
    return "%d checks" % checks


def gic_test(config, spare, own, runs):
    def test(ctx):
        console = spec_boot(ctx, config, spare, "spec_gic", None,
                            "spec-gic")
        want = frame_lines(own, runs)
        got = console.of("spec")[:len(want)]
        if got != want:
            fail("[spec] printed %r, expected %r; %s" %
                 (got, want, console.describe()))
        checks, _ = expect_pass(console, "spec", "spec-gic")
        expect_clean(console, "spec",
                     "cell spec stopped (PSCI SYSTEM_OFF on CPU 1)")
        return "%d checks" % checks
    return test


def test_el1_reset(ctx):
    paths = Paths(ctx)
    cells = paths.demo_cells(app=(paths.systest("spec_reset"),
                                  "second=0x3"))
    cells[2] = (paths.test_config("pair_kept"),) + cells[2][1:]
    console = boot(ctx, paths.image("spec-reset", cells))
    console.expect_sources(["hello", "rt", "pair"])
    check_hello(console)
    lines = console.of("pair")
    want = ["RUN spec-reset", "spec_reset: boot 1 done", "RUN spec-reset"]
    if lines[:3] != want:
        fail("[pair] printed %r, expected %r first; %s" %
             (lines, want, console.describe()))
    checks, _ = expect_pass(console, "pair", "spec-reset")
    said = [t for _, s, t in console.entries
            if s == "cellblock" and t.startswith("cell pair ")]
    want = ["cell pair restarting (PSCI SYSTEM_RESET on CPU 2)",
            "cell pair stopped (PSCI SYSTEM_OFF on CPU 2)"]
    if said != want:
        fail("the hypervisor said %r about pair, expected %r" % (said, want))
    console.expect_off()
    return "%d checks" % checks


def field(*lsbs):
    mask = 0
    for lsb in lsbs:
        mask |= 0xf << lsb
    return mask


ALL = (1 << 64) - 1
# The fields of each AArch64 ID register a cell reads as the hardware's
# (CRm, Op2): an oracle written apart from id_regs.c, from its comment's
# list. The AArch32 registers (CRm 1-3) are the hardware's; any other
# encoding reads 0.
KEPT = {
    (4, 0): ALL & ~field(40, 44, 52),           # ID_AA64PFR0: MPAM, AMU, RME
    (4, 1): field(0, 4, 12, 32),                # ID_AA64PFR1: BT, SSBS, ...
    (4, 4): ALL,                                # ID_AA64ZFR0
    (5, 0): field(0, 4, 8, 12, 20, 28, 36, 40, 48),     # ID_AA64DFR0
    (6, 0): ALL & ~field(24),                   # ID_AA64ISAR0: TME
    (6, 1): ALL & ~field(60),                   # ID_AA64ISAR1: LS64
    (6, 2): field(0, 4, 8, 12, 20, 24, 28),     # ID_AA64ISAR2
    (7, 0): ALL & ~field(56),                   # ID_AA64MMFR0: FGT
    (7, 1): ALL & ~field(32, 40),               # ID_AA64MMFR1: TWED, HCX
    (7, 2): ALL & ~field(24, 40, 56),           # ID_AA64MMFR2: NV, FWB, EVT
}
ID_LINE = r"spec_idregs: C(\d) (\d) 0x([0-9a-f]{16})"


def id_values(lines):
    values = {}
    for line in lines:
        found = re.fullmatch(ID_LINE, line)
        if found:
            values[int(found.group(1)), int(found.group(2))] = \
                int(found.group(3), 16)
    if len(values) != 56:
        fail("%d ID registers printed, expected 56: %r" % (len(values),
                                                           lines))
    return values


def test_id_registers(ctx):
    paths = Paths(ctx)
    inmate = paths.systest("spec_idregs")
    bare = qemu.boot(ctx.tmp, kernel=inmate, extra=["-cpu", "max"])
    hardware = id_values([line.strip() for line in bare.lines])
    cells = paths.demo_cells(app=(inmate, None))
    console = boot(ctx, paths.image("spec-idregs", cells),
                   ["-cpu", "max"])
    console.expect_sources(["hello", "rt", "app"])
    check_hello(console)
    Ticks(console, "rt", 1000, 20)
    seen = id_values(console.of("app"))
    hidden = 0
    for (crm, op2), value in sorted(hardware.items()):
        kept = ALL if crm < 4 else KEPT.get((crm, op2), 0)
        if seen[crm, op2] != value & kept:
            fail("ID register C%d %d: the cell reads 0x%016x, expected "
                 "0x%016x (the hardware's 0x%016x, fields 0x%016x)" %
                 (crm, op2, seen[crm, op2], value & kept, value, kept))
        hidden += value != value & kept
    if hidden == 0:
        fail("-cpu max has no feature the cell must not see: the test "
             "checks nothing hidden")
    console.expect_off()
    return "%d registers differ from the hardware's, as expected" % hidden


def collect(options):
    return [
        ("system/spec/calls", test_calls),
        ("system/spec/gic-cpus-1-2", gic_test("spec12", "solo3", {1, 2},
                                              [(1, 2)])),
        ("system/spec/gic-cpus-1-3", gic_test("spec13", "solo2", {1, 3},
                                              [(1, 1), (3, 3)])),
        ("system/spec/el1-reset", test_el1_reset),
        ("system/spec/id-registers", test_id_registers),
    ]
