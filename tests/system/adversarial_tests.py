# SPDX-License-Identifier: GPL-2.0-only
"""The adversarial suite: hostile cells beside a victim, in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py;
the attack kinds, their expected outcomes and the reasons are in
docs/adversarial.md.

Every boot runs the demo's hello (CPU 0) and rt ticker (CPU 1: 20 ticks
1 ms apart, the victim) beside the attacker cell (tests/system/configs/
attacker.dts, CPUs 2 and 3) running inmates/systest/attack.c or fuzz.c.
A boot passes only if, besides its kinds' own outcomes:

- rt's lines are byte for byte those of a control run, whose attacker
  does nothing but the same waiting (same binary, parameter strings of
  the same length), and tick exactly 1 ms apart; the attack started
  while rt was ticking;
- hello printed its demo lines;
- the run ended by itself (the last line is the power-off line).

Attackers work only while rt sleeps (attack.h, pacing): under -icount a
busy CPU delays another's interrupt in virtual time, which hardware does
not; the phase of rt's deadlines comes from the control run.

Tests (one per attack kind: system/adversarial/KIND):
- the kinds whose outcome is a parked cell, one boot each: the expected
  `[cellblock] cell attacker failed on CPU N: REASON (EC ..., PC ...,
  FAR ...); parked` line, built from the attacker's announcement of the
  access (`attack: KIND: what, pc 0x..`), and nothing after it from the
  attacker;
- the other kinds in groups, one boot per group (gic, sgi, calls,
  sysregs, cache, console, smp, and aborts: the parking kinds' accesses
  again in a cell whose config says faults-as-aborts,
  attacker_aborts.dts): each kind's `PASS KIND checks=N` (N >= 1) and no
  `FAIL KIND:` line; the console kinds also by what reached the
  terminal; the group's cell then stops by SYSTEM_OFF;
- a few kinds alone because the hypervisor of the day parks, hangs or
  restarts the cell on them where it should answer (their expected
  outcome is a PASS line), and the reset kinds;
- system/adversarial/fuzz/seed-N: the fuzzer with seed N (100000 calls),
  PASS fuzz checks=100000; seeds 1-3 by default, the environment variable
  CELLBLOCK_FUZZ_CELLS_SEEDS chooses others ("50": 1 to 50; "4-9,17");
  CELLBLOCK_FUZZ_CELLS_CALLS the calls per boot (make fuzz-cells,
  tests/system/fuzz.mk);
- system/adversarial/doc-table: docs/adversarial.md lists every kind
  here, and no other.
"""

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from system_common import (Console, Paths, Ticks, check_hello,
                           expect_equal_lines)

PERIOD = 62500          # rt's ticks, in counter ticks (1 ms)
TICKS = 20
DELAY_US = 5180         # the attack starts 5.2 ms in: after rt's 3rd tick
PACE_AFTER = 6250       # attack.h: the window after a deadline...
PACE_BEFORE = 15625     # ...and before the next
PARAMS_LENGTH = 110
LIMIT = 20              # wall-clock seconds; a boot takes well under one
HANG_LIMIT = 5          # for the kind known to hang the cell
FUZZ_CALLS = 100000
FUZZ_SEEDS = "1-3"
SEEDS_VARIABLE = "CELLBLOCK_FUZZ_CELLS_SEEDS"
CALLS_VARIABLE = "CELLBLOCK_FUZZ_CELLS_CALLS"

CELL = "attacker"
STOPPED = "[cellblock] cell attacker stopped (PSCI SYSTEM_OFF on CPU 2)"

