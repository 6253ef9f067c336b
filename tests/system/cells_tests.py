# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests: the hypervisor and its cells in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol). Each test
packs a boot image in its temporary directory with `cellblock image`
(build/tools/cellblock, build/hypervisor/hypervisor.bin, the QEMU virt
configs of build/configs/qemu-virt/ or tests/system/configs/, the demos
of build/inmates/ and the test inmates of build/inmates/systest/, all from
`make all`), boots it with tests/system/qemu.py and asserts on the exact
console lines: `[cellblock] ...` from the hypervisor, `[NAME] ...` from
cell NAME.

Every run is under `-icount shift=0,sleep=off`, where one instruction is
one nanosecond of virtual time: counter values are exact, so tick spacing
is asserted exactly and output is compared byte for byte. Every run ends
by itself when the last cell stops (`[cellblock] no cell is running:
powering off`, QEMU exit status 0); a run that does not end is a hang.

Under icount the CPUs share one clock, so work on one CPU shifts the
counter values the others read (qemu-virt.md). Where two runs are compared
line for line, both use the same binaries with parameter strings of the
same length, so they run identically up to the moment they are meant to
differ, and that moment lies half-way between two of rt's ticks.

The QEMU virt cells: hello (CPU 0, 16 MiB), rt (CPU 1, 16 MiB, SPI 34),
app (CPUs 2 and 3, 32 MiB, SPI 39); every payload is loaded at 0x40200000.

This file is longer than most: the runner gives the system tests one
module. Its sections (helpers, image layout, demo, isolation and PSCI,
interrupts, refused images, u-boot) are marked by rulers.
"""

import importlib.util
import re
import struct
import zlib
from pathlib import Path

_QEMU_SPEC = importlib.util.spec_from_file_location(
    "cellblock_system_qemu", Path(__file__).resolve().parent / "qemu.py")
qemu = importlib.util.module_from_spec(_QEMU_SPEC)
_QEMU_SPEC.loader.exec_module(qemu)

LOAD = 0x40200000
COUNTER_HZ = 62500000
# Counter ticks (16 ns) a wait on the virtual timer may overrun its
# deadline by: the interrupt's way through the hypervisor, and the reads.
WAIT_SLACK = 100
BANNER = r"\[cellblock\] cellblock \S+ booting at EL2"
POWER_OFF = "[cellblock] no cell is running: powering off"
UBOOT = Path("/usr/lib/u-boot/qemu_arm64/u-boot.bin")

# include/cellblock/image.h
TABLE = struct.Struct("<IHHIIQQQQ")
BLOB = struct.Struct("<IIQIIQ32s")
TABLE_MAGIC, BLOB_MAGIC = 0x4d494243, 0x4c424243
BLOB_CRC_AT = 16
BLOB_LOAD_AT = 24


# ---------------------------------------------------------------- helpers

def fail(reason):
    raise AssertionError(reason)


def us(ticks):
    """Counter ticks as microseconds, for notes."""
    return "%.2f us" % (ticks * 1e6 / COUNTER_HZ)


class Paths:
    """The build products a test uses; fails naming a missing one."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.tool = self._need(ctx.build / "tools" / "cellblock")
        self.hypervisor = self._need(ctx.build / "hypervisor" /
                                     "hypervisor.bin")

    @staticmethod
    def _need(path):
        if not path.is_file():
            fail("%s is missing (run make all)" % path)
        return path

    def config(self, name):
        """A QEMU virt config of build/configs/qemu-virt/."""
        return self._need(self.ctx.build / "configs" / "qemu-virt" /
                          (name + ".cell"))

    def demo(self, name):
        return self._need(self.ctx.build / "inmates" / (name + ".bin"))

    def systest(self, name):
        return self._need(self.ctx.build / "inmates" / "systest" /
                          (name + ".bin"))

    def demo_image(self):
        return self._need(self.ctx.build / "images" / "demo.img")

    def test_config(self, name):
        """tests/system/configs/NAME.dts compiled into the test's tmp."""
        source = self.ctx.source / "tests" / "system" / "configs" / \
            (name + ".dts")
        output = self.ctx.tmp / (name + ".cell")
        result = self.ctx.run([self.tool, "config", "compile", source,
                               "-o", output])
        if result.returncode != 0:
            fail("cannot compile %s: %s" % (source, result.describe()))
        return output

    def image_args(self, output, cells):
        """`cellblock image` arguments; @cells: (config, payload, params)
        triples, params None for none."""
        args = [self.tool, "image", "-o", output, self.hypervisor,
                self.config("system")]
        for config, payload, params in cells:
            args += ["--cell", config, "--payload", "%s@0x%x" % (payload,
                                                                 LOAD)]
            if params is not None:
                args += ["--params", params]
        return args

    def image(self, name, cells):
        output = self.ctx.tmp / (name + ".img")
        result = self.ctx.run(self.image_args(output, cells))
        if result.returncode != 0:
            fail("cellblock image %s: %s" % (name, result.describe()))
        return output

    def demo_cells(self, hello=None, rt=None, app=None):
        """The demo's three cells; each of @hello, @rt, @app replaces that
        cell's (payload, params)."""
        chosen = [
            ("hello", hello or (self.demo("hello"), None)),
            ("rt", rt or (self.demo("ticker"), "period_us=1000 ticks=20")),
            ("app", app or (self.demo("crash"), "delay_us=5000")),
        ]
        return [(self.config(name), payload, params)
                for name, (payload, params) in chosen]


