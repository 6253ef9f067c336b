# SPDX-License-Identifier: GPL-2.0-only
"""The inmate runtime and demos on bare metal QEMU (no hypervisor).

Loaded by tests/run.py (see its docstring for the protocol). Each test
boots build/inmates/*.bin (`make inmates`) in QEMU virt under
`-icount shift=0,sleep=off`, where one instruction is one nanosecond of
virtual time, so counter values are exact and two runs print the same
bytes. A run ends with PSCI SYSTEM_OFF (QEMU exits 0); the wall-clock
timeout is a last resort, reported as a hang. QEMU is run by qemu.py.

- inmate/image/*: the arm64 Image header of every demo binary;
- inmate/bare/*: `-kernel X.bin`, entered at EL2 with x0 = the DTB, so
  the defaults apply;
- inmate/cell-entry/*: build/inmates/launch.elf enters the demo at EL1
  with x0 = a parameter string placed right after the binary (inside its
  bss), as the hypervisor does for a cell; HVC answers -1 there;
- inmate/params/*: malformed and overlong parameter strings.
"""

import re
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import build_product, fail
from image_format import ARM64_MAGIC

LOAD_ADDRESS = 0x40200000
LAUNCH_BLOCK = 0x401ff000
LAUNCH_MAGIC = 0x4b434f4c4248434c  # "LCHBLOCK", see inmates/tests/launch.S
DEMOS = ("hello", "ticker", "crash", "smp")

COUNTER_HZ = 62500000
# The spacing of ticks may differ from the period by this many counter
# ticks (16 ns each), for handler paths of slightly different length.
TICK_SLACK = 2
# A tick's counter value may trail its deadline by this many counter ticks
# (1000 = 16 us) on bare metal, where nothing else runs.
TICK_LATENCY_MAX = 1000
PARAMS_MAX = 512  # inmates/lib/include/inmate/layout.h


# ---------------------------------------------------------------- helpers

def demo_binary(ctx, name):
    return build_product(ctx.build / "inmates" / (name + ".bin"), "inmates")


class Boot:
    """What one QEMU run (a qemu.Result) printed and how it ended."""

    def __init__(self, result):
        self.result = result
        self.output = result.output     # bytes, exactly as QEMU wrote them
        self.lines = result.lines

    def describe(self):
        return "output: %s" % qemu.excerpt(self.lines)

    def expect_off(self):
        """The run must end with SYSTEM_OFF: QEMU exit status 0."""
        if self.result.returncode != 0:
            fail("QEMU exited with %d, expected 0 (PSCI SYSTEM_OFF); "
                 "stderr: %s; %s" % (
                     self.result.returncode,
                     qemu.excerpt(self.result.stderr_problems()),
                     self.describe()))

    def expect_line(self, pattern):
        """The first line that matches @pattern in full; fails if none."""
        for line in self.lines:
            match = re.fullmatch(pattern, line)
            if match:
                return match
        fail("no line matches %r; %s" % (pattern, self.describe()))


def boot_bare(ctx, name):
    """`-kernel X.bin`: EL2 entry, x0 = the DTB, no parameters."""
    return Boot(qemu.boot(ctx.tmp, kernel=demo_binary(ctx, name)))


def boot_cell_entry(ctx, name, params=None, el=1):
    """Enters demo @name at @el through launch.elf, the way a cell is
    started: the parameter string (if any) follows the binary, x0 points
    at it, 0 without one."""
    launcher = build_product(ctx.build / "inmates" / "launch.elf",
                             "inmates")
    binary = demo_binary(ctx, name).read_bytes()
    image = binary
    x0 = 0
    if params is not None:
        image += params.encode() + b"\0"
        x0 = LOAD_ADDRESS + len(binary)
    image_path = Path(ctx.tmp) / ("%s-image" % name)
    block_path = Path(ctx.tmp) / ("%s-launch" % name)
    image_path.write_bytes(image)
    block_path.write_bytes(struct.pack("<4Q", LAUNCH_MAGIC, LOAD_ADDRESS,
                                       x0, el))
    return Boot(qemu.boot(ctx.tmp, extra=[
        "-device", "loader,file=%s,cpu-num=0" % launcher,
        "-device", "loader,file=%s,addr=0x%x,force-raw=on" %
        (image_path, LOAD_ADDRESS),
        "-device", "loader,file=%s,addr=0x%x,force-raw=on" %
        (block_path, LAUNCH_BLOCK),
    ]))


