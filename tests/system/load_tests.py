# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of loading and destroying cells in QEMU virt
(CB_HC_CELL_SET_LOADABLE, CB_HC_CELL_LOAD, CB_HC_CELL_DESTROY).

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Every boot has three cells, as in mgmt_tests.py: a managing cell on CPU 0
(the manager demo, inmates/demos/manager.c, or the bad-argument inmate
inmates/systest/load_args.c, with tests/system/configs/load_manager.dts),
whose RAM holds the program it loads as a second payload at 0x40300000;
the rt ticker on CPU 1 (20 ticks, 1 ms apart: its spacing must stay exact
throughout); and app on CPUs 2-3 (tests/system/configs/load_app.dts)
running inmates/systest/mgmt_target.c (whose run counter lives in a kept
region) or the ticker. Cell IDs: manager 0, rt 1, app 2.

- system/load/load-start: app stops; the manager makes it loadable, loads
  the hello demo and starts it: app prints hello's lines, which its image
  payload never does; a start after that runs the image's payloads again
  (the kept run counter shows the second run). The emulated console
  accesses hello made are counted exactly in app's stats, and no other
  device's;
- system/load/bytes-exact: a file of 1 MiB - 1 bytes at an odd address of
  the manager loaded to an odd address of app, in one call, and a checker
  program that hashes the region: the hash is the file's (after one
  cleared byte);
- system/load/system-reset-stops: a loaded program that resets itself
  with PSCI SYSTEM_RESET stops instead, with its line; started again, app
  runs its image's payloads;
- system/load/args-granted, args-plain, args-frozen: every bad argument
  and every wrong state, refused with its code; the refused loads wrote
  nothing (the program loaded after them runs); after a destroy, every
  call on the cell is EBUSY;
- system/load/destroy-running: a running ticker destroyed: its ticks end,
  its state is destroyed and every call on it EBUSY, the machine powers
  off when the others end;
- system/load/destroy-clears-ram, system/load/shutdown-keeps-ram: app's
  RAM read through QEMU's monitor after a destroy (every word zero, the
  kept region's too) and, to show the test can fail, after a shutdown
  (what the target wrote is still there);
- system/load/doc-lines: docs/hypervisor.md gives each console line of
  these calls as the hypervisor prints it.
