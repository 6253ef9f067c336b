# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of how the hypervisor copes with what cells leave
behind and with PSCI and SMCCC at their edges, in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Each test runs the demo's hello (CPU 0) and rt ticker (CPU 1, 20 ticks
exactly 1 ms apart: the victim, which must not notice) beside the cell
under test on CPUs 2 and 3. The test inmates (inmates/systest/) follow
the in-QEMU protocol of inmates/lib/include/inmate/check.h: `RUN name`,
then `PASS name checks=N` (N >= 1 required here) or `FAIL name ...`.

An idle CPU must not be held by interrupts its cell left armed
(idle_armed.c):
- system/hardening/idle-timer: the second CPU powers off with its
  virtual timer asserting (PPI 27 enabled, CVAL in the past);
  AFFINITY_INFO says OFF, and CPU_ON starts it again;
- system/hardening/idle-pmu: the same with the PMU cycle counter's
  overflow interrupt (PPI 23) asserted;
- system/hardening/idle-level-spi: the RTC's level SPI 34 routed to the
  cell's never-started CPU and asserted: not taken by the running CPU;
  CPU_ON starts the other, which takes it once it enables interrupts;
  asserted again at it once it is off, it is taken by the running CPU
  only after that reroutes it to itself (GICD_IROUTER);
- system/hardening/boot-stress: the demo image booted 30 times in real
  time (no -icount), several QEMUs at once: every boot ends by itself.

CPU_OFF of a cell's last running CPU stops the cell (cpu_off.c):
- system/hardening/cpu-off-one: two one-CPU cells call CPU_OFF, one
  through HVC while rt ticks, one through SMC as the last cell running:
  each stops with `cell NAME stopped (PSCI CPU_OFF of its last CPU, CPU
  N)`, the last one powers the machine off;
- system/hardening/cpu-off-two: a two-CPU cell whose second CPU powers
  off first (the cell runs on), then its first, as the last cell.

PSCI answers and park lines (psci_edge.c, park.c):
- system/hardening/psci-edge: CPU_ON and AFFINITY_INFO with bit 60 set
  in the target are INVALID_PARAMETERS (and start nothing);
  PSCI_FEATURES(SMCCC_ARCH_FEATURES) is NOT_SUPPORTED (not a PSCI
  function);
- system/hardening/park-far: a 31-character cell name faulting with a
  64-bit PC and FAR gets its park line whole;
- system/hardening/park-hvc: `hvc #1` parks the cell with a line that
  names the immediate and the function ID and has no FAR (a fault
  address exists only for aborts).
"""

import concurrent.futures
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from system_common import (APP_FAILED, POWER_OFF, Console, Paths,
                           Ticks, boot, check_hello, expect_equal_lines,
                           expect_pass)

RT = "period_us=1000 ticks=20"
# Cell configs of tests/system/configs/.
LONG_NAME = "long-cell-name-of-31-characters"
# When the cell under test acts: between two of rt's ticks.
DELAY_US = 2500


def cells(paths, third, rt_config=None, fourth=None):
    """hello's and rt's demo cells, then @third (and @fourth): (config,
    payload, params) triples."""
    chosen = [(paths.config("hello"), paths.demo("hello"), None),
              (rt_config or paths.config("rt"), paths.demo("ticker"), RT),
              third]
    return chosen + ([fourth] if fourth else [])


def run(ctx, name, chosen, sources):
    console = boot(ctx, Paths(ctx).image(name, chosen))
    console.expect_banner()
    console.expect_sources(sources)
    return console


def expect_victims(console):
    """hello as in the demo, rt 20 ticks exactly one period apart; returns
    rt's Ticks."""
    check_hello(console)
    ticks = Ticks(console, "rt", 1000, 20)
    ticks.expect_exact_spacing()
    return ticks


def expect_protocol(console, cell, name):
    """`RUN name` first, then the PASS line (system_common.expect_pass());
    returns (N, its console index)."""
    return expect_pass(console, cell, name, run_first=True)


def expect_lines(console, cell, want):
    """@cell's lines are @want exactly, where a None entry stands for the
    PASS line (checked by expect_protocol())."""
    got = console.of(cell)
    got = [None if re.fullmatch(r"PASS \S+ checks=\d+", t) else t
           for t in got]
    expect_equal_lines("[%s]" % cell, got, want, console)


