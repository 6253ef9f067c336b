# SPDX-License-Identifier: GPL-2.0-only
"""From QEMU's device tree to a booting image, with no address written by
hand: for each QEMU virt variant, the tree is dumped (`-machine
...,dumpdtb=`, the boot's own options), `config create` writes the system,
`config create-cell` carves hello, rt and app from it, `config check`
takes the set, `cellblock image` packs the demo inmates, and the image
boots on that variant.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert is told in system_common.py.

- system/generated/VARIANT: one boot per variant, together covering GICv3
  with and without ITS, 1, 3, 4 and 8 CPUs, 256 MiB, 1 GiB and 4 GiB, and
  -cpu cortex-a57 and max. hello prints its lines and powers off, rt
  ticks 5 times 1 ms apart, app (when there are CPUs for it) is parked
  on its write outside its RAM, the run powers itself off. The 1-CPU
  board holds one cell, hello.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib"),
                  str(HERE.parent / "config")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from create_common import (Variant, compile_config, create, create_cell,
                           read_system)
from helpers import EXIT_OK, expect_exit, fail, tool
from system_common import (LOAD, Console, Paths, Ticks, check_app_crash,
                           check_hello)

VARIANTS = [
    Variant("gicv3-a57-4cpus-1g", False, "cortex-a57", 4, "1G"),
    Variant("its-max-8cpus-4g", True, "max", 8, "4G"),
    Variant("its-a57-3cpus-256m", True, "cortex-a57", 3, "256M"),
    Variant("max-1cpu-256m", False, "max", 1, "256M"),
]
TICKS = 5
DELAY_US = 2000


def dump(ctx, variant):
    """The tree QEMU gives the boot below: its command line plus
    dumpdtb."""
    dtb = ctx.tmp / "board.dtb"
    command = qemu.command_line(extra=variant.qemu_args() +
                                ["-machine", "dumpdtb=%s" % dtb])
    result = ctx.run(command)
    if result.returncode != 0 or not dtb.is_file():
        fail("QEMU did not dump its tree: %s" % result.describe())
    return dtb


def carve(ctx, system, cpus):
    """hello on CPU 0, rt (the PL031) on CPU 1, app (the PL061) on the
    rest: (name, source) pairs for the CPUs the board has."""
    cells = [("hello", create_cell(ctx, system, "hello", "--cpus", "0",
                                   "--ram", "16M"))]
    if cpus > 1:
        cells.append(("rt", create_cell(
            ctx, system, "rt", "--cpus", "1", "--ram", "16M",
            "--device", "/pl031@9010000", "--avoid", cells[0][1])))
    if cpus > 2:
        cells.append(("app", create_cell(
            ctx, system, "app", "--cpus", "2-%d" % (cpus - 1), "--ram",
            "32M", "--device", "pl061@9030000", "--avoid", cells[0][1],
            "--avoid", cells[1][1])))
    return cells


def boot_variant(ctx, variant):
    paths = Paths(ctx)
    system = ctx.tmp / "system.dts"
    create(ctx, dump(ctx, variant), system)
    compiled = compile_config(ctx, system)
    cells = [(name, compile_config(ctx, source))
             for name, source in carve(ctx, system, variant.cpus)]
    expect_exit(tool(ctx, "config", "check", compiled,
                     *[c for _, c in cells]), EXIT_OK)
    payload = {"hello": (paths.demo("hello"), None),
               "rt": (paths.demo("ticker"),
                      "period_us=1000 ticks=%d" % TICKS),
               "app": (paths.demo("crash"), "delay_us=%d" % DELAY_US)}
    image = paths.image("generated", [(c,) + payload[n] for n, c in cells],
                        system=compiled)
    console = Console(qemu.boot(ctx.tmp, kernel=image,
                                extra=variant.qemu_args()))
    console.expect_banner()
    console.find("[cellblock] %d of %d cells ready; starting" %
                 (len(cells), len(cells)))
    console.expect_sources([n for n, _ in cells])
    check_hello(console)
    if len(cells) > 1:
        Ticks(console, "rt", 1000, TICKS).expect_exact_spacing()
    if len(cells) > 2:
        check_app_crash(console, paths, DELAY_US)
    console.expect_off()
    start, size = read_system(compiled)["hypervisor"]
    if start != LOAD or size > 16 << 20:
        fail("hypervisor memory 0x%x+0x%x" % (start, size))
    return "%s: %s; hypervisor %d MiB" % (
        variant.describe(), ", ".join(n for n, _ in cells), size >> 20)


def collect(options):
    return [("system/generated/%s" % v.name,
             lambda ctx, v=v: boot_variant(ctx, v)) for v in VARIANTS]
