# SPDX-License-Identifier: GPL-2.0-only
"""What the Linux-managed boot's system tests share (managed_tests.py,
managed_more_tests.py): the whole machine they boot (Debian's kernel, the
device tree and initramfs of tests/system/managed/managed.mk, the command
line, which bench/run.py boots too) and the reading of its /init's
`managed: ` lines."""

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

BOOTARGS = "console=ttyAMA0 kvm-arm.mode=none panic=-1 quiet"
# The RTC (the PL031 in QEMU's device tree) counts from a fixed date in
# virtual time: Linux seeds its random pool with the RTC's time among
# others, and with the host's time there a boot's scheduling (which CPU
# runs /init at a given moment, say) moves from one run to the next; with
# it the run repeats to the byte.
RTC = ["-rtc", "base=2026-01-01T00:00:00,clock=vm"]
# One run takes about 6 s of wall-clock time here; the limit only turns a
# hang into a failure.
WALL_CLOCK_LIMIT = 120
LINE = re.compile(r"(\[linux\] )?managed: (.*)")
# What the Linux cell's /init (inmates/linux/init) prints of its machine,
# started from the root cell (`cell linux`) or type-1 from an image alike:
# configs/qemu-virt/managed-linux.dts and the device tree generated for it.
LINUX_CELL_LINES = ("[linux2] init: cpus online 0-1",
                    "[linux2] init: processors 2",
                    "[linux2] init: memory nodes memory@40000000",
                    "[linux2] init: console ttyAMA0")
TICKER_LATENCY_MAX = 64     # counter ticks: about a microsecond
TICKER_START = re.compile(r"\[ticker\] ticker: period_us=(\d+) .*")


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


def boot(ctx, bootargs=BOOTARGS, initramfs="initramfs.cpio"):
    kernel = build_product(debian_arm64() / "Image", "deps")
    initrd = build_product(ctx.build / "managed" / initramfs)
    dtb = build_product(ctx.build / "managed" / "virt.dtb")
    return qemu.boot(ctx.tmp, kernel=kernel,
                     extra=RTC + ["-initrd", initrd, "-dtb", dtb,
                                  "-append", bootargs],
                     limit=WALL_CLOCK_LIMIT)


def expect_linux_cell(lines, console):
    """The Linux cell reached its /init and saw its machine."""
    for want in LINUX_CELL_LINES:
        if want not in lines:
            fail("the Linux cell did not print %r; %s" % (want, console))


def ticker_latencies(lines, after, console, last=10):
    """The ticker's (inmates/demos' ticker.bin) ticks on @lines after
    index @after: [(tick number, counter ticks past its deadline)], each
    within TICKER_LATENCY_MAX and the last tick @last; fails naming
    them."""
    period = next((int(m.group(1)) * COUNTER_HZ // 1000000 for m in
                   map(TICKER_START.fullmatch, lines) if m), None)
    start = next((int(m.group(1)) for m in
                  (re.fullmatch(r"\[ticker\] ticker: start cntvct=(\d+)", l)
                   for l in lines) if m), None)
    ticks = [(int(m.group(1)), int(m.group(2))) for m in
             (re.fullmatch(r"\[ticker\] tick (\d+) cntvct=(\d+)", l)
              for l in lines[after:]) if m]
    if period is None or start is None or \
            [n for n, _ in ticks][-1:] != [last]:
        fail("the ticker ticked %s, expected on to tick %d; %s" %
             ([n for n, _ in ticks][-3:], last, console))
    latencies = [(n, v - start - n * period) for n, v in ticks]
    late = [(n, t) for n, t in latencies
            if not 0 <= t <= TICKER_LATENCY_MAX]
    if late:
        fail("ticks (number, latency in counter ticks) late: %s, expected "
             "within %d; %s" % (late, TICKER_LATENCY_MAX, console))
    return latencies
