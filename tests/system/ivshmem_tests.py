# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of shared-memory links (docs/ivshmem.md) with
bare-metal peers, in QEMU virt.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
The demo system (configs/qemu-virt/system-link.dts: hello, rt, and ping
and pong, the peers of link "pingpong") and the test system
(tests/system/configs/link_system.dts: hello, rt, and alpha and beta, the
peers of link "pp" at guest 0x10000000 and 0x20000000, 8 KiB outputs)
run the inmates of inmates/demos/pingpong.c and inmates/systest/link_*.c.

- system/ivshmem/pingpong: the demo image (`make run DEMO=link`) passes
  5 messages each way, each printed with its exact text, in strict turn;
  pingpong-real-time: the same without -icount;
- system/ivshmem/parked-output, parked-state, parked-past: a peer that
  writes the other's output section, the state table or BAR 2 past the
  memory is parked with one line, and the other peer sees its state word
  become 0 with an interrupt; common-write: the common section is
  writable (the control);
- system/ivshmem/doorbell-refused: doorbells to a peer ID past the last,
  the largest ID, the caller itself, or a vector that does not exist read
  back NO_PEER, NO_PEER, SELF, VECTOR, and the other peer has nothing
  pending and no interrupt;
- system/ivshmem/config-space: IDs, command bits, BAR sizing, INTx
  disable and status bit 3 (inmates/systest/link_config.c);
- system/ivshmem/non-member: rt, in no link, finds no device on its bus
  while alpha and beta ping-pong;
- system/ivshmem/restart: a peer that restarts (SYSTEM_RESET) is seen
  going to 0 with an interrupt, then to what it publishes after;
- system/ivshmem/rt-undisturbed: rt's ticks are byte-identical while ping
  and pong exchange 5000 messages each way as fast as they can, and
  while they stay idle.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import build_product, fail
import qemu
from system_common import (Console, Paths, Ticks, boot, check_hello,
                           expect_equal_lines, expect_pass)


# ------------------------------------------------------------ helpers

def demo_link_cells(paths, ping, pong, rt="period_us=1000 ticks=10"):
    """The demo link system's four cells: hello, rt (ticker with @rt),
    ping and pong running pingpong with @ping and @pong."""
    pingpong = paths.demo("pingpong")
    return [(paths.config("hello"), paths.demo("hello"), None),
            (paths.config("rt"), paths.demo("ticker"), rt),
            (paths.config("ping"), pingpong, ping),
            (paths.config("pong"), pingpong, pong)]


def demo_link_image(paths, name, ping, pong, rt="period_us=1000 ticks=10"):
    return paths.image(name, demo_link_cells(paths, ping, pong, rt),
                       system=paths.config("system-link"))


def test_link_image(paths, name, alpha, beta, rt=None):
    """The test link system's image; @alpha, @beta, @rt: (payload,
    params) of those cells (rt default: the ticker, 5 ticks)."""
    rt = rt or (paths.demo("ticker"), "period_us=1000 ticks=5")
    cells = [(paths.config("hello"), paths.demo("hello"), None),
             (paths.config("rt"),) + rt,
             (paths.test_config("link_alpha"),) + alpha,
             (paths.test_config("link_beta"),) + beta]
    return paths.image(name, cells, system=paths.test_config("link_system"))


def expect_lines(console, cell, want):
    expect_equal_lines("[%s]" % cell, console.of(cell), want, console)


def expect_before(console, first, second, what):
    a, b = console.find(first), console.find(second)
    if not a < b:
        fail("%s: %r (line %d) is not before %r (line %d); %s" %
             (what, first, a + 1, second, b + 1, console.describe()))


def pingpong_lines(peer, count, memory, output, messages=True):
    other = 1 - peer
    word = "pong" if peer == 0 else "ping"
    lines = ["pingpong: peer %d of 2, device 0, memory 0x%x, output "
             "sections of %d bytes, SPI 100, count=%d" % (peer, memory,
                                                          output, count)]
    if messages:
        lines += ["pingpong: received '%s %d' from peer %d" % (word, n,
                                                               other)
                  for n in range(1, count + 1)]
    return lines + ["pingpong: %d messages each way, done" % count]


# ------------------------------------------------------------ tests

PINGPONG_COUNT = 5


