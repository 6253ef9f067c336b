# SPDX-License-Identifier: GPL-2.0-only
"""The frozen hypervisor variant against the full one, in QEMU virt.

build/hypervisor/hypervisor-frozen.{elf,bin} is the full hypervisor's
objects with hypervisor/core/mgmt*.c and hypervisor/arch/arm64/mgmt_*.c
replaced by
hypervisor/variant/frozen/mgmt.c (hypervisor/hypervisor.mk). Loaded by
tests/run.py; how the system tests boot and assert is told in
system_common.py.

- system/variant/no-mgmt-code: every symbol the management objects define
  (core/mgmt*.c, arch/arm64/mgmt_*.c), but the two of hv/mgmt.h, is in
  hypervisor.elf and in no way in
  hypervisor-frozen.elf, whose mgmt_call() is the two instructions that
  return CB_HC_EFROZEN (-6): management is refused by construction;
- system/variant/demo, system/variant/link: the demo image and the link
  demo's, packed with the same arguments as the top Makefile's (the test
  checks it packs build/images/demo.img and link.img byte for byte), boot
  the same on the frozen hypervisor: the console bytes are identical
  except for counter readings, which may move by at most one counter tick
  (the frozen .bss is smaller, so the boot's clearing loop ends a few
  instructions sooner; -icount counts instructions);
- system/variant/frozen-refuses: on the frozen hypervisor the manager
  demo, though its config permits it, gets EFROZEN for every management
  call and the freeze itself, read-only calls answer as in the full build,
  and nothing changes: app still crashes on time, rt ticks exactly;
- system/variant/freeze-after-boot: the system flag on the frozen
  hypervisor prints the same line as on the full one, and every call is
  refused the same way.
"""

import re
import sys
from pathlib import Path

# It compares the two variants itself.
VARIANTS = ("full",)

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import build_product, fail
from system_common import (Console, Paths, Ticks, boot, check_app_crash,
                           check_hello)

CROSS = "aarch64-linux-gnu-"
# What hv/mgmt.h declares: the only symbols both variants define.
MGMT_INTERFACE = {"mgmt_call", "mgmt_boot_done", "mgmt_frozen", "mgmt_create"}
# The frozen mgmt_call(): mov x0, #-6 (CB_HC_EFROZEN); ret.
FROZEN_MGMT_CALL = ["928000a0", "d65f03c0"]
# Console numbers that are readings of the counter: ticker's cntvct= (a
# time) and crash's wait (a span). A span may differ by COUNTER_SLACK
# between the variants. A time may move by one shift for the whole run,
# +- COUNTER_SLACK: the frozen image is smaller, so the boot's checksum
# of it ends sooner, by at most BOOT_TICKS_PER_KIB for each KiB less.
COUNTER_READING = re.compile(rb"(cntvct=|waited )(\d+)")
COUNTER_SLACK = 1
BOOT_TICKS_PER_KIB = 64
RT_PARAMS = "period_us=1000 ticks=20"
FROZEN_AT_BOOT = "[cellblock] management frozen (freeze-after-boot)"


# ---------------------------------------------------------------- helpers

def frozen_paths(ctx):
    """Paths whose hypervisor is the frozen variant."""
    paths = Paths(ctx)
    paths.hypervisor = build_product(ctx.build / "hypervisor" /
                                     "hypervisor-frozen.bin")
    return paths


def symbols(ctx, path):
    """{name: type letter} of the symbols @path defines, by nm."""
    args = [CROSS + "nm", "--defined-only", build_product(path)]
    result = ctx.run(args)
    if result.returncode != 0:
        fail("%s: %s" % (" ".join(map(str, args)), result.describe()))
    found = {}
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) == 3:
            found[fields[2]] = fields[1]
    return found


def function_words(ctx, elf, name):
    """The instruction words of function @name in @elf, as objdump prints
    them (8 hex digits each)."""
    result = ctx.run([CROSS + "objdump", "-d", elf])
    if result.returncode != 0:
        fail("objdump -d %s: %s" % (elf, result.describe()))
    words, inside = [], False
    for line in result.stdout.splitlines():
        if re.fullmatch(r"[0-9a-f]+ <%s>:" % re.escape(name), line):
            inside = True
        elif inside and re.fullmatch(r"[0-9a-f]+ <\S+>:", line):
            break
        elif inside:
            found = re.match(r"\s+[0-9a-f]+:\s+([0-9a-f]{8})\s+(\S+)", line)
            if found and found.group(2) != "nop":    # alignment padding
                words.append(found.group(1))
    if not words:
        fail("%s has no function %s" % (elf, name))
    return words


