# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of isolation between cells in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

- system/isolation/crash: a cell crashing does not change a byte of
  another cell's output;
- system/isolation/distributor: a cell's writes to another cell's
  interrupts in the GIC distributor are ignored;
- system/isolation/gic-access-width: an access the GIC does not define
  parks the cell making it, and only that cell;
- system/sgi/*: a cell's own SGIs arrive once each, by priority, whatever
  order they were sent in (one result per send order).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import (Paths, Ticks, boot, check_app_crash,
                           expect_equal_lines)


def test_crash_isolation(ctx):
    """app runs crash twice from one binary and equally long parameters:
    crashing after 10.5 ms (during rt's 20 ticks, half-way between two)
    or after 90.5 ms (rt is done by then, so app just waits while rt
    runs). rt's lines are the same bytes in both runs; only the first has
    app's failed line while rt runs."""
    paths = Paths(ctx)
    crash = paths.demo("crash")
    runs = {}
    for delay in (10500, 90500):
        image = paths.image("crash-%d" % delay, paths.demo_cells(
            app=(crash, "delay_us=%d" % delay)))
        runs[delay] = boot(ctx, image)
        runs[delay].expect_off()
    crashed, waited = runs[10500], runs[90500]
    ticks = Ticks(crashed, "rt", 1000, 20)
    ticks.expect_exact_spacing()
    failed, _ = check_app_crash(crashed, paths, 10500)
    if not ticks.indexes[0] < failed < ticks.done:
        fail("app's failed line is not among rt's ticks; %s" %
             crashed.describe())
    late, _ = check_app_crash(waited, paths, 90500)
    if late < Ticks(waited, "rt", 1000, 20).done:
        fail("in the control run app failed before rt was done")
    expect_equal_lines("[rt] with app crashing", crashed.raw("rt"),
                       waited.raw("rt"), crashed)
    return "%d rt lines identical; app parked between rt's ticks %d and %d" \
        % (len(crashed.raw("rt")),
           sum(1 for i in ticks.indexes if i < failed),
           sum(1 for i in ticks.indexes if i < failed) + 1)


def gicd_image(paths, write):
    return paths.image("gicd-%d" % write, [
        (paths.config("hello"), paths.demo("hello"), None),
        (paths.test_config("owner"), paths.systest("gicd_probe"),
         "role=0 delay_us=3000"),
        (paths.test_config("intruder"), paths.systest("gicd_probe"),
         "role=1 delay_us=1000 write=%d" % write),
    ])


OWNER_VIEW = [
    "spi 100 enabled 1 pending 0 active 0 priority 0x40 config 0x2 "
    "router 0x1",
    "spi 101 enabled 0 pending 0 active 0 priority 0x60 config 0x0 "
    "router 0x1",
]
INTRUDER_LINES = [
    "gicd: intruder, spis 100 and 101 of the owner, 102 of the intruder",
    # The owner's SPIs 100 and 101: bits 4 and 5 of word 3, bytes 0 and 1
    # of priority word 25, fields 4 and 5 of config word 6.
    "gicd: intruder ISENABLER at 0x10c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder ICENABLER at 0x18c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder ISPENDR at 0x20c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder ISACTIVER at 0x30c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder IPRIORITYR at 0x464 (1 bytes) <- 0x8, reads 0x0",
    # Byte 2 is its own SPI 102: that byte is written and reads back.
    "gicd: intruder IPRIORITYR at 0x464 (4 bytes) <- 0x10101010, reads "
    "0x100000",
    "gicd: intruder ICFGR at 0xc18 (4 bytes) <- 0xaaaaaaaa, reads 0x2000",
    "gicd: intruder ICFGR at 0xc18 (4 bytes) <- 0x0, reads 0x0",
    "gicd: intruder IROUTER at 0x6320 (8 bytes) <- 0x2, reads 0x0",
    "gicd: intruder IROUTER at 0x6328 (8 bytes) <- 0x2, reads 0x0",
    # Its own SPI 102, set up through the same words: its values only.
    "gicd: intruder own spi 102: ISENABLER 0x40 IPRIORITYR 0x200000 "
    "ICFGR 0x2000 IROUTER 0x2",
    "gicd: intruder done",
]


def test_distributor_isolation(ctx):
    """intruder writes every distributor bank of owner's SPIs 100 and 101
    (sharing words with its own SPI 102) and reads 0 back; owner's view of
    its SPIs, printed before and 3 ms after, is the same bytes as in a run
    where intruder only reads, and no interrupt reached owner. intruder
    sees real values for its own SPI."""
    paths = Paths(ctx)
    writing, control = boot(ctx, gicd_image(paths, 1)), \
        boot(ctx, gicd_image(paths, 0))
    for console in (writing, control):
        console.expect_off()
        console.expect_sources(["hello", "owner", "intruder"])
    expect_equal_lines("[intruder]", writing.of("intruder"),
                       INTRUDER_LINES, writing)
    owner = ["gicd: owner, spis 100 and 101 of the owner, 102 of the "
             "intruder"] + \
        ["gicd: owner before: " + v for v in OWNER_VIEW] + \
        ["gicd: owner after: " + v for v in OWNER_VIEW] + \
        ["gicd: owner done"]
    expect_equal_lines("[owner]", writing.of("owner"), owner, writing)
    expect_equal_lines("[owner] against the control run", writing.raw(
        "owner"), control.raw("owner"), writing)
    intruder_done = writing.find("[intruder] gicd: intruder done")
    after = writing.find("[owner] gicd: owner after: " + OWNER_VIEW[0])
    before = writing.find("[owner] gicd: owner before: " + OWNER_VIEW[1])
    if not before < writing.find("[intruder] " + INTRUDER_LINES[1]) \
            or not intruder_done < after:
        fail("the owner's two views do not enclose the intruder's writes")
    return "10 writes to the owner's SPIs ignored, reads 0; own SPI reads " \
        "its values"


# ---------------------------------------------------------------- interrupts

SGI_SEND_ORDERS = {0: "intid-order", 1: "highest-first", 2: "lowest-first"}


def sgi_priority(intid):
    return (5 * intid) % 16 * 8


def test_sgi_priority(ctx):
    """Three cells each mask IRQs, give SGIs 0-7 distinct priorities, send
    all 8 to themselves (twice the 4 list registers) in INTID order,
    highest priority first and lowest first, and unmask: all 8 arrive once,
    highest priority first, with their priority as the running priority."""
    paths = Paths(ctx)
    # The cells stop 500 us apart: see psci_tests.test_simultaneous_stop.
    image = paths.image("sgi", [
        (paths.config(cell), paths.systest("sgi_order"),
         "count=8 send=%d off_us=%d" % (send, 500 * send))
        for cell, send in (("hello", 0), ("rt", 1), ("app", 2))])
    console = boot(ctx, image)
    console.expect_off()
    by_priority = sorted(range(8), key=sgi_priority)
    sending = {0: list(range(8)), 1: by_priority, 2: by_priority[::-1]}
    results = []
    for cell, send in (("hello", 0), ("rt", 1), ("app", 2)):
        expected = [
            "sgi: sent " + " ".join(map(str, sending[send])),
            "sgi: handled " + " ".join(map(str, by_priority)),
            "sgi: running priorities " + " ".join(
                "0x%x" % sgi_priority(i) for i in by_priority),
            "sgi: 8 of 8 handled",
        ]
        lines = console.of(cell)
        reason = None
        if len(lines) != len(expected):
            reason = "[%s] printed %s, expected %s" % (cell, lines, expected)
        else:
            # Lost or duplicated SGIs first, then their order.
            for k in (0, 3, 1, 2):
                if lines[k] != expected[k]:
                    reason = "[%s] %r, expected %r (%s)" % (
                        cell, lines[k], expected[k], lines[0])
                    break
        results.append(("system/sgi/%s" % SGI_SEND_ORDERS[send], reason,
                        None if reason else "%s, all 8 by priority" %
                        lines[0][len("sgi: "):]))
    return results


def test_gic_access_width(ctx):
    """A 64-bit load from a 32-bit distributor register, which the GIC
    architecture does not define, parks the cell that makes it; rt ticks
    on, exactly on time."""
    paths = Paths(ctx)
    image = paths.image("gic-width", paths.demo_cells(
        hello=(paths.systest("gic_width"), None),
        app=(paths.demo("hello"), None)))
    console = boot(ctx, image)
    console.find("[hello] gic_width: 64-bit read of ISENABLER0-1")
    failed = console.match("cellblock", r"cell hello failed on CPU 0: "
                           r"access to an emulated device refused "
                           r"\(EC 0x24, .*FAR 0x8000100\); parked")
    if any("not refused" in line for line in console.raw("hello")):
        fail("the 64-bit read returned; %s" % console.describe())
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()
    return failed[1].group(0)


def collect(options):
    return [
        ("system/isolation/crash", test_crash_isolation),
        ("system/isolation/distributor", test_distributor_isolation),
        ("system/isolation/gic-access-width", test_gic_access_width),
        ("system/sgi", test_sgi_priority),
    ]
