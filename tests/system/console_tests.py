# SPDX-License-Identifier: GPL-2.0-only
"""The console with input: the emulated PL011's receive path and
interrupt, the input focus, and the output of the cell that owns the
terminal (docs/hypervisor.md, "The console").

Loaded by tests/run.py (see its docstring); how system tests boot is told
in system_common.py. One image: cells term1 (CPU 0) and term2 (CPUs 1-3, of which it starts only 1)
with emulated consoles (tests/system/configs/term*.dts), both running
inmates/systest/vuart_irq.c (role=1 and role=2; its header says what each
checks in the cell). The test types into QEMU's serial (qemu.py, typed=):

1. when term1 shows its prompt `vuart_irq: type a line> ` (no newline:
   the focused, listening cell's partial line is on the terminal before
   its newline) and term2 has said it waits, `hello` CR: term1 takes it
   by interrupt, echoes it and prints `vuart_irq: line 'hello' ...`;
2. 545 characters while term1 masks its receive interrupts: the 545th
   overflows its 32-byte FIFO and the 512 bytes of type-ahead behind it
   (checked in the cell);
3. Ctrl-A three times: `[cellblock] console input: term2 (...)`;
4. Ctrl-A twice, `world` CR: term2 gets all of it (Ctrl-A typed fewer
   than three times is delivered), term1 none;
5. term2 stops: the focus goes back to term1 (a line says so); `q` ends
   term1 and the run.

Asserted from the console: both cells' PASS lines; the focus lines, in
order, and only they; what each cell echoed and received; term1's ANSI,
tab and CR output passing through raw while it owns the terminal (a CR
redraws the prefix), and term2's escaped while it does not; and the rule
for a partial line when another line must be printed: it is ended, and
the owner's output goes on on a fresh prefixed line. Input arrives at a
host-dependent virtual time, so the test asserts content, never ticks;
it runs under -icount (system/console/input) and without it
(system/console/input-realtime).
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
from system_common import POWER_OFF, Console, Paths, expect_pass

CTRL_A = b"\x01"
FOCUS = "console input: %s (Ctrl-A three times switches)"
PROMPT = "vuart_irq: type a line> "
WAITING = "vuart_irq: waiting for input"
# 32 bytes of FIFO and 512 of type-ahead kept, then one too many.
OVERFLOW = bytes(ord("a") + i % 26 for i in range(32 + 512 + 1))


def both_wait(output, start):
    """A typed= step (qemu.py): term1 has shown its prompt, wherever other
    lines cut it, and term2 its waiting line, in either order."""
    lines = [Console.LINE.fullmatch(line) for line in
             output.decode("utf-8", "replace").splitlines()]
    term1 = "".join(m.group(2) for m in lines if m and m.group(1) == "term1")
    waiting = any(m and m.group(1) == "term2" and m.group(2) == WAITING
                  for m in lines)
    return len(output) if PROMPT in term1 and waiting else None


FAILED = re.compile(rb"\[term\d\] FAIL [^\r\n]*")


def unless_failed(wait):
    """A typed= step that fails at once when a cell has failed its test:
    the other cell would wait for input that never comes."""
    def step(output, start):
        failed = FAILED.search(output)
        if failed:
            fail("%s (while waiting: %s)" % (
                failed.group().decode("utf-8", "replace"),
                " ".join((wait.__doc__ or "").split()[:8])))
        return wait(output, start)
    step.__doc__ = wait.__doc__
    return step


def printed(source, text):
    """A typed= step: [@source] @text has been printed, whole (CR LF)."""
    pattern = re.compile(re.escape(("[%s] %s\r\n" % (source,
                                                      text)).encode()))

    def wait(output, start):
        match = pattern.search(output, start)
        return match.end() if match else None
    wait.__doc__ = "[%s] %s" % (source, text)
    return wait


def typed_steps():
    """What the test types, each after what it waits for (qemu.py). The
    lines waited for are whole: the cell prints nothing more until it gets
    input, so no switch of the focus cuts one."""
    steps = [
        (both_wait, b"hello\r"),
        (printed("term1", "vuart_irq: masked; type 545 characters"),
         OVERFLOW),
        (printed("term1", "vuart_irq: now switch to the other cell"),
         CTRL_A * 3),
        (printed("cellblock", FOCUS % "term2"), CTRL_A * 2 + b"world\r"),
        (printed("cellblock", FOCUS % "term1"), b"q"),
    ]
    return [(unless_failed(wait), text) for wait, text in steps]


def run(ctx, icount):
    paths = Paths(ctx)
    program = paths.systest("vuart_irq")
    image = paths.image("console", [
        (paths.test_config("term1"), program, "role=1"),
        (paths.test_config("term2"), program, "role=2"),
    ])
    return Console(qemu.boot(ctx.tmp, kernel=image, icount=icount,
                             typed=typed_steps()))


def echoed(console, source, start, end):
    """The text of @source's lines between console lines @start and @end
    (exclusive), run together: what it echoed, wherever other lines cut
    it."""
    return "".join(text for i, s, text in console.entries
                   if s == source and start < i < end)


def check_focus_lines(console):
    """The focus is said at boot, at the switch, and when term2 stops; no
    other hypervisor line speaks of it. Returns their indexes."""
    said = [(i, t) for i, s, t in console.entries
            if s == "cellblock" and t.startswith("console input")]
    want = [FOCUS % "term1", FOCUS % "term2", FOCUS % "term1"]
    if [t for _, t in said] != want:
        fail("focus lines %r, expected %r; %s" %
             ([t for _, t in said], want, console.describe()))
    ready = console.find("[cellblock] 2 of 2 cells ready; starting")
    if said[0][0] != ready + 1:
        fail("the boot's focus line does not follow the ready line")
    stopped = console.find("[cellblock] cell term2 stopped (PSCI SYSTEM_OFF "
                           "on CPU 1)")
    if said[2][0] != stopped + 1:
        fail("the focus did not move to term1 as term2 stopped; %s" %
             console.describe())
    return [i for i, _ in said]


def check_first_line(console, icount):
    """term1's prompt and its echo of `hello`, which other lines may cut
    (the partial-line rule) but never garble; under -icount term2's
    waiting line comes while the prompt is unfinished (vuart_irq.c), and
    the rule is checked exactly: the prompt's line ended, term2's line
    whole, the echo on a fresh line with term1's prefix."""
    run = console.find("[term1] RUN vuart_irq")
    got = console.match("term1", r"vuart_irq: line 'hello' \((\d+) "
                        r"interrupts\)")[0]
    shown = echoed(console, "term1", run, got)
    if shown != PROMPT + "hello":
        fail("[term1] showed %r before its line, expected its prompt and "
             "the echo of 'hello'; %s" % (shown, console.describe()))
    if not icount:
        return None
    prompt = console.find("[term1] " + PROMPT)
    if console.lines[prompt + 1:prompt + 3] != ["[term2] " + WAITING,
                                                "[term1] hello"]:
        fail("after term1's unfinished prompt, lines %r, expected term2's "
             "line, then '[term1] hello'; %s" %
             (console.lines[prompt + 1:prompt + 3], console.describe()))
    return "term2's line ended term1's unfinished prompt"