class Console:
    """The console of one run, split by source: `[cellblock]` or a cell."""

    LINE = re.compile(r"\[([^\]\s]+)\] (.*)")

    def __init__(self, result):
        self.result = result
        self.lines = result.lines
        self.entries = []           # (index in lines, source, text)
        self.stray = []
        for index, line in enumerate(self.lines):
            match = self.LINE.fullmatch(line)
            if match:
                self.entries.append((index, match.group(1), match.group(2)))
            else:
                self.stray.append(line)

    def describe(self):
        return self.result.describe()

    def of(self, source):
        """The text of @source's lines, in order."""
        return [text for _, s, text in self.entries if s == source]

    def raw(self, source):
        """@source's lines as printed (prefix included)."""
        return [self.lines[i] for i, s, _ in self.entries if s == source]

    def find(self, line):
        """Index of @line (exact, prefix included) in the console; fails
        if absent."""
        try:
            return self.lines.index(line)
        except ValueError:
            fail("no line %r; %s" % (line, self.describe()))

    def find_all(self, line):
        return [i for i, text in enumerate(self.lines) if text == line]

    def match(self, source, pattern):
        """(index, match) of the first line of @source matching @pattern in
        full; fails if none."""
        for index, s, text in self.entries:
            if s == source:
                found = re.fullmatch(pattern, text)
                if found:
                    return index, found
        fail("no [%s] line matches %r; %s" % (source, pattern,
                                              self.describe()))

    def expect_sources(self, sources):
        """Every line comes from the hypervisor or one of @sources."""
        if self.stray:
            fail("lines without a [source] prefix: %s" %
                 qemu.excerpt(self.stray))
        others = sorted({s for _, s, _ in self.entries} -
                        set(sources) - {"cellblock"})
        if others:
            fail("lines from unexpected sources %s; %s" %
                 (others, self.describe()))

    def expect_off(self):
        """The run ended by itself: last line the power-off line, printed
        once, and QEMU exit status 0."""
        if self.result.returncode != 0:
            fail("QEMU exited with %d, expected 0 (the hypervisor powers "
                 "off); %s" % (self.result.returncode, self.describe()))
        if not self.lines or self.lines[-1] != POWER_OFF:
            fail("last line is not %r; %s" % (POWER_OFF, self.describe()))
        if len(self.find_all(POWER_OFF)) != 1:
            fail("%r printed %d times" % (POWER_OFF,
                                          len(self.find_all(POWER_OFF))))

    def expect_banner(self):
        if not self.lines or not re.fullmatch(BANNER, self.lines[0]):
            fail("first line is not the banner %r; %s" %
                 (BANNER, self.result.describe(tail=False)))


def boot(ctx, image):
    return Console(qemu.boot(ctx.tmp, kernel=image))


def expect_equal_lines(name, got, want, console):
    if got != want:
        diff = next((i for i, (a, b) in enumerate(zip(got, want))
                     if a != b), min(len(got), len(want)))
        fail("%s: line %d is %r, expected %r (%d lines, expected %d); %s" %
             (name, diff + 1, got[diff] if diff < len(got) else None,
              want[diff] if diff < len(want) else None, len(got),
              len(want), console.describe()))


class Ticks:
    """The lines of a ticker cell (inmates/demos/ticker.c)."""

    def __init__(self, console, cell, period_us, count):
        self.console = console
        self.cell = cell
        self.period = period_us * COUNTER_HZ // 1000000
        self.count = count
        header = "ticker: period_us=%d (%d counter ticks at %d Hz), " \
            "ticks=%d" % (period_us, self.period, COUNTER_HZ, count)
        lines = console.of(cell)
        if not lines or lines[0] != header:
            fail("[%s] first line %r, expected %r; %s" %
                 (cell, lines[0] if lines else None, header,
                  console.describe()))
        _, start = console.match(cell, r"ticker: start cntvct=(\d+)")
        self.start = int(start.group(1))
        self.values = []
        self.indexes = []           # console line of each tick
        for index, source, text in console.entries:
            found = re.fullmatch(r"tick (\d+) cntvct=(\d+)", text)
            if source == cell and found:
                self.values.append((int(found.group(1)),
                                    int(found.group(2))))
                self.indexes.append(index)
        numbers = [n for n, _ in self.values]
        if numbers != list(range(1, count + 1)):
            fail("[%s] ticks numbered %s, expected 1 to %d; %s" %
                 (cell, numbers, count, console.describe()))
        if lines[-1] != "ticker done":
            fail("[%s] last line %r, expected 'ticker done'" %
                 (cell, lines[-1]))
        self.done = console.find("[%s] ticker done" % cell)

    def expect_exact_spacing(self):
        """Consecutive ticks exactly one period apart."""
        for (n, a), (_, b) in zip(self.values, self.values[1:]):
            if b - a != self.period:
                fail("[%s] tick %d cntvct=%d is %d counter ticks after tick "
                     "%d, expected exactly %d" % (self.cell, n + 1, b,
                                                  b - a, n, self.period))

    def latencies(self):
        """tick_k - (start + k * period) for each tick k."""
        return [v - (self.start + n * self.period) for n, v in self.values]

    def latency_note(self):
        values = sorted(set(self.latencies()))
        if len(values) == 1:
            return "latency %d counter ticks (%s) on every tick" % (
                values[0], us(values[0]))
        return "latency %s counter ticks" % "/".join(map(str, values))

    def expect_latencies_at_least_zero(self):
        late = self.latencies()
        if min(late) < 0:
            fail("[%s] tick before its deadline: latencies %s" %
                 (self.cell, late))


# ---------------------------------------------------------------- image layout