"""

import re
import socket
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from mgmt_tests import (RT_PARAMS, expect_about, expect_lines, expect_stats,
                        list_block, parse_lists, target_run)
from system_common import (BUSY_NEIGHBOUR_SLACK, LOAD, Console, Paths,
                           Ticks, expect_pass)

# Management itself: the frozen variant refuses all of it
# (variant_tests.py tests that).
VARIANTS = ("full",)

SOURCE = 0x40300000         # the manager's second payload: what it loads
DATA_SOURCE = 0x40240003    # bytes-exact: the file, at an odd address
DATA_DEST = 0x40400001      # ... loaded to an odd address of app's "high"
DATA_SIZE = 0xfffff
HIGH_SIZE = 0x100000        # app's "high" region, which load_check hashes
CHECK_SOURCE = 0x40380000   # bytes-exact: load_check, past the file
# app's RAM (load_app.dts): ram, phys 0x52000000, its image at 0x40200000;
# the target's scratch word at guest 0x40300000; the kept region.
APP_CODE = 0x52200000
APP_SCRATCH = 0x52300000
APP_KEPT = 0x52f00000
SCRATCH_MARK = 0x5c4a7c11
TARGET_MAGIC = 0x4d475431
HELLO = [
    "hello from cellblock inmate",
    "hello: cpu 0 mpidr=0x80000002 entered at EL1, running at EL1",
    "hello: psci 1.1, counter 62500000 Hz",
    "hello: no parameters",
    "hello: hypervisor: cellblock (GET_INFO 0x43424c4b)",
    "hello: powering off",
]
MMIO = re.compile(r"manager: cell app mmio (\d+): console (\d+) gicd (\d+) "
                  r"gicr (\d+) pci (\d+) ivshmem (\d+) subpage (\d+)")
MMIO_FIELDS = ("console", "gicd", "gicr", "pci", "ivshmem", "subpage")
STOPPED = "[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)"
LOADABLE = "[cellblock] cell app loadable (set by cell manager)"
STARTING = "[cellblock] cell app starting (started by cell manager)"
DESTROYED = "[cellblock] cell app destroyed (by cell manager)"
RESET_STOPPED = ("[cellblock] cell app stopped (PSCI SYSTEM_RESET on CPU 2: "
                 "its payloads were loaded by a manager; load and start it "
                 "again)")


# ---------------------------------------------------------------- helpers

def image_args(paths, name, manager, extra, app, system=None):
    """`cellblock image` for the three cells: @manager (config name,
    payload, params) with @extra ((file, address) pairs) as more payloads
    of it, rt, and @app (payload, params or None) in load_app.dts."""
    config, payload, params = manager
    output = paths.ctx.tmp / (name + ".img")
    args = [paths.tool, "image", "-o", output, paths.hypervisor,
            system or paths.config("system"),
            "--cell", paths.test_config(config),
            "--payload", "%s@0x%x" % (payload, LOAD), "--params", params]
    for file, address in extra:
        args += ["--payload", "%s@0x%x" % (file, address)]
    args += ["--cell", paths.config("rt"),
             "--payload", "%s@0x%x" % (paths.demo("ticker"), LOAD),
             "--params", RT_PARAMS,
             "--cell", paths.test_config("load_app"),
             "--payload", "%s@0x%x" % (app[0], LOAD)]
    if app[1] is not None:
        args += ["--params", app[1]]
    result = paths.ctx.run(args)
    if result.returncode != 0:
        fail("cellblock image %s: %s" % (name, result.describe()))
    return output


def run(ctx, name, manager, extra, app, system=None, typed=None,
        extra_args=()):
    """Boots the image; checks rt's ticks (1 ms apart, 20 of them, then
    its own SYSTEM_OFF) and, unless @typed ends the run from outside (QEMU
    arguments @extra_args), that the machine powered off by itself."""
    paths = Paths(ctx)
    image = image_args(paths, name, manager, extra, app, system)
    console = Console(qemu.boot(ctx.tmp, kernel=image, typed=typed,
                                extra=extra_args))
    console.expect_sources(["manager", "rt", "app"])
    if typed is None:
        console.expect_off()
    ticks = Ticks(console, "rt", 1000, 20)
    # The manager clears and copies RAM while rt ticks: a tick can come a
    # counter tick late (BUSY_NEIGHBOUR_SLACK, an emulation effect).
    ticks.expect_exact_spacing(BUSY_NEIGHBOUR_SLACK)
    if "[cellblock] cell rt stopped (PSCI SYSTEM_OFF on CPU 1)" not in \
            console.lines:
        fail("rt did not end by itself; %s" % console.describe())
    return paths, console, ticks


def manager_run(ctx, name, steps, extra, app, **options):
    paths = Paths(ctx)
    return run(ctx, name, ("load_manager", paths.demo("manager"), steps),
               extra, app, **options)


def parse_mmio(console):
    """Each mmio=app of the manager: {total, console, gicd, ...}."""
    found = []
    for text in console.of("manager"):
        match = MMIO.fullmatch(text)
        if match:
            values = [int(v) for v in match.groups()]
            found.append(dict(zip(("total",) + MMIO_FIELDS, values)))
    return found


def console_accesses(lines):
    """The emulated UART accesses of printing @lines: per character one
    read of UARTFR (never full) and one write of UARTDR, and "\\n" goes
    out as "\\r\\n"."""
    return sum(2 * (len(line) + 2) for line in lines)


def fnv1a(data):
    value = 0x811c9dc5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xffffffff
    return value


def pattern_bytes(size):
    """@size bytes of a fixed pseudo-random sequence: a copy that moved,
    dropped or repeated any piece hashes differently."""
    out = bytearray(size)
    state = 0x2545f491
    for i in range(size):
        state = (state * 1103515245 + 12345) & 0xffffffff
        out[i] = state >> 24
    return bytes(out)


def before(console, first, second):
    if not console.find(first) < console.find(second):
        fail("%r is not before %r; %s" % (first, second,
                                          console.describe()))


def during_ticks(console, ticks, line):
    """Console line @line (exact; the first such) lies between rt's first
    and last tick: else the spacing check would show nothing about it."""
    index = console.find(line)
    if not ticks.indexes[0] < index < ticks.indexes[-1]:
        fail("%r is not between rt's first and last tick: the test would "
             "show nothing; %s" % (line, console.describe()))


# ------------------------------------------------------------------ tests

def test_load_start(ctx):
    """loadable, load hello, start: app runs hello; start again: its
    payloads; the console accesses counted exactly."""
    paths = Paths(ctx)
    hello = paths.demo("hello")
    size = hello.stat().st_size
    steps = ("delay_us=3000 mmio=app loadable=app list=1 "
             "load=app,0x%x,%d,0x%x start=app delay_us=8400 mmio=app "
             "list=1 start=app delay_us=3000 list=1" % (SOURCE, size, LOAD))
    _, console, ticks = manager_run(ctx, "load", steps,
                                    [(hello, SOURCE)],
                                    (paths.systest("mgmt_target"), None))
    mmio = re.compile(MMIO.pattern.replace("(\\d+)", "\\d+"))
    expect_lines(console, "manager",
                 [mmio, "manager: loadable app: OK"] +
                 list_block(["running", "running", "loadable"]) +
                 ["manager: load app 0x%x+%d to 0x%x: OK" % (SOURCE, size,
                                                             LOAD),
                  "manager: start app: OK", mmio] +
                 list_block(["running", "running", "stopped"]) +
                 ["manager: start app: OK"] +
                 list_block(["running", "running", "stopped"]) +
                 ["manager: done"])
    expect_lines(console, "app", target_run(1, "off") + HELLO +
                 target_run(2, "off"))
    expect_about(console, "app", [re.escape(line) for line in (
        STOPPED, LOADABLE, STARTING, STOPPED, STARTING, STOPPED)])
    before(console, LOADABLE, "[manager] manager: loadable app: OK")
    before(console, STARTING, "[app] " + HELLO[0])
    for line in (LOADABLE, STARTING, "[app] " + HELLO[-1]):
        during_ticks(console, ticks, line)
    lists, _ = parse_lists(console)
    expect_stats(lists[0][2], 2, starts=1, failures=0, uptime=0)
    expect_stats(lists[1][2], 2, starts=2, failures=0, uptime=0)
    expect_stats(lists[2][2], 2, starts=3, failures=0, uptime=0)
    # What hello did between the two mmio=app: its console lines, and
    # no other device (it sets up no interrupt controller).
    first, second = parse_mmio(console)
    for counts in (first, second):
        if counts["total"] != sum(counts[f] for f in MMIO_FIELDS):
            fail("app's mmio %d is not the sum of its devices' %s" %
                 (counts["total"], counts))
    delta = {f: second[f] - first[f] for f in ("total",) + MMIO_FIELDS}
    want = console_accesses(HELLO)
    if delta != dict(total=want, console=want, gicd=0, gicr=0, pci=0,
                     ivshmem=0, subpage=0):
        fail("hello's accesses %s, expected %d console accesses and no "
             "other" % (delta, want))
    # The target itself set up its interrupt controller.
    if not first["gicd"] > 0 < first["gicr"]:
        fail("mgmt_target's run counted no GIC access: %s" % first)
    return "hello: %d console accesses; rt: %s" % (want,
                                                   ticks.latency_note())


def test_bytes_exact(ctx):
    """1 MiB - 1 bytes from an odd address to an odd address, one call."""
    paths = Paths(ctx)
    data = pattern_bytes(DATA_SIZE)
    blob = ctx.tmp / "data.bin"
    blob.write_bytes(data)
    checker = paths.systest("load_check")
    steps = ("delay_us=3000 loadable=app load=app,0x%x,%d,0x%x "
             "load=app,0x%x,%d,0x%x start=app delay_us=11500 list=1" %
             (CHECK_SOURCE, checker.stat().st_size, LOAD, DATA_SOURCE,
              DATA_SIZE, DATA_DEST))
    _, console, ticks = manager_run(
        ctx, "bytes", steps, [(blob, DATA_SOURCE), (checker, CHECK_SOURCE)],
        (paths.systest("mgmt_target"), None))
    # The region's first byte was cleared when app became loadable; the
    # file follows it and fills the region to its end.
    want = fnv1a(b"\0" + data)
    expect_lines(console, "app", target_run(1, "off") + [
        "load_check: running from loaded bytes",
        "load_check: %d bytes at 0x40400000: fnv1a 0x%08x" % (HIGH_SIZE,
                                                              want)])
    expect_about(console, "app", [re.escape(line) for line in (
        STOPPED, LOADABLE, STARTING, STOPPED)])
    for line in (LOADABLE, STARTING):
        during_ticks(console, ticks, line)
    return "fnv1a 0x%08x; rt: %s" % (want, ticks.latency_note())


def test_system_reset_stops(ctx):
    """A loaded program's SYSTEM_RESET stops the cell, with its line."""
    paths = Paths(ctx)
    program = paths.systest("reset")
    steps = ("delay_us=3000 loadable=app load=app,0x%x,%d,0x%x start=app "
             "delay_us=3800 list=1 start=app delay_us=3000 list=1" %
             (SOURCE, program.stat().st_size, LOAD))
    _, console, ticks = manager_run(ctx, "reset", steps,
                                    [(program, SOURCE)],
                                    (paths.systest("mgmt_target"), None))
    expect_about(console, "app", [re.escape(line) for line in (
        STOPPED, LOADABLE, STARTING, RESET_STOPPED, STARTING, STOPPED)])
    # The reset program keeps its boot counter where the target keeps its
    # run counter (0x40f00000, the kept region): the target, started
    # again, finds no counter of its own and counts from 1 again.
    lines = console.of("app")
    resets = [line for line in lines if line.startswith("reset: boot ")]
    if len(resets) != 1 or not resets[0].startswith("reset: boot 1 of ") \
            or lines[:2] != target_run(1, "off") or \
            lines[-2:] != target_run(1, "off") or \
            lines[-3] != "reset: SYSTEM_RESET via smc":
        fail("[app] %s: expected the target's run, one boot of the loaded "
             "reset program up to its SYSTEM_RESET, then the target's run "
             "again" % lines)
    lists, _ = parse_lists(console)
    expect_stats(lists[0][2], 2, starts=2, failures=0, uptime=0)
    expect_stats(lists[1][2], 2, starts=3, failures=0, uptime=0)
    for line in (LOADABLE, RESET_STOPPED):
        during_ticks(console, ticks, line)
    return "rt: %s" % ticks.latency_note()


