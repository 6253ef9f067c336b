# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of the management hypercalls in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Every boot has three cells: a managing cell on CPU 0 (the manager demo,
inmates/demos/manager.c, or the bad-argument inmate
inmates/systest/mgmt_args.c, with a config of tests/system/configs/
mgmt_*.dts), the rt ticker on CPU 1 (20 ticks, 1 ms apart: its spacing
must stay exact throughout) and app on CPUs 2-3 (the crash demo, or
inmates/systest/mgmt_target.c, whose run counter survives in a kept region
so a restarted run shows it found its RAM cleared). Cell IDs follow the
image: manager 0, rt 1, app 2.

- system/mgmt/list-after-crash: the manager lists every cell before and
  after app crashes: states, CPUs, starts, failures, uptime, and its own
  hypercall count exactly;
- system/mgmt/restart-failed: the manager restarts the crashed app, which
  runs again from cleared RAM;
- system/mgmt/shutdown-start: shutdown of a running cell, start of a
  stopped one, restart of a running one, and EBUSY where the state is
  wrong, with each console line and the stats after each step;
- system/mgmt/args-granted, system/mgmt/args-plain: every call with each
  bad argument and without permission, refused with the documented code,
  and nothing changes (the buffers, the other cells);
- system/mgmt/freeze: after the manager's freeze every management call
  answers EFROZEN, read-only calls still work;
- system/mgmt/freeze-after-boot: the system flag: the same from the start;
- system/mgmt/doc-matches-abi: docs/hypervisor.md's "Management calls"
  lists each call and error code of include/cellblock/hypercall.h with
  its number, and the call count and revision.
"""

import re
import sys
from pathlib import Path

# Management itself: the frozen variant refuses all of it
# (variant_tests.py tests that).
VARIANTS = ("full",)

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from system_common import (Paths, Ticks, boot, check_app_crash,
                           expect_matching_lines, expect_pass)

RT_PARAMS = "period_us=1000 ticks=20"
STATS = re.compile(r"manager: cell (\d+) stats: starts (\d+) failures (\d+) "
                   r"uptime (\d+) hypercalls (\d+) psci (\d+) mmio (\d+) "
                   r"sgis (\d+) injected (\d+) maintenance (\d+)")
STAT_FIELDS = ("starts", "failures", "uptime", "hypercalls", "psci", "mmio",
               "sgis", "injected", "maintenance")
CELLS = (("manager", 0x1), ("rt", 0x2), ("app", 0xc))
# The hypercalls one list=1 makes: COUNT, SELF, then INFO and STATS of
# each of the three cells.
LIST_CALLS = 2 + 2 * len(CELLS)
TARGET_FAILED = (r"\[cellblock\] cell app failed on CPU 2: data access "
                 r"outside the cell \(EC 0x24, ESR 0x[0-9a-f]{8}, "
                 r"PC 0x[0-9a-f]+, FAR 0x7ff00000\); parked")
FROZEN_AT_BOOT = "[cellblock] management frozen (freeze-after-boot)"


# ---------------------------------------------------------------- helpers

def system_frozen(paths):
    """QEMU virt's system config with freeze-after-boot."""
    return paths.system_variant("system_frozen", [
        ('\tmodel = "qemu-virt";\n',
         '\tmodel = "qemu-virt";\n\tfreeze-after-boot;\n')])


def run(ctx, name, manager, app, system=None):
    """Boots @manager (config name, payload, params) on CPU 0, rt, and
    @app: "crash PARAMS" for the crash demo in QEMU virt's app config,
    else the target's parameters (mgmt_app.dts)."""
    paths = Paths(ctx)
    config, payload, params = manager
    if app.startswith("crash "):
        app_cell = (paths.config("app"), paths.demo("crash"), app[6:])
    else:
        app_cell = (paths.test_config("mgmt_app"),
                    paths.systest("mgmt_target"), app)
    cells = [(paths.test_config(config), payload, params),
             (paths.config("rt"), paths.demo("ticker"), RT_PARAMS),
             app_cell]
    image = paths.image(name, cells, system(paths) if system else None)
    console = boot(ctx, image)
    console.expect_sources(["manager", "rt", "app"])
    console.expect_off()
    ticks = Ticks(console, "rt", 1000, 20)
    # The ticks are exactly 1 ms apart whatever the other cells do.
    ticks.expect_exact_spacing()
    if console.of("rt")[-1] != "ticker done" or \
            "[cellblock] cell rt stopped (PSCI SYSTEM_OFF on CPU 1)" not in \
            console.lines:
        fail("rt did not end by itself; %s" % console.describe())
    return paths, console, ticks


