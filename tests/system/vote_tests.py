# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of the comm region and voting in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Every boot has three cells (tests/system/configs/vote_*.dts): the manager
demo (inmates/demos/manager.c) on CPU 0, which may manage every cell; the
voter on CPU 1, a voting cell (comm region read-write at 0x40800000, comm
interrupt SPI 40, 2 ms vote timeout, a kept page for its run counter);
and on CPUs 2-3 either `plain`, which does not vote and has a read-only
comm region and a 1 s watchdog, or `caller`, which may manage the voter.
The voter and the third cell both run inmates/systest/voter.c, which
prints the comm header it finds, a heartbeat (`voter: alive N`), each
message with how it came and its answer. Cell IDs follow the image:
manager 0, voter 1, the third 2. docs/comm-region.md is the protocol.

Under -icount (all but the last), lines are asserted exactly, per cell:
- header-plain: both headers field by field (IDs, CPU counts, flags,
  timeouts, watchdog), and the plain cell shut down with no message;
- approve: the voter approves a shutdown: it stops, the manager sees OK;
- deny: it denies: the manager sees EDENIED, it keeps beating to its end;
- ignore: it never answers: ETIMEDOUT after 2 ms, it keeps running;
- timeout-ticks: the caller cell times the call that times out, in
  counter ticks: at least the timeout, and by how much more (the note);
- restart-scribble: it scribbles over its header, approves a restart: its
  second run finds the header filled in again, the sequence goes on;
- wrong-sequence: an answer naming another sequence is none (times out),
  also for the next message, which the stale answer names;
- late-answer: an answer after the timeout changes nothing;
- stops-during-vote: it powers itself off while asked: the restart goes on
  without a vote (it runs again);
- resets-during-vote: it resets itself while asked: EBUSY, nothing done;
- caller-stops: the asking cell stops while it waits: the request is
  withdrawn, the management action released (a later call is asked);
- destroy: denied, then approved: destroyed;
- read-only-write, read-only-execute: a cell writing its read-only comm
  region, or jumping into it, is parked;
Without -icount:
- real-time: deny then approve, with a 1 s timeout (the wait is bounded
  by the counter, not by instructions).
And doc-matches-abi: docs/comm-region.md's layout table against the
structure of include/cellblock/comm.h.
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
from system_common import (COUNTER_HZ, Console, Paths,
                           expect_matching_lines)

COMM = "comm=0x40800000"
VOTER = COMM + " kept=0x40f00000"
TIMEOUT_US = 2000
TIMEOUT_TICKS = TIMEOUT_US * COUNTER_HZ // 1000000
THIRD = {"vote_plain": "plain", "vote_caller": "caller"}
ALIVE = re.compile(r"voter: alive (\d+)")
STATS = re.compile(r"manager: cell (\d+) stats: .*")
# Counter ticks past the timeout an ETIMEDOUT call may take under -icount:
# the hypervisor's line about it, the cell's way out of the call.
TIMEOUT_SLACK = 1000


# ---------------------------------------------------------------- helpers

def header(cell, cpus, flags, timeout, watchdog=0, when="comm region",
           interrupt=0):
    """voter.c's three lines about a fresh comm region."""
    return ["voter: %s: magic 0x4d4d4f43 revision 1 header 104 bytes" % when,
            "voter: cell %d state 1 (running) frequency %d Hz cpus %d flags "
            "0x%x vote timeout %d us watchdog %d us" %
            (cell, COUNTER_HZ, cpus, flags, timeout, watchdog),
            "voter: interrupt %d, message 0 sequence 0 requester 0, reply 0 "
            "sequence 0" % interrupt]