def about(console, cell):
    """The hypervisor's lines that name @cell."""
    return [t for _, s, t in console.entries
            if s == "cellblock" and t.startswith("cell %s " % cell)]


def expect_only_line(console, cell, line):
    """The hypervisor said exactly @line about @cell; returns its index."""
    said = about(console, cell)
    if said != [line]:
        fail("the hypervisor said %r about cell %s, expected exactly %r; %s"
             % (said, cell, line, console.describe()))
    return console.find("[cellblock] " + line)


def expect_no_hypervisor_trouble(console):
    for line in console.of("cellblock"):
        if "hypervisor fault" in line or "PANIC" in line or \
                " arrived on CPU " in line:
            fail("the hypervisor said %r; %s" % (line, console.describe()))


def expect_during(ticks, index, what):
    if not ticks.indexes[0] < index < ticks.indexes[-1]:
        fail("%s is not between rt's first and last tick: the test would "
             "show nothing about the victim" % what)


# ---------------------------------------------------------- idle CPUs

ARMED_LINES = {
    0: "idle: cpu 1 up, mpidr=0x3: virtual timer armed with CVAL in the "
       "past (CNTV_CTL 0x5), PPI 27 enabled, pending INTID 27; CPU_OFF",
    1: "idle: cpu 1 up, mpidr=0x3: PMU cycle counter overflowed (PMOVSSET "
       "0x80000000, PMINTENSET 0x80000000), PPI 23 enabled, pending INTID "
       "23; CPU_OFF",
}


def check_armed(ctx, source, name):
    paths = Paths(ctx)
    console = run(ctx, "idle", cells(paths, (
        paths.config("app"), paths.systest("idle_armed"),
        "source=%d delay_us=%d" % (source, DELAY_US))),
        ["hello", "rt", "app"])
    checks, _ = expect_protocol(console, "app", name)
    expect_lines(console, "app", [
        "RUN " + name,
        "idle: cpu 0 mpidr=0x2, second CPU mpidr=0x3",
        "idle: AFFINITY_INFO mpidr=0x3 before CPU_ON -> 1 OFF",
        "idle: CPU_ON mpidr=0x3 -> 0 SUCCESS",
        ARMED_LINES[source],
        "idle: AFFINITY_INFO mpidr=0x3 after CPU_OFF -> 1 OFF",
        "idle: CPU_ON mpidr=0x3 again -> 0 SUCCESS",
        "idle: cpu 2 up again, mpidr=0x3",
        "idle: AFFINITY_INFO mpidr=0x3 at the end -> 1 OFF",
        None,
    ])
    stopped = expect_only_line(console, "app", "cell app stopped (PSCI "
                               "SYSTEM_OFF on CPU 2)")
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    expect_during(ticks, console.find("[app] " + ARMED_LINES[source]),
                  "the CPU_OFF with the interrupt armed")
    console.expect_off()
    return "%d checks; app stopped at console line %d; rt: %s" % (
        checks, stopped + 1, ticks.latency_note())


def test_idle_timer(ctx):
    return check_armed(ctx, 0, "idle-timer")


def test_idle_pmu(ctx):
    return check_armed(ctx, 1, "idle-pmu")


def test_idle_level_spi(ctx):
    paths = Paths(ctx)
    console = run(ctx, "idle-spi", cells(
        paths, (paths.test_config("pair_rtc"), paths.systest("idle_armed"),
                "source=2 delay_us=%d" % DELAY_US),
        rt_config=paths.test_config("rt_plain")), ["hello", "rt", "pair"])
    checks, _ = expect_protocol(console, "pair", "idle-spi")
    expect_lines(console, "pair", [
        "RUN idle-spi",
        "idle: cpu 0 mpidr=0x2, second CPU mpidr=0x3",
        "idle: SPI 34 (RTC) enabled, routed to mpidr 0x3, never started, "
        "and asserted (RTCMIS 0x1)",
        "idle: SPI 34 taken by cpu 0 within 200 us: 0",
        "idle: AFFINITY_INFO mpidr=0x3 before CPU_ON -> 1 OFF",
        "idle: CPU_ON mpidr=0x3 -> 0 SUCCESS",
        "idle: cpu 1 up, mpidr=0x3; SPI 34 taken once it enabled "
        "interrupts: 1, last on cpu 1",
        "idle: AFFINITY_INFO mpidr=0x3 after CPU_OFF -> 1 OFF",
        "idle: SPI 34 asserted again (RTCMIS 0x1), still routed to mpidr "
        "0x3",
        "idle: SPI 34 taken by cpu 0 within 200 us: 0",
        "idle: SPI 34 routed to mpidr 0x2 (cpu 0), taken: 1, on cpu 0",
        None,
    ])
    expect_only_line(console, "pair", "cell pair stopped (PSCI SYSTEM_OFF "
                     "on CPU 2)")
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    expect_during(ticks, console.find(
        "[pair] idle: CPU_ON mpidr=0x3 -> 0 SUCCESS"), "the CPU_ON")
    console.expect_off()
    return "%d checks; rt: %s" % (checks, ticks.latency_note())