# Groups: kinds whose outcome lets them share a boot, in the order the
# attack inmate runs them (attack=GROUP).
GROUPS = {
    "gic": ["gicd-ctlr", "gicd-own-level-spi-repend", "gicd-foreign-spi", "gicd-hypervisor-spi",
            "gicd-irouter-own-spi", "gicd-setspi-sgir", "gicd-reserved",
            "gicr-hypervisor-private", "gicr-foreign-frames",
            "gicr-own-waker-ctlr", "gicr-lpi-registers"],
    "sgi": ["sgi-irm-broadcast", "sgi-foreign-targets", "sgi-self-disabled",
            "sgi-hypervisor-sgi15"],
    "calls": ["psci-cpu-on-foreign", "psci-garbage-mpidr",
              "psci-affinity-info-levels",
              "psci-affinity-info-32-upper-bits",
              "psci-cpu-on-32-upper-bits", "psci-features-hostile",
              "psci-migrate", "psci-cpu-suspend", "psci-optional-calls",
              "smccc-arch-calls", "smccc-unknown-ids", "hypercall-hostile"],
    "sysregs": ["el2-registers", "el3-registers", "el2-instructions",
                "impdef-unallocated", "impdef-cortex-a57", "actlr-el1",
                "debug-registers", "pmu-registers", "exceptions-masked",
                "eret-to-el2"],
    "cache": ["cache-set-way-all", "cache-set-way-reserved-bits",
              "dc-zva-own", "cache-by-address-own", "tlb-icache-broadcast"],
    "console": ["uart-page-edges", "uart-access-sizes",
                "console-control-chars", "console-c1-controls",
                "console-fake-lines", "console-long-line",
                "console-line-exactly-full", "console-hypercall-putc",
                "console-flood", "console-flush-at-stop"],
    "smp": ["smp-gic-race", "smp-cpu-on-off-race", "smp-stop-spinning-cpu"],
    # The parking kinds' accesses again, in a faults-as-aborts cell.
    "aborts": ["abort-below-ram", "abort-above-ram", "abort-guest-zero",
               "abort-top-39bit", "abort-beyond-39bit",
               "abort-other-cell-ram", "abort-hypervisor",
               "abort-console-below", "abort-console-above",
               "abort-dc-zva-outside", "abort-gicd-ldp",
               "abort-gicd-misaligned", "abort-gicd-byte-icfgr",
               "abort-gicr-64bit-ctlr", "abort-exec-above-ram",
               "abort-exec-console"],
}
# The attacker's config, if not attacker.dts.
GROUP_CONFIGS = {"aborts": "attacker_aborts"}

DATA = "data access outside the cell"
FETCH = "instruction fetch outside the cell"
DEVICE = "access to an emulated device refused"
CELL_TOP = 0x40250000

# Kinds whose outcome is a parked cell: (reason, exception class, FAR or
# None for "the announced PC", or False for no FAR in the line).
PARKED = {
    "mem-below-ram": (DATA, 0x24, 0x401ffff8),
    "mem-above-ram": (DATA, 0x24, CELL_TOP),
    "mem-guest-zero": (DATA, 0x24, 0x0),
    "mem-top-39bit": (DATA, 0x24, 0x7ffffffff8),
    "mem-beyond-39bit": (DATA, 0x24, 0x7f80000000),
    "mem-other-cell-ram": (DATA, 0x24, 0x51000000),
    "mem-hypervisor": (DATA, 0x24, 0x40000000),
    "mem-console-below": (DATA, 0x24, 0x08fffffc),
    "mem-console-above": (DATA, 0x24, 0x09001000),
    "mem-exec-above-ram": (FETCH, 0x20, None),
    "mem-exec-console": (FETCH, 0x20, None),
    "dc-zva-outside": (DATA, 0x24, CELL_TOP),
    "mmio-gicd-ldp": (DEVICE, 0x24, 0x08000100),
    "mmio-gicd-misaligned": (DEVICE, 0x24, 0x88000102),
    "mmio-gicd-byte-icfgr": (DEVICE, 0x24, 0x08000c08),
    "mmio-gicd-halfword-priority": (DEVICE, 0x24, 0x08000426),
    "mmio-gicr-64bit-ctlr": (DEVICE, 0x24, 0x080e0000),
    "hvc-immediate": ("HVC #1 with function ID 0x84000000 refused: SMCCC "
                      "calls take #0", 0x16, False),
    "smc-immediate": ("SMC #1 with function ID 0x84000000 refused: SMCCC "
                      "calls take #0", 0x17, False),
    "vbar-outside": (FETCH, 0x20, None),
}