VOTER_HEADER = header(1, 1, 0x1, TIMEOUT_US, interrupt=40)
SCRIBBLED = [
    "voter: scribbled: magic 0xdeadbeef revision 48879 header 48879 bytes",
    "voter: cell 3735928559 state 3735928559 (?) frequency 3735928559 Hz "
    "cpus 3735928559 flags 0xdeadbeef vote timeout 3735928559 us watchdog "
    "3735928559 us",
    "voter: interrupt 3735928559, message 0 sequence 3735928559 requester "
    "3735928559, reply 0 sequence 0"]


def message(what, sequence, requester=0, how="interrupt"):
    """The voter's line for a message; @how None: either way."""
    text = "voter: message %s, sequence %d, from cell %d (" % (
        what, sequence, requester)
    if how:
        return text + how + ")"
    return re.compile(re.escape(text) + r"(interrupt|polled)\)")


def answering(reply, sequence, shown):
    return "voter: answering %s to sequence %d (the page shows message %s)" \
        % (reply, sequence, shown)


def run(ctx, name, manager, voter, third=("vote_plain", COMM + " beats=1"),
        icount=True, voter_config=None):
    """Boots the manager with steps @manager, the voter with parameters
    @voter and the third cell (config, parameters); returns the Console."""
    paths = Paths(ctx)
    cells = [(paths.test_config("vote_manager"), paths.demo("manager"),
              manager),
             (voter_config or paths.test_config("vote_voter"),
              paths.systest("voter"), voter),
             (paths.test_config(third[0]), paths.systest("voter"), third[1])]
    image = paths.image(name, cells)
    console = Console(qemu.boot(ctx.tmp, kernel=image, icount=icount))
    console.expect_sources(["manager", "voter", THIRD[third[0]]])
    console.expect_off()
    return console


def beats(console, source, lines=None):
    """@source's lines (or the first of them, @lines) without its
    heartbeat, and the heartbeat count, of all its runs; fails unless each
    run's beats are numbered 1, 2, ... in order."""
    rest, count, run_count = [], 0, 0
    for line in console.of(source) if lines is None else lines:
        found = ALIVE.fullmatch(line)
        if not found:
            rest.append(line)
            if re.fullmatch(r"voter: run \d+", line):
                run_count = 0
            continue
        count += 1
        run_count += 1
        if int(found.group(1)) != run_count:
            fail("[%s] %r, expected beat %d; %s" % (source, line, run_count,
                                                    console.describe()))
    return rest, count


def expect_voter(console, want, beat_count=None):
    """The voter's lines but its heartbeat are @want; with @beat_count, it
    beat that often. Returns the beat count."""
    rest, count = beats(console, "voter")
    expect_matching_lines(console, "voter", rest, want)
    if beat_count is not None and count != beat_count:
        fail("[voter] %d heartbeats, expected %d; %s" %
             (count, beat_count, console.describe()))
    return count


def expect_manager(console, want):
    """The manager's lines, its list's stats lines left out."""
    got = [line for line in console.of("manager")
           if not STATS.fullmatch(line)]
    expect_matching_lines(console, "manager", got, want)


def expect_about(console, cell, want):
    """The hypervisor's lines about @cell ("cell NAME ..." and "cell
    NAME: ...") are @want, in order, each without its prefix."""
    got = [line[len("[cellblock] "):] for line in console.raw("cellblock")
           if re.match(r"\[cellblock\] cell %s[ :]" % cell, line)]
    expect_matching_lines(console, "cellblock", got, want)


def beats_after(console, line):
    """The voter beat after console line @line (exact): it still ran."""
    index = console.find(line)
    if not any(i > index and s == "voter" and ALIVE.fullmatch(t)
               for i, s, t in console.entries):
        fail("[voter] no heartbeat after %r: it stopped; %s" %
             (line, console.describe()))


def listed(states):
    """The manager's list=1 lines but stats, @states the three cells'."""
    names = (("manager", 0x1), ("voter", 0x2))
    lines = ["manager: list: 3 cells, this is cell 0"]
    for number, ((name, cpus), state) in enumerate(zip(names, states)):
        lines.append("manager: cell %d %s %s cpus 0x%x" % (number, name,
                                                           state, cpus))
    lines.append("manager: cell 2 plain %s cpus 0xc" % states[2])
    return lines


