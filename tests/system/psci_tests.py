# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of the PSCI calls of cells in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

- system/psci/reset, system/psci/reset-hvc-twice: SYSTEM_RESET restarts
  only the calling cell, through SMC and HVC, while rt ticks on;
- system/psci/system-off-only-caller: SYSTEM_OFF stops only the caller;
  the machine is switched off after the last cell;
- system/psci/simultaneous-stop: three cells stopping at once power the
  machine off once;
- system/psci/cpu-on-foreign: CPU_ON and AFFINITY_INFO on other cells'
  CPUs, CPUs the board lacks and the cell's own second CPU.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import (BUSY_NEIGHBOUR_SLACK, Paths, Ticks, boot,
                           check_hello, expect_equal_lines, us)


def reset_lines(console, boots, hvc):
    """The reset inmate's lines for @boots boots; returns, for each reset,
    the counter right before SYSTEM_RESET and at the next boot's entry."""
    conduit = "hvc" if hvc else "smc"
    lines = console.of("hello")
    resets = []
    if len(lines) != 4 * boots:
        fail("[hello] printed %d lines, expected %d; %s" %
             (len(lines), 4 * boots, console.describe()))
    for number in range(1, boots + 1):
        block = lines[4 * (number - 1):4 * number]
        first = r"reset: boot %d of %d, entered at cntvct=(\d+)" % (number,
                                                                   boots)
        if number > 1:
            first += r", SYSTEM_RESET called at cntvct=(\d+)"
        found = re.fullmatch(first, block[0])
        if not found:
            fail("[hello] %r does not match %r" % (block[0], first))
        if number > 1:
            resets.append((int(found.group(2)), int(found.group(1))))
        state = ("reset: at entry: data marker 0x600d1dea, RAM word 0x0, "
                 "GICR ISENABLER0 0x0, ISPENDR0 0x0, CNTV_CTL 0x0")
        if block[1] != state:
            fail("[hello] boot %d: %r, expected %r (payload re-copied, RAM "
                 "cleared, interrupts and timer reset)" % (number, block[1],
                                                           state))
        pending = "reset: highest pending interrupt after gic_init: 1023"
        if block[2] != pending:
            fail("[hello] boot %d: %r, expected %r (no interrupt left from "
                 "the previous boot)" % (number, block[2], pending))
        last = "reset: %s via %s" % (
            "SYSTEM_RESET" if number < boots else "SYSTEM_OFF", conduit)
        if block[3] != last:
            fail("[hello] boot %d: %r, expected %r" % (number, block[3],
                                                       last))
    return resets


def check_reset(ctx, resets, hvc):
    paths = Paths(ctx)
    params = "resets=%d delay_us=3500 hvc=%d" % (resets, hvc)
    cells = paths.demo_cells(
        hello=(paths.systest("reset"), params),
        rt=(paths.demo("ticker"), "period_us=1000 ticks=15"),
        app=(paths.demo("hello"), None))
    # hello's RAM with a shared region for the boot counter (kept across
    # a restart; the rest of the RAM is cleared).
    cells[0] = (paths.test_config("reset_hello"),) + cells[0][1:]
    image = paths.image("reset", cells)
    console = boot(ctx, image)
    console.expect_sources(["hello", "rt", "app"])
    boots = resets + 1
    resets_at = reset_lines(console, boots, hvc)
    restarting = "[cellblock] cell hello restarting (PSCI SYSTEM_RESET on " \
        "CPU 0)"
    found = console.find_all(restarting)
    banners = [i for i, s, t in console.entries
               if s == "hello" and t.startswith("reset: boot ")]
    calls_at = [i for i, s, t in console.entries
                if s == "hello" and " via " in t]
    if len(found) != resets:
        fail("%r printed %d times, expected %d; %s" %
             (restarting, len(found), resets, console.describe()))
    for k, index in enumerate(found):
        if not calls_at[k] < index < banners[k + 1]:
            fail("restart line %d is not between the reset call and the "
                 "next boot's first line" % (k + 1))
    stopped = console.find("[cellblock] cell hello stopped (PSCI SYSTEM_OFF "
                           "on CPU 0)")
    if stopped < banners[-1]:
        fail("hello stopped before its last boot")
    ticks = Ticks(console, "rt", 1000, 15)
    # hello's CPU clears hello's RAM while rt ticks (qemu-virt.md: a busy
    # CPU delays another's interrupt under -icount).
    ticks.expect_exact_spacing(BUSY_NEIGHBOUR_SLACK)
    if not ticks.values[0][1] < resets_at[0][0] < ticks.values[-1][1]:
        fail("the first reset (cntvct %d) did not happen while rt ticked "
             "(%d to %d): the test would show nothing" %
             (resets_at[0][0], ticks.values[0][1], ticks.values[-1][1]))
    console.expect_off()
    gaps = [entry - call for call, entry in resets_at]
    return "SYSTEM_RESET to the inmate's first C code: %s counter ticks " \
        "(%s); " \
        "rt: 15 ticks 62500 +- %d apart, %s" % (
            "/".join(map(str, gaps)), "/".join(us(g) for g in gaps),
            BUSY_NEIGHBOUR_SLACK, ticks.latency_note())