# The bad-argument inmate's lines (inmates/systest/load_args.c), in order.
def args_ids(unknown, own, rt, app):
    lines = ["loadable(3): " + unknown, "load(3): " + unknown,
             "destroy(3): " + unknown, "destroy(~0): " + unknown,
             "load(2^32 + app): " + unknown, "loadable(self): " + own,
             "load(self): " + own, "destroy(self): " + own,
             "loadable(rt): " + rt, "load(rt): " + rt, "destroy(rt): " + rt]
    if app:
        lines += ["loadable(app): " + app, "load(app): " + app,
                  "destroy(app): " + app]
    return lines


def app_state(state):
    return ["info(app): OK", "app is " + state]


BAD_LOADS = [
    "load size 0",
    "load source outside the caller's RAM",
    "load source at 0",
    "load source in the io region",
    "load source in the comm region",
    "load source in the write-only region",
    "load source straddling the RAM's end",
    "load source wrapping past 2^64",
    "load size 2^64 - 1",
    "load destination outside the cell",
    "load destination in RAM not loadable",
    "load destination in the kept region",
    "load destination straddling two loadable regions",
    "load destination past the region's end",
    "load destination wrapping past 2^64",
]

ARGS_GRANTED = (
    args_ids("ENOENT", "EINVAL", "EPERM", None) + app_state("running") +
    ["loadable(app), running: EBUSY", "load(app), running: EBUSY",
     "shutdown(app): OK", "load(app), stopped: EBUSY", "loadable(app): OK",
     "loadable(app), loadable: EBUSY"] + app_state("loadable") +
    [line + ": EINVAL" for line in BAD_LOADS] + app_state("loadable") +
    ["load the program's first half: OK",
     "load the program's second half: OK",
     "load the caller's last RAM byte to app's last loadable byte: OK",
     "load 1 MiB, all of app's high region: OK",
     "start(app): OK"] + app_state("stopped") +
    ["destroy(app): OK"] +
    [call + "(app), destroyed: EBUSY" for call in (
        "start", "restart", "shutdown", "loadable", "load", "destroy")] +
    app_state("destroyed"))


