# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of what a cell sees, on hypervisor paths the other
system tests leave out (found with `make coverage`, tests/coverage.py;
the boot and board ones are in boot_gap_tests.py, those that need other
firmware in firmware_tests.py).

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Each runs a test inmate of inmates/systest/ in app's place (or rt's)
beside the demo's other cells, whose lines are checked too.

- subpage/widths: 8- to 64-bit loads and stores through sub-page regions
  over the PL061, and a store to a read-only one (subpage_rw.c);
- vgic/queued-physical: a physical interrupt queued behind full list
  registers, an SGI sent again while active, and the queued interrupt
  deactivated when its CPU goes off (vgic_queue.c);
- irq/level-trap: a level SPI ended before it is cleared, resampled at the
  cell's next trap (level_trap.c);
- irq/held-private: a physical SGI made pending at a CPU of the cell while
  it is off is held by the hypervisor, and released when the CPU comes
  back, so that the SGI works again (held_sgi.c);
- el2/sgi0r-asgi1r: the two SGI registers a cell does not get, and a read
  of the write-only ICC_SGI1R_EL1, are UNDEFINED (sgi_sysreg.c);
- el2/sve: on a CPU with SVE (-cpu max), SVE at the CPU's full vector
  length (sve_probe.c);
- psci/reset-from-second-cpu: SYSTEM_RESET from the cell's second CPU
  (second_reset.c);
- psci/stop-overtakes-start: SYSTEM_OFF right after CPU_ON: the second
  CPU never runs (start_stop.c).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import Paths, Ticks, boot, check_app_crash, check_hello

PAGE = 0x1000


def expect_pass(console, cell, name):
    failed = [t for t in console.of(cell) if t.startswith("FAIL ")]
    if failed:
        fail("[%s] %s" % (cell, "; ".join(failed)))
    _, found = console.match(cell, r"PASS %s checks=(\d+)" % name)
    if int(found.group(1)) < 1:
        fail("[%s] PASS %s with no checks" % (cell, name))
    return int(found.group(1))


def expect_lines(console, cell, want):
    if console.of(cell)[:len(want)] != want:
        fail("[%s] printed %r, expected %r first" % (cell, console.of(cell),
                                                     want))


def app_run(ctx, name, config=None, params=None, extra=()):
    """The demo with systest @name in app's place (app's config, or test
    config @config); rt's ticks are checked."""
    paths = Paths(ctx)
    cells = paths.demo_cells(app=(paths.systest(name), params))
    if config:
        cells[2] = (paths.test_config(config),) + cells[2][1:]
    console = boot(ctx, paths.image(name, cells), extra)
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    return paths, console


def test_widths(ctx):
    _, console = app_run(ctx, "subpage_rw", "subpage_gpio")
    console.expect_sources(["hello", "rt", "subpage"])
    reads = [("read8", 0xfe0, 0x61), ("read16", 0xfe0, 0x61),
             ("read32", 0xfe4, 0x10), ("read64", 0xff8, 0xb100000005)]
    writes = [("write8 0xa5, read32", 0x400, 0xa5),
              ("write16 0x1234, read8", 0x400, 0x34),
              ("write32 0x5a, read16", 0x400, 0x5a),
              ("write64 0x11000000c3, read64", 0x400, 0x11000000c3),
              ("then read32", 0x404, 0x11)]
    expect_lines(console, "subpage", [
        "subpage_rw: %s 0x%x: 0x%x" % (what, 0x09030000 + offset, value)
        for what, offset, value in reads + writes])
    checks = expect_pass(console, "subpage", "subpage_rw")
    if console.of("subpage")[-1] != \
            "subpage_rw: writing 1 byte to 0x9030fe0 (read-only)":
        fail("[subpage] last line %r" % console.of("subpage")[-1])
    console.match("cellblock", r"cell subpage failed on CPU 2: access to an "
                  r"emulated device refused \(EC 0x24, ESR 0x[0-9a-f]{8}, "
                  r"PC 0x[0-9a-f]+, FAR 0x9030fe0\); parked")
    console.expect_off()
    return "%d checks" % checks


def test_queued_physical(ctx):
    _, console = app_run(ctx, "vgic_queue")
    console.expect_sources(["hello", "rt", "app"])
    expect_lines(console, "app", [
        "RUN vgic_queue",
        "vgic_queue: round 1: taken 1 1 2 3 4 27",
        "vgic_queue: round 2: CPU_OFF with SGIs 1-4 listed and the timer "
        "queued, taken none",
        "vgic_queue: round 3: taken 27"])
    checks = expect_pass(console, "app", "vgic_queue")
    console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    console.expect_off()
    return "%d checks" % checks