# Kinds alone in a boot whose outcome is their PASS line.
ALONE = ["mmio-gicr-propbaser-64", "psci-cpu-on-entry-outside",
         "psci-cpu-on-running", "sgi1r-read"]
HANGS = {"psci-cpu-on-running"}     # today: the cell deadlocks itself

RESET_LOOP_RESETS = 300
TOGETHER_RESETS = 5

# Kinds checked in boots of their own with their own expectations.
SPECIAL = ["smp-fault-together", "reset-loop", "reset-pmu-state",
           "smp-reset-together"]


def all_kinds():
    kinds = [k for group in GROUPS.values() for k in group]
    return kinds + list(PARKED) + ALONE + SPECIAL


# ------------------------------------------------------------- booting

def params(fixed, last, value):
    """A parameter string of PARAMS_LENGTH characters: @fixed, then
    @last=@value padded with '_' (attack.c cuts values there)."""
    text = "%s %s=%s" % (fixed, last, value)
    if len(text) > PARAMS_LENGTH:
        fail("parameter string too long: %r" % text)
    return text + "_" * (PARAMS_LENGTH - len(text))


def timing(phase):
    """The timing parameters for rt's deadlines at @phase. The phase goes
    in as 125000 + phase (attack.c takes it modulo the period): always six
    digits and a leading 1, since even a leading 0 makes the number's
    parse a few instructions longer and shifts rt by a counter tick."""
    return "delay_us=%d pace_period=%d pace_phase=%d" % (
        DELAY_US, PERIOD, 2 * PERIOD + phase)


def boot_attacker(ctx, binary, parameters, name, limit=LIMIT,
                  config=CELL):
    paths = Paths(ctx)
    cells = paths.demo_cells(app=(paths.systest(binary), parameters))
    cells[2] = (paths.test_config(config), cells[2][1], cells[2][2])
    image = paths.image(name, cells)
    return Console(qemu.boot(ctx.tmp, kernel=image, limit=limit))


# Control runs, one per attacker binary and config: (phase of rt's
# deadlines, rt's lines as printed). Kept for the module's life (one
# runner run).
CONTROLS = {}


def control(ctx, binary, config=CELL):
    if (binary, config) not in CONTROLS:
        if binary == "fuzz":
            fixed = "%s seed=0000000000 calls=000000000" % timing(0)
            text = params(fixed, "pad", "")
        else:
            text = params(timing(0), "attack", "none")
        console = boot_attacker(ctx, binary, text, "control-" + binary,
                                config=config)
        console.expect_off()
        check_hello(console)
        ticks = Ticks(console, "rt", 1000, TICKS)
        ticks.expect_exact_spacing()
        CONTROLS[binary, config] = (ticks.values[0][1] % PERIOD,
                                    console.raw("rt"))
    return CONTROLS[binary, config]


def check_boot(console, binary, ctx, ended=True, config=CELL):
    """What every boot must show (module docstring): the victim's lines as
    in the control run, ticking while the attack ran, hello's lines, and
    with @ended the power-off line last."""
    phase, rt_lines = control(ctx, binary, config)
    console.expect_banner()
    console.expect_sources(["hello", "rt", CELL])
    check_hello(console)
    ticks = Ticks(console, "rt", 1000, TICKS)
    ticks.expect_exact_spacing()
    expect_equal_lines("[rt] beside the attacker", console.raw("rt"),
                       rt_lines, console)
    _, start = console.match(CELL, r"(?:attack|fuzz): (?:seed \d+, \d+ "
                             r"calls, )?start cntvct=(\d+)")
    start = int(start.group(1))
    if not ticks.values[0][1] < start < ticks.values[-1][1]:
        fail("the attack started at cntvct %d, not while rt ticked (%d to "
             "%d): the test would show nothing" %
             (start, ticks.values[0][1], ticks.values[-1][1]))
    position = (start - phase) % PERIOD
    if not PACE_AFTER <= position < PERIOD - PACE_BEFORE:
        fail("the attack started %d counter ticks after one of rt's "
             "deadlines, outside the window" % position)
    if ended:
        console.expect_off()