def args_test(mode, config, lines, app_lines, about, system=None):
    def test(ctx):
        paths = Paths(ctx)
        hello = paths.demo("hello")
        params = "mode=%d size=%d" % (mode, hello.stat().st_size)
        _, console, ticks = run(
            ctx, "args", (config, paths.systest("load_args"), params),
            [(hello, SOURCE)], (paths.systest("mgmt_target"), None),
            system(paths) if system else None)
        checks, _ = expect_pass(console, "manager", "load-args",
                                run_first=True)
        expect_lines(console, "manager",
                     ["RUN load-args"] + ["load_args: " + line
                                          for line in lines] +
                     [re.compile(r"PASS load-args checks=\d+")])
        expect_lines(console, "app", app_lines)
        expect_about(console, "app", [re.escape(line) for line in about])
        return "%d checks; rt: %s" % (checks, ticks.latency_note())
    return test


def system_frozen(paths):
    return paths.system_variant("system_frozen", [
        ('\tmodel = "qemu-virt";\n',
         '\tmodel = "qemu-virt";\n\tfreeze-after-boot;\n')])


def test_destroy_running(ctx):
    """A running ticker destroyed: its lines end; every call EBUSY."""
    paths = Paths(ctx)
    steps = ("delay_us=4600 destroy=app list=1 start=app restart=app "
             "shutdown=app loadable=app load=app,0x%x,16,0x%x destroy=app "
             "list=1" % (SOURCE, LOAD))
    _, console, ticks = manager_run(ctx, "destroy", steps,
                                    [(paths.demo("hello"), SOURCE)],
                                    (paths.demo("ticker"),
                                     "period_us=700 ticks=50"))
    busy = ["manager: %s app: EBUSY" % call for call in (
        "start", "restart", "shutdown", "loadable")]
    expect_lines(console, "manager",
                 ["manager: destroy app: OK"] +
                 list_block(["running", "running", "destroyed"]) + busy +
                 ["manager: load app 0x%x+16 to 0x%x: EBUSY" % (SOURCE,
                                                                LOAD),
                  "manager: destroy app: EBUSY"] +
                 list_block(["running", "running", "destroyed"]) +
                 ["manager: done"])
    expect_about(console, "app", [re.escape(DESTROYED)])
    destroyed = console.find(DESTROYED)
    app = [i for i, source, _ in console.entries if source == "app"]
    if not app or app[-1] > destroyed:
        fail("app printed after it was destroyed; %s" % console.describe())
    numbers = [int(m.group(1)) for m in (
        re.fullmatch(r"tick (\d+) cntvct=\d+", text)
        for text in console.of("app")) if m]
    if not numbers or numbers != list(range(1, len(numbers) + 1)) or \
            len(numbers) >= 50:
        fail("app's ticks %s: expected 1 to some number below 50, then "
             "none" % numbers)
    lists, _ = parse_lists(console)
    for listed in lists:
        expect_stats(listed[2], 2, starts=1, failures=0, uptime=0)
    during_ticks(console, ticks, DESTROYED)
    return "app ticked %d times; rt: %s" % (len(numbers),
                                            ticks.latency_note())