class Image:
    """A boot image's bytes and blobs, parsed per include/cellblock/image.h
    (independently of the tool)."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.table_offset = self._find_table()
        (_, _, _, self.blob_count, _, _, self.total_size, _,
         _) = TABLE.unpack_from(self.data, self.table_offset)
        self.blobs = []             # (header offset, kind, size, name, load)
        at = self.table_offset + TABLE.size
        for _ in range(self.blob_count):
            (magic, kind, size, _, _, load,
             name) = BLOB.unpack_from(self.data, at)
            if magic != BLOB_MAGIC:
                fail("blob at 0x%x: magic 0x%x" % (at, magic))
            self.blobs.append((at, kind, size,
                               name.rstrip(b"\0").decode(), load))
            at += BLOB.size + (size + 15) // 16 * 16

    def _find_table(self):
        for at in range(0, len(self.data) - TABLE.size, 0x1000):
            magic, = struct.unpack_from("<I", self.data, at)
            offset, = struct.unpack_from("<Q", self.data, at + 16)
            if magic == TABLE_MAGIC and offset == at:
                return at
        fail("no image table found")

    def blob(self, name):
        for blob in self.blobs:
            if blob[3] == name:
                return blob
        fail("no blob %r in the image (blobs: %s)" %
             (name, [b[3] for b in self.blobs]))

    def blob_at(self, offset):
        """The blob whose header or data holds file offset @offset."""
        for blob in self.blobs:
            if blob[0] <= offset < blob[0] + BLOB.size + blob[2]:
                return blob
        fail("offset 0x%x is in no blob" % offset)

    def stored_crc(self, name):
        at = self.blob(name)[0]
        return struct.unpack_from("<I", self.data, at + BLOB_CRC_AT)[0]

    def computed_crc(self, name, data=None):
        """CRC-32 of the blob's header with its CRC field zero, then its
        data, read from @data (default: this image)."""
        data = self.data if data is None else data
        at, _, size, _, _ = self.blob(name)
        header = bytearray(data[at:at + BLOB.size])
        header[BLOB_CRC_AT:BLOB_CRC_AT + 4] = b"\0\0\0\0"
        body = bytes(data[at + BLOB.size:at + BLOB.size + size])
        return zlib.crc32(bytes(header) + body) & 0xffffffff

    def set_load_address(self, name, address):
        """Moves payload @name to @address; its CRC follows, so the image
        stays structurally valid."""
        at = self.blob(name)[0]
        struct.pack_into("<Q", self.data, at + BLOB_LOAD_AT, address)
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT, 0)
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT,
                         self.computed_crc(name))


# ---------------------------------------------------------------- demo

HELLO_LINES = [
    "hello from cellblock inmate",
    None,       # cpu and MPIDR: see test_demo_mpidr
    "hello: psci 1.1, counter 62500000 Hz",
    "hello: no parameters",
    "hello: hypervisor: cellblock (GET_INFO 0x43424c4b)",
    "hello: powering off",
]
HELLO_CPU = r"hello: cpu 0 mpidr=(0x[0-9a-f]+) entered at EL1, running at EL1"
APP_FAILED = (r"cell app failed on CPU 2: data access outside the cell "
              r"\(EC 0x24, ESR 0x([0-9a-f]{8}), PC 0x([0-9a-f]+), "
              r"FAR 0x7ff00000\); parked")


def check_hello(console, cell="hello"):
    lines = console.of(cell)
    if len(lines) != len(HELLO_LINES):
        fail("[%s] printed %d lines, expected %d; %s" %
             (cell, len(lines), len(HELLO_LINES), console.describe()))
    for got, want in zip(lines, HELLO_LINES):
        if want is None:
            if not re.fullmatch(HELLO_CPU, got):
                fail("[%s] %r does not match %r" % (cell, got, HELLO_CPU))
        elif got != want:
            fail("[%s] %r, expected %r" % (cell, got, want))


def check_app_crash(console, paths, delay_us):
    """The crash demo's lines and the hypervisor's one line about app;
    returns (console index of that line, counter ticks crash waited)."""
    expected = [
        "crash: waiting %d us" % delay_us,
        None,
        "crash: writing 0xdeadbeef to 0x7ff00000, outside this cell's RAM",
    ]
    lines = console.of("app")
    if len(lines) != 3:
        fail("[app] printed %d lines, expected 3 (no line after the "
             "faulting write); %s" % (len(lines), console.describe()))
    waited = re.fullmatch(r"crash: waited (\d+) counter ticks", lines[1])
    if lines[0] != expected[0] or lines[2] != expected[2] or not waited:
        fail("[app] lines %s, expected %s" % (lines, expected))
    wait = int(waited.group(1))
    least = delay_us * COUNTER_HZ // 1000000
    # The wait ends at the first timer interrupt after the deadline: a
    # few hundred nanoseconds late, never early.
    if not least <= wait <= least + WAIT_SLACK:
        fail("[app] waited %d counter ticks for %d us, expected %d to %d" %
             (wait, delay_us, least, least + WAIT_SLACK))
    index, found = console.match("cellblock", APP_FAILED)
    esr, pc = int(found.group(1), 16), int(found.group(2), 16)
    # Data abort from EL1 (EC 0x24) on a write (WnR, bit 6), a stage-2
    # translation fault (DFSC 0b0001xx): nothing is mapped there.
    if esr >> 26 != 0x24 or not esr >> 6 & 1 or esr & 0x3c != 0x04:
        fail("failed line names ESR 0x%08x, expected a stage-2 translation "
             "fault on a write" % esr)
    size = paths.demo("crash").stat().st_size
    if not LOAD <= pc < LOAD + size:
        fail("failed line names PC 0x%x, outside crash.bin at 0x%x-0x%x" %
             (pc, LOAD, LOAD + size - 1))
    if index < console.find("[app] " + expected[2]):
        fail("app failed before its faulting write was announced")
    if len([1 for _, s, t in console.entries if s == "cellblock" and
            t.startswith("cell app ")]) != 1:
        fail("expected exactly one [cellblock] line about cell app; %s" %
             console.describe())
    return index, wait


def test_demo(ctx):
    """build/images/demo.img: banner first, every cell prints, rt ticks 20
    times, app is parked on its bad write, the run powers itself off."""
    paths = Paths(ctx)
    console = boot(ctx, paths.demo_image())
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app"])
    console.find("[cellblock] 3 of 3 cells ready; starting")
    check_hello(console)
    hello_off = console.find(
        "[cellblock] cell hello stopped (PSCI SYSTEM_OFF on CPU 0)")
    ticks = Ticks(console, "rt", 1000, 20)
    failed, _ = check_app_crash(console, paths, 5000)
    if not ticks.indexes[0] < failed < ticks.done:
        fail("app's failed line is not among rt's ticks")
    rt_off = console.find("[cellblock] cell rt stopped (PSCI SYSTEM_OFF on "
                          "CPU 1)")
    if not hello_off < rt_off == len(console.lines) - 2:
        fail("expected rt to stop last, right before the power-off line; %s"
             % console.describe())
    console.expect_off()
    return "%d lines, rt ticked 20 times, app parked; rt's ticker started " \
        "at cntvct=%d, %s after power-on" % (len(console.lines), ticks.start,
                                             us(ticks.start))


def test_demo_mpidr(ctx):
    """A cell reads MPIDR_EL1 as on hardware: bit 31 is RES1 (ARM ARM,
    MPIDR_EL1 and VMPIDR_EL2), so hello prints 0x80000000 for CPU 0, as it
    does bare metal (inmate/bare/hello)."""
    paths = Paths(ctx)
    console = boot(ctx, paths.demo_image())
    _, found = console.match("hello", HELLO_CPU)
    if found.group(1) != "0x80000000":
        fail("[hello] %r: MPIDR %s, expected 0x80000000 (affinity 0 and "
             "the RES1 bit 31; the hypervisor's VMPIDR_EL2 lacks bit 31)" %
             (found.group(0), found.group(1)))


def test_determinism(ctx):
    paths = Paths(ctx)
    first = qemu.boot(ctx.tmp, kernel=paths.demo_image())
    second = qemu.boot(ctx.tmp, kernel=paths.demo_image())
    if not first.output:
        fail("the demo printed nothing")
    if first.output != second.output or first.returncode != \
            second.returncode:
        diff = next((i for i, (a, b) in enumerate(zip(first.lines,
                                                      second.lines))
                     if a != b), None)
        fail("two boots differ (exit %d and %d); first differing line %s: "
             "%r vs %r" % (first.returncode, second.returncode, diff,
                           first.lines[diff] if diff is not None else "",
                           second.lines[diff] if diff is not None else ""))
    return "%d bytes identical" % len(first.output)


def test_tick_spacing(ctx):
    """rt's 20 ticks in the demo: exactly 62500 counter ticks (1000 us)
    apart while hello stops and app crashes."""
    paths = Paths(ctx)
    console = boot(ctx, paths.demo_image())
    ticks = Ticks(console, "rt", 1000, 20)
    if ticks.period != 62500:
        fail("period %d counter ticks, expected 62500" % ticks.period)
    ticks.expect_exact_spacing()
    ticks.expect_latencies_at_least_zero()
    console.expect_off()
    return "19 gaps of exactly 62500, %s" % ticks.latency_note()


# ---------------------------------------------------------- isolation and PSCI

def test_crash_isolation(ctx):
    """app runs crash twice from one binary and equally long parameters:
    crashing after 10.5 ms (during rt's 20 ticks, half-way between two)
    or after 90.5 ms (rt is done by then, so app just waits while rt
    runs). rt's lines are the same bytes in both runs; only the first has
    app's failed line while rt runs."""
    paths = Paths(ctx)
    crash = paths.demo("crash")
    runs = {}
    for delay in (10500, 90500):
        image = paths.image("crash-%d" % delay, paths.demo_cells(
            app=(crash, "delay_us=%d" % delay)))
        runs[delay] = boot(ctx, image)
        runs[delay].expect_off()
    crashed, waited = runs[10500], runs[90500]
    ticks = Ticks(crashed, "rt", 1000, 20)
    ticks.expect_exact_spacing()
    failed, _ = check_app_crash(crashed, paths, 10500)
    if not ticks.indexes[0] < failed < ticks.done:
        fail("app's failed line is not among rt's ticks; %s" %
             crashed.describe())
    late, _ = check_app_crash(waited, paths, 90500)
    if late < Ticks(waited, "rt", 1000, 20).done:
        fail("in the control run app failed before rt was done")
    expect_equal_lines("[rt] with app crashing", crashed.raw("rt"),
                       waited.raw("rt"), crashed)
    return "%d rt lines identical; app parked between rt's ticks %d and %d" \
        % (len(crashed.raw("rt")),
           sum(1 for i in ticks.indexes if i < failed),
           sum(1 for i in ticks.indexes if i < failed) + 1)


def reset_lines(console, boots, hvc):
    """The reset inmate's lines for @boots boots; returns, for each reset,
    the counter right before SYSTEM_RESET and at the next boot's entry."""
    conduit = "hvc" if hvc else "smc"
    lines = console.of("hello")
    resets = []
    if len(lines) != 4 * boots:
        fail("[hello] printed %d lines, expected %d; %s" %
             (len(lines), 4 * boots, console.describe()))
    for number in range(1, boots + 1):
        block = lines[4 * (number - 1):4 * number]
        first = r"reset: boot %d of %d, entered at cntvct=(\d+)" % (number,
                                                                   boots)
        if number > 1:
            first += r", SYSTEM_RESET called at cntvct=(\d+)"
        found = re.fullmatch(first, block[0])
        if not found:
            fail("[hello] %r does not match %r" % (block[0], first))
        if number > 1:
            resets.append((int(found.group(2)), int(found.group(1))))
        state = ("reset: at entry: data marker 0x600d1dea, GICR ISENABLER0 "
                 "0x0, ISPENDR0 0x0, CNTV_CTL 0x0")
        if block[1] != state:
            fail("[hello] boot %d: %r, expected %r (payload re-copied, "
                 "interrupts and timer reset)" % (number, block[1], state))
        pending = "reset: highest pending interrupt after gic_init: 1023"
        if block[2] != pending:
            fail("[hello] boot %d: %r, expected %r (no interrupt left from "
                 "the previous boot)" % (number, block[2], pending))
        last = "reset: %s via %s" % (
            "SYSTEM_RESET" if number < boots else "SYSTEM_OFF", conduit)
        if block[3] != last:
            fail("[hello] boot %d: %r, expected %r" % (number, block[3],
                                                       last))
    return resets


def check_reset(ctx, resets, hvc):
    paths = Paths(ctx)
    params = "resets=%d delay_us=3500 hvc=%d" % (resets, hvc)
    image = paths.image("reset", paths.demo_cells(
        hello=(paths.systest("reset"), params),
        rt=(paths.demo("ticker"), "period_us=1000 ticks=15"),
        app=(paths.demo("hello"), None)))
    console = boot(ctx, image)
    console.expect_sources(["hello", "rt", "app"])
    boots = resets + 1
    resets_at = reset_lines(console, boots, hvc)
    restarting = "[cellblock] cell hello restarting (PSCI SYSTEM_RESET on " \
        "CPU 0)"
    found = console.find_all(restarting)
    banners = [i for i, s, t in console.entries
               if s == "hello" and t.startswith("reset: boot ")]
    calls_at = [i for i, s, t in console.entries
                if s == "hello" and " via " in t]
    if len(found) != resets:
        fail("%r printed %d times, expected %d; %s" %
             (restarting, len(found), resets, console.describe()))
    for k, index in enumerate(found):
        if not calls_at[k] < index < banners[k + 1]:
            fail("restart line %d is not between the reset call and the "
                 "next boot's first line" % (k + 1))
    stopped = console.find("[cellblock] cell hello stopped (PSCI SYSTEM_OFF "
                           "on CPU 0)")
    if stopped < banners[-1]:
        fail("hello stopped before its last boot")
    ticks = Ticks(console, "rt", 1000, 15)
    ticks.expect_exact_spacing()
    if not ticks.values[0][1] < resets_at[0][0] < ticks.values[-1][1]:
        fail("the first reset (cntvct %d) did not happen while rt ticked "
             "(%d to %d): the test would show nothing" %
             (resets_at[0][0], ticks.values[0][1], ticks.values[-1][1]))
    console.expect_off()
    gaps = [entry - call for call, entry in resets_at]
    return "SYSTEM_RESET to the inmate's first C code: %s counter ticks " \
        "(%s); " \
        "rt: 15 ticks exactly 62500 apart, %s" % (
            "/".join(map(str, gaps)), "/".join(us(g) for g in gaps),
            ticks.latency_note())


def test_reset(ctx):
    """hello's cell runs the reset inmate: SYSTEM_RESET on the first boot,
    SYSTEM_OFF on the second, while rt ticks."""
    return check_reset(ctx, 1, 0)


def test_reset_hvc_twice(ctx):
    """The same through HVC, restarting twice."""
    return check_reset(ctx, 2, 1)


def test_system_off_only_caller(ctx):
    """hello stops at once, app (reset inmate, no reset) stops after 2.5 ms
    through HVC; rt ticks on to its end, and only then the machine is
    switched off."""
    paths = Paths(ctx)
    image = paths.image("system-off", paths.demo_cells(
        rt=(paths.demo("ticker"), "period_us=1000 ticks=10"),
        app=(paths.systest("reset"), "resets=0 delay_us=2500 hvc=1")))
    console = boot(ctx, image)
    console.expect_sources(["hello", "rt", "app"])
    check_hello(console)
    ticks = Ticks(console, "rt", 1000, 10)
    ticks.expect_exact_spacing()
    hello_off = console.find("[cellblock] cell hello stopped (PSCI "
                             "SYSTEM_OFF on CPU 0)")
    app_off = console.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF "
                           "on CPU 2)")
    console.find("[app] reset: SYSTEM_OFF via hvc")
    if not hello_off < ticks.indexes[0]:
        fail("hello did not stop before rt's first tick")
    if not ticks.indexes[0] < app_off < ticks.indexes[-1]:
        fail("app did not stop while rt ticked")
    after = sum(1 for i in ticks.indexes if i > app_off)
    rt_off = console.find("[cellblock] cell rt stopped (PSCI SYSTEM_OFF on "
                          "CPU 1)")
    if rt_off != len(console.lines) - 2:
        fail("rt's stop is not the line before the power-off line")
    console.expect_off()
    return "rt ticked %d more times after the last other cell stopped, " \
        "%s" % (after, ticks.latency_note())