STRESS_BOOTS = 30
# QEMUs at once: a CPU's start-up then takes longer than some of the
# hypervisor's waits in real time (on 2 host CPUs, 10 at once made about
# one boot in five hang before the fixes); one at a time on an idle host
# the race is rarely hit.
STRESS_PARALLEL = min(STRESS_BOOTS, max(10, 5 * (os.cpu_count() or 1)))
DEMO_SOURCES = ["hello", "rt", "app"]
ALL_READY = "[cellblock] 3 of 3 cells ready; starting"


def check_stress_boot(console):
    """Ended by itself, lines whole; returns whether all three cells ran
    (under load a CPU may miss its start-up deadline: the cell is skipped,
    as docs/hypervisor.md says)."""
    console.expect_banner()
    console.expect_sources(DEMO_SOURCES)
    expect_no_hypervisor_trouble(console)
    console.expect_off()
    if ALL_READY not in console.lines:
        return False
    check_hello(console)
    Ticks(console, "rt", 1000, 20)
    console.match("cellblock", APP_FAILED)
    return True


def test_boot_stress(ctx):
    paths = Paths(ctx)
    image = paths.demo_image()

    def one(number):
        directory = ctx.tmp / ("boot-%02d" % number)
        directory.mkdir()
        try:
            return Console(qemu.boot(directory, kernel=image, icount=False))
        except qemu.Hang as e:
            return e

    with concurrent.futures.ThreadPoolExecutor(STRESS_PARALLEL) as pool:
        outcomes = list(pool.map(one, range(1, STRESS_BOOTS + 1)))
    hangs = [n for n, o in enumerate(outcomes, 1) if isinstance(o, qemu.Hang)]
    if hangs:
        fail("%d of %d boots (%d at once, no -icount) did not end by "
             "themselves: boots %s; first: %s" % (
                 len(hangs), STRESS_BOOTS, STRESS_PARALLEL, hangs,
                 outcomes[hangs[0] - 1]))
    complete = 0
    for number, console in enumerate(outcomes, 1):
        try:
            complete += check_stress_boot(console)
        except AssertionError as e:
            fail("boot %d of %d: %s" % (number, STRESS_BOOTS, e))
    return "%d boots, %d at once, each powered off by itself; %d ran all " \
        "three cells (the others skipped a cell whose CPU started too " \
        "late in real time)" % (STRESS_BOOTS, STRESS_PARALLEL, complete)


# ---------------------------------------------------------- CPU_OFF

def cpu_off_lines(mpidr, conduit, second=None):
    lines = ["RUN cpu-off",
             "cpu_off: cpu 0 mpidr=0x%x, second=%d, last CPU_OFF via %s" %
             (mpidr, second is not None, conduit)]
    if second is not None:
        lines.append("cpu_off: cpu 1 (mpidr 0x%x) powered itself off via "
                     "%s; AFFINITY_INFO says OFF" % (
                         second, "hvc" if conduit == "smc" else "smc"))
    return lines + [None, "cpu_off: CPU_OFF via %s on the cell's last "
                    "running CPU" % conduit]


def cpu_off_line(cell, cpu):
    return "cell %s stopped (PSCI CPU_OFF of its last CPU, CPU %d)" % (cell,
                                                                       cpu)