def asked(what, by="manager"):
    return "cell voter: asked to approve %s by cell %s" % (what, by)


TIMED_OUT = "cell voter: %%s not answered within %d us; refused, " \
    "nothing done" % TIMEOUT_US
OFF = "cell voter stopped (PSCI SYSTEM_OFF on CPU 1)"
PLAIN_OFF = "cell plain stopped (PSCI SYSTEM_OFF on CPU 2)"


# ------------------------------------------------------------------ tests

def frozen(ctx):
    return getattr(ctx, "variant", "full") == "frozen"


def test_header_plain(ctx):
    """Both headers; the plain cell is shut down with no vote (on the
    frozen variant: refused, it runs to its end)."""
    console = run(ctx, "header", "delay_us=3000 shutdown=plain list=1",
                  VOTER + " beats=5", ("vote_plain", COMM + " beats=20"))
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER +
                 ["voter: done, powering off"], 5)
    rest, count = beats(console, "plain")
    plain = header(2, 2, 0x0, 0, watchdog=1000000)
    expect_manager(console, ["manager: shutdown plain: %s" %
                             ("EFROZEN" if frozen(ctx) else "OK")] +
                   listed(["running", "running",
                           "running" if frozen(ctx) else "stopped"]) +
                   ["manager: done"])
    expect_about(console, "voter", [OFF])
    if frozen(ctx):
        expect_matching_lines(console, "plain", rest,
                     plain + ["voter: done, powering off"])
        expect_about(console, "plain", [PLAIN_OFF])
        return "plain beat %d times" % count
    expect_matching_lines(console, "plain", rest, plain)
    if not 1 <= count < 20:
        fail("[plain] %d heartbeats: expected it stopped early" % count)
    expect_about(console, "plain",
                 ["cell plain stopped (shutdown by cell manager)"])
    return "plain beat %d times before its shutdown" % count


def test_frozen(ctx):
    """The frozen variant: every call refused first, no cell is asked."""
    console = run(ctx, "frozen", "delay_us=2000 shutdown=voter "
                  "restart=voter destroy=voter", VOTER + " beats=5")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER +
                 ["voter: done, powering off"], 5)
    expect_about(console, "voter", [OFF])
    expect_manager(console, ["manager: %s voter: EFROZEN" % call for call
                             in ("shutdown", "restart", "destroy")] +
                   ["manager: done"])


def test_approve(ctx):
    """Approved: the voter stops, the manager sees OK."""
    console = run(ctx, "approve", "delay_us=2000 shutdown=voter list=1",
                  VOTER + " beats=20")
    count = expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1),
        answering("approved", 1, "shutdown")])
    if count >= 20:
        fail("[voter] beat %d times: it was not stopped" % count)
    expect_about(console, "voter", [
        asked("shutdown"), "cell voter: approved shutdown",
        "cell voter stopped (shutdown by cell manager)"])
    expect_manager(console, ["manager: shutdown voter: OK"] +
                   listed(["running", "stopped", "stopped"]) +
                   ["manager: done"])


def test_deny(ctx):
    """Denied: EDENIED, and the voter runs on to its own end."""
    console = run(ctx, "deny", "delay_us=2000 shutdown=voter list=1",
                  VOTER + " answer=2 beats=8")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1), answering("denied", 1, "shutdown"),
        "voter: request 1 ended", "voter: done, powering off"], 8)
    expect_about(console, "voter", [
        asked("shutdown"), "cell voter: denied shutdown; nothing done", OFF])
    expect_manager(console, ["manager: shutdown voter: EDENIED"] +
                   listed(["running", "running", "stopped"]) +
                   ["manager: done"])
    beats_after(console, "[manager] manager: shutdown voter: EDENIED")