SIMULTANEOUS_RUNS = 12


def test_simultaneous_stop(ctx):
    """All three cells call SYSTEM_OFF right after they start, within
    microseconds of each other: the machine is powered off once, with one
    line. A hypervisor whose CPUs can each conclude they stopped the last
    cell powers off several times; how many of those lines get out before
    QEMU acts on the first SYSTEM_OFF depends on the host, not on virtual
    time, so the image is booted several times and every boot must print
    the same bytes. A correct hypervisor passes every time."""
    paths = Paths(ctx)
    reset = paths.systest("reset")
    image = paths.image("simultaneous", paths.demo_cells(
        hello=(reset, "resets=0"), rt=(reset, "resets=0"),
        app=(reset, "resets=0")))
    first = None
    for run in range(1, SIMULTANEOUS_RUNS + 1):
        console = boot(ctx, image)
        console.expect_sources(["hello", "rt", "app"])
        for cell, cpu in (("hello", 0), ("rt", 1), ("app", 2)):
            console.find("[%s] reset: SYSTEM_OFF via smc" % cell)
            console.find("[cellblock] cell %s stopped (PSCI SYSTEM_OFF on "
                         "CPU %d)" % (cell, cpu))
        try:
            console.expect_off()
        except AssertionError as e:
            fail("boot %d of %d: %s" % (run, SIMULTANEOUS_RUNS, e))
        if first is None:
            first = console.result.output
        elif console.result.output != first:
            fail("boot %d printed other bytes than boot 1; %s" %
                 (run, console.describe()))
    return "%d boots, identical, one power-off line each" % \
        SIMULTANEOUS_RUNS


