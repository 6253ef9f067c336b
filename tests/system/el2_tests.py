# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of what the hypervisor's EL2 set-up gives a cell.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

- system/el2/traps: the traps inmate (inmates/systest/traps.c) in app's
  place, beside hello and rt: set/way cache maintenance completes (done by
  the hypervisor as a clean and invalidate), ACTLR_EL1 reads as zero, an
  implementation-defined register is UNDEFINED at EL1 (the cell is not
  parked), and the EL1 physical timer and its interrupt (PPI 30) are the
  cell's. The inmate reports `PASS traps checks=N`; rt ticks on exactly.
- system/el2/faults-as-aborts: a cell whose config says faults-as-aborts
  takes its accesses outside its memory as the aborts hardware would
  raise, instead of being parked.
- system/el2/thumb-mmio: a 16-bit T32 MMIO access from AArch32 EL0 is
  stepped over by its own length.
- system/irq/level-eoi: a level-triggered interrupt that the cell ends
  before clearing its device is delivered once (level semantics, irq.c).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import Paths, Ticks, boot, check_hello, expect_pass


def test_traps(ctx):
    paths = Paths(ctx)
    cells = paths.demo_cells(app=(paths.systest("traps"), None))
    console = boot(ctx, paths.image("traps", cells))
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app"])
    want = [
        "traps: dc isw, csw, cisw completed",
        "traps: ACTLR_EL1 0x0, after writing ones 0x0",
        "traps: S3_0_C15_C0_0 read: exception EC 0x0 at the access: yes",
        "traps: EL1 physical timer interrupt, not before its deadline: yes",
    ]
    if console.of("app")[:len(want)] != want:
        fail("[app] printed %r, expected %r first" % (console.of("app"),
                                                      want))
    checks, _ = expect_pass(console, "app", "traps")
    console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()
    return "%d checks" % checks


def test_faults_as_aborts(ctx):
    """app's config says faults-as-aborts: a load and a store outside its
    RAM and a 64-bit load of the emulated distributor reach the cell as
    synchronous external aborts; the cell goes on, rt ticks exactly. The
    same inmate in the demo's app config (no flag) is parked at the first
    access."""
    paths = Paths(ctx)
    cells = paths.demo_cells()
    cells[2] = (paths.test_config("app_aborts"), paths.systest("fault_probe"),
                None)
    console = boot(ctx, paths.image("aborts", cells))
    console.expect_sources(["hello", "rt", "app"])
    want = [
        "fault_probe: load outside: abort EC 0x25 DFSC 0x10 WnR 0 FAR "
        "0x7ff00000",
        "fault_probe: store outside: abort EC 0x25 DFSC 0x10 WnR 1 FAR "
        "0x7ff00000",
        "fault_probe: 64-bit GICD load: abort EC 0x25 DFSC 0x10 WnR 0 FAR "
        "0x8000100",
    ]
    if console.of("app")[:3] != want:
        fail("[app] printed %r, expected %r first" % (console.of("app"),
                                                      want))
    checks, _ = expect_pass(console, "app", "fault_probe")
    if any(t.startswith("cell app failed") for t in console.of("cellblock")):
        fail("app was parked; %s" % console.describe())
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()
    parked = boot(ctx, paths.image("parked", paths.demo_cells(
        app=(paths.systest("fault_probe"), None))))
    parked.match("cellblock", r"cell app failed on CPU 2: data access "
                 r"outside the cell \(EC 0x24, ESR 0x[0-9a-f]{8}, PC "
                 r"0x[0-9a-f]+, FAR 0x7ff00000\); parked")
    if parked.of("app"):
        fail("[app] printed %r without the flag, expected nothing" %
             parked.of("app"))
    return "%d checks; parked without the flag" % checks


def test_level_eoi(ctx):
    """A level-triggered interrupt ended before its device is cleared (the
    PL031's, in rt's place) is taken once, as bare metal: after the clear
    nothing is pending. Before level semantics, the second read gave 34."""
    paths = Paths(ctx)
    cells = paths.demo_cells(rt=(paths.systest("level_eoi"), None))
    console = boot(ctx, paths.image("level", cells))
    want = ["RUN level_eoi"] + [
        "level_eoi: round %d: took INTID 34, after the clear 1023" % n
        for n in (1, 2)]
    if console.of("rt")[:3] != want:
        fail("[rt] printed %r, expected %r first" % (console.of("rt"), want))
    checks, _ = expect_pass(console, "rt", "level_eoi", run_first=True)
    check_hello(console)
    console.expect_off()
    return "%d checks" % checks


def test_thumb_mmio(ctx):
    """A 16-bit T32 load from the emulated UART at AArch32 EL0 (app's
    thumb_mmio inmate) is stepped over by 2 bytes (ESR_EL2.IL clear): the
    next instruction, svc #1, is the one that runs (ESR_EL1 0x44000001;
    stepping 4 bytes, as before, ran svc #2: 0x44000002)."""
    paths = Paths(ctx)
    cells = paths.demo_cells(app=(paths.systest("thumb_mmio"), None))
    console = boot(ctx, paths.image("thumb", cells))
    console.match("app", r"inmate: cpu 0: unexpected synchronous exception "
                  r"\(lower EL, AArch32\) ESR 0x44000001 ELR 0x[0-9a-f]+")
    if any(t.startswith("cell app failed") for t in console.of("cellblock")):
        fail("app was parked; %s" % console.describe())
    check_hello(console)
    console.expect_off()


def collect(options):
    return [("system/el2/traps", test_traps),
            ("system/el2/faults-as-aborts", test_faults_as_aborts),
            ("system/irq/level-eoi", test_level_eoi),
            ("system/el2/thumb-mmio", test_thumb_mmio)]