def test_ignore(ctx):
    """No answer: ETIMEDOUT after the timeout, the voter runs on."""
    console = run(ctx, "ignore", "delay_us=2000 shutdown=voter list=1",
                  VOTER + " answer=0 beats=8")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1), "voter: not answering",
        "voter: request 1 ended", "voter: done, powering off"], 8)
    expect_about(console, "voter", [asked("shutdown"),
                                    TIMED_OUT % "shutdown", OFF])
    expect_manager(console, ["manager: shutdown voter: ETIMEDOUT"] +
                   listed(["running", "running", "stopped"]) +
                   ["manager: done"])
    beats_after(console, "[manager] manager: shutdown voter: ETIMEDOUT")


def test_timeout_ticks(ctx):
    """The caller times the call that times out, in counter ticks."""
    console = run(ctx, "ticks", "delay_us=100", VOTER + " answer=0 beats=8",
                  ("vote_caller", COMM + " beats=4 ask=1 ask_beat=1"))
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1, 2, None), "voter: not answering",
        "voter: request 1 ended", "voter: done, powering off"], 8)
    rest, count = beats(console, "caller")
    pattern = re.compile(r"voter: shutdown 1: ETIMEDOUT after (\d+) "
                         r"counter ticks")
    expect_matching_lines(console, "caller", rest, header(2, 2, 0x0, 0) + [
        pattern, "voter: done, powering off"])
    took = int(pattern.fullmatch(rest[3]).group(1))
    if not TIMEOUT_TICKS <= took <= TIMEOUT_TICKS + TIMEOUT_SLACK:
        fail("the call took %d counter ticks, expected %d (%d us) to %d" %
             (took, TIMEOUT_TICKS, TIMEOUT_US, TIMEOUT_TICKS + TIMEOUT_SLACK))
    expect_about(console, "voter", [asked("shutdown", "caller"),
                                    TIMED_OUT % "shutdown", OFF])
    return "ETIMEDOUT after %d counter ticks, the timeout %d + %d" % (
        took, TIMEOUT_TICKS, took - TIMEOUT_TICKS)


def test_restart_scribble(ctx):
    """Scribbled header, approved restart: refilled, sequence goes on."""
    console = run(ctx, "scribble", "delay_us=2000 restart=voter "
                  "delay_us=2000 shutdown=voter list=1",
                  VOTER + " scribble=1 beats=20")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + SCRIBBLED + [
        message("restart", 1), answering("approved", 1, "restart"),
        "voter: run 2"] + VOTER_HEADER + SCRIBBLED + [
        message("shutdown", 2), answering("approved", 2, "shutdown")])
    expect_about(console, "voter", [
        asked("restart"), "cell voter: approved restart",
        "cell voter restarting (restart by cell manager)",
        asked("shutdown"), "cell voter: approved shutdown",
        "cell voter stopped (shutdown by cell manager)"])
    expect_manager(console, ["manager: restart voter: OK",
                             "manager: shutdown voter: OK"] +
                   listed(["running", "stopped", "stopped"]) +
                   ["manager: done"])


def test_wrong_sequence(ctx):
    """An answer to another sequence is none, also for the next one."""
    console = run(ctx, "sequence", "delay_us=2000 shutdown=voter "
                  "shutdown=voter list=1", VOTER + " answer_seq=1 beats=10")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1), answering("approved", 2, "shutdown"),
        "voter: request 1 ended",
        message("shutdown", 2, how=None),
        answering("approved", 3, "shutdown"),
        "voter: request 2 ended", "voter: done, powering off"], 10)
    expect_about(console, "voter", [asked("shutdown"),
                                    TIMED_OUT % "shutdown",
                                    asked("shutdown"),
                                    TIMED_OUT % "shutdown", OFF])
    expect_manager(console, ["manager: shutdown voter: ETIMEDOUT"] * 2 +
                   listed(["running", "running", "stopped"]) +
                   ["manager: done"])