def test_sgi0r_asgi1r(ctx):
    _, console = app_run(ctx, "sgi_sysreg")
    console.expect_sources(["hello", "rt", "app"])
    expect_lines(console, "app", [
        "RUN sgi_sysreg",
        "sgi_sysreg: ICC_SGI0R_EL1 write: exception EC 0x0, at the MSR: yes",
        "sgi_sysreg: ICC_ASGI1R_EL1 write: exception EC 0x0, at the MSR: "
        "yes",
        "sgi_sysreg: ICC_SGI1R_EL1 read: exception EC 0x0, at the MRS: yes",
        "sgi_sysreg: SGI 5 taken 0 times"])
    checks = expect_pass(console, "app", "sgi_sysreg")
    console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    console.expect_off()
    return "%d checks" % checks


def test_sve(ctx):
    """-cpu max,sve-max-vq=4 (SVE, at most 4 x 128 bits): the cell gets
    64-byte vectors; its RAM, where QEMU's loader put 4 KiB of 0xa5 at
    0x52400000 (guest 0x40400000), reads zero."""
    junk = ctx.tmp / "junk.bin"
    junk.write_bytes(b"\xa5" * PAGE)
    _, console = app_run(ctx, "sve_probe", params="scratch=0x40400000",
                         extra=["-cpu", "max,sve-max-vq=4", "-device",
                                "loader,file=%s,addr=0x52400000,"
                                "force-raw=on" % junk])
    console.expect_sources(["hello", "rt", "app"])
    expect_lines(console, "app", [
        "sve_probe: SVE 1, vector length 64 bytes",
        "sve_probe: scratch 0x40400000 reads 0x0"])
    console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    console.expect_off()


def test_reset_from_second_cpu(ctx):
    _, console = app_run(ctx, "second_reset", "pair_kept")
    console.expect_sources(["hello", "rt", "pair"])
    expect_lines(console, "pair", [
        "second_reset: boot 1 on cpu mpidr 0x2",
        "second_reset: boot 2 on cpu mpidr 0x2",
        "RUN second_reset",
        "second_reset: the second CPU ran again"])
    checks = expect_pass(console, "pair", "second_reset")
    restart = console.find("[cellblock] cell pair restarting (PSCI "
                           "SYSTEM_RESET on CPU 3)")
    if not console.find("[pair] second_reset: boot 1 on cpu mpidr 0x2") < \
            restart < console.find("[pair] second_reset: boot 2 on cpu "
                                   "mpidr 0x2"):
        fail("the restart line is not between the two boots")
    console.find("[cellblock] cell pair stopped (PSCI SYSTEM_OFF on CPU 2)")
    console.expect_off()
    return "%d checks" % checks


def test_level_trap(ctx):
    paths = Paths(ctx)
    cells = paths.demo_cells(rt=(paths.systest("level_trap"), None))
    console = boot(ctx, paths.image("level_trap", cells))
    console.expect_sources(["hello", "rt", "app"])
    expect_lines(console, "rt", [
        "RUN level_trap",
        "level_trap: cleared before the trap: took 34, then 1023",
        "level_trap: asserted at the trap: took 34, again 34, after the "
        "clear 1023"])
    checks = expect_pass(console, "rt", "level_trap")
    check_hello(console)
    check_app_crash(console, paths, 5000)
    console.expect_off()
    return "%d checks" % checks


def test_stop_overtakes_start(ctx):
    _, console = app_run(ctx, "start_stop")
    console.expect_sources(["hello", "rt", "app"])
    if console.of("app") != ["start_stop: CPU_ON of 0x3, then SYSTEM_OFF"]:
        fail("[app] printed %r, expected only the announcement (the second "
             "CPU must not have run)" % console.of("app"))
    stops = [t for t in console.of("cellblock") if t.startswith("cell app")]
    if stops != ["cell app stopped (PSCI SYSTEM_OFF on CPU 2)"]:
        fail("[cellblock] said %r about app, expected one stop line" % stops)
    console.expect_off()


def test_held_private(ctx):
    """An SGI pended while its CPU was off is taken once, after the CPU
    is on, as hardware keeps it pending (the idle CPU holds it, and pends
    it again when it enters the cell); one pended afterwards too."""
    _, console = app_run(ctx, "held_sgi")
    console.expect_sources(["hello", "rt", "app"])
    console.match("app", r"held_sgi: pended while off: taken 1, pended "
                  r"again: taken 1")
    checks = expect_pass(console, "app", "held_sgi")
    console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    console.expect_off()
    return "%d checks" % checks


def collect(options):
    names = {
        "subpage": ["widths"],
        "vgic": ["queued_physical"],
        "irq": ["level_trap", "held_private"],
        "el2": ["sgi0r_asgi1r", "sve"],
        "psci": ["reset_from_second_cpu", "stop_overtakes_start"],
    }
    return [("system/%s/%s" % (group, name.replace("_", "-")),
             globals()["test_" + name])
            for group, functions in names.items() for name in functions]