def check_demo(console, exact_ticks):
    """What build/images/link.img prints: ping sends "ping N", pong
    answers "pong N", each prints what it read from the other's output
    section; strict turns (pong's line N before ping's line N before
    pong's line N + 1); rt ticks 20 times (exactly 1 ms apart only under
    -icount: @exact_ticks)."""
    console.expect_sources(["hello", "rt", "ping", "pong"])
    expect_lines(console, "ping",
                 pingpong_lines(0, PINGPONG_COUNT, 0x10000000, 4096))
    expect_lines(console, "pong",
                 pingpong_lines(1, PINGPONG_COUNT, 0x10000000, 4096))
    order = []
    for n in range(1, PINGPONG_COUNT + 1):
        order += ["[pong] pingpong: received 'ping %d' from peer 0" % n,
                  "[ping] pingpong: received 'pong %d' from peer 1" % n]
    for first, second in zip(order, order[1:]):
        expect_before(console, first, second, "message order")
    for cell, cpu in (("ping", 2), ("pong", 3)):
        console.find("[cellblock] cell %s stopped (PSCI SYSTEM_OFF on CPU "
                     "%d)" % (cell, cpu))
    check_hello(console)
    ticks = Ticks(console, "rt", 1000, 20)
    if exact_ticks:
        ticks.expect_exact_spacing()
    else:
        ticks.expect_latencies_at_least_zero()
    console.expect_off()


def test_pingpong(ctx):
    """The demo, build/images/link.img as `make run DEMO=link` boots it
    (the top Makefile), under -icount."""
    check_demo(boot(ctx, Paths(ctx).built_image("link")),
               True)
    return "%d messages each way, in turn" % PINGPONG_COUNT


def test_pingpong_real_time(ctx):
    """The same image in real time (no -icount): the peers' waits (the
    other peer coming up, each answer) hold with the host's timing too."""
    image = Paths(ctx).built_image("link")
    check_demo(Console(qemu.boot(ctx.tmp, kernel=image, icount=False)),
               False)
    return "%d messages each way, in turn" % PINGPONG_COUNT


# link_poke's targets (inmates/systest/link_poke.c): number, address
# (beta's view: guest 0x20000000, 4 KiB state table, 4 KiB common,
# 8 KiB outputs, BAR 2 32 KiB), what it prints, and the hypervisor's
# description of the refused write.
POKES = {
    "output": (0, 0x20002000, "the other peer's output section",
               "write to link pp's output section of peer 0 (read-only)"),
    "state": (1, 0x20000004, "this peer's state word",
              "write to link pp's state table (read-only)"),
    "past": (2, 0x20007ffc, "BAR 2 past the link's memory",
             "write to link pp's BAR 2 past its memory (unmapped)"),
    "common": (3, 0x20001000, "the common section", None),
}


def check_poke(ctx, target):
    number, address, what, refused = POKES[target]
    paths = Paths(ctx)
    image = test_link_image(
        paths, "poke-" + target,
        alpha=(paths.systest("link_watch"), "changes=2"),
        beta=(paths.systest("link_poke"), "target=%d" % number))
    console = boot(ctx, image)
    console.expect_sources(["hello", "rt", "alpha", "beta"])
    writing = "link_poke: writing 0xbadc0de to 0x%x, %s" % (address, what)
    beta = ["RUN link_poke", writing]
    state = "0x0" if refused else "0x2"
    alpha = ["RUN link_watch", "link_watch: peer 1 state 0x1",
             "link_watch: interrupt: peer 1 state %s" % state,
             "PASS link_watch checks=2"]
    expect_lines(console, "alpha", alpha)
    seen = "[alpha] link_watch: interrupt: peer 1 state %s" % state
    if refused:
        expect_lines(console, "beta", beta)
        parked = (r"\[cellblock\] cell beta failed on CPU 3: " +
                  re.escape(refused) +
                  r" \(EC 0x24, ESR 0x[0-9a-f]{8}, PC 0x[0-9a-f]+, "
                  r"FAR 0x%x\); parked" % address)
        index = next((i for i, line in enumerate(console.lines)
                      if re.fullmatch(parked, line)), None)
        if index is None:
            fail("no line matches %r; %s" % (parked, console.describe()))
        if not index < console.find(seen):
            fail("alpha saw beta's state change before beta was parked")
        note = console.lines[index]
    else:
        expect_lines(console, "beta", beta + [
            "link_poke: the write went through", "PASS link_poke checks=1"])
        if any("cell beta failed" in line for line in console.lines):
            fail("beta was parked for writing the common section; %s" %
                 console.describe())
        console.find("[cellblock] cell beta stopped (PSCI SYSTEM_OFF on "
                     "CPU 3)")
        note = "the write went through, alpha saw state 0x2"
    check_hello(console)
    Ticks(console, "rt", 1000, 5).expect_exact_spacing()
    console.expect_off()
    return note


