# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of cells' watchdogs and failure policies in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol), on both
hypervisor variants: recovery is not management, so the frozen build
(frozen/system/watchdog/...) must behave the same; how the system tests
boot and what they assert on is told in system_common.py. Every boot has
three cells: on CPU 0 a reader with read-cells (inmates/systest/
wd_reader.c, tests/system/configs/wd_reader.dts; the manager demo in
start-resets-limit), the rt ticker on CPU 1 (20 ticks, 1 ms apart), and
app on CPUs 2-3, the watched cell (inmates/systest/wd_target.c, with
tests/system/configs/wd_app.dts or a variant of its text: a 2 ms
watchdog, on-failure "restart", restart-limit 3). Each run of app prints
its own statistics, and what it found in a RAM word and a .data word that
every run overwrites: cleared RAM and fresh payloads show as 0x0 and the
image's marker.

- system/watchdog/hang-restart: app pets twice, then hangs in a tight loop
  with every exception masked; each time it is restarted within two
  watchdog periods of its last pet (counter readings: more than one
  period, at most two), 3 times, then parked (restart limit 3 reached);
  each run finds its RAM cleared and sees the counts so far; the reader
  reads app's final statistics; rt's ticks stay 1 ms apart;
- system/watchdog/hang-isolation: the same with both of app's CPUs
  running and a hang that yields (under -icount a CPU that spins without
  yielding delays the other CPUs' interrupts: an emulation effect): rt's
  output is byte-identical to a run in which app does not fail;
- system/watchdog/crash-restart: app writes outside its RAM in each run:
  exactly 3 `restarting (restart k of 3)` lines, then `parked (restart
  limit 3 reached)`; every run's and the reader's reason is the failure
  line's; rt byte-identical to the run without failures;
- system/watchdog/pet-in-time: app pets 30 times, 1.9 ms apart, against
  its 2 ms period: never expired, its statistics say so;
- system/watchdog/park: on-failure "park": one expiry, parked, no restart;
- system/watchdog/no-watchdog: a cell without a watchdog that pets gets
  CB_HC_EINVAL (so does the reader, every boot); its restart policy still
  applies to a refused trap;
- system/watchdog/start-resets-limit: a management start begins the
  restart count anew (restart-limit 1: two failures, parked; started by
  the manager, it is restarted once more); on the frozen variant the
  start is refused and the cell stays parked;
- system/watchdog/freeze-after-boot: with management frozen at boot the
  policy restarts and parks as before;
- system/watchdog/loaded-stops (full variant only: loading is
  management): a cell running bytes a manager loaded fails with policy
  "restart": it has no payloads to restart from, so it stops, with its
  line, and counts the failure;
- system/watchdog/real-time: the hang detected without -icount (a 200 ms
  watchdog): the lines and counts, and that no restart comes before one
  period after the last pet;
- system/watchdog/doc-lines: docs/hypervisor.md's "Watchdog and failure
  policy" shows each line as the hypervisor prints it.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from system_common import (BUSY_NEIGHBOUR_SLACK, COUNTER_HZ, LOAD, Console,
                           Paths, Ticks, boot, expect_equal_lines)

RT_PARAMS = "period_us=1000 ticks=20"
PERIOD_US = 2000
PERIOD = PERIOD_US * COUNTER_HZ // 1000000
# After rt's last tick (21 ms) and app's last failure.
READER_PARAMS = "delay_us=25000"
EXPIRED = "watchdog expired (period %d us)"
CRASH_REASON = (r"data access outside the cell \(EC 0x24, ESR 0x[0-9a-f]{8}, "
                r"PC 0x[0-9a-f]+, FAR 0x7ff00000\)")
LOADED_STOPPED = ("stopped (its payloads were loaded by a manager; load and "
                  "start it again)")
FAILED = re.compile(r"\[cellblock\] cell app failed on CPU ([23]): (.*); "
                    r"(parked|restarting \(restart (\d+) of (\d+)\)|"
                    r"parked \(restart limit (\d+) reached\)|" +
                    re.escape(LOADED_STOPPED) + ")")