def kind_result(console, kind):
    """(reason or None, note) of @kind's in-cell result."""
    lines = console.of(CELL)
    failed = [t for t in lines if t.startswith("FAIL %s:" % kind)]
    if failed:
        return failed[0], None
    passed = [re.fullmatch(r"PASS %s checks=(\d+)" % re.escape(kind), t)
              for t in lines]
    passed = [m for m in passed if m]
    if len(passed) != 1:
        return "[%s] %d lines `PASS %s checks=N`, expected 1; %s" % (
            CELL, len(passed), kind, console.describe()), None
    checks = int(passed[0].group(1))
    if checks < 1:
        return "PASS %s with no checks: it asserted nothing" % kind, None
    return None, "%d checks" % checks


def run_boot(ctx, binary, parameters, name, limit=LIMIT, config=CELL):
    """Boots; returns (console, reason the boot as a whole failed)."""
    try:
        console = boot_attacker(ctx, binary, parameters, name, limit,
                                config)
    except AssertionError as e:
        return None, str(e)
    return console, None


# --------------------------------------------------- console kinds

def pattern(start, count):
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(alphabet[(start + i) % 36] for i in range(count))


def attacker_raw(console):
    """The attacker's lines as bytes, prefix removed (the console is
    decoded with replacement; these are the bytes QEMU wrote)."""
    prefix = b"[attacker] "
    return [line[len(prefix):]
            for line in console.result.output.replace(b"\r", b"")
            .split(b"\n") if line.startswith(prefix)]


def after(lines, first):
    """The lines after the first equal to @first (fails if none)."""
    if first not in lines:
        fail("no [attacker] line %r" % first)
    return lines[lines.index(first) + 1:]


def escaped(c):
    return "\t" if c == 9 else "\\x%02x" % c


def check_console_kind(console, kind):
    raw = attacker_raw(console)
    text = console.of(CELL)
    if kind == "uart-page-edges":
        console.find("[attacker] uart-page-edges: still printing")
    elif kind == "uart-access-sizes":
        console.find("[attacker] uart-sizes: SSSS")
    elif kind == "console-control-chars":
        want = "ctl: " + "".join(escaped(c) for c in range(0x20)
                                 if c not in (0x0a, 0x0d)) + "\\x7f"
        console.find("[attacker] " + want)
    elif kind == "console-c1-controls":
        line = [r for r in raw if r.startswith(b"c1: ")]
        if len(line) != 1:
            fail("no single [attacker] c1: line")
        if b"\x9b" in line[0]:
            fail("the C1 control CSI (0x9b) reached the terminal as a raw "
                 "byte, expected as \\x9b (and U+009B as escapes too): "
                 "[attacker] %r" % line[0])
    elif kind == "console-fake-lines":
        fake = "[cellblock] cell rt failed on CPU 1: fake; parked"
        if fake in console.lines:
            fail("a cell printed a line that passes for the hypervisor's")
        for want in ["[cellblock] cell rt failed on CPU 1: fake; parked",
                     "\\x1b[2K\\x1b[1A[rt] tick 99 cntvct=0",
                     "\\x08" * 10 + "[hello] fake"]:
            console.find("[attacker] " + want)
        if "utf8: caf\xe9".encode("utf-8") not in raw:
            fail("the UTF-8 text did not reach the terminal unchanged")
    elif kind == "console-long-line":
        want, got = pattern(0, 1000), ""
        for line in after(text, "RUN console-long-line"):
            if len(got) >= len(want):
                break
            if len(line) > 160:
                fail("a line of %d characters, the hypervisor's lines hold "
                     "160" % len(line))
            got += line
        if got != want:
            fail("the 1000-character line came out as %r" % got[:200])
    elif kind == "console-line-exactly-full":
        rest = after(text, "RUN console-line-exactly-full")
        if rest[:2] != [pattern(7, 160), "after the full line"]:
            fail("a line of exactly 160 characters came out as %r, "
                 "expected the line, then the next one (no empty line)" %
                 rest[:3])
    elif kind == "console-hypercall-putc":
        console.find("[attacker] hc: hi\\x1b!")
    elif kind == "console-flood":
        rest = after(text, "RUN console-flood")
        want = ["flood %03d %s" % (n, pattern(n, 149)) for n in range(200)]
        if rest[:200] != want:
            wrong = next(i for i, (a, b) in enumerate(zip(rest, want))
                         if a != b) if len(rest) >= 200 else len(rest)
            fail("flood line %d is %r, expected %r" %
                 (wrong, rest[wrong] if wrong < len(rest) else None,
                  want[wrong]))
    elif kind == "console-flush-at-stop":
        partial = console.find("[attacker] partial line, no newline")
        stopped = console.find(STOPPED)
        between = [line for line in console.lines[partial + 1:stopped]
                   if not line.startswith("[rt] ")]
        if not partial < stopped or between:
            fail("the unfinished line is not the cell's last before it "
                 "stopped: %r" % console.lines[partial:stopped + 1])