def size_difference(full, frozen):
    """Bytes the frozen image @frozen is smaller than @full."""
    return full.stat().st_size - frozen.stat().st_size


def packed_like(ctx, paths, name, cells, made, system=None):
    """The image of @cells packed in the test's tmp; fails unless it is
    @made (an image of `make all`) byte for byte, so that the arguments
    are the Makefile's."""
    image = paths.image(name, cells, system)
    if image.read_bytes() != build_product(made).read_bytes():
        fail("%s packed here differs from %s: the test's cells, payloads "
             "or parameters are not the top Makefile's" % (image, made))
    return image


def split_readings(output):
    """@output with every counter reading blanked, and the readings:
    (is a time, value) pairs."""
    readings = [(m.group(1) == b"cntvct=", int(m.group(2)))
                for m in COUNTER_READING.finditer(output)]
    return COUNTER_READING.sub(rb"\1N", output), readings


def expect_same_run(full, frozen, smaller_by):
    """The two runs' console bytes are the same but for counter readings:
    spans within COUNTER_SLACK, times shifted alike (within COUNTER_SLACK
    of each other) by no more than the boot of @smaller_by bytes
    less accounts for; returns a note."""
    if full.returncode != frozen.returncode:
        fail("QEMU exited with %d on the full hypervisor, %d on the frozen "
             "one" % (full.returncode, frozen.returncode))
    if full.output == frozen.output:
        return "%d console bytes identical" % len(full.output)
    text_full, read_full = split_readings(full.output)
    text_frozen, read_frozen = split_readings(frozen.output)
    if text_full != text_frozen:
        lines_full = text_full.decode("utf-8", "replace").splitlines()
        lines_frozen = text_frozen.decode("utf-8", "replace").splitlines()
        at = next((i for i, (a, b) in enumerate(zip(lines_full,
                                                    lines_frozen))
                   if a != b), min(len(lines_full), len(lines_frozen)))
        fail("console line %d is %r on the frozen hypervisor, %r on the "
             "full one (%d and %d lines; counter readings shown as N)" %
             (at + 1, lines_frozen[at] if at < len(lines_frozen) else None,
              lines_full[at] if at < len(lines_full) else None,
              len(lines_frozen), len(lines_full)))
    deltas = [b - a for (_, a), (_, b) in zip(read_full, read_frozen)]
    times = sorted(d for d, (is_time, _) in zip(deltas, read_full)
                   if is_time)
    shift = times[len(times) // 2] if times else 0
    most = BOOT_TICKS_PER_KIB * -(-abs(smaller_by) // 1024)
    if abs(shift) > most + COUNTER_SLACK:
        fail("counter times of the frozen run are %+d counter ticks from "
             "the full run's, more than the boot of its %d bytes less "
             "accounts for (%d)" % (shift, smaller_by, most))
    for at, (delta, (is_time, value)) in enumerate(zip(deltas, read_full)):
        expected = shift if is_time else 0
        if abs(delta - expected) > COUNTER_SLACK:
            fail("counter reading %d of the console is %d on the frozen "
                 "hypervisor, %d on the full one: %+d counter ticks, "
                 "expected %+d +- %d" % (at + 1, value + delta, value,
                                        delta, expected, COUNTER_SLACK))
    return ("%d console bytes identical but for %d of %d counter readings, "
            "%s counter ticks apart" %
            (len(full.output), sum(1 for d in deltas if d),
             len(deltas), "/".join("%+d" % d for d in sorted(set(deltas)))))


def symbol_value(ctx, elf, name):
    """The value nm gives symbol @name of @elf."""
    result = ctx.run([CROSS + "nm", build_product(elf)])
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    fail("%s has no symbol %s" % (elf, name))


def bss_note(ctx):
    """How much smaller the frozen .bss is, from the ELFs' symbols."""
    sizes = [symbol_value(ctx, elf, "__bss_end") -
             symbol_value(ctx, elf, "__bss_start")
             for elf in (ctx.build / "hypervisor" / "hypervisor.elf",
                         ctx.build / "hypervisor" / "hypervisor-frozen.elf")]
    return "frozen .bss %d bytes smaller" % (sizes[0] - sizes[1])


# ------------------------------------------------------------------ tests

def mgmt_objects(ctx):
    """The objects of the management sources (hypervisor/hypervisor.mk:
    core/mgmt*.c, arch/arm64/mgmt_*.c), which the frozen ELF leaves out."""
    objects = ctx.build / "hv" / "hypervisor"
    found = sorted(objects.glob("core/mgmt*.c.o")) + \
        sorted(objects.glob("arch/arm64/mgmt_*.c.o"))
    if not found:
        fail("no management objects in %s (make all)" % objects)
    return found


def test_no_mgmt_code(ctx):
    hv = ctx.build / "hypervisor"
    own = set()
    for mgmt_object in mgmt_objects(ctx):
        defined = set(symbols(ctx, mgmt_object)) - MGMT_INTERFACE
        if not defined:
            fail("%s defines nothing but %s: nothing to look for" %
                 (mgmt_object, sorted(MGMT_INTERFACE)))
        own |= defined
    full = symbols(ctx, hv / "hypervisor.elf")
    frozen = symbols(ctx, hv / "hypervisor-frozen.elf")
    missing = sorted(own - set(full))
    if missing:
        fail("hypervisor.elf lacks %s of the management code: is it "
             "linked?" % missing)
    linked = sorted(own & set(frozen))
    if linked:
        fail("hypervisor-frozen.elf has %s, defined by the management "
             "code: it is linked in" % linked)
    for name in sorted(MGMT_INTERFACE):
        if name not in frozen:
            fail("hypervisor-frozen.elf has no %s" % name)
    words = function_words(ctx, hv / "hypervisor-frozen.elf", "mgmt_call")
    if words != FROZEN_MGMT_CALL:
        fail("the frozen mgmt_call is %s, expected %s (mov x0, #-6; ret)" %
             (" ".join(words), " ".join(FROZEN_MGMT_CALL)))
    return "none of %s in the frozen ELF; its mgmt_call: mov x0, #-6; ret" \
        % ", ".join(sorted(own))


def test_demo(ctx):
    paths, frozen_hv = Paths(ctx), frozen_paths(ctx)
    cells = paths.demo_cells()
    full = packed_like(ctx, paths, "demo", cells,
                       ctx.build / "images" / "demo.img")
    frozen = frozen_hv.image("demo-frozen", cells)
    runs = [qemu.boot(ctx.tmp, kernel=image) for image in (full, frozen)]
    note = expect_same_run(*runs, size_difference(full, frozen))
    # What the demo shows holds on the frozen hypervisor on its own.
    console = Console(runs[1])
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app"])
    check_hello(console)
    check_app_crash(console, paths, 5000)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()
    return "%s; %s" % (note, bss_note(ctx))


def link_cells(paths):
    """The cells of the top Makefile's LINK_IMAGE."""
    pingpong = paths.demo("pingpong")
    return [(paths.config("hello"), paths.demo("hello"), None),
            (paths.config("rt"), paths.demo("ticker"), RT_PARAMS),
            (paths.config("ping"), pingpong, None),
            (paths.config("pong"), pingpong, None)]


def test_link(ctx):
    paths, frozen_hv = Paths(ctx), frozen_paths(ctx)
    system = paths.config("system-link")
    full = packed_like(ctx, paths, "link", link_cells(paths),
                       ctx.build / "images" / "link.img", system)
    frozen = frozen_hv.image("link-frozen", link_cells(paths), system)
    runs = [qemu.boot(ctx.tmp, kernel=image) for image in (full, frozen)]
    note = expect_same_run(*runs, size_difference(full, frozen))
    console = Console(runs[1])
    console.expect_sources(["hello", "rt", "ping", "pong"])
    for peer in ("ping", "pong"):
        done = [t for t in console.of(peer)
                if re.fullmatch(r"pingpong: \d+ messages each way, done", t)]
        if len(done) != 1:
            fail("[%s] has no line 'pingpong: N messages each way, done'; "
                 "%s" % (peer, console.describe()))
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()
    return note


# The manager's steps: each management call, one the config permits
# (app) and one it does not (rt), and the freeze; list=1 before and after.
MANAGER_STEPS = ("list=1 shutdown=app restart=app start=app shutdown=rt "
                 "freeze=1 list=1")
REFUSED = ["manager: shutdown app: EFROZEN", "manager: restart app: EFROZEN",
           "manager: start app: EFROZEN", "manager: shutdown rt: EFROZEN",
           "manager: freeze: EFROZEN"]


def list_lines(states):
    """The manager's lines of one list=1, @states the three cells'."""
    lines = ["manager: list: 3 cells, this is cell 0"]
    for number, (name, cpus, state) in enumerate(zip(
            ("manager", "rt", "app"), (0x1, 0x2, 0xc), states)):
        lines.append("manager: cell %d %s %s cpus 0x%x" % (number, name,
                                                           state, cpus))
        lines.append(re.compile(r"manager: cell %d stats: starts 1 "
                                r"failures 0 uptime \d+ hypercalls \d+ "
                                r"psci \d+ mmio \d+ sgis \d+ injected \d+ "
                                r"maintenance \d+" % number))
    return lines


def manager_run(ctx, name, system=None):
    """The frozen hypervisor with the manager (MANAGER_STEPS) on CPU 0,
    rt, and app crashing after 5 ms: the manager's lines as expected, and
    the other cells undisturbed. Returns the console."""
    paths = frozen_paths(ctx)
    cells = [(paths.test_config("mgmt_manager"), paths.demo("manager"),
              MANAGER_STEPS),
             (paths.config("rt"), paths.demo("ticker"), RT_PARAMS),
             (paths.config("app"), paths.demo("crash"), "delay_us=5000")]
    console = boot(ctx, paths.image(name, cells, system))
    console.expect_sources(["manager", "rt", "app"])
    running = ("running", "running", "running")
    want = list_lines(running) + REFUSED + list_lines(running) + \
        ["manager: done"]
    got = console.of("manager")
    for number, (line, wanted) in enumerate(zip(got, want), 1):
        if not (wanted.fullmatch(line) if hasattr(wanted, "fullmatch")
                else line == wanted):
            fail("[manager] line %d %r, expected %r; %s" %
                 (number, line, getattr(wanted, "pattern", wanted),
                  console.describe()))
    if len(got) != len(want):
        fail("[manager] printed %d lines, expected %d; %s" %
             (len(got), len(want), console.describe()))
    # Nothing changed: app crashes on its own time, rt ticks exactly.
    check_app_crash(console, paths, 5000)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    if "[cellblock] cell manager stopped (PSCI SYSTEM_OFF on CPU 0)" not in \
            console.lines:
        fail("the manager did not stop by itself; %s" % console.describe())
    console.expect_off()
    return console


def test_frozen_refuses(ctx):
    console = manager_run(ctx, "frozen-refuses")
    if FROZEN_AT_BOOT in console.lines:
        fail("%r printed without freeze-after-boot" % FROZEN_AT_BOOT)
    return "%d management calls EFROZEN, 2 lists answered" % len(REFUSED)


def test_freeze_after_boot(ctx):
    paths = frozen_paths(ctx)
    system = paths.system_variant("system_frozen", [
        ('\tmodel = "qemu-virt";\n',
         '\tmodel = "qemu-virt";\n\tfreeze-after-boot;\n')])
    console = manager_run(ctx, "freeze-after-boot", system)
    if console.find_all(FROZEN_AT_BOOT) != [2]:
        fail("%r at console lines %s, expected once, after the cells-ready "
             "line (index 2); %s" % (FROZEN_AT_BOOT,
                                     console.find_all(FROZEN_AT_BOOT),
                                     console.describe()))
    return "frozen at boot, then %d calls EFROZEN" % len(REFUSED)


def collect(options):
    return [
        ("system/variant/no-mgmt-code", test_no_mgmt_code),
        ("system/variant/demo", test_demo),
        ("system/variant/link", test_link),
        ("system/variant/frozen-refuses", test_frozen_refuses),
        ("system/variant/freeze-after-boot", test_freeze_after_boot),
    ]