def check_ticker(boot, period_us, ticks):
    """Checks a ticker run; returns (spacing, latencies) in counter ticks."""
    boot.expect_off()
    period = period_us * COUNTER_HZ // 1000000
    header = boot.expect_line(
        r"ticker: period_us=(\d+) \((\d+) counter ticks at (\d+) Hz\), "
        r"ticks=(\d+)")
    expected = (str(period_us), str(period), str(COUNTER_HZ), str(ticks))
    if header.groups() != expected:
        fail("ticker header %r: expected period_us=%s (%s counter ticks "
             "at %s Hz), ticks=%s" % ((header.group(0),) + expected))
    start = int(boot.expect_line(r"ticker: start cntvct=(\d+)").group(1))
    values = []
    for line in boot.lines:
        match = re.fullmatch(r"tick (\d+) cntvct=(\d+)", line)
        if match:
            values.append((int(match.group(1)), int(match.group(2))))
    numbers = [n for n, _ in values]
    if numbers != list(range(1, ticks + 1)):
        fail("expected ticks numbered 1..%d, got %s; %s" %
             (ticks, numbers, boot.describe()))
    if boot.lines[-1] != "ticker done":
        fail("last line is %r, expected 'ticker done'" % boot.lines[-1])
    first = values[0][1]
    for n, value in values:
        error = value - first - (n - 1) * period
        if abs(error) > TICK_SLACK:
            fail("tick %d: cntvct %d is %d counter ticks after tick 1, "
                 "expected %d (+-%d)" % (n, value, value - first,
                                         (n - 1) * period, TICK_SLACK))
    latencies = sorted({value - (start + n * period) for n, value in values})
    if latencies[0] < 0 or latencies[-1] > TICK_LATENCY_MAX:
        fail("ticks came %s counter ticks after their deadlines, expected "
             "0 to %d" % (latencies, TICK_LATENCY_MAX))
    spacing = sorted({b[1] - a[1] for a, b in zip(values, values[1:])})
    return spacing, latencies


def ticker_note(spacing, latencies):
    return "spacing %s counter ticks, latency after deadline %s" % (
        "/".join(map(str, spacing)) or "-", "/".join(map(str, latencies)))


# ---------------------------------------------------------------- image

def test_image_headers(ctx):
    """Every demo starts with an arm64 Image header QEMU -kernel accepts:
    a branch, text_offset 0, flags 0xa, the magic, and an image_size that
    covers the file and the bss after it."""
    for name in DEMOS:
        data = demo_binary(ctx, name).read_bytes()
        if len(data) < 64:
            fail("%s.bin: %d bytes, shorter than the header" %
                 (name, len(data)))
        (code0, _, text_offset, image_size, flags, _, _, _, magic,
         _) = struct.unpack("<IIQQQQQQII", data[:64])
        if code0 >> 26 != 0b000101:
            fail("%s.bin: code0 0x%08x is not a branch" % (name, code0))
        if text_offset != 0 or flags != 0xa or magic != ARM64_MAGIC:
            fail("%s.bin: text_offset 0x%x flags 0x%x magic 0x%x, expected "
                 "0, 0xa, 0x%x" % (name, text_offset, flags, magic,
                                   ARM64_MAGIC))
        if image_size <= len(data) or image_size % 16:
            fail("%s.bin: image_size %d, expected a multiple of 16 beyond "
                 "the file's %d bytes (bss and stacks)" %
                 (name, image_size, len(data)))


# ---------------------------------------------------------------- bare