PSCI_PROBE_LINES = [
    "psci: cpu 0 mpidr=0x2, probe=1",
] + [
    "psci: %s %s mpidr=0x%x (%s) -> %s" % (conduit, call, mpidr, what,
                                          result)
    for conduit in ("smc", "hvc")
    for call, mpidr, what, result in [
        ("CPU_ON", 0, "another cell's CPU", "-3 DENIED"),
        ("CPU_ON", 1, "another cell's CPU", "-3 DENIED"),
        ("CPU_ON", 7, "no such CPU", "-2 INVALID_PARAMETERS"),
        ("AFFINITY_INFO", 0, "another cell's CPU", "-2 INVALID_PARAMETERS"),
        ("AFFINITY_INFO", 1, "another cell's CPU", "-2 INVALID_PARAMETERS"),
        ("AFFINITY_INFO", 7, "no such CPU", "-2 INVALID_PARAMETERS"),
    ]
] + [
    "psci: smc AFFINITY_INFO mpidr=0x3 (own CPU, before CPU_ON) -> 1 OFF",
    "psci: smc CPU_ON mpidr=0x3 (own CPU) -> 0 SUCCESS",
    "psci: cpu 1 up, mpidr=0x3",
    "psci: smc AFFINITY_INFO mpidr=0x3 (own CPU, running) -> 0 ON",
    "psci: hvc CPU_ON mpidr=0x3 (own CPU, running) -> -4 ALREADY_ON",
    "psci: smc AFFINITY_INFO mpidr=0x3 (own CPU, after CPU_OFF) -> 1 OFF",
    "psci: done",
]