class Monitor:
    """QEMU's human monitor on a Unix socket (-monitor unix:...)."""

    def __init__(self, path):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.socket.connect(str(path))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.socket.settimeout(10)
        self.buffer = b""
        self.prompt()

    def prompt(self):
        """What QEMU printed up to its next "(qemu) " prompt."""
        while b"(qemu) " not in self.buffer:
            chunk = self.socket.recv(4096)
            if not chunk:
                fail("QEMU's monitor closed; got %r" % self.buffer)
            self.buffer += chunk
        text, self.buffer = self.buffer.split(b"(qemu) ", 1)
        return text.decode("utf-8", "replace")

    def words(self, phys, count):
        """@count 32-bit words of physical memory at @phys."""
        self.socket.sendall(b"xp /%dwx 0x%x\n" % (count, phys))
        text = self.prompt()
        values = []
        for line in text.splitlines():
            found = re.search(r"([0-9a-f]{16}): ((?:0x[0-9a-f]{8}\s*)+)$",
                              line.strip())
            if found:
                values += [int(v, 16) for v in found.group(2).split()]
        if len(values) != count:
            fail("monitor: xp at 0x%x gave %r" % (phys, text))
        return values

    def quit(self):
        """QEMU exits (status 0); it closes the socket once it has read
        the command, not before."""
        self.socket.sendall(b"quit\n")
        while self.socket.recv(4096):
            pass
        self.socket.close()