def test_late_answer(ctx):
    """An answer after the timeout: nothing happens."""
    console = run(ctx, "late", "delay_us=2000 shutdown=voter delay_us=3000 "
                  "list=1", VOTER + " answer_us=3000 beats=10")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1), "voter: request 1 ended",
        answering("approved", 1, "none"), "voter: done, powering off"], 10)
    expect_about(console, "voter", [asked("shutdown"),
                                    TIMED_OUT % "shutdown", OFF])
    expect_manager(console, ["manager: shutdown voter: ETIMEDOUT"] +
                   listed(["running", "running", "stopped"]) +
                   ["manager: done"])
    # The list that shows it running comes after its late answer.
    late = "[voter] " + answering("approved", 1, "none")
    if not console.find(late) < console.find(
            "[manager] manager: cell 1 voter running cpus 0x2"):
        fail("the manager listed the voter before its late answer; %s" %
             console.describe())


def test_stops_during_vote(ctx):
    """It powers itself off while asked: the restart goes on."""
    console = run(ctx, "stops", "delay_us=2000 restart=voter list=1",
                  VOTER + " answer=0 beats=3")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("restart", 1), "voter: not answering",
        "voter: done, powering off", "voter: run 2"] + VOTER_HEADER +
        ["voter: done, powering off"], 6)
    expect_about(console, "voter", [
        asked("restart"), OFF,
        "cell voter: stopped before answering; restart goes on without a "
        "vote", "cell voter restarting (restart by cell manager)", OFF])
    expect_manager(console, ["manager: restart voter: OK"] +
                   listed(["running", "running", "stopped"]) +
                   ["manager: done"])


def test_resets_during_vote(ctx):
    """It resets itself while asked: EBUSY, nothing done."""
    console = run(ctx, "resets", "delay_us=2000 shutdown=voter list=1",
                  VOTER + " answer=0 beats=3 reset=1")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1), "voter: not answering",
        "voter: done, resetting", "voter: run 2"] + VOTER_HEADER +
        ["voter: done, powering off"], 6)
    expect_about(console, "voter", [
        asked("shutdown"),
        "cell voter restarting (PSCI SYSTEM_RESET on CPU 1)",
        "cell voter: restarted before answering; shutdown refused, "
        "nothing done", OFF])
    expect_manager(console, ["manager: shutdown voter: EBUSY"] +
                   listed(["running", "running", "stopped"]) +
                   ["manager: done"])


def test_caller_stops(ctx):
    """The asking cell stops while it waits: the request is withdrawn."""
    console = run(ctx, "caller", "delay_us=6000 shutdown=voter",
                  VOTER + " answer=0 beats=9",
                  ("vote_caller", COMM + " beats=3 ask=1 ask_beat=2 "
                   "second=3 off_us=2500"))
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("shutdown", 1, 2, None), "voter: not answering",
        "voter: request 1 ended", message("shutdown", 2, 0, None),
        "voter: not answering", "voter: request 2 ended",
        "voter: done, powering off"], 9)
    rest, count = beats(console, "caller")
    # Its call never returned: no line about its result.
    expect_matching_lines(console, "caller", rest, header(2, 2, 0x0, 0) +
                 ["voter: cpu 1 ends the cell"])
    if count != 2:
        fail("[caller] %d heartbeats, expected 2 (it asked after the "
             "second)" % count)
    expect_about(console, "caller",
                 ["cell caller stopped (PSCI SYSTEM_OFF on CPU 3)"])
    expect_about(console, "voter", [
        asked("shutdown", "caller"),
        "cell voter: shutdown request withdrawn (cell caller is stopping)",
        asked("shutdown"), TIMED_OUT % "shutdown", OFF])
    expect_manager(console, ["manager: shutdown voter: ETIMEDOUT",
                             "manager: done"])


