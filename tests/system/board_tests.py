# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of a board that is not what the system config says.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

The hypervisor checks the machine before it relies on it (docs/
hypervisor.md, "What the boot checks"): the exception level it was entered
at, the interrupt controller, one redistributor per configured CPU with
that CPU's affinity, and the RAM the config declares. A mismatch gets one
line naming what was found and what the config says, then the machine
stops (QEMU exits); a CPU the board lacks is left out and its cells
skipped. Never a silent hang:

- board/el1: the demo on virt without virtualization=on (entered at EL1);
- board/gicv2: on a GICv2 board;
- board/less-ram: with 256 MiB, less than the config's 1 GiB;
  (fewer CPUs than the config: system/demo/missing-cpu, demo_tests.py)
- board/config-more-cpus: a system config with 8 CPUs on the 4-CPU board;
- board/permuted-mpidrs: cpu@2 and cpu@3 with each other's MPIDR;
- board/no-distributor: a distributor address with nothing behind it;
- board/subpage-bus-error: a cell's 32-bit load of fw-cfg's 16-bit
  selector through a sub-page region: the device's abort fails that cell,
  not the hypervisor, and the others run on.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import (BANNER, POWER_OFF, Paths, Ticks, boot,
                           check_hello)

import re

EL1_LINE = ("[cellblock] cellblock 0.1 entered at EL1: it runs at EL2 only "
            "(firmware must enter it at EL2; QEMU: -machine "
            "virtualization=on); stopping")
GICV2_LINE = ("[cellblock] board: the CPU has no GICv3 system-register "
              "interface (ID_AA64PFR0_EL1.GIC = 0: a GICv2?), the system "
              "config's /gic says version 3; nothing started")
RAM_LINE = ("[cellblock] board: no RAM at 0x50000000, inside the system "
            "config's /ram/main 0x40000000-0x7fffffff (the board has less "
            "RAM); nothing started")


def left_out(cpu, frame):
    return ("[cellblock] CPU %u (mpidr 0x%x): no redistributor at 0x%x: the "
            "board has fewer CPUs than the system config; CPU left out" %
            (cpu, cpu, frame))


def frame_of(cpu):
    return 0x080a0000 + cpu * 0x20000


def expect_refusal(console, lines):
    """The run printed the banner, then exactly @lines, and QEMU exited
    by itself (status 0: the hypervisor switched the machine off)."""
    console.expect_banner()
    if console.lines[1:] != lines:
        fail("after the banner %r, expected %r; %s" %
             (console.lines[1:], lines, console.describe()))
    if console.result.returncode != 0:
        fail("QEMU exited with %d, expected 0 (machine switched off); %s" %
             (console.result.returncode, console.describe()))


def demo(ctx, extra=(), system=None, cells=None):
    paths = Paths(ctx)
    image = paths.image("board", cells or paths.demo_cells(), system)
    return paths, boot(ctx, image, extra)


def test_el1(ctx):
    _, console = demo(ctx, ["-machine", "virtualization=off"])
    if console.lines != [EL1_LINE]:
        fail("console %r, expected exactly [%r]" % (console.lines, EL1_LINE))
    if console.result.returncode != 0:
        fail("QEMU exited with %d, expected 0 (PSCI SYSTEM_OFF over HVC)" %
             console.result.returncode)


def test_gicv2(ctx):
    _, console = demo(ctx, ["-machine", "gic-version=2"])
    expect_refusal(console, [GICV2_LINE])


def test_less_ram(ctx):
    _, console = demo(ctx, ["-m", "256M"])
    expect_refusal(console, [RAM_LINE])


def test_config_more_cpus(ctx):
    paths = Paths(ctx)
    system = paths.system_variant("system8", [(
        "cpu@3 { mpidr = <0x3>; };",
        "cpu@3 { mpidr = <0x3>; };\n" + "".join(
            "\t\tcpu@%d { mpidr = <0x%x>; };\n" % (n, n)
            for n in range(4, 8)))])
    cells = paths.demo_cells() + [(paths.test_config("spare"),
                                   paths.demo("hello"), None)]
    image = paths.image("board", cells, system)
    console = boot(ctx, image)
    console.expect_banner()
    want = [left_out(n, frame_of(n)) for n in range(4, 8)] + [
        "[cellblock] cell spare: CPU 4 is not running; cell skipped",
        "[cellblock] 3 of 4 cells ready; starting"]
    if console.lines[1:7] != want:
        fail("lines 2-7 %r, expected %r" % (console.lines[1:7], want))
    console.expect_sources(["hello", "rt", "app"])
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()


def test_permuted_mpidrs(ctx):
    paths = Paths(ctx)
    system = paths.system_variant("permuted", [
        ("cpu@2 { mpidr = <0x2>; };", "cpu@2 { mpidr = <0x3>; };"),
        ("cpu@3 { mpidr = <0x3>; };", "cpu@3 { mpidr = <0x2>; };")])
    _, console = demo(ctx, system=system)
    expect_refusal(console, [
        "[cellblock] system: /cpus/cpu@2: mpidr 0x3, but the redistributor "
        "at 0x80e0000 is affinity 0x2's (GICR_TYPER); nothing started"])


def test_no_distributor(ctx):
    paths = Paths(ctx)
    system = paths.system_variant("nodist", [
        ("distributor = <0x08000000>;", "distributor = <0x08200000>;")])
    _, console = demo(ctx, system=system)
    expect_refusal(console, [
        "[cellblock] board: no interrupt distributor at 0x8200000 (the "
        "access aborted), the system config's /gic says a GICv3 there; "
        "nothing started"])


def test_subpage_bus_error(ctx):
    paths = Paths(ctx)
    cells = paths.demo_cells()[:2] + [(
        paths.test_config("subpage_fwcfg"), paths.systest("poke"),
        "address=0x09020008 size=4")]
    image = paths.image("board", cells)
    console = boot(ctx, image)
    console.expect_banner()
    console.expect_sources(["hello", "rt", "poke"])
    if console.of("poke") != ["poke: reading 4 bytes at 0x9020008"]:
        fail("[poke] printed %r, expected only the announcement" %
             console.of("poke"))
    console.match("cellblock", r"cell poke failed on CPU 2: device access "
                  r"aborted \(bus error\) \(EC 0x24, ESR 0x[0-9a-f]{8}, "
                  r"PC 0x[0-9a-f]+, FAR 0x9020008\); parked")
    if any("hypervisor fault" in line for line in console.lines):
        fail("the hypervisor faulted; %s" % console.describe())
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()


def collect(options):
    return [("system/board/" + name[len("test_"):].replace("_", "-"),
             function) for name, function in globals().items()
            if name.startswith("test_")]