def expect_cpu_off(console, cell, cpu):
    """@cell's protocol, then the hypervisor's stop line after its last
    line; returns the index of that line."""
    expect_protocol(console, cell, "cpu-off")
    index = expect_only_line(console, cell, cpu_off_line(cell, cpu))
    last = max(i for i, s, _ in console.entries if s == cell)
    if index < last:
        fail("cell %s stopped before its last line" % cell)
    return index


def expect_last(console, line):
    """@line, then the power-off line, end the console."""
    if console.lines[-2:] != ["[cellblock] " + line, POWER_OFF]:
        fail("the console ends %r, expected %r; %s" % (
            console.lines[-2:], ["[cellblock] " + line, POWER_OFF],
            console.describe()))


def test_cpu_off_one(ctx):
    paths = Paths(ctx)
    console = run(ctx, "cpu-off-one", cells(
        paths, (paths.test_config("solo2"), paths.systest("cpu_off"),
                "hvc=1 delay_us=%d" % DELAY_US),
        fourth=(paths.test_config("solo3"), paths.systest("cpu_off"),
                "hvc=0 delay_us=25000")),
        ["hello", "rt", "solo2", "solo3"])
    expect_lines(console, "solo2", cpu_off_lines(0x2, "hvc"))
    expect_lines(console, "solo3", cpu_off_lines(0x3, "smc"))
    solo2 = expect_cpu_off(console, "solo2", 2)
    expect_cpu_off(console, "solo3", 3)
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    expect_during(ticks, solo2, "solo2's stop")
    rt_off = console.find("[cellblock] cell rt stopped (PSCI SYSTEM_OFF on "
                          "CPU 1)")
    expect_last(console, cpu_off_line("solo3", 3))
    if rt_off >= len(console.lines) - 2:
        fail("rt did not stop before solo3")
    console.expect_off()
    return "rt: %s" % ticks.latency_note()


def test_cpu_off_two(ctx):
    paths = Paths(ctx)
    console = run(ctx, "cpu-off-two", cells(paths, (
        paths.config("app"), paths.systest("cpu_off"),
        "hvc=0 second=1 delay_us=25000")), DEMO_SOURCES)
    expect_lines(console, "app", cpu_off_lines(0x2, "smc", second=0x3))
    expect_cpu_off(console, "app", 2)
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    expect_during(ticks, console.find(
        "[app] cpu_off: cpu 1 (mpidr 0x3) powered itself off via hvc; "
        "AFFINITY_INFO says OFF"), "the second CPU's CPU_OFF")
    expect_last(console, cpu_off_line("app", 2))
    console.expect_off()
    return "rt: %s" % ticks.latency_note()


# ---------------------------------------------------------- PSCI, parking

def edge(conduit, call, arg, what, answer):
    return "psci_edge: %s %s 0x%x (%s) -> %s" % (conduit, call, arg, what,
                                                 answer)


INVALID = "-2 INVALID_PARAMETERS"
PSCI_EDGE_LINES = ["RUN psci-edge"] + [
    line for conduit in ("smc", "hvc") for line in (
        edge(conduit, "CPU_ON", 1 << 60, "bit 60, another cell's CPU 0x0",
             INVALID),
        edge(conduit, "CPU_ON", 1 << 60 | 3, "bit 60, this cell's CPU that "
             "is off", INVALID),
        edge(conduit, "AFFINITY_INFO", 1 << 60, "bit 60, another cell's "
             "CPU 0x0", INVALID),
        edge(conduit, "AFFINITY_INFO", 1 << 60 | 2, "bit 60, this CPU",
             INVALID),
        edge(conduit, "PSCI_FEATURES", 0x80000001, "SMCCC_ARCH_FEATURES",
             "-1 NOT_SUPPORTED"),
    )
] + [
    edge("smc", "AFFINITY_INFO", 3, "this cell's CPU, after the CPU_ONs "
         "above", "1 OFF"),
    None,
]


def test_psci_edge(ctx):
    paths = Paths(ctx)
    console = run(ctx, "psci-edge", cells(paths, (
        paths.config("app"), paths.systest("psci_edge"), None)),
        DEMO_SOURCES)
    checks, _ = expect_protocol(console, "app", "psci-edge")
    expect_lines(console, "app", PSCI_EDGE_LINES)
    expect_only_line(console, "app", "cell app stopped (PSCI SYSTEM_OFF on "
                     "CPU 2)")
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    console.expect_off()
    return "%d checks; rt: %s" % (checks, ticks.latency_note())