def test_destroy(ctx):
    """Destroy: denied, then approved."""
    console = run(ctx, "destroy", "delay_us=2000 destroy=voter "
                  "destroy=voter list=1", VOTER + " answer=2 answer2=1 "
                  "beats=20")
    expect_voter(console, ["voter: run 1"] + VOTER_HEADER + [
        message("destroy", 1), answering("denied", 1, "destroy"),
        "voter: request 1 ended", message("destroy", 2, how=None),
        answering("approved", 2, "destroy")])
    expect_about(console, "voter", [
        asked("destroy"), "cell voter: denied destroy; nothing done",
        asked("destroy"), "cell voter: approved destroy",
        "cell voter destroyed (by cell manager)"])
    expect_manager(console, ["manager: destroy voter: EDENIED",
                             "manager: destroy voter: OK"] +
                   listed(["running", "destroyed", "stopped"]) +
                   ["manager: done"])


def read_only_test(probe, said, parked):
    def test(ctx):
        console = run(ctx, "probe", "delay_us=100", VOTER + " beats=2",
                      ("vote_plain", COMM + " probe=%d" % probe))
        expect_matching_lines(console, "plain", console.of("plain"),
                     header(2, 2, 0x0, 0, watchdog=1000000) + [said])
        got = [line for line in console.raw("cellblock")
               if line.startswith("[cellblock] cell plain ")]
        if len(got) != 1 or not re.fullmatch(parked, got[0]):
            fail("[cellblock] lines about plain %s, expected one matching "
                 "%r; %s" % (got, parked, console.describe()))
        expect_about(console, "voter", [OFF])
    return test


def test_real_time(ctx):
    """Without -icount: deny, then approve, with a 1 s timeout."""
    paths = Paths(ctx)
    source = (ctx.source / "tests" / "system" / "configs" /
              "vote_voter.dts").read_text()
    old = "vote-timeout-us = <2000>;"
    if old not in source:
        fail("vote_voter.dts has no %r to replace" % old)
    variant = ctx.tmp / "vote_voter_1s.dts"
    variant.write_text(source.replace(old, "vote-timeout-us = <1000000>;"))
    console = run(ctx, "real", "delay_us=20000 shutdown=voter "
                  "shutdown=voter list=1", VOTER + " answer=2 answer2=1 "
                  "beats=2000", icount=False,
                  voter_config=paths.compile(variant, "vote_voter_1s"))
    want = ["voter: run 1"] + header(1, 1, 0x1, 1000000, interrupt=40) + [
        message("shutdown", 1, how=None), answering("denied", 1, "shutdown"),
        "voter: request 1 ended", message("shutdown", 2, how=None),
        answering("approved", 2, "shutdown")]
    # In real time the voter runs on while the hypervisor stops it: a
    # heartbeat may still come after its approval, or the end of the
    # request (ended before the shutdown), or a line cut where its CPU
    # stopped (its partial line is printed as it stops); no other message
    # or answer.
    lines = console.of("voter")
    last = answering("approved", 2, "shutdown")
    if last not in lines:
        fail("[voter] no line %r; %s" % (last, console.describe()))
    cut = lines.index(last) + 1
    rest, _ = beats(console, "voter", lines[:cut])
    expect_matching_lines(console, "voter", rest, want)
    after = [line for line in lines[cut:]
             if line.startswith(("voter: message", "voter: answering",
                                 "voter: done"))]
    if after:
        fail("[voter] %s after its approval; %s" % (after,
                                                    console.describe()))
    expect_about(console, "voter", [
        asked("shutdown"), "cell voter: denied shutdown; nothing done",
        asked("shutdown"), "cell voter: approved shutdown",
        "cell voter stopped (shutdown by cell manager)"])
    expect_manager(console, ["manager: shutdown voter: EDENIED",
                             "manager: shutdown voter: OK"] +
                   listed(["running", "stopped", "stopped"]) +
                   ["manager: done"])


