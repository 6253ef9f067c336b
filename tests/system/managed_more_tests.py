# SPDX-License-Identifier: GPL-2.0-only
"""The Linux-managed boot's other scenarios (docs/linux-managed.md), each
a boot of its own of the machine of managed_tests.py, its /init choosing
the scenario from the kernel command line:

managed/cell-linux, another boot (`managed=linux`, initramfs-linux.cpio):
`cellblock cell linux` starts a Linux cell from the root cell's Linux; it
reaches its /init; it is shut down and destroyed, and the hypervisor is
disabled.

managed/frozen (`managed=frozen`): the frozen hypervisor enables, and
refuses creating a cell and disabling ("management is frozen").

managed/root-panic, a second boot (`managed=panic` on the command line):
the root cell's Linux creates and starts the ticker, then panics; the
hypervisor stops the root cell alone and the ticker ticks on time to its
end, after which the machine powers off.

managed/root-watchdog (`managed=watchdog`, initramfs-linux.cpio): enabled
with a watchdog on the root cell and `--restart` payloads, the root
cell's Linux hangs; the hypervisor restarts it, the restarted Linux pets
on, and the ticker is undisturbed.

managed/root-touch (`managed=touch`): the same, but the root cell's Linux
reads the memory it lent the ticker instead of panicking: the access
faults (the memory left its stage 2) and the root cell alone is parked.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from managed_common import (BOOTARGS, Run, boot, expect_linux_cell,
                            ticker_latencies)

VARIANTS = ("full",)


def root_stops(ctx, scenario, stopped):
    """Boot `managed=@scenario`: the root cell's Linux starts the ticker,
    then ends badly; the hypervisor stops the root cell alone with a line
    matching @stopped (the root's CPUs 0-2, 3 being the ticker's: the
    shell may run on any of them), and the ticker ticks on, on time, to
    its end, after which the machine powers off (no cell left)."""
    result = boot(ctx, BOOTARGS + " managed=" + scenario)
    lines = [line.rstrip("\r") for line in result.lines]
    after = next((i for i, l in enumerate(lines) if stopped.fullmatch(l)),
                 None)
    if after is None:
        fail("the hypervisor did not say %r; its lines about cell linux: "
             "%s; %s" % (stopped.pattern,
                         [l for l in lines if "cell linux" in l],
                         result.describe()))
    latencies = ticker_latencies(lines, after, result.describe())
    if "[cellblock] no cell is running: powering off" not in lines or \
            result.returncode != 0:
        fail("the machine did not power off after the ticker (QEMU exit "
             "%d); %s" % (result.returncode, result.describe()))
    return "root stopped, ticker ticks %d-10 after it, latency %s ticks" % (
        latencies[0][0], sorted({t for _, t in latencies}))


def root_panic(ctx):
    """The root cell's Linux panics (sysrq c, panic=-1: PSCI
    SYSTEM_RESET)."""
    return root_stops(ctx, "panic", re.compile(
        r"\[cellblock\] cell linux stopped \(PSCI SYSTEM_RESET on CPU "
        r"[0-2]: the Linux cellblock was enabled from has nothing to "
        r"restart from; the other cells run on\)"))


def root_touch(ctx):
    """The root cell's Linux reads (/dev/mem) the memory the ticker took
    from its lendable region: the access faults, the root is parked."""
    return root_stops(ctx, "touch", re.compile(
        r"\[cellblock\] cell linux failed on CPU [0-2]: data access "
        r"outside the cell \(EC 0x24, .*\); parked"))


def root_watchdog(ctx):
    """The root cell's Linux, enabled with a watchdog (tests/system/managed/
    system-watchdog.dts: 2 s, on-failure restart, once) and `--restart`
    payloads, hangs (a panic that never reboots); the watchdog expires, the
    hypervisor restarts the root cell from the payloads, and the restarted
    Linux's module finds itself in the cell and pets the watchdog past its
    period until it powers the root off. The ticker ticks on time all the
    while, to its end."""
    result = boot(ctx, BOOTARGS + " managed=watchdog", "initramfs-linux.cpio")
    run = Run(result)
    lines = [line.rstrip("\r") for line in result.lines]
    run.expect_step("enable", 0, r"^cellblock: enabled: ")
    expiry = re.compile(r"\[cellblock\] cell linux failed on CPU [0-2]: "
                        r"watchdog expired \(period 2000000 us\); (.*)")
    outcomes = [m.group(1) for m in map(expiry.fullmatch, lines) if m]
    if outcomes != ["restarting (restart 1 of 1)"]:
        fail("the root cell's watchdog ended %s, expected one restart; %s"
             % (outcomes, result.describe()))
    after = next(i for i, l in enumerate(lines) if expiry.fullmatch(l))
    index, _, _ = run.find(r"kernel: cellblock: this Linux runs in cell ID 0 "
                           r"under cellblock already .*; the module pets "
                           r"its watchdog", after)
    _, _, found = run.find(r"restarted cpus online (\S+)", index)
    if found.group(1) != "0":
        fail("the restarted Linux has CPUs %s online, expected 0 (its "
             "command line has nosmp)" % found.group(1))
    index, _, _ = run.find(r"restarted still here", index)
    off = "[cellblock] cell linux stopped (PSCI SYSTEM_OFF on CPU 0)"
    if off not in lines[index:]:
        fail("the restarted root cell did not power itself off; %s" %
             result.describe())
    latencies = ticker_latencies(lines, 0, result.describe(), last=80)
    if "[cellblock] no cell is running: powering off" not in lines or \
            result.returncode != 0:
        fail("the machine did not power off after the ticker (QEMU exit "
             "%d); %s" % (result.returncode, result.describe()))
    return "restarted once, the new Linux petted on; ticker latency %s " \
        "ticks" % sorted({t for _, t in latencies})


def cell_linux(ctx):
    """`cellblock cell linux` from the root cell's Linux: a Linux cell on
    CPUs 2-3 (configs/qemu-virt/managed-linux.dts) with Debian's kernel,
    the Linux cell's initramfs and the device tree the command generated
    reaches its /init, which sees its 2 CPUs, its memory node and the
    generated tree's nodes; then it is shut down and destroyed (CPUs 2-3
    back in Linux) and the hypervisor disabled."""
    result = boot(ctx, BOOTARGS + " managed=linux", "initramfs-linux.cpio")
    run = Run(result)
    index = run.expect_step("linux", 0, r"^cellblock: cell linux2 \(ID 1\) "
                            r"runs Linux: kernel at 0x40200000, device tree "
                            r"at 0x[0-9a-f]+$")
    lines = [line.rstrip("\r") for line in result.lines]
    expect_linux_cell(lines, result.describe())
    index = run.expect_step("list", 0, r"^1 +linux2 +running +2-3$", index)
    index = run.expect_step("shutdown", 0, r"shutdown done$", index)
    index = run.expect_step("destroy", 0, r"destroy done$", index)
    _, _, found = run.find(r"cpus online (\S*)", index)
    if found.group(1) != "0-3":
        fail("after the destroy CPUs %s are online in Linux, expected 0-3"
             % found.group(1))
    run.expect_step("disable", 0, r"^cellblock: disabled: ", index)
    if result.returncode != 0:
        fail("QEMU exited with %d; %s" % (result.returncode,
                                          result.describe()))
    return next((line for line in lines if "init: cntvct" in line),
                "no init: cntvct line")


def frozen(ctx):
    """The frozen hypervisor (no management code) enables from Linux as
    the full one does, and refuses creating a cell and disabling, as
    frozen: nothing changes (CPUs 0-3 stay Linux's, still enabled)."""
    result = boot(ctx, BOOTARGS + " managed=frozen")
    run = Run(result)
    index = run.expect_step("enable", 0, r"^cellblock: enabled: ")
    index = run.expect_step("create", 1, r"management is frozen", index)
    _, _, found = run.find(r"frozen cpus online (\S*)", index)
    if found.group(1) != "0-3":
        fail("after the refused create CPUs %s are online, expected 0-3" %
             found.group(1))
    index = run.expect_step("disable", 1, r"management is frozen", index)
    _, _, found = run.find(r"frozen enabled (\S*)", index)
    if found.group(1) != "1" or result.returncode != 0:
        fail("after the refused disable the module's state is %s (QEMU "
             "exit %d), expected 1 and 0" % (found.group(1),
                                             result.returncode))
    return "create and disable refused as frozen"


def collect(options):
    return [("managed/root-panic", root_panic),
            ("managed/root-touch", root_touch),
            ("managed/root-watchdog", root_watchdog),
            ("managed/cell-linux", cell_linux), ("managed/frozen", frozen)]