START = re.compile(r"wd_target: run (\d+) cntvct=(\d+): RAM word (0x[0-9a-f]+)"
                   r", data marker (0x[0-9a-f]+)")
COUNTS = re.compile(r"wd_target: run (\d+): failures (\d+), watchdog expiries "
                    r"(\d+), policy restarts (\d+), last failure (\d)")
HANG = re.compile(r"wd_target: run (\d+): pet OK, hanging from cntvct=(\d+)")
DATA_MARKER = "0x600d1dea"
LOADED_SOURCE = 0x40300000  # in load_manager.dts's RAM: what it loads
FROZEN_AT_BOOT = "[cellblock] management frozen (freeze-after-boot)"
KIND_NONE, KIND_TRAP, KIND_WATCHDOG = 0, 1, 2


# ---------------------------------------------------------------- helpers

def app_config(paths, name, replacements=()):
    """tests/system/configs/wd_app.dts with each (old, new) of
    @replacements made (each must occur), compiled as NAME.cell."""
    text = (paths.ctx.source / "tests" / "system" / "configs" /
            "wd_app.dts").read_text()
    for old, new in replacements:
        if old not in text:
            fail("wd_app.dts has no %r to replace" % old)
        text = text.replace(old, new)
    source = paths.ctx.tmp / (name + ".dts")
    source.write_text(text)
    return paths.compile(source, name)


PARK = [('\ton-failure = "restart";\n\trestart-limit = <3>;\n', "")]
NO_WATCHDOG = [("\twatchdog-period-us = <2000>;\n", "")]


def limit(count):
    return [("restart-limit = <3>;", "restart-limit = <%d>;" % count)]


def run(ctx, name, params, config=None, first=None, system=None,
        icount=True):
    """Boots @first (cell name, config, payload, params; default the
    reader) on CPU 0, rt, and app with wd_target's @params and @config
    (default wd_app.dts); @system: a system config other than QEMU
    virt's."""
    paths = Paths(ctx)
    first = first or ("reader", paths.test_config("wd_reader"),
                      paths.systest("wd_reader"), READER_PARAMS)
    cells = [first[1:],
             (paths.config("rt"), paths.demo("ticker"), RT_PARAMS),
             (config or paths.test_config("wd_app"),
              paths.systest("wd_target"), params)]
    image = paths.image(name, cells, system)
    if icount:
        console = boot(ctx, image)
    else:
        console = Console(qemu.boot(ctx.tmp, kernel=image, icount=False))
    console.expect_sources([first[0], "rt", "app"])
    console.expect_off()
    return paths, console


def about_app(console):
    """The hypervisor's lines about app: (console index, line)."""
    return [(i, console.lines[i]) for i, s, t in console.entries
            if s == "cellblock" and t.startswith("cell app ")]


def failures(console):
    """The hypervisor's failure lines about app: (index, CPU, reason,
    outcome) each; fails on another line about app but its SYSTEM_OFF
    and a manager's start."""
    found = []
    for index, line in about_app(console):
        match = FAILED.fullmatch(line)
        if match:
            found.append((index, int(match.group(1)), match.group(2),
                          match.group(3)))
        elif not re.fullmatch(r"\[cellblock\] cell app (stopped \(PSCI "
                              r"SYSTEM_OFF on CPU 2\)|\w+ \(\w+ by cell "
                              r"manager\))", line):
            fail("unexpected line %r; %s" % (line, console.describe()))
    return found


def expect_outcomes(console, outcomes, reason):
    """app failed once per @outcomes entry, in order, for @reason (an
    exact string, or a compiled pattern); returns the failure lines."""
    found = failures(console)
    got = [outcome for _, _, _, outcome in found]
    if got != outcomes:
        fail("app's failures end %s, expected %s; %s" %
             (got, outcomes, console.describe()))
    for _, _, text, _ in found:
        if hasattr(reason, "fullmatch"):
            matches = reason.fullmatch(text)
        else:
            matches = text == reason
        if not matches:
            fail("failure reason %r, expected %r" %
                 (text, getattr(reason, "pattern", reason)))
    return found