def test_reset(ctx):
    """hello's cell runs the reset inmate: SYSTEM_RESET on the first boot,
    SYSTEM_OFF on the second, while rt ticks."""
    return check_reset(ctx, 1, 0)


def test_reset_hvc_twice(ctx):
    """The same through HVC, restarting twice."""
    return check_reset(ctx, 2, 1)


def test_system_off_only_caller(ctx):
    """hello stops at once, app (reset inmate, no reset) stops after 2.5 ms
    through HVC; rt ticks on to its end, and only then the machine is
    switched off."""
    paths = Paths(ctx)
    image = paths.image("system-off", paths.demo_cells(
        rt=(paths.demo("ticker"), "period_us=1000 ticks=10"),
        app=(paths.systest("reset"), "resets=0 delay_us=2500 hvc=1")))
    console = boot(ctx, image)
    console.expect_sources(["hello", "rt", "app"])
    check_hello(console)
    ticks = Ticks(console, "rt", 1000, 10)
    ticks.expect_exact_spacing()
    hello_off = console.find("[cellblock] cell hello stopped (PSCI "
                             "SYSTEM_OFF on CPU 0)")
    app_off = console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF "
                           "on CPU 2)")
    console.find("[app] reset: SYSTEM_OFF via hvc")
    if not hello_off < ticks.indexes[0]:
        fail("hello did not stop before rt's first tick")
    if not ticks.indexes[0] < app_off < ticks.indexes[-1]:
        fail("app did not stop while rt ticked")
    after = sum(1 for i in ticks.indexes if i > app_off)
    rt_off = console.find("[cellblock] cell rt stopped (PSCI SYSTEM_OFF on "
                          "CPU 1)")
    if rt_off != len(console.lines) - 2:
        fail("rt's stop is not the line before the power-off line")
    console.expect_off()
    return "rt ticked %d more times after the last other cell stopped, " \
        "%s" % (after, ticks.latency_note())


SIMULTANEOUS_RUNS = 12


def test_simultaneous_stop(ctx):
    """All three cells call SYSTEM_OFF right after they start, within
    microseconds of each other: the machine is powered off once, with one
    line. A hypervisor whose CPUs can each conclude they stopped the last
    cell powers off several times; how many of those lines get out before
    QEMU acts on the first SYSTEM_OFF depends on the host, not on virtual
    time, so the image is booted several times and every boot must print
    the same bytes. A correct hypervisor passes every time."""
    paths = Paths(ctx)
    reset = paths.systest("reset")
    image = paths.image("simultaneous", paths.demo_cells(
        hello=(reset, "resets=0"), rt=(reset, "resets=0"),
        app=(reset, "resets=0")))
    first = None
    for run in range(1, SIMULTANEOUS_RUNS + 1):
        console = boot(ctx, image)
        console.expect_sources(["hello", "rt", "app"])
        for cell, cpu in (("hello", 0), ("rt", 1), ("app", 2)):
            console.find("[%s] reset: SYSTEM_OFF via smc" % cell)
            console.find("[cellblock] cell %s stopped (PSCI SYSTEM_OFF on "
                         "CPU %d)" % (cell, cpu))
        try:
            console.expect_off()
        except AssertionError as e:
            fail("boot %d of %d: %s" % (run, SIMULTANEOUS_RUNS, e))
        if first is None:
            first = console.result.output
        elif console.result.output != first:
            fail("boot %d printed other bytes than boot 1; %s" %
                 (run, console.describe()))
    return "%d boots, identical, one power-off line each" % \
        SIMULTANEOUS_RUNS


