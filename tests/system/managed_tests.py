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
  validator) are refused (exit 1) with their reasons, and none changes
  the module's state;
- managed/before: Linux on its own: CPUs 0-3 online, `sleep 1` wakes up
  after one second of the counter, every CPU takes timer interrupts;
- managed/enable: `cellblock enable` exits 0 and says so, the hypervisor
  says it took over on its console;
- managed/still-running: the same checks with Linux as the root cell,
  its console now the hypervisor's emulated PL011 (each line comes as
  `[linux] `), and the module's state 1;
- managed/disable: `cellblock disable` exits 0, the same checks pass with
  Linux on its own again (its lines without the hypervisor's prefix);
- managed/refusals-repeated: a second enable (with the default
  hypervisor path, /lib/firmware/cellblock/hypervisor.bin) is refused as
  busy and leaves the hypervisor enabled; a second disable is refused as
  not enabled;
- managed/power-off: /init reaches its end and `poweroff -f` ends QEMU
  with status 0.

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

import qemu
from helpers import build_product, debian_arm64, fail
from system_common import COUNTER_HZ

VARIANTS = ("full",)

BOOTARGS = "console=ttyAMA0 kvm-arm.mode=none panic=-1 quiet"
# One run takes about 6 s of wall-clock time here; the limit only turns a
# hang into a failure.
WALL_CLOCK_LIMIT = 120
CPUS = 4
# /init's load on each CPU (tests/system/managed/init): 20 ms of counter.
LOAD_TICKS = 20 * COUNTER_HZ // 1000
# `sleep 1` in virtual time: at least a second; a wake-up that comes a
# quarter of a second late is a lost or late timer interrupt.
SLEEP_MIN = COUNTER_HZ
SLEEP_MAX = COUNTER_HZ * 5 // 4
LINE = re.compile(r"(\[linux\] )?managed: (.*)")


class Run:
    """One boot's console: the `managed: ` lines in order, each with
    whether it came through the hypervisor's console (`[linux] `)."""

    def __init__(self, result):
        self.result = result
        self.entries = []       # (index in result.lines, via, text)
        for index, line in enumerate(result.lines):
            found = LINE.fullmatch(line.rstrip("\r"))
            if found:
                self.entries.append((index, bool(found.group(1)),
                                     found.group(2)))

    def describe(self):
        return self.result.describe()

    def find(self, pattern, after=-1):
        """The first entry after line @after whose text matches @pattern
        in full: (index, via, match); fails naming it."""
        for index, via, text in self.entries:
            if index > after:
                found = re.fullmatch(pattern, text)
                if found:
                    return index, via, found
        fail("no line `managed: %s` after console line %d; %s" %
             (pattern, after + 1, self.describe()))

    def step(self, name, after=-1):
        """What `run NAME ...` of /init printed: (index of its exit
        line, exit code, the command's output lines)."""
        index, _, found = self.find(r"%s exit (\d+)" % re.escape(name),
                                    after)
        output = [text[len(name) + 2:] for i, _, text in self.entries
                  if after < i < index and text.startswith(name + ": ")]
        return index, int(found.group(1)), output

    def expect_step(self, name, code, message, after=-1):
        """Step @name exited with @code and printed a line matching
        @message (a pattern searched in each line); returns its index."""
        index, got, output = self.step(name, after)
        if got != code:
            fail("`%s` exited with %d, expected %d; it printed: %s" %
                 (name, got, code, " | ".join(output) or "nothing"))
        if not any(re.search(message, line) for line in output):
            fail("`%s` printed %s, expected a line matching %r" %
                 (name, " | ".join(output) or "nothing", message))
        return index

    def vias(self, first, last):
        """Whether each `managed: ` line from console line @first to
        @last came through the hypervisor."""
        return [via for index, via, _ in self.entries
                if first <= index <= last]


def boot(ctx):
    kernel = build_product(debian_arm64() / "Image", "deps")
    initrd = build_product(ctx.build / "managed" / "initramfs.cpio")
    dtb = build_product(ctx.build / "managed" / "virt.dtb")
    return qemu.boot(ctx.tmp, kernel=kernel,
                     extra=["-initrd", initrd, "-dtb", dtb,
                            "-append", BOOTARGS],
                     limit=WALL_CLOCK_LIMIT)


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
        _, _, found = run.find(r"refused enabled (\S*)", index)
        if found.group(1) != "0":
            fail("after the refusals the module's state is %s, expected 0"
                 % found.group(1))
        return "4 refused, nothing changed"

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
    step("disable", disable, needs="enable")
    step("refusals-repeated", refusals_repeated, needs="disable")
    step("power-off", power_off)
    return results


def collect(options):
    return [("managed/boot", managed)]