def restarts(count, parked_at=None):
    """The outcomes of @count policy restarts of restart-limit
    @parked_at, then the failure that parks (None: no such failure)."""
    outcomes = ["restarting (restart %d of %d)" % (k, parked_at or count)
                for k in range(1, count + 1)]
    if parked_at is not None:
        outcomes.append("parked (restart limit %d reached)" % parked_at)
    return outcomes


class Runs:
    """app's runs as wd_target printed them."""

    def __init__(self, console):
        self.console = console
        self.lines = console.of("app")
        self.starts = {}        # run: (console index, cntvct)
        self.hangs = {}         # run: cntvct
        self.counts = {}        # run: (failures, expiries, restarts, kind)
        self.reasons = {}       # run: the reason text it read
        current = None
        for index, source, text in console.entries:
            if source != "app":
                continue
            start, counts = START.fullmatch(text), COUNTS.fullmatch(text)
            hang = HANG.fullmatch(text)
            if start:
                current = int(start.group(1))
                if start.group(3) != "0x0" or start.group(4) != DATA_MARKER:
                    fail("[app] run %d found RAM word %s and data marker "
                         "%s, expected 0x0 (cleared) and %s (copied "
                         "again); %s" % (current, start.group(3),
                                         start.group(4), DATA_MARKER,
                                         console.describe()))
                self.starts[current] = (index, int(start.group(2)))
            elif counts:
                self.counts[int(counts.group(1))] = tuple(
                    int(v) for v in counts.groups()[1:])
            elif hang:
                self.hangs[int(hang.group(1))] = int(hang.group(2))
            elif text.startswith('wd_target: reason: "') and current:
                self.reasons[current] = text[len('wd_target: reason: "'):-1]
        if sorted(self.starts) != list(range(1, len(self.starts) + 1)):
            fail("[app] runs numbered %s; %s" % (sorted(self.starts),
                                                  console.describe()))

    def expect_count(self, count):
        if len(self.starts) != count:
            fail("app ran %d times, expected %d; %s" %
                 (len(self.starts), count, self.console.describe()))

    def expect_lines(self, run, pets, ending, second=False):
        """Run @run's lines after its counts: @pets pets, then @ending."""
        want = []
        if second:
            want.append("wd_target: run %d: second CPU up, sleeping" % run)
        want.append("wd_target: run %d: %s" % (run, pets))
        want.append(ending)
        got = [t for t in self.lines if t.startswith("wd_target: run %d:" %
                                                     run) and
               not COUNTS.fullmatch(t)]
        for line, wanted in zip(got, want):
            if not re.fullmatch(wanted, line):
                fail("[app] run %d: %r, expected %r; %s" %
                     (run, line, wanted, self.console.describe()))
        if len(got) != len(want):
            fail("[app] run %d printed %s, expected %s" % (run, got, want))

    def expect_history(self, kinds, reasons, outcomes=None):
        """Run k saw k - 1 failures so far: @kinds[i] and @reasons[i] of
        failure i + 1 (the failure lines' reasons), and the restarts among
        @outcomes[i] (default: each failure but the last restarted)."""
        if outcomes is None:
            outcomes = ["restarting"] * len(kinds)
        for run in sorted(self.starts):
            before = run - 1
            expiries = sum(1 for k in kinds[:before] if k == KIND_WATCHDOG)
            restarted = sum(1 for o in outcomes[:before]
                            if o.startswith("restarting"))
            want = (before, expiries, restarted,
                    kinds[before - 1] if before else KIND_NONE)
            if self.counts.get(run) != want:
                fail("[app] run %d: failures, expiries, restarts, last "
                     "failure %s, expected %s" % (run, self.counts.get(run),
                                                  want))
            reason = reasons[before - 1] if before else ""
            if self.reasons.get(run) != reason:
                fail("[app] run %d read the reason %r, expected %r" %
                     (run, self.reasons.get(run), reason))