def test_park_far(ctx):
    paths = Paths(ctx)
    console = run(ctx, "park-far", cells(paths, (
        paths.test_config("longname"), paths.systest("park"),
        "fault=0 delay_us=%d" % DELAY_US)), ["hello", "rt", LONG_NAME])
    expect_protocol(console, LONG_NAME, "park-far")
    lines = console.of(LONG_NAME)
    announced = r"park: loading from 0xffffffff08000100 \(IPA 0xc8000100\) " \
        r"at pc (0xffffffff4020[0-9a-f]{4})"
    found = re.fullmatch(announced, lines[-1]) if lines else None
    if len(lines) != 3 or not found:
        fail("[%s] printed %r, expected RUN, PASS and a last line matching "
             "%r" % (LONG_NAME, lines, announced))
    said = about(console, LONG_NAME)
    want = (r"cell %s failed on CPU 2: data access outside the cell "
            r"\(EC 0x24, ESR 0x([0-9a-f]{8}), PC %s, FAR "
            r"0xffffffff08000100\); parked" % (LONG_NAME, found.group(1)))
    if len(said) != 1 or not re.fullmatch(want, said[0]):
        fail("the hypervisor said %r (%s) about the cell, expected one "
             "whole line matching %r" % (
                 said, "/".join("%d characters" % len(s) for s in said),
                 want))
    esr = int(re.fullmatch(want, said[0]).group(1), 16)
    # A 64-bit load into x0 (ISV, SAS 3, SF, SRT 0, not a write), a
    # stage-2 translation fault (DFSC 0b0001xx) from EL1 (EC 0x24).
    if esr & ~0x3 != 0x93c08004:
        fail("ESR 0x%08x, expected 0x93c0800[4-7]: a 64-bit load of x0 "
             "that found no stage-2 translation" % esr)
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    console.expect_off()
    return "park line of %d characters whole; rt: %s" % (
        len("[cellblock] " + said[0]), ticks.latency_note())


def test_park_hvc(ctx):
    paths = Paths(ctx)
    console = run(ctx, "park-hvc", cells(paths, (
        paths.config("app"), paths.systest("park"),
        "fault=1 delay_us=%d" % DELAY_US)), DEMO_SOURCES)
    expect_protocol(console, "app", "park-hvc")
    lines = console.of("app")
    announced = r"park: hvc #1 with w0 0x84000000 \(PSCI_VERSION\) at pc " \
        r"0x(4020[0-9a-f]{4})"
    found = re.fullmatch(announced, lines[-1]) if lines else None
    if len(lines) != 3 or not found:
        fail("[app] printed %r, expected RUN, PASS and a last line matching "
             "%r" % (lines, announced))
    pc = int(found.group(1), 16)
    # The PC reported may be the HVC's own address or ELR_EL2, the
    # preferred return address after it (ARM ARM D1.10.1): either is
    # whole; a FAR is not (FAR_EL2 is UNKNOWN after an HVC).
    wants = ["cell app failed on CPU 2: HVC #1 with function ID 0x84000000 "
             "refused: SMCCC calls take #0 (EC 0x16, ESR 0x5a000001, PC "
             "0x%x); parked" % at for at in (pc, pc + 4)]
    said = about(console, "app")
    if len(said) != 1 or said[0] not in wants:
        fail("the hypervisor said %r about app, expected one of %r" %
             (said, wants))
    expect_no_hypervisor_trouble(console)
    ticks = expect_victims(console)
    console.expect_off()
    return "PC reported %s; rt: %s" % (
        "at the HVC" if said[0] == wants[0] else "after the HVC (ELR_EL2)",
        ticks.latency_note())


def collect(options):
    return [
        ("system/hardening/idle-timer", test_idle_timer),
        ("system/hardening/idle-pmu", test_idle_pmu),
        ("system/hardening/idle-level-spi", test_idle_level_spi),
        ("system/hardening/boot-stress", test_boot_stress),
        ("system/hardening/cpu-off-one", test_cpu_off_one),
        ("system/hardening/cpu-off-two", test_cpu_off_two),
        ("system/hardening/psci-edge", test_psci_edge),
        ("system/hardening/park-far", test_park_far),
        ("system/hardening/park-hvc", test_park_hvc),
    ]