def manager_run(ctx, name, steps, app, config="mgmt_manager", system=None):
    paths = Paths(ctx)
    return run(ctx, name, (config, paths.demo("manager"), steps), app,
               system)


def expect_lines(console, source, want):
    """@source's lines are @want: strings exactly, compiled patterns in
    full."""
    expect_matching_lines(console, source, console.of(source), want)


def hypervisor_about(console, cell):
    """The hypervisor's lines about @cell, as printed."""
    return [line for line in console.raw("cellblock")
            if line.startswith("[cellblock] cell %s " % cell)]


def expect_about(console, cell, want):
    got = hypervisor_about(console, cell)
    if len(got) != len(want) or any(
            not re.fullmatch(w, g) for g, w in zip(got, want)):
        fail("[cellblock] lines about %s: %s, expected %s; %s" %
             (cell, got, want, console.describe()))


def before(console, first, second):
    """Console line @first (exact) comes before @second."""
    if not console.find(first) < console.find(second):
        fail("%r is not before %r; %s" % (first, second,
                                          console.describe()))


def during_ticks(console, ticks, line):
    """Console line @line (exact) lies between rt's first and last tick:
    else the spacing check would show nothing about it."""
    index = console.find(line)
    if not ticks.indexes[0] < index < ticks.indexes[-1]:
        fail("%r is not between rt's first and last tick: the test would "
             "show nothing; %s" % (line, console.describe()))


def list_block(states):
    """The manager's lines of one list=1, @states the three cells'."""
    lines = ["manager: list: 3 cells, this is cell 0"]
    for number, ((name, cpus), state) in enumerate(zip(CELLS, states)):
        lines.append("manager: cell %d %s %s cpus 0x%x" % (number, name,
                                                           state, cpus))
        lines.append(re.compile(r"manager: cell %d stats: .*" % number))
    return lines


def parse_lists(console):
    """Every list=1 of the manager: a list of {ID: stats}, and the console
    index of each stats line."""
    lists, at = [], []
    for index, source, text in console.entries:
        if source != "manager":
            continue
        if text.startswith("manager: list: "):
            lists.append({})
            at.append({})
        found = STATS.fullmatch(text)
        if found:
            values = [int(v) for v in found.groups()]
            lists[-1][values[0]] = dict(zip(STAT_FIELDS, values[1:]))
            at[-1][values[0]] = index
    return lists, at


def expect_stats(stats, cell, **want):
    for field, value in want.items():
        if stats[field] != value:
            fail("cell %d: %s %d, expected %d (%s)" %
                 (cell, field, stats[field], value, stats))


def target_run(number, ending):
    """mgmt_target's lines of run @number: its RAM cleared and its payload
    fresh (RAM word 0x0, the .data marker intact), then @ending."""
    endings = {"crash": "writing outside the cell", "stay": "staying",
               "off": "powering off"}
    lines = ["target: run %d: RAM word 0x0, data marker 0x600d1dea" % number]
    if ending:
        lines.append("target: run %d: %s" % (number, endings[ending]))
    return lines


# ------------------------------------------------------------------ tests