def expect_reader(console, state, starts, failed, expiries, restarted, kind,
                  reason):
    """The reader's lines: its own pet refused (it has no watchdog), then
    app's state and statistics, and the reason exactly."""
    want = ["wd_reader: pet: EINVAL",
            "wd_reader: cell 2 app %s: starts %d, failures %d, watchdog "
            "expiries %d, policy restarts %d, last failure %d" %
            (state, starts, failed, expiries, restarted, kind),
            'wd_reader: reason: "%s"' % reason,
            "wd_reader: powering off"]
    expect_equal_lines("[reader]", console.of("reader"), want, console)


def rt_ticks(console, slack=0):
    ticks = Ticks(console, "rt", 1000, 20)
    ticks.expect_exact_spacing(slack)
    return ticks


def during_ticks(console, ticks, index):
    if not ticks.indexes[0] < index < ticks.indexes[-1]:
        fail("%r is not between rt's first and last tick: the test would "
             "show nothing; %s" % (console.lines[index], console.describe()))


def expect_detection(runs, period, upper=True):
    """Each run but the last started again more than @period counter
    ticks after the counter reading its hang printed (just before its
    last pet) and, with @upper, at most two periods after it. Returns the
    delays."""
    delays = []
    for run in sorted(runs.hangs):
        if run + 1 not in runs.starts:
            continue
        delay = runs.starts[run + 1][1] - runs.hangs[run]
        if delay <= period or (upper and delay > 2 * period):
            fail("run %d started %d counter ticks after run %d hung, "
                 "expected more than one period (%d)%s" %
                 (run + 1, delay, run, period,
                  " and at most two" if upper else ""))
        delays.append(delay)
    return delays


# ------------------------------------------------------------------ tests

def test_hang_restart(ctx):
    """A tight hang with exceptions masked: restarted 3 times, parked."""
    _, console = run(ctx, "hang", "pets=2 pet_us=500 end=1")
    expired = EXPIRED % PERIOD_US
    found = expect_outcomes(console, restarts(3, 3), expired)
    runs = Runs(console)
    runs.expect_count(4)
    for number in range(1, 5):
        runs.expect_lines(number, "2 pets: OK",
                          r"wd_target: run %d: pet OK, hanging from "
                          r"cntvct=\d+" % number)
    runs.expect_history([KIND_WATCHDOG] * 4, [expired] * 4)
    delays = expect_detection(runs, PERIOD)
    # Each failure line comes after its run hung and before the next run.
    for number, (index, cpu, _, _) in enumerate(found, 1):
        if cpu != 2 or index < runs.starts[number][0] or \
                (number < 4 and index > runs.starts[number + 1][0]):
            fail("failure line %d (CPU %d) out of place; %s" %
                 (number, cpu, console.describe()))
    expect_reader(console, "failed", 4, 4, 4, 3, KIND_WATCHDOG, expired)
    # A CPU spinning without a yield holds up rt's timer interrupt under
    # -icount by up to a counter tick (hang-isolation shows that it is
    # that, not the hypervisor).
    ticks = rt_ticks(console, BUSY_NEIGHBOUR_SLACK)
    during_ticks(console, ticks, found[-1][0])
    return "restarted %s counter ticks after the hang (period %d)" % (
        "/".join(map(str, delays)), PERIOD)


def control_rt(ctx, params):
    """rt's lines when app runs wd_target's @params and does not fail."""
    _, console = run(ctx, "control", params)
    if failures(console):
        fail("the control run failed; %s" % console.describe())
    runs = Runs(console)
    runs.expect_count(1)
    rt_ticks(console)
    return console.of("rt")


def test_hang_isolation(ctx):
    """Both CPUs running, a yielding hang: rt byte-identical."""
    params = "pets=2 pet_us=500 end=%d second=1"
    want = control_rt(ctx, params % 0)
    _, console = run(ctx, "hang", params % 2)
    expired = EXPIRED % PERIOD_US
    found = expect_outcomes(console, restarts(3, 3), expired)
    runs = Runs(console)
    runs.expect_count(4)
    for number in range(1, 5):
        runs.expect_lines(number, "2 pets: OK",
                          r"wd_target: run %d: pet OK, hanging from "
                          r"cntvct=\d+" % number, second=True)
    runs.expect_history([KIND_WATCHDOG] * 4, [expired] * 4)
    expect_detection(runs, PERIOD)
    expect_reader(console, "failed", 4, 4, 4, 3, KIND_WATCHDOG, expired)
    ticks = rt_ticks(console)
    during_ticks(console, ticks, found[-1][0])
    expect_equal_lines("[rt]", console.of("rt"), want, console)
    return "failures on CPUs %s; rt: %d lines identical" % (
        "/".join(str(cpu) for _, cpu, _, _ in found), len(want))