# ------------------------------------------------------------ tests

def group_test(group):
    def test(ctx):
        config = GROUP_CONFIGS.get(group, CELL)
        phase = control(ctx, "attack", config)[0]
        console, reason = run_boot(ctx, "attack", params(
            timing(phase), "attack", group), group, config=config)
        if console is not None and reason is None:
            try:
                check_boot(console, "attack", ctx, config=config)
                console.find("[attacker] attack: done")
                console.find(STOPPED)
            except AssertionError as e:
                reason = "boot: %s" % e
        results = []
        for kind in GROUPS[group]:
            name = "system/adversarial/" + kind
            if reason:
                results.append((name, reason, None))
                continue
            why, note = kind_result(console, kind)
            if why is None and group == "console":
                try:
                    check_console_kind(console, kind)
                except AssertionError as e:
                    why = str(e)
            results.append((name, why, None if why else note))
        return results
    return test


def parked_line(kind, console, cpus=(2,), text=False):
    """The regular expression of @kind's park line, built from the
    attacker's announcement; with @text, the line itself for messages
    (ESR as 0x........)."""
    reason, ec, far = PARKED[kind]
    _, found = console.match(CELL, r"attack: %s: .*, pc 0x([0-9a-f]+)" %
                             re.escape(kind))
    pc = int(found.group(1), 16)
    if far is None:
        far = pc
    tail = "" if far is False else ", FAR 0x%x" % far
    line = ("cell attacker failed on CPU @CPU@: %s (EC 0x%02x, ESR "
            "0x@ESR@, PC 0x%x%s); parked" % (reason, ec, pc, tail))
    if text:
        return line.replace("@CPU@", "/".join(map(str, cpus))).replace(
            "@ESR@", "........")
    return re.escape(line).replace(
        "@CPU@", "(%s)" % "|".join(map(str, cpus))).replace(
        "@ESR@", "([0-9a-f]{8})")


def park_test(kind):
    def test(ctx):
        phase = control(ctx, "attack")[0]
        console = boot_attacker(ctx, "attack", params(timing(phase),
                                                      "attack", kind), kind)
        check_boot(console, "attack", ctx)
        expect_parked(console, kind)
        return console.match("cellblock", parked_line(kind, console))[
            1].group(0)
    return test


