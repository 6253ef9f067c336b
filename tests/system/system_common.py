# SPDX-License-Identifier: GPL-2.0-only
"""Helpers shared by the end-to-end system tests (not a test module itself).

The system tests (demo_tests.py, psci_tests.py, isolation_tests.py,
image_boot_tests.py) run the hypervisor and its cells in QEMU virt. Each
test packs a boot image in its temporary directory with `cellblock image`
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

Here: the build products (Paths), the console split by source (Console),
a ticker cell's lines (Ticks), and the checks of the demo's hello and
crash cells. Test modules import it with tests/system and tests/lib on
sys.path (see tests/lib/helpers.py).
"""

import re

import qemu
from helpers import build_product, built_config, fail

LOAD = 0x40200000
COUNTER_HZ = 62500000
# Counter ticks (16 ns) a wait on the virtual timer may overrun its
# deadline by: the interrupt's way through the hypervisor, and the reads.
WAIT_SLACK = 100
# Counter ticks a tick may move while another CPU is busy at EL2 (clearing
# a restarting cell's RAM): under -icount the CPUs take turns on one host
# thread, so a busy CPU delays another's interrupt until it yields, which
# the clearing loop does every 256 bytes (about 14 instructions, less than
# one 16 ns tick). An emulation effect: on hardware the CPUs run at once.
BUSY_NEIGHBOUR_SLACK = 1
BANNER = r"\[cellblock\] cellblock \S+ booting at EL2"
POWER_OFF = "[cellblock] no cell is running: powering off"


# ---------------------------------------------------------------- helpers

def us(ticks):
    """Counter ticks as microseconds, for notes."""
    return "%.2f us" % (ticks * 1e6 / COUNTER_HZ)


class Paths:
    """The build products a test uses; fails naming a missing one."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.tool = build_product(ctx.build / "tools" / "cellblock")
        # The variant under test (tests/run.py runs the system tests on
        # both): its hypervisor, and the images `make all` packed with it.
        self.frozen = getattr(ctx, "variant", "full") == "frozen"
        name = "hypervisor-frozen" if self.frozen else "hypervisor"
        self.hypervisor = build_product(ctx.build / "hypervisor" /
                                        (name + ".bin"))
        self.hypervisor_elf = build_product(ctx.build / "hypervisor" /
                                            (name + ".elf"))

    def config(self, name):
        """A QEMU virt config of build/configs/qemu-virt/."""
        return built_config(self.ctx, name)

    def demo(self, name):
        return build_product(self.ctx.build / "inmates" / (name + ".bin"))

    def systest(self, name):
        return build_product(self.ctx.build / "inmates" / "systest" /
                             (name + ".bin"))

    def built_image(self, name):
        """build/images/NAME.img, or NAME-frozen.img on the frozen
        variant: the same arguments, packed with its hypervisor."""
        return build_product(self.ctx.build / "images" /
                             (name + ("-frozen" if self.frozen else "") +
                              ".img"))

    def demo_image(self):
        return self.built_image("demo")

    def compile(self, source, name):
        """@source (.dts) compiled into the test's tmp as NAME.cell."""
        output = self.ctx.tmp / (name + ".cell")
        result = self.ctx.run([self.tool, "config", "compile", source,
                               "-o", output])
        if result.returncode != 0:
            fail("cannot compile %s: %s" % (source, result.describe()))
        return output

    def test_config(self, name):
        """tests/system/configs/NAME.dts compiled into the test's tmp."""
        return self.compile(self.ctx.source / "tests" / "system" /
                            "configs" / (name + ".dts"), name)

    def system_variant(self, name, replacements):
        """The QEMU virt system config with each (old, new) text of
        @replacements made (each must occur), compiled into the test's
        tmp as NAME.cell."""
        text = (self.ctx.source / "configs" / "qemu-virt" /
                "system.dts").read_text()
        for old, new in replacements:
            if old not in text:
                fail("system.dts has no %r to replace" % old)
            text = text.replace(old, new)
        source = self.ctx.tmp / (name + ".dts")
        source.write_text(text)
        return self.compile(source, name)

    def image_args(self, output, cells, system=None):
        """`cellblock image` arguments; @cells: (config, payload, params)
        triples, params None for none; @system: a system config other
        than QEMU virt's."""
        args = [self.tool, "image", "-o", output, self.hypervisor,
                system or self.config("system")]
        for config, payload, params in cells:
            args += ["--cell", config, "--payload", "%s@0x%x" % (payload,
                                                                 LOAD)]
            if params is not None:
                args += ["--params", params]
        return args

    def image(self, name, cells, system=None):
        output = self.ctx.tmp / (name + ".img")
        result = self.ctx.run(self.image_args(output, cells, system))
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