def test_cpu_on_foreign(ctx):
    """app (CPUs 2, 3) probes PSCI: other cells' CPUs are DENIED to
    CPU_ON and invisible to AFFINITY_INFO, a CPU the board lacks is
    INVALID_PARAMETERS, its own second CPU starts, runs, powers off. hello
    and rt print the same bytes as in a run where app does not probe."""
    paths = Paths(ctx)
    runs = {}
    for probe in (1, 0):
        image = paths.image("psci-%d" % probe, paths.demo_cells(
            app=(paths.systest("psci_probe"),
                 "probe=%d delay_us=2500" % probe)))
        runs[probe] = boot(ctx, image)
        runs[probe].expect_off()
    probing = runs[1]
    probing.expect_sources(["hello", "rt", "app"])
    expect_equal_lines("[app]", probing.of("app"), PSCI_PROBE_LINES, probing)
    probing.find("[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")
    ticks = Ticks(probing, "rt", 1000, 20)
    ticks.expect_exact_spacing()
    check_hello(probing)
    for cell in ("hello", "rt"):
        expect_equal_lines("[%s] with app probing" % cell,
                           probing.raw(cell), runs[0].raw(cell), probing)
    if runs[0].of("app") != ["psci: cpu 0 mpidr=0x2, probe=0",
                             "psci: done"]:
        fail("control run: [app] printed %s" % runs[0].of("app"))
    return "%d probe results as expected; hello and rt identical to the " \
        "control run" % (len(PSCI_PROBE_LINES) - 2)


def gicd_image(paths, write):
    return paths.image("gicd-%d" % write, [
        (paths.config("hello"), paths.demo("hello"), None),
        (paths.test_config("owner"), paths.systest("gicd_probe"),
         "role=0 delay_us=3000"),
        (paths.test_config("intruder"), paths.systest("gicd_probe"),
         "role=1 delay_us=1000 write=%d" % write),
    ])


OWNER_VIEW = [
    "spi 100 enabled 1 pending 0 active 0 priority 0x40 config 0x2 "
    "router 0x1",
    "spi 101 enabled 0 pending 0 active 0 priority 0x60 config 0x0 "
    "router 0x1",
]
INTRUDER_LINES = [
    "gicd: intruder, spis 100 and 101 of the owner, 102 of the intruder",
    # The owner's SPIs 100 and 101: bits 4 and 5 of word 3, bytes 0 and 1
    # of priority word 25, fields 4 and 5 of config word 6.
    "gicd: intruder ISENABLER at 0x10c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder ICENABLER at 0x18c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder ISPENDR at 0x20c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder ISACTIVER at 0x30c (4 bytes) <- 0x30, reads 0x0",
    "gicd: intruder IPRIORITYR at 0x464 (1 bytes) <- 0x8, reads 0x0",
    # Byte 2 is its own SPI 102: that byte is written and reads back.
    "gicd: intruder IPRIORITYR at 0x464 (4 bytes) <- 0x10101010, reads "
    "0x100000",
    "gicd: intruder ICFGR at 0xc18 (4 bytes) <- 0xaaaaaaaa, reads 0x2000",
    "gicd: intruder ICFGR at 0xc18 (4 bytes) <- 0x0, reads 0x0",
    "gicd: intruder IROUTER at 0x6320 (8 bytes) <- 0x2, reads 0x0",
    "gicd: intruder IROUTER at 0x6328 (8 bytes) <- 0x2, reads 0x0",
    # Its own SPI 102, set up through the same words: its values only.
    "gicd: intruder own spi 102: ISENABLER 0x40 IPRIORITYR 0x200000 "
    "ICFGR 0x2000 IROUTER 0x2",
    "gicd: intruder done",
]


def test_distributor_isolation(ctx):
    """intruder writes every distributor bank of owner's SPIs 100 and 101
    (sharing words with its own SPI 102) and reads 0 back; owner's view of
    its SPIs, printed before and 3 ms after, is the same bytes as in a run
    where intruder only reads, and no interrupt reached owner. intruder
    sees real values for its own SPI."""
    paths = Paths(ctx)
    writing, control = boot(ctx, gicd_image(paths, 1)), \
        boot(ctx, gicd_image(paths, 0))
    for console in (writing, control):
        console.expect_off()
        console.expect_sources(["hello", "owner", "intruder"])
    expect_equal_lines("[intruder]", writing.of("intruder"),
                       INTRUDER_LINES, writing)
    owner = ["gicd: owner, spis 100 and 101 of the owner, 102 of the "
             "intruder"] + \
        ["gicd: owner before: " + v for v in OWNER_VIEW] + \
        ["gicd: owner after: " + v for v in OWNER_VIEW] + \
        ["gicd: owner done"]
    expect_equal_lines("[owner]", writing.of("owner"), owner, writing)
    expect_equal_lines("[owner] against the control run", writing.raw(
        "owner"), control.raw("owner"), writing)
    intruder_done = writing.find("[intruder] gicd: intruder done")
    after = writing.find("[owner] gicd: owner after: " + OWNER_VIEW[0])
    before = writing.find("[owner] gicd: owner before: " + OWNER_VIEW[1])
    if not before < writing.find("[intruder] " + INTRUDER_LINES[1]) \
            or not intruder_done < after:
        fail("the owner's two views do not enclose the intruder's writes")
    return "10 writes to the owner's SPIs ignored, reads 0; own SPI reads " \
        "its values"


# ---------------------------------------------------------------- interrupts

SGI_SEND_ORDERS = {0: "intid-order", 1: "highest-first", 2: "lowest-first"}


def sgi_priority(intid):
    return (5 * intid) % 16 * 8