def expect_parked(console, kind, cpus=(2,)):
    about = [t for _, s, t in console.entries
             if s == "cellblock" and t.startswith("cell attacker ")]
    want = parked_line(kind, console, cpus)
    if len(about) != 1 or not re.fullmatch(want, about[0]):
        fail("[cellblock] said %r about the attacker, expected one line "
             "%r" % (about, parked_line(kind, console, cpus, True)))
    esr = int(re.fullmatch(want, about[0]).group(2), 16)
    if esr >> 26 != PARKED[kind][1]:
        fail("ESR 0x%08x names class 0x%x" % (esr, esr >> 26))
    announced = next(i for i, line in enumerate(console.lines)
                     if line.startswith("[attacker] attack: %s:" % kind))
    later = [line for line in console.lines[announced + 1:]
             if line.startswith("[attacker] ")]
    if later:
        fail("the attacker went on after the access: %r" % later[:3])


def alone_test(kind):
    def test(ctx):
        phase = control(ctx, "attack")[0]
        console = boot_attacker(ctx, "attack", params(timing(phase),
                                                      "attack", kind), kind,
                                HANG_LIMIT if kind in HANGS else LIMIT)
        check_boot(console, "attack", ctx)
        why, note = kind_result(console, kind)
        if why:
            parked = [t for _, s, t in console.entries
                      if s == "cellblock" and t.startswith("cell attacker")]
            fail("%s%s" % (why, "; the hypervisor: %s" % parked[0]
                           if parked else ""))
        console.find(STOPPED)
        return note
    return test


def test_fault_together(ctx):
    """Both CPUs store outside the cell at once: one line, one park."""
    phase = control(ctx, "attack")[0]
    console = boot_attacker(ctx, "attack", params(
        timing(phase), "attack", "smp-fault-together"), "fault-together")
    check_boot(console, "attack", ctx)
    about = [t for _, s, t in console.entries
             if s == "cellblock" and t.startswith("cell attacker ")]
    _, found = console.match(CELL, r"attack: smp-fault-together: .*, pc "
                             r"0x([0-9a-f]+)")
    want = (r"cell attacker failed on CPU ([23]): %s \(EC 0x24, ESR "
            r"0x[0-9a-f]{8}, PC 0x%s, FAR 0x(4025000[08])\); parked" %
            (DATA, found.group(1)))
    if len(about) != 1 or not re.fullmatch(want, about[0]):
        fail("[cellblock] said %r about the attacker, expected one line "
             "matching %r" % (about, want))
    return about[0]


def reset_test(ctx):
    """The reset loop: RESET_LOOP_RESETS restarts, each leaving CPU 3,
    timers, interrupts, a routed SPI, RAM and the PMU behind; every boot
    finds none of it, every reset takes as long as the first; one restart
    line each. Also reports reset-pmu-state from the same boot."""
    phase = control(ctx, "attack")[0]
    console, reason = run_boot(ctx, "attack", params(
        timing(phase), "attack", "reset-loop"), "reset-loop")
    if console is not None and reason is None:
        try:
            check_boot(console, "attack", ctx)
            restarts = console.find_all("[cellblock] cell attacker "
                                        "restarting (PSCI SYSTEM_RESET on "
                                        "CPU 2)")
            if len(restarts) != RESET_LOOP_RESETS:
                fail("%d restart lines, expected %d" %
                     (len(restarts), RESET_LOOP_RESETS))
            console.find(STOPPED)
        except AssertionError as e:
            reason = "boot: %s" % e
    results = []
    for kind in ("reset-loop", "reset-pmu-state"):
        name = "system/adversarial/" + kind
        if reason:
            results.append((name, reason, None))
            continue
        why, note = kind_result(console, kind)
        if kind == "reset-loop" and not why:
            _, found = console.match(CELL, r"attack: reset-loop: \d+ resets; "
                                     r"(.*)")
            note = found.group(1)
        results.append((name, why, None if why else note))
    return results


