# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of the demo image in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

- system/demo: build/images/demo.img boots, every cell prints, rt ticks,
  app is parked on its bad write, the run powers itself off;
- system/demo/mpidr: a cell reads MPIDR_EL1 as on hardware;
- system/demo/determinism: two boots print the same bytes;
- system/demo/tick-spacing: rt's ticks are exactly one period apart;
- system/demo/missing-cpu: on a board with a CPU fewer than the config
  names, the cell needing it is skipped, with a line, and the others run.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from system_common import (HELLO_CPU, Console, Paths, Ticks, boot,
                           check_app_crash, check_hello, us)


def test_demo(ctx):
    """build/images/demo.img: banner first, every cell prints, rt ticks 20
    times, app is parked on its bad write, the run powers itself off."""
    paths = Paths(ctx)
    console = boot(ctx, paths.demo_image())
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app"])
    console.find("[cellblock] 3 of 3 cells ready; starting")
    check_hello(console)
    hello_off = console.find(
        "[cellblock] cell hello stopped (PSCI SYSTEM_OFF on CPU 0)")
    ticks = Ticks(console, "rt", 1000, 20)
    failed, _ = check_app_crash(console, paths, 5000)
    if not ticks.indexes[0] < failed < ticks.done:
        fail("app's failed line is not among rt's ticks")
    rt_off = console.find("[cellblock] cell rt stopped (PSCI SYSTEM_OFF on "
                          "CPU 1)")
    if not hello_off < rt_off == len(console.lines) - 2:
        fail("expected rt to stop last, right before the power-off line; %s"
             % console.describe())
    console.expect_off()
    return "%d lines, rt ticked 20 times, app parked; rt's ticker started " \
        "at cntvct=%d, %s after power-on" % (len(console.lines), ticks.start,
                                             us(ticks.start))


def test_demo_missing_cpu(ctx):
    """QEMU with -smp 3 under the 4-CPU demo: the board has no
    redistributor for CPU 3, the hypervisor says so, leaves the CPU out,
    skips app (CPUs 2-3) and starts hello and rt."""
    paths = Paths(ctx)
    console = Console(qemu.boot(ctx.tmp, kernel=paths.demo_image(),
                                extra=["-smp", "3"]))
    console.expect_banner()
    refused = console.find("[cellblock] CPU 3 (mpidr 0x3): no "
                           "redistributor at 0x8100000: the board has "
                           "fewer CPUs than the system config; CPU left out")
    skipped = console.find("[cellblock] cell app: CPU 3 is not running; "
                           "cell skipped")
    ready = console.find("[cellblock] 2 of 3 cells ready; starting")
    if not refused < skipped < ready:
        fail("expected the refused CPU, the skipped cell, then the start; "
             "%s" % console.describe())
    console.expect_sources(["hello", "rt"])
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()


def test_demo_mpidr(ctx):
    """A cell reads MPIDR_EL1 as on hardware: bit 31 is RES1 (ARM ARM,
    MPIDR_EL1 and VMPIDR_EL2), so hello prints 0x80000000 for CPU 0, as it
    does bare metal (inmate/bare/hello)."""
    paths = Paths(ctx)
    console = boot(ctx, paths.demo_image())
    _, found = console.match("hello", HELLO_CPU)
    if found.group(1) != "0x80000000":
        fail("[hello] %r: MPIDR %s, expected 0x80000000 (affinity 0 and "
             "the RES1 bit 31; the hypervisor's VMPIDR_EL2 lacks bit 31)" %
             (found.group(0), found.group(1)))


def test_determinism(ctx):
    paths = Paths(ctx)
    first = qemu.boot(ctx.tmp, kernel=paths.demo_image())
    second = qemu.boot(ctx.tmp, kernel=paths.demo_image())
    if not first.output:
        fail("the demo printed nothing")
    if first.output != second.output or first.returncode != \
            second.returncode:
        diff = next((i for i, (a, b) in enumerate(zip(first.lines,
                                                      second.lines))
                     if a != b), None)
        fail("two boots differ (exit %d and %d); first differing line %s: "
             "%r vs %r" % (first.returncode, second.returncode, diff,
                           first.lines[diff] if diff is not None else "",
                           second.lines[diff] if diff is not None else ""))
    return "%d bytes identical" % len(first.output)


def test_tick_spacing(ctx):
    """rt's 20 ticks in the demo: exactly 62500 counter ticks (1000 us)
    apart while hello stops and app crashes."""
    paths = Paths(ctx)
    console = boot(ctx, paths.demo_image())
    ticks = Ticks(console, "rt", 1000, 20)
    if ticks.period != 62500:
        fail("period %d counter ticks, expected 62500" % ticks.period)
    ticks.expect_exact_spacing()
    ticks.expect_latencies_at_least_zero()
    console.expect_off()
    return "19 gaps of exactly 62500, %s" % ticks.latency_note()


def collect(options):
    return [
        ("system/demo", test_demo),
        ("system/demo/mpidr", test_demo_mpidr),
        ("system/demo/determinism", test_determinism),
        ("system/demo/tick-spacing", test_tick_spacing),
        ("system/demo/missing-cpu", test_demo_missing_cpu),
    ]