def test_sgi_priority(ctx):
    """Three cells each mask IRQs, give SGIs 0-7 distinct priorities, send
    all 8 to themselves (twice the 4 list registers) in INTID order,
    highest priority first and lowest first, and unmask: all 8 arrive once,
    highest priority first, with their priority as the running priority."""
    paths = Paths(ctx)
    # The cells stop 500 us apart: see test_simultaneous_stop.
    image = paths.image("sgi", [
        (paths.config(cell), paths.systest("sgi_order"),
         "count=8 send=%d off_us=%d" % (send, 500 * send))
        for cell, send in (("hello", 0), ("rt", 1), ("app", 2))])
    console = boot(ctx, image)
    console.expect_off()
    by_priority = sorted(range(8), key=sgi_priority)
    sending = {0: list(range(8)), 1: by_priority, 2: by_priority[::-1]}
    results = []
    for cell, send in (("hello", 0), ("rt", 1), ("app", 2)):
        expected = [
            "sgi: sent " + " ".join(map(str, sending[send])),
            "sgi: handled " + " ".join(map(str, by_priority)),
            "sgi: running priorities " + " ".join(
                "0x%x" % sgi_priority(i) for i in by_priority),
            "sgi: 8 of 8 handled",
        ]
        lines = console.of(cell)
        reason = None
        if len(lines) != len(expected):
            reason = "[%s] printed %s, expected %s" % (cell, lines, expected)
        else:
            # Lost or duplicated SGIs first, then their order.
            for k in (0, 3, 1, 2):
                if lines[k] != expected[k]:
                    reason = "[%s] %r, expected %r (%s)" % (
                        cell, lines[k], expected[k], lines[0])
                    break
        results.append(("system/sgi/%s" % SGI_SEND_ORDERS[send], reason,
                        None if reason else "%s, all 8 by priority" %
                        lines[0][len("sgi: "):]))
    return results


# -------------------------------------------------------------- refused images

def boot_refused(ctx, image, blob, message):
    """Boots @image: the banner, exactly one line naming @blob (matching
    @message in full), the refusal, and nothing else."""
    console = boot(ctx, image)
    console.expect_banner()
    problem = "[cellblock] image: %s: " % blob
    problems = [line for line in console.lines
                if line.startswith("[cellblock] image: ")]
    refused = "[cellblock] image refused: no cell started"
    expected = [console.lines[0], problem + message, refused]
    if console.lines != expected:
        fail("expected the banner, %r and %r, got %s" %
             (problem + message, refused, qemu.excerpt(console.lines, 8)))
    if len(problems) != 1:
        fail("expected one image line, got %d" % len(problems))
    if console.result.returncode != 0:
        fail("QEMU exit status %d, expected 0 (the hypervisor powers off)" %
             console.result.returncode)


def crc_message(stored, computed):
    return "CRC32 0x%08x does not match the blob's header and data " \
        "(computed 0x%08x): the image is corrupted" % (stored, computed)


def test_image_corrupted_payload(ctx):
    """One byte flipped in the middle of crash.bin's blob in demo.img."""
    paths = Paths(ctx)
    image = Image(paths.demo_image().read_bytes())
    at, _, size, name, _ = image.blob("crash.bin")
    offset = at + BLOB.size + size // 2
    image.data[offset] ^= 0x40
    path = ctx.tmp / "flipped.img"
    path.write_bytes(image.data)
    boot_refused(ctx, path, name, crc_message(image.stored_crc(name),
                                              image.computed_crc(name)))
    return "byte 0x%x of %s flipped: refused on its CRC" % (offset, name)


def test_image_truncated(ctx):
    """demo.img without its last 4 KiB: QEMU loads what is there (RAM past
    it reads zero), and the blob that held the cut is refused on its
    CRC."""
    paths = Paths(ctx)
    data = paths.demo_image().read_bytes()
    cut = len(data) - 4096
    image = Image(data)
    _, _, _, name, _ = image.blob_at(cut)
    path = ctx.tmp / "truncated.img"
    path.write_bytes(data[:cut])
    as_loaded = data[:cut] + bytes(4096)
    boot_refused(ctx, path, name, crc_message(
        image.stored_crc(name), image.computed_crc(name, as_loaded)))
    return "cut at 0x%x, inside %s" % (cut, name)


def test_cell_refused_by_tool(ctx):
    """`cellblock image` refuses app's payload outside app's loadable
    RAM (guest 0x40000000-0x41ffffff)."""
    paths = Paths(ctx)
    crash = paths.demo("crash")
    output = ctx.tmp / "outside.img"
    cells = paths.demo_cells()
    args = paths.image_args(output, cells[:2]) + [
        "--cell", paths.config("app"), "--payload",
        "%s@0x48000000" % crash]
    result = ctx.run(args)
    size = crash.stat().st_size
    expected = "cellblock image: crash.bin: guest range 0x48000000-0x%x " \
        "is not inside one loadable region of cell \"app\" (loadable: ram " \
        "0x40000000-0x41ffffff)" % (0x48000000 + size - 1)
    if result.returncode != 1 or result.stderr_lines() != [expected]:
        fail("expected exit code 1 and %r; got %s" %
             (expected, result.describe()))
    if output.exists():
        fail("%s was written" % output)


def test_cell_refused_at_boot(ctx):
    """demo.img with crash.bin's load address moved to 0x48000000 and its
    blob CRC recomputed: a valid image but for that, so `image check`
    and the boot name the payload in one line, app does not start, hello
    and rt run."""
    paths = Paths(ctx)
    image = Image(paths.demo_image().read_bytes())
    _, _, size, name, _ = image.blob("crash.bin")
    image.set_load_address(name, 0x48000000)
    path = ctx.tmp / "moved.img"
    path.write_bytes(image.data)
    message = "%s: guest range 0x48000000-0x%x is not inside one loadable " \
        "region of cell \"app\" (loadable: ram 0x40000000-0x41ffffff)" % (
            name, 0x48000000 + size - 1)
    check = ctx.run([paths.tool, "image", "check", path])
    if check.returncode != 1 or check.stderr_lines() != [
            "%s: %s" % (path, message)]:
        fail("`cellblock image check` of the patched image: expected exit "
             "code 1 and the one problem %r; got %s" %
             (message, check.describe()))
    console = boot(ctx, path)
    console.expect_banner()
    console.expect_sources(["hello", "rt"])
    hv = console.of("cellblock")
    if hv[:3] != [hv[0], "image: " + message, "2 of 3 cells ready; "
                  "starting"]:
        fail("expected the banner, %r and '2 of 3 cells ready; starting'; "
             "%s" % ("image: " + message, console.result.describe(
                 tail=False)))
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    if console.of("app") or any(line.startswith("cell app")
                                for line in hv[3:]):
        fail("cell app shows up after being refused; %s" %
             console.describe())
    console.expect_off()