def test_parked_output(ctx):
    """beta writes alpha's output section: parked; alpha sees 0."""
    return check_poke(ctx, "output")


def test_parked_state(ctx):
    """beta writes its own word of the state table: parked."""
    return check_poke(ctx, "state")


def test_parked_past(ctx):
    """beta writes BAR 2 past the link's memory: parked."""
    return check_poke(ctx, "past")


def test_common_write(ctx):
    """The control: beta's write of the common section goes through."""
    return check_poke(ctx, "common")


BELL_LINES = [
    "RUN link_bell",
    "link_bell: doorbell 0x20000 (peer ID past the last): 1 NO_PEER",
    "link_bell: doorbell 0xffff0000 (largest peer ID): 1 NO_PEER",
    "link_bell: doorbell 0x00000 (itself): 2 SELF",
    "link_bell: doorbell 0x10001 (no such vector): 3 VECTOR",
    "link_bell: request 2: doorbell to peer 1: 0 OK",
    "link_bell: request 3: doorbell to peer 1: 0 OK",
    "link_bell: the tester stopped",
    "PASS link_bell checks=2",
]


def config_boot(ctx, name):
    """alpha rings for beta, which tests its device (link_config.c)."""
    paths = Paths(ctx)
    console = boot(ctx, test_link_image(
        paths, name, alpha=(paths.systest("link_bell"), None),
        beta=(paths.systest("link_config"), None)))
    console.expect_sources(["hello", "rt", "alpha", "beta"])
    expect_lines(console, "alpha", BELL_LINES)
    checks, _ = expect_pass(console, "beta", "link_config", run_first=True)
    console.expect_off()
    return console, checks


def test_doorbell_refused(ctx):
    """Refused doorbells read back their reason and raise nothing at the
    other peer: link_config checks INT_STATUS 0 and no interrupt at the
    GIC after them, then that a real doorbell does raise both."""
    console, _ = config_boot(ctx, "doorbell")
    expect_before(console, "[alpha] " + BELL_LINES[4],
                  "[alpha] " + BELL_LINES[5], "refused before real")
    return "NO_PEER, NO_PEER, SELF, VECTOR; nothing pending at beta"


def test_config_space(ctx):
    """Config space and INTx as a driver relies on them."""
    console, checks = config_boot(ctx, "config")
    expect_lines(console, "beta", [
        "RUN link_config",
        "link_config: %d checks of config space, BARs and INTx" % checks,
        "PASS link_config checks=%d" % checks])
    return "%d checks" % checks


def test_non_member(ctx):
    """rt is in no link: its bus 0 is empty (vendor 0xffff everywhere),
    while alpha and beta, at other guest addresses, ping-pong."""
    paths = Paths(ctx)
    pingpong = (paths.demo("pingpong"), "count=2")
    console = boot(ctx, test_link_image(
        paths, "non-member", alpha=pingpong, beta=pingpong,
        rt=(paths.systest("link_absent"), None)))
    console.expect_sources(["hello", "rt", "alpha", "beta"])
    expect_lines(console, "rt", [
        "RUN link_absent",
        "link_absent: 32 devices on bus 0, none present",
        "PASS link_absent checks=3"])
    expect_lines(console, "alpha", pingpong_lines(0, 2, 0x10000000, 8192))
    expect_lines(console, "beta", pingpong_lines(1, 2, 0x20000000, 8192))
    console.expect_off()
    return "32 devices read 0xffff"