def test_crash_restart(ctx):
    """A refused trap in every run: 3 restarts, then parked."""
    want = control_rt(ctx, "pets=2 pet_us=500 end=0")
    _, console = run(ctx, "crash", "pets=2 pet_us=500 end=3")
    found = expect_outcomes(console, restarts(3, 3),
                            re.compile(CRASH_REASON))
    reasons = [reason for _, _, reason, _ in found]
    runs = Runs(console)
    runs.expect_count(4)
    for number in range(1, 5):
        runs.expect_lines(number, "2 pets: OK",
                          "wd_target: run %d: writing outside the cell" %
                          number)
    runs.expect_history([KIND_TRAP] * 4, reasons)
    expect_reader(console, "failed", 4, 4, 0, 3, KIND_TRAP, reasons[-1])
    ticks = rt_ticks(console)
    during_ticks(console, ticks, found[-1][0])
    expect_equal_lines("[rt]", console.of("rt"), want, console)


def test_pet_in_time(ctx):
    """30 pets 1.9 ms apart, period 2 ms: never expired."""
    _, console = run(ctx, "pets", "pets=30 pet_us=1900 end=0")
    if failures(console):
        fail("app failed though it pet in time; %s" % console.describe())
    runs = Runs(console)
    runs.expect_count(1)
    runs.expect_lines(1, "30 pets: OK", "wd_target: run 1: powering off")
    runs.expect_history([], [])
    # The reader looks at 25 ms, app still petting (for 57 ms).
    expect_reader(console, "running", 1, 0, 0, 0, KIND_NONE, "")
    if [line for _, line in about_app(console)] != [
            "[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)"]:
        fail("app did not end by itself; %s" % console.describe())
    rt_ticks(console)


def test_park(ctx):
    """on-failure "park": the first expiry parks the cell."""
    paths = Paths(ctx)
    _, console = run(ctx, "park", "pets=2 pet_us=500 end=1",
                     app_config(paths, "wd_park", PARK))
    expired = EXPIRED % PERIOD_US
    expect_outcomes(console, ["parked"], expired)
    runs = Runs(console)
    runs.expect_count(1)
    expect_reader(console, "failed", 1, 1, 1, 0, KIND_WATCHDOG, expired)
    rt_ticks(console, BUSY_NEIGHBOUR_SLACK)


def test_no_watchdog(ctx):
    """No watchdog: a pet is EINVAL; the policy still applies to traps."""
    paths = Paths(ctx)
    _, console = run(ctx, "nodog", "pets=2 pet_us=500 end=3",
                     app_config(paths, "wd_nodog", NO_WATCHDOG + limit(1)))
    found = expect_outcomes(console, restarts(1, 1),
                            re.compile(CRASH_REASON))
    reasons = [reason for _, _, reason, _ in found]
    runs = Runs(console)
    runs.expect_count(2)
    for number in (1, 2):
        # The first pet is refused, and the loop stops there.
        runs.expect_lines(number, "1 pets: EINVAL",
                          "wd_target: run %d: writing outside the cell" %
                          number)
    runs.expect_history([KIND_TRAP] * 2, reasons)
    expect_reader(console, "failed", 2, 2, 0, 1, KIND_TRAP, reasons[-1])
    rt_ticks(console)