PSCI_PROBE_LINES = [
    "psci: cpu 0 mpidr=0x2, probe=1",
] + [
    "psci: %s %s mpidr=0x%x (%s) -> %s" % (conduit, call, mpidr, what,
                                          result)
    for conduit in ("smc", "hvc")
    for call, mpidr, what, result in [
        ("CPU_ON", 0, "another cell's CPU", "-2 INVALID_PARAMETERS"),
        ("CPU_ON", 1, "another cell's CPU", "-2 INVALID_PARAMETERS"),
        ("CPU_ON", 7, "no such CPU", "-2 INVALID_PARAMETERS"),
        ("AFFINITY_INFO", 0, "another cell's CPU", "-2 INVALID_PARAMETERS"),
        ("AFFINITY_INFO", 1, "another cell's CPU", "-2 INVALID_PARAMETERS"),
        ("AFFINITY_INFO", 7, "no such CPU", "-2 INVALID_PARAMETERS"),
    ]
] + [
    "psci: smc AFFINITY_INFO mpidr=0x3 (own CPU, before CPU_ON) -> 1 OFF",
    "psci: smc CPU_ON mpidr=0x3 (own CPU) -> 0 SUCCESS",
    "psci: cpu 1 up, mpidr=0x3",
    "psci: smc AFFINITY_INFO mpidr=0x3 (own CPU, running) -> 0 ON",
    "psci: hvc CPU_ON mpidr=0x3 (own CPU, running) -> -4 ALREADY_ON",
    "psci: smc AFFINITY_INFO mpidr=0x3 (own CPU, after CPU_OFF) -> 1 OFF",
    "psci: done",
]


def test_cpu_on_foreign(ctx):
    """app (CPUs 2, 3) probes PSCI: other cells' CPUs do not exist for
    it (INVALID_PARAMETERS to CPU_ON, whose answers PSCI 1.1 lists do not
    include DENIED, and to AFFINITY_INFO), nor does a CPU the board
    lacks, its own second CPU starts, runs, powers off. hello
    and rt print the same bytes as in a run where app does not probe."""
    paths = Paths(ctx)
    runs = {}
    for probe in (1, 0):
        image = paths.image("psci-%d" % probe, paths.demo_cells(
            app=(paths.systest("psci_probe"),
                 "probe=%d delay_us=2500" % probe)))
        runs[probe] = boot(ctx, image)
        runs[probe].expect_off()
    probing = runs[1]
    probing.expect_sources(["hello", "rt", "app"])
    expect_equal_lines("[app]", probing.of("app"), PSCI_PROBE_LINES, probing)
    probing.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    ticks = Ticks(probing, "rt", 1000, 20)
    ticks.expect_exact_spacing()
    check_hello(probing)
    for cell in ("hello", "rt"):
        expect_equal_lines("[%s] with app probing" % cell,
                           probing.raw(cell), runs[0].raw(cell), probing)
    if runs[0].of("app") != ["psci: cpu 0 mpidr=0x2, probe=0",
                             "psci: done"]:
        fail("control run: [app] printed %s" % runs[0].of("app"))
    return "%d probe results as expected; hello and rt identical to the " \
        "control run" % (len(PSCI_PROBE_LINES) - 2)


def collect(options):
    return [
        ("system/psci/reset", test_reset),
        ("system/psci/reset-hvc-twice", test_reset_hvc_twice),
        ("system/psci/system-off-only-caller", test_system_off_only_caller),
        ("system/psci/simultaneous-stop", test_simultaneous_stop),
        ("system/psci/cpu-on-foreign", test_cpu_on_foreign),
    ]