def boot(ctx, image, extra=()):
    """@image booted on the board, with @extra QEMU arguments (a later
    -machine, -m or -smp overrides the board's)."""
    return Console(qemu.boot(ctx.tmp, kernel=image, extra=extra))


def expect_equal_lines(name, got, want, console):
    if got != want:
        diff = next((i for i, (a, b) in enumerate(zip(got, want))
                     if a != b), min(len(got), len(want)))
        fail("%s: line %d is %r, expected %r (%d lines, expected %d); %s" %
             (name, diff + 1, got[diff] if diff < len(got) else None,
              want[diff] if diff < len(want) else None, len(got),
              len(want), console.describe()))


def expect_matching_lines(console, source, got, want):
    """@got (lines of @source) is @want: strings exactly, compiled
    patterns (re) in full."""
    for number, (line, wanted) in enumerate(zip(got, want), 1):
        if hasattr(wanted, "fullmatch"):
            if not wanted.fullmatch(line):
                fail("[%s] line %d %r does not match %r; %s" %
                     (source, number, line, wanted.pattern,
                      console.describe()))
        elif line != wanted:
            fail("[%s] line %d %r, expected %r; %s" %
                 (source, number, line, wanted, console.describe()))
    if len(got) != len(want):
        fail("[%s] %d lines %s, expected %d; %s" %
             (source, len(got), got, len(want), console.describe()))


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

    def expect_exact_spacing(self, slack=0):
        """Consecutive ticks exactly one period apart, or within @slack
        counter ticks of it (see BUSY_NEIGHBOUR_SLACK)."""
        expected = "exactly %d" % self.period if not slack else \
            "%d +- %d" % (self.period, slack)
        for (n, a), (_, b) in zip(self.values, self.values[1:]):
            if abs(b - a - self.period) > slack:
                fail("[%s] tick %d cntvct=%d is %d counter ticks after tick "
                     "%d, expected %s" % (self.cell, n + 1, b, b - a, n,
                                          expected))

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


# ------------------------------------------------------------ hello and crash

HELLO_LINES = [
    "hello from cellblock inmate",
    None,       # cpu and MPIDR: see test_demo_mpidr (demo_tests.py)
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


# ------------------------------------------------------ in-cell test protocol

def expect_pass(console, cell, name, run_first=False):
    """The in-cell test protocol (inmates/lib/include/inmate/check.h):
    @cell printed no FAIL line and exactly one `PASS name checks=N` with
    N >= 1 (a test that checked nothing fails), and with @run_first its
    first line is `RUN name`. Returns (N, the PASS line's console index)."""
    lines = console.of(cell)
    if run_first and (not lines or lines[0] != "RUN " + name):
        fail("[%s] first line %r, expected %r; %s" %
             (cell, lines[0] if lines else None, "RUN " + name,
              console.describe()))
    failed = [line for line in lines if line.startswith("FAIL")]
    if failed:
        fail("[%s] %s; %s" % (cell, failed[0], console.describe()))
    passed = [(i, re.fullmatch(r"PASS %s checks=(\d+)" % re.escape(name), t))
              for i, s, t in console.entries if s == cell]
    passed = [(i, m) for i, m in passed if m]
    if len(passed) != 1:
        fail("[%s] %d lines `PASS %s checks=N`, expected 1; %s" %
             (cell, len(passed), name, console.describe()))
    checks = int(passed[0][1].group(1))
    if checks < 1:
        fail("[%s] PASS with %d checks: it asserted nothing" % (cell, checks))
    return checks, passed[0][0]