# Sizes and alignments of the field types comm.h uses.
C_TYPES = {"uint16_t": 2, "uint32_t": 4, "uint64_t": 8}


def comm_layout(header_text):
    """(offset, size, name) of each field of struct cb_comm_region."""
    body = re.search(r"struct cb_comm_region \{(.*?)\n\};", header_text,
                     re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    fields, offset = [], 0
    for kind, name, count in re.findall(
            r"(?:volatile\s+)?(uint\d+_t)\s+(\w+)(?:\[(\d+)\])?;", body):
        size = C_TYPES[kind]
        offset = (offset + size - 1) // size * size
        total = size * int(count or 1)
        fields.append((offset, total, name))
        offset += total
    return fields, offset


def test_doc_matches_abi(ctx):
    """docs/comm-region.md's layout table against comm.h's structure."""
    header_text = (ctx.source / "include" / "cellblock" /
                   "comm.h").read_text()
    doc = (ctx.source / "docs" / "comm-region.md").read_text()
    fields, size = comm_layout(header_text)
    documented = [(int(offset, 16), int(length), name) for offset, length,
                  name in re.findall(r"^\| (0x[0-9a-f]+) \| (\d+) \| "
                                     r"`(\w+)(?:\[\d+\])?` \|", doc, re.M)]
    if documented != fields:
        fail("docs/comm-region.md lists %s, comm.h has %s" %
             (documented, fields))
    stated = re.search(r"_Static_assert\(sizeof\(struct cb_comm_region\) "
                       r"== (\d+)", header_text)
    if not stated or int(stated.group(1)) != size:
        fail("the fields add up to %d bytes, comm.h asserts %s" %
             (size, stated and stated.group(1)))
    if "%d bytes" % size not in doc:
        fail("docs/comm-region.md does not give the header's size, %d "
             "bytes" % size)
    for name in ("CB_COMM_MAGIC 0x4d4d4f43u", "CB_COMM_REVISION 1"):
        if name not in header_text:
            fail("comm.h has no %r: the tests' expected header is stale" %
                 name)
    return "%d fields, %d bytes" % (len(fields), size)


# Voting is management, which the frozen variant refuses before any
# vote; the comm region is in both (collect() picks).
VARIANTS = ("full", "frozen")


def collect(options):
    both = [
        ("system/vote/header-plain", test_header_plain),
        ("system/vote/read-only-write", read_only_test(
            1, "voter: writing the comm region's answer",
            r"\[cellblock\] cell plain failed on CPU 2: write to the comm "
            r"region \(read-only\) \(EC 0x24, ESR 0x[0-9a-f]{8}, "
            r"PC 0x[0-9a-f]+, FAR 0x40800038\); parked")),
        ("system/vote/read-only-execute", read_only_test(
            2, "voter: jumping into the comm region",
            r"\[cellblock\] cell plain failed on CPU 2: instruction fetch "
            r"outside the cell \(EC 0x20, ESR 0x[0-9a-f]{8}, PC 0x40800000, "
            r"FAR 0x40800000\); parked")),
    ]
    if getattr(options, "variant", "full") == "frozen":
        return both + [("system/vote/frozen", test_frozen)]
    return both + [
        ("system/vote/approve", test_approve),
        ("system/vote/deny", test_deny),
        ("system/vote/ignore", test_ignore),
        ("system/vote/timeout-ticks", test_timeout_ticks),
        ("system/vote/restart-scribble", test_restart_scribble),
        ("system/vote/wrong-sequence", test_wrong_sequence),
        ("system/vote/late-answer", test_late_answer),
        ("system/vote/stops-during-vote", test_stops_during_vote),
        ("system/vote/resets-during-vote", test_resets_during_vote),
        ("system/vote/caller-stops", test_caller_stops),
        ("system/vote/destroy", test_destroy),
        ("system/vote/real-time", test_real_time),
        ("system/vote/doc-matches-abi", test_doc_matches_abi),
    ]