def test_restart(ctx):
    """beta restarts once: alpha sees 0x1, then 0x0 (the hypervisor, at
    the restart, with an interrupt), 0x2 (beta's second boot), 0x0 (its
    SYSTEM_OFF)."""
    paths = Paths(ctx)
    console = boot(ctx, test_link_image(
        paths, "restart", alpha=(paths.systest("link_watch"), "changes=4"),
        beta=(paths.systest("link_restart"), None)))
    console.expect_sources(["hello", "rt", "alpha", "beta"])
    expect_lines(console, "alpha", [
        "RUN link_watch", "link_watch: peer 1 state 0x1",
        "link_watch: interrupt: peer 1 state 0x0",
        "link_watch: interrupt: peer 1 state 0x2",
        "link_watch: interrupt: peer 1 state 0x0",
        "PASS link_watch checks=4"])
    expect_lines(console, "beta", [
        "RUN link_restart", "link_restart: boot 1",
        "link_restart: SYSTEM_RESET",
        "RUN link_restart", "link_restart: boot 2",
        "PASS link_restart checks=2"])
    order = ["[beta] link_restart: SYSTEM_RESET",
             "[cellblock] cell beta restarting (PSCI SYSTEM_RESET on CPU 3)",
             "[alpha] link_watch: interrupt: peer 1 state 0x0",
             "[beta] link_restart: boot 2",
             "[alpha] link_watch: interrupt: peer 1 state 0x2",
             "[cellblock] cell beta stopped (PSCI SYSTEM_OFF on CPU 3)"]
    for first, second in zip(order, order[1:]):
        expect_before(console, first, second, "restart order")
    console.expect_off()
    return "0x1, 0x0, 0x2, 0x0, each with an interrupt"


UNDISTURBED_COUNT = 5000


def test_rt_undisturbed(ctx):
    """rt (CPU 1) ticks 10 times while ping and pong (CPUs 2, 3) exchange
    5000 messages each way without printing, doorbell after doorbell;
    its lines are byte-identical to a run where they exchange none (the
    same binaries, parameters of the same length)."""
    paths = Paths(ctx)
    runs = {}
    for count in (UNDISTURBED_COUNT, 0):
        params = "count=%04d quiet=1" % count
        runs[count] = boot(ctx, demo_link_image(
            paths, "undisturbed-%d" % count, params, params))
        runs[count].expect_sources(["hello", "rt", "ping", "pong"])
        runs[count].expect_off()
    busy, idle = runs[UNDISTURBED_COUNT], runs[0]
    for peer, cell in ((0, "ping"), (1, "pong")):
        expect_lines(busy, cell, pingpong_lines(
            peer, UNDISTURBED_COUNT, 0x10000000, 4096, messages=False))
        expect_lines(idle, cell, pingpong_lines(peer, 0, 0x10000000, 4096,
                                                messages=False))
    ticks = Ticks(busy, "rt", 1000, 10)
    ticks.expect_exact_spacing()
    # The exchange spans every tick: started before the first, ended
    # after the last; otherwise the comparison shows nothing.
    started = busy.find("[ping] " + pingpong_lines(
        0, UNDISTURBED_COUNT, 0x10000000, 4096, messages=False)[0])
    ended = busy.find("[ping] pingpong: %d messages each way, done" %
                      UNDISTURBED_COUNT)
    if not started < ticks.indexes[0] or not ticks.done < ended:
        fail("the exchange (lines %d to %d) does not span rt's ticks (%d "
             "to %d)" % (started + 1, ended + 1, ticks.indexes[0] + 1,
                         ticks.done + 1))
    expect_equal_lines("[rt] busy vs idle", busy.raw("rt"), idle.raw("rt"),
                       busy)
    return "rt identical with %d round trips beside it, %s" % (
        UNDISTURBED_COUNT, ticks.latency_note())


def collect(options):
    return [
        ("system/ivshmem/pingpong", test_pingpong),
        ("system/ivshmem/pingpong-real-time", test_pingpong_real_time),
        ("system/ivshmem/parked-output", test_parked_output),
        ("system/ivshmem/parked-state", test_parked_state),
        ("system/ivshmem/parked-past", test_parked_past),
        ("system/ivshmem/common-write", test_common_write),
        ("system/ivshmem/doorbell-refused", test_doorbell_refused),
        ("system/ivshmem/config-space", test_config_space),
        ("system/ivshmem/non-member", test_non_member),
        ("system/ivshmem/restart", test_restart),
        ("system/ivshmem/rt-undisturbed", test_rt_undisturbed),
    ]