def test_bare_hello(ctx):
    boot = boot_bare(ctx, "hello")
    boot.expect_off()
    expected = [
        "hello from cellblock inmate",
        "hello: cpu 0 mpidr=0x80000000 entered at EL2, running at EL1",
        None,  # PSCI version: QEMU's
        "hello: no parameters",
        "hello: bare metal, no hypervisor",
        "hello: powering off",
    ]
    if len(boot.lines) != len(expected):
        fail("expected %d lines, got %d; %s" %
             (len(expected), len(boot.lines), boot.describe()))
    for want, line in zip(expected, boot.lines):
        if want is not None and line != want:
            fail("expected %r, got %r" % (want, line))
    boot.expect_line(r"hello: psci 1\.[0-9]+, counter 62500000 Hz")


def test_bare_ticker(ctx):
    first = boot_bare(ctx, "ticker")
    spacing, latencies = check_ticker(first, 1000, 10)
    second = boot_bare(ctx, "ticker")
    if second.output != first.output:
        diff = [(a, b) for a, b in zip(first.lines, second.lines) if a != b]
        fail("two runs printed different bytes; first difference: %r" %
             (diff[:1] or "(length)"))
    return ticker_note(spacing, latencies) + ", two runs identical"


def test_bare_crash(ctx):
    boot = boot_bare(ctx, "crash")
    boot.expect_off()
    boot.expect_line(r"crash: waiting 1000 us")
    waited = int(boot.expect_line(
        r"crash: waited (\d+) counter ticks").group(1))
    if not 62500 <= waited <= 62500 + TICK_LATENCY_MAX:
        fail("crash waited %d counter ticks for 1000 us, expected 62500 "
             "to %d" % (waited, 62500 + TICK_LATENCY_MAX))
    boot.expect_line(r"crash: writing 0xdeadbeef to 0x7ff00000, outside "
                     r"this cell's RAM")
    boot.expect_line(r"crash: write did not fault \(read back 0xdeadbeef\)")
    return "waited %d counter ticks" % waited


def test_bare_smp(ctx):
    boot = boot_bare(ctx, "smp")
    boot.expect_off()
    for cpu in (1, 2, 3):
        boot.expect_line(
            r"smp: cpu %d up: mpidr=0x8000000%d entered at EL2, running at "
            r"EL1, redistributor 0x%x" % (cpu, cpu, 0x080a0000 +
                                          cpu * 0x20000))
    for aff0 in range(4, 8):
        boot.expect_line(r"smp: mpidr 0x%d: not available \(AFFINITY_INFO: "
                         r"INVALID_PARAMETERS\)" % aff0)
    boot.expect_line(r"smp: 4 cpus up, 0 failed")


# ---------------------------------------------------------------- cell entry

def test_cell_entry_hello(ctx):
    boot = boot_cell_entry(ctx, "hello", "mode=demo  level=3")
    boot.expect_off()
    boot.expect_line(r"hello: cpu 0 mpidr=0x80000000 entered at EL1, "
                     r"running at EL1")
    boot.expect_line(r"hello: parameters 'mode=demo  level=3'")
    boot.expect_line(r"hello: hypervisor: not cellblock \(GET_INFO "
                     r"returned -1\)")


def test_cell_entry_hello_no_params(ctx):
    boot = boot_cell_entry(ctx, "hello", None)
    boot.expect_off()
    boot.expect_line(r"hello: cpu 0 mpidr=0x80000000 entered at EL1, "
                     r"running at EL1")
    boot.expect_line(r"hello: no parameters")


def test_cell_entry_params_at_el2(ctx):
    """A parameter string also works on an EL2 entry."""
    boot = boot_cell_entry(ctx, "hello", "x=1", el=2)
    boot.expect_off()
    boot.expect_line(r"hello: cpu 0 mpidr=0x80000000 entered at EL2, "
                     r"running at EL1")
    boot.expect_line(r"hello: parameters 'x=1'")


def test_cell_entry_ticker(ctx):
    first = boot_cell_entry(ctx, "ticker", "period_us=250 ticks=3")
    spacing, latencies = check_ticker(first, 250, 3)
    second = boot_cell_entry(ctx, "ticker", "period_us=250 ticks=3")
    if second.output != first.output:
        fail("two runs printed different bytes")
    return ticker_note(spacing, latencies)