def ram_test(step, expected):
    """mgmt_target (staying) is stopped by @step (destroy or shutdown);
    then QEMU's monitor reads app's RAM: @expected(paths) -> {phys:
    words} must match."""
    def test(ctx):
        paths = Paths(ctx)
        socket_path = ctx.tmp / "monitor.sock"
        read = {}
        markers = [b"[manager] manager: idle",
                   b"[cellblock] cell rt stopped (PSCI SYSTEM_OFF on CPU 1)"]

        def read_ram(output, start):
            """the manager's idle line and rt's end, then app's RAM"""
            ends = [output.find(m, start) for m in markers]
            if min(ends) < 0:
                return None
            monitor = Monitor(socket_path)
            for phys, words in expected(paths).items():
                read[phys] = monitor.words(phys, len(words))
            monitor.quit()
            return max(e + len(m) for e, m in zip(ends, markers))

        steps = "delay_us=3000 %s=app list=1 idle=1" % step
        _, console, ticks = manager_run(
            ctx, "ram", steps, [(paths.demo("hello"), SOURCE)],
            (paths.systest("mgmt_target"), "stay=1"),
            typed=[(read_ram, b"")],
            extra_args=["-monitor", "unix:%s,server=on,wait=off" %
                        socket_path])
        if console.result.returncode != 0:
            fail("QEMU exited with %d after the monitor's quit; %s" %
                 (console.result.returncode, console.describe()))
        state = "destroyed" if step == "destroy" else "stopped"
        expect_lines(console, "manager",
                     ["manager: %s app: OK" % step] +
                     list_block(["running", "running", state]) +
                     ["manager: idle"])
        expect_lines(console, "app", target_run(1, "stay"))
        want = expected(paths)
        if read != want:
            fail("app's RAM after the %s: %s, expected %s" % (
                step, {hex(k): [hex(w) for w in v] for k, v in
                       read.items()},
                {hex(k): [hex(w) for w in v] for k, v in want.items()}))
        return "read %d words; rt: %s" % (sum(len(w) for w in want.values()),
                                          ticks.latency_note())
    return test


def destroyed_ram(paths):
    return {APP_CODE: [0] * 4, APP_SCRATCH: [0], APP_KEPT: [0, 0]}


def stopped_ram(paths):
    code = paths.systest("mgmt_target").read_bytes()[:16]
    return {APP_CODE: [int.from_bytes(code[i:i + 4], "little")
                       for i in range(0, 16, 4)],
            APP_SCRATCH: [SCRATCH_MARK], APP_KEPT: [TARGET_MAGIC, 1]}


def test_doc_lines(ctx):
    """docs/hypervisor.md shows each line of these calls as printed."""
    doc = (ctx.source / "docs" / "hypervisor.md").read_text()
    lines = [line.replace("app", "NAME").replace("cell manager",
                                                 "cell MANAGER")
             for line in (LOADABLE, DESTROYED)]
    lines.append(RESET_STOPPED.replace("app", "NAME").replace(
        "CPU 2", "CPU N"))
    missing = [line for line in lines if line not in doc]
    if missing:
        fail("docs/hypervisor.md lacks %s" % missing)


def collect(options):
    hello_after = target_run(1, "off")[:1] + HELLO
    about_granted = ["[cellblock] cell app stopped (shutdown by cell "
                     "manager)", LOADABLE, STARTING, STOPPED, DESTROYED]
    return [
        ("system/load/load-start", test_load_start),
        ("system/load/bytes-exact", test_bytes_exact),
        ("system/load/system-reset-stops", test_system_reset_stops),
        ("system/load/args-granted", args_test(
            0, "load_manager", ARGS_GRANTED, hello_after, about_granted)),
        ("system/load/args-plain", args_test(
            1, "mgmt_plain", args_ids("ENOENT", "EINVAL", "EPERM",
                                      "EPERM"),
            target_run(1, "off"), [STOPPED])),
        ("system/load/args-frozen", args_test(
            2, "load_manager", args_ids(*["EFROZEN"] * 4),
            target_run(1, "off"), [STOPPED], system_frozen)),
        ("system/load/destroy-running", test_destroy_running),
        ("system/load/destroy-clears-ram", ram_test("destroy",
                                                    destroyed_ram)),
        ("system/load/shutdown-keeps-ram", ram_test("shutdown",
                                                    stopped_ram)),
        ("system/load/doc-lines", test_doc_lines),
    ]