# ---------------------------------------------------------------- u-boot

def uboot_flash(ctx):
    """A second flash bank holding u-boot's own default environment with
    bootdelay=0 (so the autoboot does not wait 2 s of virtual time, 2e9
    instructions): u-boot's qemu_arm64 build keeps its environment there
    (CONFIG_ENV_ADDR 0x4000000, CONFIG_ENV_SIZE 0x40000; a CRC-32 then
    NUL-separated variables)."""
    binary = UBOOT.read_bytes()
    start = binary.find(b"bootcmd=run distro_bootcmd\0")
    end = binary.find(b"\0\0", start)
    if start < 0 or end < 0 or b"bootdelay=2\0" not in binary[start:end]:
        fail("no default environment with bootdelay=2 in %s" % UBOOT)
    env = binary[start:end + 1].replace(b"bootdelay=2\0", b"bootdelay=0\0")
    size = 0x40000
    data = env + bytes(size - 4 - len(env))
    path = ctx.tmp / "uboot-env-flash.img"
    with open(path, "wb") as flash:
        flash.write(struct.pack("<I", zlib.crc32(data)) + data)
        flash.truncate(64 << 20)    # the size of QEMU virt's flash bank
    return path


def relative_counts(lines):
    """@lines with every `cntvct=N` made relative to rt's start line (the
    counter keeps running through firmware, so absolute values differ)."""
    start = None
    for line in lines:
        found = re.fullmatch(r"\[rt\] ticker: start cntvct=(\d+)", line)
        if found:
            start = int(found.group(1))
    if start is None:
        fail("no rt start line")
    return [re.sub(r"cntvct=(\d+)", lambda m: "cntvct=start%+d" %
                   (int(m.group(1)) - start), line) for line in lines]


def same_but_counter_phase(a, b):
    """Whether lines @a and @b differ only in numbers, by at most 1 each: a
    measured span of fixed virtual time can read one counter tick (16 ns)
    more or less depending on where the span starts within a tick."""
    split = re.compile(r"(-?\d+)")
    parts_a, parts_b = split.split(a), split.split(b)
    if len(parts_a) != len(parts_b):
        return False
    for k, (x, y) in enumerate(zip(parts_a, parts_b)):
        if k % 2 == 0 and x != y:
            return False
        if k % 2 == 1 and abs(int(x) - int(y)) > 1:
            return False
    return True


def test_uboot(ctx):
    """demo.img booted by Debian's u-boot (-bios u-boot.bin, -kernel the
    image: u-boot's qfw autoboot loads it at 0x40400000 and booti enters
    it; the hypervisor moves itself to 0x40200000). After u-boot's own
    lines, the console is the one of a direct -kernel boot, counter values
    taken relative to rt's start."""
    if not UBOOT.is_file():
        fail("%s is missing (Debian package u-boot-qemu)" % UBOOT)
    paths = Paths(ctx)
    demo = paths.demo_image()
    direct = qemu.boot(ctx.tmp, kernel=demo)
    firmware = qemu.boot(ctx.tmp, kernel=demo, bios=UBOOT, extra=[
        "-drive", "if=pflash,format=raw,index=1,file=%s" % uboot_flash(ctx)])
    if firmware.returncode != 0:
        fail("u-boot run: QEMU exit status %d; %s" %
             (firmware.returncode, firmware.describe()))
    if not any(line.startswith("U-Boot ") for line in firmware.lines):
        fail("no U-Boot banner; %s" % firmware.describe(tail=False))
    banner = next((i for i, line in enumerate(firmware.lines)
                   if re.fullmatch(BANNER, line)), None)
    if banner is None:
        fail("no hypervisor banner after u-boot; %s" % firmware.describe())
    uboot_banner = next(i for i, line in enumerate(firmware.lines)
                        if line.startswith("U-Boot "))
    if uboot_banner > banner:
        fail("u-boot's banner does not come first")
    got = relative_counts(firmware.lines[banner:])
    want = relative_counts(direct.lines)
    if len(got) != len(want):
        fail("%d lines from the hypervisor on, expected %d as with "
             "-kernel; %s" % (len(got), len(want), firmware.describe()))
    phase = 0
    for n, (a, b) in enumerate(zip(got, want)):
        if a == b:
            continue
        if not same_but_counter_phase(a, b):
            fail("line %d after u-boot: %r, with -kernel: %r" % (n + 1, a,
                                                                 b))
        phase += 1
    return "%d lines after u-boot's %d match the -kernel boot (%d differ " \
        "by one counter tick of phase)" % (len(got), banner, phase)


def collect(options):
    return [
        ("system/demo", test_demo),
        ("system/demo/mpidr", test_demo_mpidr),
        ("system/demo/determinism", test_determinism),
        ("system/demo/tick-spacing", test_tick_spacing),
        ("system/isolation/crash", test_crash_isolation),
        ("system/psci/reset", test_reset),
        ("system/psci/reset-hvc-twice", test_reset_hvc_twice),
        ("system/psci/system-off-only-caller", test_system_off_only_caller),
        ("system/psci/simultaneous-stop", test_simultaneous_stop),
        ("system/psci/cpu-on-foreign", test_cpu_on_foreign),
        ("system/isolation/distributor", test_distributor_isolation),
        ("system/sgi", test_sgi_priority),
        ("system/image/corrupted-payload", test_image_corrupted_payload),
        ("system/image/truncated", test_image_truncated),
        ("system/image/cell-refused-by-tool", test_cell_refused_by_tool),
        ("system/image/cell-refused-at-boot", test_cell_refused_at_boot),
        ("system/uboot", test_uboot),
    ]