def check_raw_output(console):
    """term1 owned the terminal: its ANSI sequence, tab and CR passed raw
    (the CR redraws its prefix); term2 did not: its are escaped."""
    raw = console.result.output
    for want in [b"[term1] vuart_irq: raw \x1b[1mbold\x1b[0m\ttab\r\n",
                 b"[term1] vuart_irq: cr 12345\r[term1] XY\r\n"]:
        if want not in raw:
            fail("%r did not reach the terminal as it was written" % want)
    console.find("[term2] vuart_irq: raw \\x1b[1mbold\\x1b[0m\ttab")


def check_input(ctx, icount):
    console = run(ctx, icount)
    console.expect_banner()
    console.expect_sources(["term1", "term2"])
    console.expect_off()
    expect_pass(console, "term1", "vuart_irq", run_first=True)
    expect_pass(console, "term2", "vuart_irq", run_first=True)
    focus = check_focus_lines(console)
    note = check_first_line(console, icount)
    check_raw_output(console)
    got = console.match("term2", r"vuart_irq: line '\.\.world' bytes 01 01 "
                        r"77 6f 72 6c 64")[0]
    if not focus[1] < got < focus[2]:
        fail("term2 took its line outside its focus")
    if echoed(console, "term2", focus[1], got) != "world":
        fail("[term2] echoed %r, expected 'world'" %
             echoed(console, "term2", focus[1], got))
    for source, text in (("term1", "world"), ("term2", "hello")):
        if any(text in t for t in console.of(source)):
            fail("[%s] shows %r, typed while the other cell had the focus" %
                 (source, text))
    done = console.find("[term1] vuart_irq: got q")
    if not focus[2] < done < len(console.lines) - 1 or \
            console.lines[-1] != POWER_OFF:
        fail("term1 did not take `q` once the focus came back; %s" %
             console.describe())
    return note


def test_input(ctx):
    return check_input(ctx, icount=True)


def test_input_realtime(ctx):
    return check_input(ctx, icount=False)


def collect(options):
    return [("system/console/input", test_input),
            ("system/console/input-realtime", test_input_realtime)]
