# SPDX-License-Identifier: GPL-2.0-only
"""The Linux-managed boot's configs booted type-1 (docs/linux-managed.md,
"The same cells, type-1"): system-managed.cell and the cells the root
cell's Linux creates in managed_tests.py and managed_more_tests.py, packed
into boot images by tests/system/managed/managed.mk and booted by QEMU
with no Linux in charge. Both boot paths run the same configs:

managed/type-1: the ticker and the voter start in parallel; the ticker
ticks on time to tick 10 (within the bound the managed ticker meets), the
voter finds its comm region as configured (vote timeout 100 ms) and beats;
each powers its cell off and the machine powers off. The hypervisor runs
at system-managed's /hypervisor region (0x7c000000), where the packer
moved it, and says that the root cell is not started.

managed/type-1-linux: the Linux cell of `cell linux`, with the same
kernel, initramfs and generated device tree, reaches its /init and sees
the same machine.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import build_product, fail
from managed_common import expect_linux_cell, ticker_latencies

VARIANTS = ("full",)

ROOT_NOT_STARTED = (
    "[cellblock] system: root cell linux not started: it is the running "
    "Linux of a Linux-managed boot (`cellblock enable`); in a type-1 boot "
    "its CPUs no cell has stay off")
POWER_OFF = "[cellblock] no cell is running: powering off"


def boot_image(ctx, name):
    image = build_product(ctx.build / "managed" / name)
    result = qemu.boot(ctx.tmp, kernel=image)
    lines = [line.rstrip("\r") for line in result.lines]
    for want in (ROOT_NOT_STARTED, POWER_OFF):
        if want not in lines:
            fail("the hypervisor did not say %r; %s" % (want,
                                                       result.describe()))
    if result.returncode != 0:
        fail("QEMU exited with %d; %s" % (result.returncode,
                                          result.describe()))
    return result, lines


def type1(ctx):
    result, lines = boot_image(ctx, "type1.img")
    latencies = ticker_latencies(lines, 0, result.describe())
    for want in ("[cellblock] 2 of 2 cells ready; starting",
                 "[voter] voter: cell 1 state 1 (running) frequency "
                 "62500000 Hz cpus 1 flags 0x1 vote timeout 100000 us "
                 "watchdog 0 us",
                 "[voter] voter: alive 5",
                 "[cellblock] cell voter stopped (PSCI SYSTEM_OFF on CPU 2)",
                 "[cellblock] cell ticker stopped (PSCI SYSTEM_OFF on CPU 3)"):
        if want not in lines:
            fail("no line %r; %s" % (want, result.describe()))
    return "ticker ticks 1-10, latency %s ticks; voter beat 5 times" % (
        sorted({t for _, t in latencies}))


def type1_linux(ctx):
    result, lines = boot_image(ctx, "type1-linux.img")
    expect_linux_cell(lines, result.describe())
    if "[cellblock] cell linux2 stopped (PSCI SYSTEM_OFF on CPU 2)" \
            not in lines:
        fail("the Linux cell did not power itself off; %s" %
             result.describe())
    return next((line for line in lines if "init: cntvct" in line),
                "no init: cntvct line")


def collect(options):
    return [("managed/type-1", type1), ("managed/type-1-linux", type1_linux)]