def test_cell_entry_crash(ctx):
    boot = boot_cell_entry(ctx, "crash", "delay_us=2000")
    boot.expect_off()
    boot.expect_line(r"crash: waiting 2000 us")
    waited = int(boot.expect_line(
        r"crash: waited (\d+) counter ticks").group(1))
    if not 125000 <= waited <= 125000 + TICK_LATENCY_MAX:
        fail("crash waited %d counter ticks for 2000 us, expected 125000 "
             "to %d" % (waited, 125000 + TICK_LATENCY_MAX))
    boot.expect_line(r"crash: write did not fault \(read back 0xdeadbeef\)")
    return "waited %d counter ticks" % waited


def test_cell_entry_smp(ctx):
    boot = boot_cell_entry(ctx, "smp", "timeout_us=5000")
    boot.expect_off()
    for cpu in (1, 2, 3):
        # QEMU's PSCI starts CPUs at EL2 whatever EL asked.
        boot.expect_line(
            r"smp: cpu %d up: mpidr=0x8000000%d entered at EL[12], running "
            r"at EL1, redistributor 0x%x" % (cpu, cpu, 0x080a0000 +
                                             cpu * 0x20000))
    boot.expect_line(r"smp: 4 cpus up, 0 failed")


# ---------------------------------------------------------------- params

def test_params_invalid(ctx):
    """Bad values name key, value and expectation; defaults apply."""
    boot = boot_cell_entry(ctx, "ticker",
                           "ticks=abc period_us=0 colour=blue ticks=0x3x")
    boot.expect_line(r"params: unknown key 'colour' \(known: period_us "
                     r"ticks\)")
    boot.expect_line(r"params: period_us=0: expected 1 to 1000000000; "
                     r"using 1000")
    # The last ticks= wins, as on a kernel command line.
    boot.expect_line(r"params: ticks=0x3x: expected an unsigned number; "
                     r"using 10")
    check_ticker(boot, 1000, 10)


def test_params_hex_and_last_wins(ctx):
    boot = boot_cell_entry(ctx, "ticker",
                           "\tticks=7 period_us=0x1f4 ticks=0x2 ")
    if any(line.startswith("params:") for line in boot.lines):
        fail("unexpected complaint: %s" % boot.describe())
    check_ticker(boot, 500, 2)


def test_params_too_long(ctx):
    """A string past the buffer is cut with one message; what fits
    still counts, and the code after the binary is not overrun."""
    params = "ticks=2 pad=" + "x" * 600 + " ticks=5"
    boot = boot_cell_entry(ctx, "ticker", params)
    boot.expect_line(r"inmate: parameter string longer than %d characters, "
                     r"the rest is ignored" % (PARAMS_MAX - 1))
    boot.expect_line(r"params: unknown key 'pad' \(known: period_us "
                     r"ticks\)")
    check_ticker(boot, 1000, 2)


def collect(options):
    return [
        ("inmate/image/headers", test_image_headers),
        ("inmate/bare/hello", test_bare_hello),
        ("inmate/bare/ticker", test_bare_ticker),
        ("inmate/bare/crash", test_bare_crash),
        ("inmate/bare/smp", test_bare_smp),
        ("inmate/cell-entry/hello", test_cell_entry_hello),
        ("inmate/cell-entry/hello-no-params",
         test_cell_entry_hello_no_params),
        ("inmate/cell-entry/params-at-el2", test_cell_entry_params_at_el2),
        ("inmate/cell-entry/ticker", test_cell_entry_ticker),
        ("inmate/cell-entry/crash", test_cell_entry_crash),
        ("inmate/cell-entry/smp", test_cell_entry_smp),
        ("inmate/params/invalid", test_params_invalid),
        ("inmate/params/hex-and-last-wins", test_params_hex_and_last_wins),
        ("inmate/params/too-long", test_params_too_long),
    ]
