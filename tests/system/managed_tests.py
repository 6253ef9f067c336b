# SPDX-License-Identifier: GPL-2.0-only
"""The Linux-managed boot (include/cellblock/driver.h,
docs/linux-managed.md) on the whole machine, as a user runs it.

Debian's own arm64 kernel boots on QEMU virt as the whole machine, with
QEMU's own device tree plus a no-map reserved-memory node for
0x70000000-0x7fffffff ($(BUILD)/managed/virt.dtb) and the initramfs of
tests/system/managed/managed.mk, whose /init (tests/system/managed/init)
runs everything and prints `managed: ` lines: it loads the module
(driver/, cellblock.ko), has the arm64 `cellblock` command (tools/target.mk)
refuse bad requests, enables the hypervisor with
configs/qemu-virt/system-managed.cell, shows Linux still running,
disables it, shows the same again and switches the machine off. One run
under -icount; each step is a result of its own:

- managed/module: the module loads and /dev/cellblock appears;
- managed/refusals: a usage error (exit 2), a disable before any enable, a
  missing config and a root-less system config (refused by the command's
  validator), a --restart kernel that is not an arm64 Image, and -i
  without --restart (exit 2) are refused with their reasons, and none
  changes the module's state;
- managed/before: Linux on its own: CPUs 0-3 online, `sleep 1` wakes up
  after one second of the counter, every CPU takes timer interrupts;
- managed/enable: `cellblock enable` exits 0 and says so, the hypervisor
  says it took over on its console;
- managed/still-running: the same checks with Linux as the root cell,
  its console now the hypervisor's emulated PL011 (each line comes as
  `[linux] `), and the module's state 1;
- managed/cells: the ticker cell (configs/qemu-virt/managed-ticker.dts)
  twice: `cell create` (ID 1 both times; CPU 3 goes offline in Linux),
  `cell load` with its parameters, `cell start`, its `[ticker] tick`
  lines, `cell list` and `cell stats` (running on CPU 3, one start, about
  a second up, its interrupts injected), a refused disable, `cell
  shutdown` (no tick after it), `cell destroy` (CPU 3 back online); the
  hypervisor's console log in sysfs has its lines;
- managed/voter-denies: a voting cell (managed-voter.dts) denies its
  destroy, keeps running, approves the next;
- managed/bad-cells: refused, changing nothing: a cell on the root cell's
  RAM, one on every CPU (Linux cannot offline its last), a payload outside
  the cell, an unknown name;
- managed/device-lent: a cell takes a page of the root cell's lendable
  virtio slots and gives it back; the root reads the slot before and
  after;
- managed/disable: `cellblock disable` exits 0, the same checks pass with
  Linux on its own again (its lines without the hypervisor's prefix);
- managed/refusals-repeated: a second enable (with the default
  hypervisor path, /lib/firmware/cellblock/hypervisor.bin) is refused as
  busy and leaves the hypervisor enabled; a second disable is refused as
  not enabled;
- managed/power-off: /init reaches its end and `poweroff -f` ends QEMU
  with status 0.

The other scenarios, a boot each, are in managed_more_tests.py.

Only the full hypervisor is tested: the initramfs holds it
(managed.mk), and enable and disable are management, which the frozen
variant leaves out.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from managed_common import Run, boot
from system_common import COUNTER_HZ

VARIANTS = ("full",)

CPUS = 4
# /init's load on each CPU (tests/system/managed/init): 20 ms of counter.
LOAD_TICKS = 20 * COUNTER_HZ // 1000
# `sleep 1` in virtual time: at least a second; a wake-up that comes a
# quarter of a second late is a lost or late timer interrupt.
SLEEP_MIN = COUNTER_HZ
SLEEP_MAX = COUNTER_HZ * 5 // 4


def expect_alive(run, phase, enabled, after):
    """/init's `alive PHASE` from console line @after on: Linux runs on
    every CPU. Returns the index of its last line and a note."""
    index, _, found = run.find(r"%s cpus online (\S*)" % phase, after)
    if found.group(1) != "0-%d" % (CPUS - 1):
        fail("%s: CPUs %s online, expected 0-%d" % (phase, found.group(1),
                                                    CPUS - 1))
    index, _, found = run.find(r"%s enabled (\S*)" % phase, index)
    if found.group(1) != enabled:
        fail("%s: /sys/class/misc/cellblock/enabled is %s, expected %s" %
             (phase, found.group(1), enabled))
    index, _, found = run.find(r"%s slept from (\d+) to (\d+)" % phase,
                               index)
    slept = int(found.group(2)) - int(found.group(1))
    if not SLEEP_MIN <= slept <= SLEEP_MAX:
        fail("%s: `sleep 1` took %d counter ticks, expected %d to %d" %
             (phase, slept, SLEEP_MIN, SLEEP_MAX))
    for cpu in range(CPUS):
        index, _, found = run.find(
            r"%s load: cpu (\d+) start (\d+) end (\d+) passes \d+ sum \d+"
            % phase, index)
        ran = int(found.group(3)) - int(found.group(2))
        if int(found.group(1)) != cpu or ran < LOAD_TICKS:
            fail("%s: the load for CPU %d ran on CPU %s for %d counter "
                 "ticks, expected CPU %d for at least %d" %
                 (phase, cpu, found.group(1), ran, cpu, LOAD_TICKS))
    index, _, found = run.find(r"%s arch_timer ([\d ]*) to ([\d ]*)" % phase,
                               index)
    before = [int(n) for n in found.group(1).split()]
    after_load = [int(n) for n in found.group(2).split()]
    if len(before) != CPUS or len(after_load) != CPUS or \
            any(b >= a for b, a in zip(before, after_load)):
        fail("%s: arch_timer interrupts per CPU went from %s to %s, "
             "expected %d CPUs each taking more" %
             (phase, before, after_load, CPUS))
    return index, "sleep 1 = %d ticks, timer interrupts +%s" % (
        slept, "/".join(str(a - b) for b, a in zip(before, after_load)))


def managed(ctx):
    result = boot(ctx)
    run = Run(result)
    results = []
    state = {}

    def step(name, function, needs=None):
        if needs and needs in state.get("failed", ()):
            results.append(("managed/" + name, "not run: managed/%s "
                            "failed" % needs, None))
            state.setdefault("failed", set()).add(name)
            return
        try:
            results.append(("managed/" + name, None, function()))
        except AssertionError as problem:
            results.append(("managed/" + name, str(problem), None))
            state.setdefault("failed", set()).add(name)

    def module():
        index, code, output = run.step("insmod")
        if code != 0:
            fail("`insmod /bin/cellblock.ko` exited with %d: %s" %
                 (code, " | ".join(output) or "nothing printed"))
        _, _, found = run.find(r"device (\S*)", index)
        if found.group(1) != "/dev/cellblock":
            fail("/dev/cellblock is missing after insmod (devtmpfs makes "
                 "it for the module's misc device)")

    def refusals():
        run.expect_step("usage", 2, r"usage: cellblock enable SYSTEM\.cell")
        run.expect_step("disable-not-enabled", 1,
                        r"^cellblock: disable: not enabled: see the kernel "
                        r"log$")
        run.expect_step("enable-missing", 1,
                        r"^/bin/missing\.cell: No such file or directory$")
        index = run.expect_step("enable-root-less", 1,
                                r"^/bin/system\.cell: /: the system is "
                                r"root-less")
        index = run.expect_step("enable-bad-restart", 1,
                                r"^cellblock: enable --restart: cell linux: "
                                r"/bin/managed-ticker\.cell is not an arm64 "
                                r"Image",
                                index)
        index = run.expect_step("enable-restart-usage", 2,
                                r"^cellblock enable: -i, -c and -d go with "
                                r"--restart$", index)
        _, _, found = run.find(r"refused enabled (\S*)", index)
        if found.group(1) != "0":
            fail("after the refusals the module's state is %s, expected 0"
                 % found.group(1))
        return "6 refused, nothing changed"

    def refusals_repeated():
        index = run.expect_step("enable-again", 1,
                                r"^cellblock: enable: busy: .*: see the "
                                r"kernel log$")
        _, _, found = run.find(r"again enabled (\S*)", index)
        if found.group(1) != "1":
            fail("after the refused second enable the module's state is "
                 "%s, expected 1" % found.group(1))
        index = run.expect_step("disable-again", 1,
                                r"^cellblock: disable: not enabled: see the "
                                r"kernel log$", state["disable"])
        return "2 refused, nothing changed"

    def before():
        state["before"], note = expect_alive(run, "before", "0", -1)
        return note

    def enable():
        index, code, output = run.step("enable", state["before"])
        if code != 0:
            kernel = [t for i, _, t in run.entries if i > index and
                      t.startswith("kernel: ")]
            fail("`cellblock enable` exited with %d: %s; kernel log: %s" %
                 (code, " | ".join(output) or "nothing printed",
                  " | ".join(kernel) or "nothing"))
        if not any(line.startswith("cellblock: enabled: ") for line in
                   output):
            fail("`cellblock enable` printed %r, expected `cellblock: "
                 "enabled: ...`" % output)
        hypervisor = [line for line in
                      result.lines[state["before"] + 1:index]
                      if line.startswith("[cellblock] ")]
        if not hypervisor:
            fail("the hypervisor printed nothing while it took over")
        state["enable"] = index
        return hypervisor[-1]

    def still_running():
        last, note = expect_alive(run, "enabled", "1", state["enable"])
        vias = run.vias(state["enable"], last)
        if not all(vias):
            fail("%d of %d lines of the root cell came without the "
                 "hypervisor's `[linux] ` prefix, expected all through its "
                 "emulated console" % (vias.count(False), len(vias)))
        return note

    def disable():
        index, _, _ = run.find(r"again enabled \S*", state["enable"])
        index = run.expect_step("disable", 0,
                                r"^cellblock: disabled: ", index)
        state["disable"] = index
        last, note = expect_alive(run, "disabled", "0", index)
        vias = run.vias(index, last)
        if any(vias):
            fail("%d lines after disable came through the hypervisor's "
                 "console, expected Linux's own UART" % vias.count(True))
        return note

    def cpus_online(name, after, want):
        index, _, found = run.find(r"%s cpus online (\S*)" % name, after)
        if found.group(1) != want:
            fail("%s: CPUs %s online in Linux, expected %s" %
                 (name, found.group(1), want))
        return index

    def hypervisor_said(line, first, last):
        if ("[cellblock] " + line) not in [
                text.rstrip("\r") for text in result.lines[first:last]]:
            fail("the hypervisor did not say %r between console lines %d "
                 "and %d; %s" % (line, first + 1, last + 1, run.describe()))

    def ticker_round(n, after):
        """Round @n of the ticker: create, load, start, list, stats, a
        refused disable, shutdown, destroy; returns the last index."""
        index = run.expect_step("create-%d" % n, 0,
                                r"^cellblock: cell ticker created: ID 1$",
                                after)
        hypervisor_said("cell ticker created (by cell linux), loadable",
                        after + 1, index)
        index = cpus_online("created-%d" % n, index, "0-2")
        index, code, output = run.step("load-%d" % n, index)
        if code != 0:
            fail("`cell load` exited with %d: %s" % (code, output))
        start = run.expect_step("start-%d" % n, 0, r"start done$", index)
        listed = run.expect_step("list-%d" % n, 0,
                                 r"^1 +ticker +running +3$", start)
        ticks = [line for line in result.lines[start:listed]
                 if re.match(r"\[ticker\] tick \d+ cntvct=\d+", line)]
        if len(ticks) < 3:
            fail("round %d: %d `[ticker] tick` lines while it ran, "
                 "expected about 5 (every 200 ms for a second)" %
                 (n, len(ticks)))
        _, _, output = run.step("list-%d" % n, start)
        if not any(re.match(r"0 +linux +running +0-2$", line)
                   for line in output):
            fail("`cell list` shows %s, expected the root cell on CPUs "
                 "0-2" % output)
        index, code, output = run.step("stats-%d" % n, listed)
        values = dict(re.match(r"(\w+) +(.*)", line).groups()
                      for line in output[1:] if re.match(r"\w+ +", line))
        uptime = float(values.get("uptime", "0 s").split()[0])
        if code or values.get("starts") != "1" or \
                values.get("failures") != "0" or not 0.9 < uptime < 2 or \
                int(values.get("injected", 0)) < len(ticks):
            fail("`cell stats ticker` (exit %d) shows %s, expected 1 "
                 "start, no failure, about 1 s up and at least %d "
                 "interrupts injected" % (code, values, len(ticks)))
        index = run.expect_step("disable-busy-%d" % n, 1,
                                r"busy: a cell other than the root cell "
                                r"exists", index)
        index = run.expect_step("shutdown-%d" % n, 0, r"shutdown done$",
                                index)
        late = [line for line in result.lines[index + 1:]
                if re.match(r"\[ticker\] tick", line)]
        destroy = run.expect_step("destroy-%d" % n, 0, r"destroy done$",
                                  index)
        hypervisor_said("cell ticker: its CPUs, interrupts and lent memory "
                        "are cell linux's again", index, destroy)
        if n == 2 and late:
            fail("the ticker ticked after its shutdown: %s" % late[:2])
        return cpus_online("destroyed-%d" % n, destroy, "0-3"), len(ticks)

    def stats_live(after):
        """`cell stats ticker -r 1 -n 2`: two blocks a second apart."""
        _, code, output = run.step("stats-live", after)
        uptimes = [float(line.split()[1]) for line in output
                   if line.startswith("uptime ")]
        if code or len(uptimes) != 2 or "--" not in output or \
                not 0.9 < uptimes[1] - uptimes[0] < 1.5:
            fail("`cell stats ticker -r 1 -n 2` (exit %d) showed uptimes "
                 "%s, expected two blocks about a second apart" %
                 (code, uptimes))
        return uptimes

    def lendable(phase, after, value):
        """The root cell reads back what it wrote to the lendable memory
        (no cell has it now)."""
        index, _, found = run.find(r"%s lendable (\S+)" % phase, after)
        if found.group(1).lower() != value:
            fail("%s, the root cell read %s from 0x70000000 after writing "
                 "%s there" % (phase, found.group(1), value))
        return index

    def cells():
        lendable("before-cells", state["enable"], "0x600df00d")
        first, ticks1 = ticker_round(1, state["enable"])
        stats_live(state["enable"])
        last, ticks2 = ticker_round(2, first)
        _, _, found = run.find(r"console lines about the ticker (\d+)", last)
        if int(found.group(1)) < 10:
            fail("/sys/class/misc/cellblock/console has %s lines about the "
                 "ticker, expected the hypervisor's 12 or more" %
                 found.group(1))
        lendable("after-cells", last, "0x0badcafe")
        state["cells"] = last
        return "ticker twice, ID 1 both times: %d and %d ticks; CPU 3 " \
            "and 0x70000000-0x70ffffff lent and back" % (ticks1, ticks2)

    def voter():
        index = run.expect_step("voter-start", 0, r"start done$",
                                state["cells"])
        index = run.expect_step("voter-denied", 1,
                                r"denied by the voting cell", index)
        hypervisor_said("cell voter: denied destroy; nothing done",
                        state["cells"], index)
        index = run.expect_step("voter-list", 0, r"^1 +voter +running +2$",
                                index)
        index = run.expect_step("voter-destroy", 0, r"destroy done$", index)
        state["voter"] = cpus_online("voter-gone", index, "0-3")
        return "destroy denied, the cell ran on; the next one approved"

    def bad_cells():
        index = run.expect_step("bad-overlap", 1, r"busy", state["voter"])
        hypervisor_said("cell create: overlap: /memory/ram "
                        "0x60000000-0x60ffffff is cell linux's /memory/ram, "
                        "which is not lendable: it may be using it (give a "
                        "cell memory no running cell has, or of a lendable "
                        "region)", state["voter"], index)
        index = run.expect_step("bad-greedy", 1, r"busy", index)
        index = cpus_online("bad-cpus", index, "0-3")
        index = run.expect_step("bad-outside", 1, r"refused", index)
        index = run.expect_step("bad-outside-destroy", 0, r"destroy done$",
                                index)
        index = run.expect_step("bad-unknown", 1,
                                r"^cellblock: cell start: no cell named "
                                r"nosuch$", index)
        _, _, output = run.step("bad-list", index)
        index = run.expect_step("bad-list", 0, r"^0 +linux +running +0-3$",
                                index)
        if len(output) != 2:
            fail("after the refusals `cell list` shows %s, expected the "
                 "root cell alone" % output)
        state["bad"] = cpus_online("bad-done", index, "0-3")
        return "4 refused, nothing changed"

    def device_lent():
        """A cell takes a page of the root cell's lendable virtio region
        and gives it back: the root reads the slot's magic ("virt") before
        and after, and the hypervisor says it is the root's again."""
        _, _, found = run.find(r"virtio before (\S+)", state["bad"])
        before = found.group(1).lower()
        index = run.expect_step("device-create", 0, r"created: ID 1$",
                                state["bad"])
        destroy = run.expect_step("device-destroy", 0, r"destroy done$",
                                  index)
        hypervisor_said("cell device: its CPUs, interrupts and lent memory "
                        "are cell linux's again", index, destroy)
        _, _, found = run.find(r"virtio after (\S+)", destroy)
        if (before, found.group(1).lower()) != ("0x74726976",) * 2:
            fail("the root cell read virtio slot 31's magic as %s before "
                 "and %s after the cell, expected 0x74726976 both times" %
                 (before, found.group(1)))
        return "0x0a003000 lent and back, read as \"virt\" around it"

    def power_off():
        run.find(r"done")
        if result.returncode != 0:
            fail("QEMU exited with %d, expected 0 (poweroff -f); %s" %
                 (result.returncode, result.describe()))

    step("module", module)
    step("refusals", refusals, needs="module")
    step("before", before, needs="module")
    step("enable", enable, needs="before")
    step("still-running", still_running, needs="enable")
    step("cells", cells, needs="enable")
    step("voter-denies", voter, needs="cells")
    step("bad-cells", bad_cells, needs="voter-denies")
    step("device-lent", device_lent, needs="bad-cells")
    step("disable", disable, needs="enable")
    step("refusals-repeated", refusals_repeated, needs="disable")
    step("power-off", power_off)
    return results


def collect(options):
    return [("managed/boot", managed)]