def test_reset_together(ctx):
    """Both CPUs call SYSTEM_RESET at once, TOGETHER_RESETS times: one
    restart line each time, and the cell comes back clean."""
    phase = control(ctx, "attack")[0]
    console = boot_attacker(ctx, "attack", params(
        timing(phase), "attack", "smp-reset-together"), "reset-together")
    check_boot(console, "attack", ctx)
    restarts = [t for _, s, t in console.entries if s == "cellblock" and
                re.fullmatch(r"cell attacker restarting \(PSCI SYSTEM_RESET "
                             r"on CPU [23]\)", t)]
    if len(restarts) != TOGETHER_RESETS:
        fail("%d restart lines, expected %d: %s" %
             (len(restarts), TOGETHER_RESETS, restarts))
    why, note = kind_result(console, "smp-reset-together")
    if why:
        fail(why)
    console.find(STOPPED)
    return "%d restarts, one line each; %s" % (TOGETHER_RESETS, note)


# ------------------------------------------------------------ fuzzing

def fuzz_seeds():
    text = os.environ.get(SEEDS_VARIABLE, FUZZ_SEEDS).strip()
    if re.fullmatch(r"\d+", text):
        text = "1-%s" % text
    seeds = []
    for part in text.split(","):
        found = re.fullmatch(r"\s*(\d+)(?:\s*-\s*(\d+))?\s*", part)
        if not found:
            raise ValueError("%s=%r: expected N, A-B or a comma list" %
                             (SEEDS_VARIABLE, text))
        first = int(found.group(1))
        last = int(found.group(2) or first)
        seeds += range(first, last + 1)
    return seeds


def fuzz_calls():
    return int(os.environ.get(CALLS_VARIABLE, FUZZ_CALLS))


def fuzz_test(seed):
    def test(ctx):
        phase = control(ctx, "fuzz")[0]
        calls = fuzz_calls()
        fixed = "%s seed=%010d calls=%09d" % (timing(phase), seed, calls)
        console = boot_attacker(ctx, "fuzz", params(fixed, "pad", ""),
                                "fuzz-%d" % seed)
        check_boot(console, "fuzz", ctx)
        why, _ = kind_result(console, "fuzz")
        if why:
            fail(why)
        made = int(console.match(CELL, r"PASS fuzz checks=(\d+)")[1].group(1))
        if made != calls:
            fail("PASS fuzz checks=%d, expected %d calls" % (made, calls))
        console.find(STOPPED)
        _, found = console.match(CELL, r"fuzz: seed \d+: (.*); end.*")
        return "%d calls: %s" % (made, found.group(1))
    return test


# ------------------------------------------------------------ the doc

def test_doc_table(ctx):
    """docs/adversarial.md's table names every kind of this module, once,
    and nothing else; its totals add up."""
    text = (ctx.source / "docs" / "adversarial.md").read_text()
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", text, re.M)
    kinds = all_kinds()
    missing = sorted(set(kinds) - set(rows))
    extra = sorted(set(rows) - set(kinds))
    twice = sorted({r for r in rows if rows.count(r) > 1})
    if missing or extra or twice:
        fail("docs/adversarial.md: missing %s, not kinds %s, twice %s" %
             (missing, extra, twice))
    total = re.search(r"^Kinds: (\d+)\b", text, re.M)
    if not total or int(total.group(1)) != len(kinds):
        fail("docs/adversarial.md: 'Kinds: N' should say %d" % len(kinds))
    return "%d kinds" % len(kinds)


def collect(options):
    tests = [("system/adversarial/doc-table", test_doc_table)]
    for group in GROUPS:
        tests.append(("system/adversarial/" + group, group_test(group)))
    for kind in PARKED:
        tests.append(("system/adversarial/" + kind, park_test(kind)))
    for kind in ALONE:
        tests.append(("system/adversarial/" + kind, alone_test(kind)))
    tests += [
        ("system/adversarial/smp-fault-together", test_fault_together),
        ("system/adversarial/reset", reset_test),
        ("system/adversarial/smp-reset-together", test_reset_together),
    ]
    for seed in fuzz_seeds():
        tests.append(("system/adversarial/fuzz/seed-%d" % seed,
                      fuzz_test(seed)))
    return tests