def test_start_resets_limit(ctx):
    """A management start: the restart limit counts from there."""
    paths = Paths(ctx)
    manager = ("manager", paths.test_config("mgmt_manager"),
               paths.demo("manager"),
               "delay_us=5000 start=app delay_us=5000")
    _, console = run(ctx, "start", "pets=1 pet_us=500 end=3",
                     app_config(paths, "wd_one", limit(1)), first=manager)
    answer = "EFROZEN" if paths.frozen else "OK"
    expect_equal_lines("[manager]", console.of("manager"),
                       ["manager: start app: " + answer, "manager: done"],
                       console)
    outcomes = restarts(1, 1)
    starting = "[cellblock] cell app starting (started by cell manager)"
    if not paths.frozen:
        outcomes += outcomes    # counted from 0 again after the start
    found = expect_outcomes(console, outcomes, re.compile(CRASH_REASON))
    runs = Runs(console)
    runs.expect_count(len(outcomes))
    runs.expect_history([KIND_TRAP] * len(outcomes),
                        [reason for _, _, reason, _ in found], outcomes)
    lines = [line for _, line in about_app(console)]
    if paths.frozen == (starting in lines) or (
            not paths.frozen and lines.index(starting) != 2):
        fail("app's lines %s: the start %s; %s" % (
            lines, "refused" if paths.frozen else "between the two parks",
            console.describe()))
    rt_ticks(console)


def test_loaded_stops(ctx):
    """A cell running loaded bytes fails: no payloads, so it stops."""
    paths = Paths(ctx)
    crash = paths.demo("crash")
    steps = ("delay_us=3000 shutdown=app loadable=app load=app,0x%x,%d,0x%x "
             "start=app delay_us=5000 list=1" % (LOADED_SOURCE,
                                                 crash.stat().st_size, LOAD))
    image = ctx.tmp / "loaded.img"
    # The manager holds the crash demo as a second payload, and loads it
    # into app (whose config restarts it on a failure) instead of its
    # image's payload.
    args = paths.image_args(image, [
        (paths.test_config("load_manager"), paths.demo("manager"), steps),
        (paths.config("rt"), paths.demo("ticker"), RT_PARAMS),
        (paths.test_config("wd_app"), paths.systest("wd_target"),
         "pets=9 pet_us=500 end=0")])
    at = args.index("--cell", args.index("--cell") + 1)
    args[at:at] = ["--payload", "%s@0x%x" % (crash, LOADED_SOURCE)]
    result = ctx.run(args)
    if result.returncode != 0:
        fail("cellblock image: %s" % result.describe())
    console = boot(ctx, image)
    console.expect_sources(["manager", "rt", "app"])
    console.expect_off()
    manager = console.of("manager")
    want = ["manager: shutdown app: OK", "manager: loadable app: OK",
            "manager: load app 0x%x+%d to 0x%x: OK" % (
                LOADED_SOURCE, crash.stat().st_size, LOAD),
            "manager: start app: OK"]
    if manager[:4] != want or manager[-1] != "manager: done":
        fail("[manager] %s, expected %s, its list, done" % (manager, want))
    stats = [re.fullmatch(r"manager: cell 2 stats: starts (\d+) failures "
                          r"(\d+) uptime (\d+) .*", t) for t in manager]
    stats = [m.groups() for m in stats if m]
    if stats != [("2", "1", "0")]:
        fail("[manager] app's stats %s, expected starts 2, failures 1, "
             "uptime 0 (stopped)" % stats)
    found = expect_outcomes(console, [LOADED_STOPPED],
                            re.compile(CRASH_REASON))
    last = about_app(console)[-1]
    if last[0] != found[0][0]:
        fail("the hypervisor's last line about app is %r, not its "
             "failure; %s" % (last[1], console.describe()))
    if console.of("app")[-1] != ("crash: writing 0xdeadbeef to 0x7ff00000, "
                                 "outside this cell's RAM"):
        fail("[app] did not run the loaded crash demo to its fault; %s" %
             console.describe())
    rt_ticks(console)