def test_list_after_crash(ctx):
    """list=1 at start and after app's crash: states, CPUs and stats."""
    paths, console, ticks = manager_run(
        ctx, "list", "list=1 delay_us=8000 list=1", "crash delay_us=5000")
    running = ["running"] * 3
    expect_lines(console, "manager",
                 list_block(running) +
                 list_block(["running", "running", "failed"]) +
                 ["manager: done"])
    check_app_crash(console, paths, 5000)
    lists, at = parse_lists(console)
    for cell in range(3):
        expect_stats(lists[0][cell], cell, starts=1, failures=0)
        if not lists[0][cell]["uptime"] > 0:
            fail("cell %d: uptime 0 while running" % cell)
    # Its own calls: those of the list so far (the call being made is
    # counted once it is done); the other cells made none.
    expect_stats(lists[0][0], 0, hypercalls=3)
    expect_stats(lists[1][0], 0, hypercalls=LIST_CALLS + 3)
    for cell in (1, 2):
        expect_stats(lists[0][cell], cell, hypercalls=0, sgis=0)
        expect_stats(lists[1][cell], cell, hypercalls=0, sgis=0)
    expect_stats(lists[1][1], 1, starts=1, failures=0)
    expect_stats(lists[1][2], 2, starts=1, failures=1, uptime=0)
    waited = lists[1][0]["uptime"] - lists[0][0]["uptime"]
    if waited < 8000 * 62500 // 1000000:
        fail("the manager's uptime grew by %d counter ticks over its 8 ms "
             "wait" % waited)
    # rt's interrupts are its timer's, one a tick: as many as it printed
    # before the manager read them (or one more, its line still on its
    # way).
    printed = len([i for i in ticks.indexes if i < at[1][1]])
    if lists[1][1]["injected"] not in (printed, printed + 1):
        fail("rt: injected %d, but it printed %d ticks by then" %
             (lists[1][1]["injected"], printed))
    if lists[1][2]["injected"] < 1 or lists[1][2]["mmio"] < 1:
        fail("app: injected %d, mmio %d: it waited on its timer and "
             "printed" % (lists[1][2]["injected"], lists[1][2]["mmio"]))
    return "after the crash: %s" % lists[1][2]


def test_restart_failed(ctx):
    """restart=app on the crashed app: it runs again, RAM cleared."""
    _, console, ticks = manager_run(
        ctx, "restart", "delay_us=4000 restart=app delay_us=1000 list=1",
        "crash=1 delay_us=2000")
    expect_lines(console, "manager",
                 ["manager: restart app: OK"] + list_block(["running"] * 3) +
                 ["manager: done"])
    expect_lines(console, "app", target_run(1, "crash") +
                 target_run(2, "off"))
    restarting = "[cellblock] cell app restarting (restart by cell manager)"
    expect_about(console, "app", [TARGET_FAILED, re.escape(restarting),
                                  re.escape("[cellblock] cell app stopped "
                                            "(PSCI SYSTEM_OFF on CPU 2)")])
    before(console, restarting, "[manager] manager: restart app: OK")
    before(console, restarting, "[app] " + target_run(2, None)[0])
    during_ticks(console, ticks, restarting)
    during_ticks(console, ticks, "[app] " + target_run(2, "off")[1])
    lists, _ = parse_lists(console)
    expect_stats(lists[0][2], 2, starts=2, failures=1)
    expect_stats(lists[0][1], 1, starts=1, failures=0)
    # Uptime counts from the restart (1 ms and a few lines before the
    # list), not from boot (about 5 ms before it, rt's).
    if not 0 < lists[0][2]["uptime"] < 2 * 62500 < lists[0][1]["uptime"]:
        fail("app: uptime %d counter ticks 1 ms after its restart, rt's "
             "%d" % (lists[0][2]["uptime"], lists[0][1]["uptime"]))
    return "rt: %s" % ticks.latency_note()


def test_shutdown_start(ctx):
    """Shutdown, start and restart of a running or stopped cell."""
    steps = ("delay_us=2000 start=app shutdown=app shutdown=app list=1 "
             "start=app delay_us=2000 list=1 restart=app delay_us=2000 "
             "shutdown=app list=1")
    _, console, ticks = manager_run(ctx, "shutdown", steps,
                                    "stay=1 delay_us=500")
    expect_lines(console, "manager",
                 ["manager: start app: EBUSY",
                  "manager: shutdown app: OK",
                  "manager: shutdown app: EBUSY"] +
                 list_block(["running", "running", "stopped"]) +
                 ["manager: start app: OK"] +
                 list_block(["running"] * 3) +
                 ["manager: restart app: OK",
                  "manager: shutdown app: OK"] +
                 list_block(["running", "running", "stopped"]) +
                 ["manager: done"])
    expect_lines(console, "app", target_run(1, "stay") +
                 target_run(2, "stay") + target_run(3, "stay"))
    stopped = "cell app stopped (shutdown by cell manager)"
    starting = "cell app starting (started by cell manager)"
    restarting = "cell app restarting (restart by cell manager)"
    expect_about(console, "app", [re.escape("[cellblock] " + line) for line
                                  in (stopped, starting, restarting,
                                      stopped)])
    for line in (stopped, starting, restarting):
        during_ticks(console, ticks, "[cellblock] " + line)
    lists, _ = parse_lists(console)
    expect_stats(lists[0][2], 2, starts=1, failures=0, uptime=0)
    expect_stats(lists[1][2], 2, starts=2, failures=0)
    expect_stats(lists[2][2], 2, starts=3, failures=0, uptime=0)
    if not lists[1][2]["uptime"] > 0:
        fail("app running again with uptime 0")
    return "rt: %s" % ticks.latency_note()