def test_freeze_after_boot(ctx):
    """Management frozen at boot: the policy restarts all the same."""
    paths = Paths(ctx)
    system = paths.system_variant("system_frozen", [
        ('\tmodel = "qemu-virt";\n',
         '\tmodel = "qemu-virt";\n\tfreeze-after-boot;\n')])
    _, console = run(ctx, "frozen", "pets=2 pet_us=500 end=3",
                     system=system)
    console.find(FROZEN_AT_BOOT)
    found = expect_outcomes(console, restarts(3, 3),
                            re.compile(CRASH_REASON))
    runs = Runs(console)
    runs.expect_count(4)
    runs.expect_history([KIND_TRAP] * 4,
                        [reason for _, _, reason, _ in found])
    expect_reader(console, "failed", 4, 4, 0, 3, KIND_TRAP, found[-1][2])


def test_real_time(ctx):
    """Without -icount: a 200 ms watchdog catches the hang, twice."""
    paths = Paths(ctx)
    period_us = 200000
    config = app_config(paths, "wd_slow", limit(1) + [
        ("watchdog-period-us = <2000>;",
         "watchdog-period-us = <%d>;" % period_us)])
    reader = ("reader", paths.test_config("wd_reader"),
              paths.systest("wd_reader"),
              "delay_us=100000 reads=100 until_failed=1")
    _, console = run(ctx, "realtime", "pets=2 pet_us=50000 end=1", config,
                     first=reader, icount=False)
    expired = EXPIRED % period_us
    expect_outcomes(console, restarts(1, 1), expired)
    runs = Runs(console)
    runs.expect_count(2)
    runs.expect_history([KIND_WATCHDOG] * 2, [expired] * 2)
    # Never early; how late depends on the host.
    delays = expect_detection(runs, period_us * COUNTER_HZ // 1000000,
                              upper=False)
    expect_reader(console, "failed", 2, 2, 2, 1, KIND_WATCHDOG, expired)
    Ticks(console, "rt", 1000, 20)
    return "restarted %d counter ticks after the hang (period %d)" % (
        delays[0], period_us * COUNTER_HZ // 1000000)


def test_doc_lines(ctx):
    """docs/hypervisor.md shows the failure lines as printed."""
    doc = (ctx.source / "docs" / "hypervisor.md").read_text()
    title = "## Watchdog and failure policy"
    if title not in doc:
        fail("docs/hypervisor.md has no section %r" % title)
    section = doc.split(title, 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r"^    (\[cellblock\] cell \S+ failed .*)$", section,
                       re.M)
    pattern = re.compile(r"\[cellblock\] cell \S+ failed on CPU \d+: .*; "
                         r"(parked|restarting \(restart (\d+) of (\d+)\)|"
                         r"parked \(restart limit \d+ reached\)|stopped "
                         r"\(its payloads were loaded by a manager; load "
                         r"and start it again\))")
    kinds = set()
    for line in shown:
        match = pattern.fullmatch(line)
        if not match:
            fail("docs/hypervisor.md shows %r, not a line the hypervisor "
                 "prints" % line)
        kinds.add(match.group(1).split(" (")[0])
    if kinds != {"parked", "restarting", "stopped"}:
        fail("docs/hypervisor.md shows the outcomes %s, expected parked, "
             "restarting and stopped" % sorted(kinds))
    if EXPIRED % 2000 not in section:
        fail("docs/hypervisor.md does not show %r" % (EXPIRED % 2000))
    return "%d lines" % len(shown)


def collect(options):
    return [
        ("system/watchdog/hang-restart", test_hang_restart),
        ("system/watchdog/hang-isolation", test_hang_isolation),
        ("system/watchdog/crash-restart", test_crash_restart),
        ("system/watchdog/pet-in-time", test_pet_in_time),
        ("system/watchdog/park", test_park),
        ("system/watchdog/no-watchdog", test_no_watchdog),
        ("system/watchdog/start-resets-limit", test_start_resets_limit),
        ("system/watchdog/freeze-after-boot", test_freeze_after_boot),
    ] + ([
        # Loading is management, which the frozen build does not have.
        ("system/watchdog/loaded-stops", test_loaded_stops),
    ] if options.variant == "full" else []) + [
        ("system/watchdog/real-time", test_real_time),
        ("system/watchdog/doc-lines", test_doc_lines),
    ]