# The bad-argument inmate's lines (inmates/systest/mgmt_args.c), in order.
ARGS_BUFFERS = [
    "info(self): OK",
    "stats(self): OK",
    "info(self) buffer outside the cell's RAM: EINVAL",
    "info(self) buffer at 0: EINVAL",
    "info(self) buffer in the read-only region: EINVAL",
    "stats(self) buffer in the io region: EINVAL",
    "info(self) buffer wrapping past 2^64: EINVAL",
    "info(self) buffer straddling the RAM's start: EINVAL",
    "info(self) size 47: EINVAL",
    "stats(self) size 71: EINVAL",
    "stats(self) size 0: EINVAL",
    "stats(self) buffer straddling the RAM's end: EINVAL",
    "info(self) size 128: OK",
    "stats(self) size 72 (revision 1.1): OK",
    "info(3): ENOENT",
    "stats(3): ENOENT",
    "info(2^32 + self): ENOENT",
    "info(~0): ENOENT",
]


def args_management(unknown, own, app_start, app, rt, freeze):
    lines = ["shutdown(3): " + unknown, "start(3): " + unknown,
             "restart(3): " + unknown, "restart(~0): " + unknown,
             "shutdown(2^32 + app): " + unknown,
             "shutdown(self): " + own, "start(self): " + own,
             "restart(self): " + own, "start(app), running: " + app_start]
    if app:
        lines += ["shutdown(app): " + app, "restart(app): " + app]
    return lines + ["shutdown(rt): " + rt, "start(rt): " + rt,
                    "restart(rt): " + rt, "freeze: " + freeze,
                    "shutdown(app) over smc: ENOSYS"]


ARGS_UNTOUCHED = [
    "info(rt): OK", "stats(rt): OK",
    "rt: id 1 running, starts 1, failures 0",
    "info(app): OK", "stats(app): OK",
    "app: id 2 running, starts 1, failures 0",
]


def args_test(mode, config, lines, system=None):
    def test(ctx):
        paths = Paths(ctx)
        _, console, ticks = run(
            ctx, "args", (config, paths.systest("mgmt_args"),
                          "mode=%d" % mode), "delay_us=15000", system)
        checks, _ = expect_pass(console, "manager", "mgmt-args",
                                run_first=True)
        expect_lines(console, "manager",
                     ["RUN mgmt-args"] + ["mgmt_args: " + line
                                          for line in lines] +
                     [re.compile(r"PASS mgmt-args checks=\d+")])
        # Nothing happened to app: it ran to its own end, once.
        expect_lines(console, "app", target_run(1, "off"))
        expect_about(console, "app", [re.escape(
            "[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")])
        if system:
            ready = console.find("[cellblock] 3 of 3 cells ready; starting")
            if console.find(FROZEN_AT_BOOT) != ready + 1:
                fail("%r is not right after the ready line; %s" %
                     (FROZEN_AT_BOOT, console.describe()))
        elif any("frozen" in line for line in console.raw("cellblock")):
            fail("management frozen without freeze-after-boot; %s" %
                 console.describe())
        return "%d checks; rt: %s" % (checks, ticks.latency_note())
    return test


def test_freeze(ctx):
    """freeze=1, then every management call EFROZEN; list still works."""
    steps = ("freeze=1 shutdown=app start=app restart=app shutdown=rt "
             "restart=1 freeze=1 list=1 delay_us=1000")
    _, console, _ = manager_run(ctx, "freeze", steps, "delay_us=8000")
    expect_lines(console, "manager",
                 ["manager: freeze: OK",
                  "manager: shutdown app: EFROZEN",
                  "manager: start app: EFROZEN",
                  "manager: restart app: EFROZEN",
                  "manager: shutdown rt: EFROZEN",
                  "manager: restart 1: EFROZEN",
                  "manager: freeze: EFROZEN"] +
                 list_block(["running"] * 3) + ["manager: done"])
    frozen = "[cellblock] management frozen by cell manager"
    if len(console.find_all(frozen)) != 1:
        fail("%r printed %d times, expected once; %s" %
             (frozen, len(console.find_all(frozen)), console.describe()))
    before(console, frozen, "[manager] manager: freeze: OK")
    expect_lines(console, "app", target_run(1, "off"))
    expect_about(console, "app", [re.escape(
        "[cellblock] cell app stopped (PSCI SYSTEM_OFF on CPU 2)")])


def test_doc_matches_abi(ctx):
    """docs/hypervisor.md's tables against include/cellblock/hypercall.h."""
    header = (ctx.source / "include" / "cellblock" /
              "hypercall.h").read_text()
    doc = (ctx.source / "docs" / "hypervisor.md").read_text()
    if "## Management calls" not in doc:
        fail("docs/hypervisor.md has no section \"Management calls\"")
    section = doc.split("## Management calls", 1)[1].split("\n## ", 1)[0]
    calls = {name: 0x86000000 + int(number) for name, number in re.findall(
        r"#define (CB_HC_\w+) \(CB_HC_BASE \+ (\d+)\)", header)}
    errors = {name: int(value) for name, value in re.findall(
        r"#define (CB_HC_E\w+) \((-\d+)\)", header)}
    count = int(re.search(r"#define CB_HC_CALL_COUNT (\d+)", header)[1])
    major = re.search(r"#define CB_HC_REVISION_MAJOR (\d+)", header)[1]
    minor = re.search(r"#define CB_HC_REVISION_MINOR (\d+)", header)[1]
    documented = {name: int(number, 16) for name, number in re.findall(
        r"^\| `(CB_HC_\w+)` \| (0x[0-9a-f]+) \|", section, re.M)}
    managed = {n: v for n, v in calls.items()
               if v - 0x86000000 >= 2}
    if documented != managed:
        fail("docs list the calls %s, the header has %s" %
             (documented, managed))
    codes = {name: int(value) for name, value in re.findall(
        r"^\| `(CB_HC_E\w+)` \| (-\d+) \|", section, re.M)}
    if codes != errors:
        fail("docs list the error codes %s, the header has %s" %
             (codes, errors))
    if len(calls) != count:
        fail("the header defines %d calls, CB_HC_CALL_COUNT is %d" %
             (len(calls), count))
    for row in ("| `VENDOR_HYP_CALL_COUNT` (0x8600ff00) | %d," % count,
                "| `VENDOR_HYP_REVISION` (0x8600ff03) | x0 = %s, x1 = %s " %
                (major, minor)):
        if row not in doc:
            fail("docs/hypervisor.md has no row starting %r" % row)
    return "%d calls, %d error codes" % (len(documented), len(codes))


def collect(options):
    return [
        ("system/mgmt/list-after-crash", test_list_after_crash),
        ("system/mgmt/restart-failed", test_restart_failed),
        ("system/mgmt/shutdown-start", test_shutdown_start),
        ("system/mgmt/args-granted", args_test(
            0, "mgmt_args", ARGS_BUFFERS + args_management(
                "ENOENT", "EINVAL", "EBUSY", None, "EPERM", "EPERM") +
            ARGS_UNTOUCHED)),
        ("system/mgmt/args-plain", args_test(
            1, "mgmt_plain", ARGS_BUFFERS +
            ["info(rt): EPERM", "stats(rt): EPERM", "info(app): EPERM"] +
            args_management("ENOENT", "EINVAL", "EPERM", "EPERM", "EPERM",
                            "EPERM"))),
        ("system/mgmt/freeze", test_freeze),
        ("system/mgmt/freeze-after-boot", args_test(
            2, "mgmt_args", ARGS_BUFFERS + args_management(
                *["EFROZEN"] * 6) + ARGS_UNTOUCHED, system_frozen)),
        ("system/mgmt/doc-matches-abi", test_doc_matches_abi),
    ]
