# SPDX-License-Identifier: GPL-2.0-only
"""Debian's own arm64 kernel in a cell (docs/linux.md), driven through the
console as a user would: the kernel and busybox-static as Debian ships
them (scripts/fetch-debian-arm64.sh), the initramfs of
scripts/make-initramfs.sh, whose /init (inmates/linux/init) prints what
the cell's Linux sees in `init: ` lines and starts a shell.

One run under -icount (the image: linux on CPUs 2-3, first, so that the
console's input goes to it; hello on CPU 0; a ticker forever on CPU 1)
goes through a cell's life, each step its own result:

- linux/boot: the kernel boots on the cell's first CPU with the
  generated device tree and reaches /init, which sees 2 CPUs, the cell's
  256 MiB, the device-tree nodes the tool generated, the timer and UART
  interrupts, and the console on ttyAMA0;
- linux/console-input: a line typed into QEMU's serial reaches the
  shell through the emulated UART (its receive interrupt) and the
  shell's answer comes back;
- linux/cpu-hotplug: CPU 1 of the cell goes offline (PSCI CPU_OFF) and
  online again (CPU_ON);
- linux/reboot: `reboot -f` restarts only the cell from its image, twice,
  and each boot's /init prints the same lines;
- linux/panic: a kernel panic (sysrq c) with panic=-1 ends in PSCI
  SYSTEM_RESET, and the cell restarts;
- linux/poweroff: `poweroff -f` stops only the cell: the ticker goes on;
- linux/beside-hello and linux/beside-ticker: hello prints exactly its
  lines, and the ticker takes every interrupt, in order, one period apart
  within LINUX_NEIGHBOUR_SLACK (below).

linux/real-time: the same kernel without -icount, to /init, input, and
poweroff, after which the machine switches itself off.

linux/demo-image: build/images/linux.img, what `make run DEMO=linux`
boots (inmates/linux/linux.mk), as the README and docs/linux.md show it:
the banner, the console's input on linux from the start, the shell
answering, and after `poweroff -f` the ticker's ten ticks and the machine
off.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import build_product, debian_arm64, fail
from serial_session import Session
from system_common import COUNTER_HZ, LOAD, Paths, check_hello

BOOTARGS = "console=ttyAMA0 panic=-1"
TICK_US = 100000            # the ticker beside Linux: every 100 ms
# Under -icount QEMU runs the CPUs in turn on one thread, and a CPU keeps
# its turn until it waits or its slice ends: a Linux CPU in a stretch
# that does not wait (an IPI handler, a page fault; thousands of
# instructions) delays the ticker's interrupt by that much, as seen up to
# 512 counter ticks (8 us). A bare-metal neighbour yields within a tick
# (BUSY_NEIGHBOUR_SLACK); Linux does not, and its timing depends on when
# the test's input arrives, which is host time. So the bound is 1 ms: far
# above what QEMU's turns cost, far below a missed or doubled period (the
# faults the test is for). The figures with Linux beside are make bench's
# (timer-linux-*).
LINUX_NEIGHBOUR_SLACK = 62500
INIT_LINES = [
    None,                   # cntvct: the counter when /init started
    "cpus online 0-1",
    "processors 2",
    None,                   # MemTotal: what the kernel leaves of 256 MiB
    "memory nodes memory@40000000",
    None,                   # the device tree's nodes: DT_NODES
    "interrupts arch_timer,uart-pl011",
    "console ttyAMA0",
    "ready",
]
DT_NODES = ("aliases apb-pclk chosen cpus intc@8000000 memory@40000000 "
            "pl011@9000000 psci timer")
MEMORY = r"\[ *[\d.]+\] Memory: \d+K/262144K available .*"


def linux_paths(ctx):
    """The tool's paths, Debian's kernel (where inmates/linux/linux.mk
    takes it from) and the initramfs the build made."""
    paths = Paths(ctx)
    kernel = build_product(debian_arm64() / "Image", "deps")
    initrd = build_product(ctx.build / "linux" / "initramfs.cpio")
    return paths, kernel, initrd


def linux_image(ctx, name, ticker_params):
    """linux first (so the console's input goes to it from the start),
    then hello, and a ticker with @ticker_params as rt."""
    paths, kernel, initrd = linux_paths(ctx)
    output = ctx.tmp / (name + ".img")
    args = [paths.tool, "image", "-o", output, paths.hypervisor,
            paths.config("system-linux"),
            "--cell", paths.config("linux"),
            "--linux", kernel, "--initrd", initrd, "--bootargs", BOOTARGS,
            "--cell", paths.config("hello"),
            "--payload", "%s@0x%x" % (paths.demo("hello"), LOAD),
            "--cell", paths.config("rt"),
            "--payload", "%s@0x%x" % (paths.demo("ticker"), LOAD),
            "--params", ticker_params]
    result = ctx.run(args)
    if result.returncode != 0:
        fail("cellblock image %s: %s" % (name, result.describe()))
    return output


def expect_init(session, after):
    """The /init lines of one boot from line @after on; returns them and
    the index of the last."""
    lines = []
    index = after
    for want in INIT_LINES:
        index, found = session.expect(r"init: (.*)", "linux", index)
        got = found.group(1)
        if want is not None and got != want:
            fail("[linux] init: %r, expected %r; %s" % (got, want,
                                                        session.describe()))
        if want is None and got.startswith("device tree") and \
                got != "device tree nodes " + DT_NODES:
            fail("[linux] init: %r, expected 'device tree nodes %s'" %
                 (got, DT_NODES))
        if not got.startswith("cntvct "):
            lines.append(got)
        index += 1
    return lines, index


def run_command(session, command, answer, after):
    """Types @command and waits for the line @answer (a pattern) from
    linux: the shell's output, not the echo of what was typed."""
    session.type(command + "\n")
    return session.expect(answer, "linux", after)[0] + 1


def boot_facts(session, after):
    """The first boot: kernel lines, then /init's."""
    index, _ = session.expect(r"\[ *0\.0+\] Booting Linux on physical CPU "
                              r"0x0*2 \[0x[0-9a-f]+\]", "linux", after)
    index, _ = session.expect(r"\[ *[\d.]+\] psci: PSCIv1\.1 detected in "
                              r"firmware\.", "linux", index)
    index, _ = session.expect(MEMORY, "linux", index)
    return expect_init(session, index)


def restart_line(session, after):
    return session.expect(r"cell linux restarting \(PSCI SYSTEM_RESET on "
                          r"CPU [23]\)", "cellblock", after)[0]


def ticks_of(session):
    values = []
    for text in session.of("rt"):
        found = re.fullmatch(r"tick (\d+) cntvct=(\d+)", text)
        if found:
            values.append((int(found.group(1)), int(found.group(2))))
    return values


def life_cycle(ctx):
    image = linux_image(ctx, "life", "period_us=%d ticks=0" % TICK_US)
    results = []

    def step(name, function):
        try:
            note = function()
            results.append(("linux/" + name, None, note))
            return True
        except AssertionError as problem:
            results.append(("linux/" + name, str(problem), None))
            return False

    with Session(ctx.tmp, image) as s:
        state = {}

        def boot():
            state["init"], state["at"] = boot_facts(s, 0)
            return "%s; %s" % (state["init"][2], state["init"][4])

        def console_input():
            state["at"] = run_command(s, "echo typed-$((6*7))", r"typed-42",
                                      state["at"])

        def hotplug():
            at = run_command(s, "echo 0 > /sys/devices/system/cpu/cpu1/"
                             "online; cat /sys/devices/system/cpu/online",
                             r"0", state["at"])
            state["at"] = run_command(s, "echo 1 > /sys/devices/system/cpu/"
                                      "cpu1/online; cat /sys/devices/system/"
                                      "cpu/online", r"0-1", at)

        def reboot():
            at = state["at"]
            for _ in range(2):
                s.type("reboot -f\n")
                at = restart_line(s, at) + 1
                again, at = expect_init(s, at)
                if again != state["init"]:
                    fail("after the restart /init printed %r, the first "
                         "boot %r" % (again, state["init"]))
            state["at"] = at
            return "twice, the same /init lines"

        def panic():
            s.type("echo c > /proc/sysrq-trigger\n")
            at, _ = s.expect(r"\[ *[\d.]+\] Kernel panic - not syncing: "
                             r"sysrq triggered crash", "linux", state["at"])
            at = restart_line(s, at) + 1
            _, state["at"] = expect_init(s, at)

        def poweroff():
            s.type("poweroff -f\n")
            at, _ = s.expect(r"cell linux stopped \(PSCI SYSTEM_OFF on CPU "
                             r"[23]\)", "cellblock", state["at"])
            before = len(ticks_of(s))
            # The ticker goes on: two more of its interrupts.
            s.expect(r"tick %d cntvct=\d+" % (before + 2), "rt", at)
            state["ticks"] = ticks_of(s)

        for name, function in (("boot", boot),
                               ("console-input", console_input),
                               ("cpu-hotplug", hotplug),
                               ("reboot", reboot), ("panic", panic),
                               ("poweroff", poweroff)):
            if not step(name, function):
                for rest in ("console-input", "cpu-hotplug", "reboot",
                             "panic", "poweroff"):
                    if not any(r[0] == "linux/" + rest for r in results):
                        results.append(("linux/" + rest, "not run: linux/%s "
                                        "failed" % name, None))
                break

        def beside_hello():
            check_hello(s)

        def beside_ticker():
            values = state.get("ticks") or ticks_of(s)
            period = TICK_US * COUNTER_HZ // 1000000
            if len(values) < 3:
                fail("[rt] %d ticks, expected at least 3" % len(values))
            numbers = [n for n, _ in values]
            if numbers != list(range(1, len(values) + 1)):
                fail("[rt] ticks numbered %s, expected 1 to %d" %
                     (numbers[:8], len(values)))
            worst = 0
            for (n, a), (_, b) in zip(values, values[1:]):
                worst = max(worst, abs(b - a - period))
                if abs(b - a - period) > LINUX_NEIGHBOUR_SLACK:
                    fail("[rt] tick %d is %d counter ticks after tick %d, "
                         "expected %d +- %d" % (n + 1, b - a, n, period,
                                                LINUX_NEIGHBOUR_SLACK))
            return "%d ticks, %d counter ticks apart, at most %d off" % (
                len(values), period, worst)

        step("beside-hello", beside_hello)
        step("beside-ticker", beside_ticker)
    return results


def real_time(ctx):
    image = linux_image(ctx, "realtime", "period_us=1000 ticks=20")
    with Session(ctx.tmp, image, icount=False) as s:
        _, at = boot_facts(s, 0)
        at = run_command(s, "echo typed-$((6*7))", r"typed-42", at)
        s.type("poweroff -f\n")
        s.expect(r"cell linux stopped \(PSCI SYSTEM_OFF on CPU [23]\)",
                 "cellblock", at)
        s.expect(r"no cell is running: powering off", "cellblock", at)
        status = s.wait_exit()
        if status != 0:
            fail("QEMU exited with %d, expected 0; %s" % (status,
                                                          s.describe()))


def demo_image(ctx):
    image = Paths(ctx).built_image("linux")
    with Session(ctx.tmp, image) as s:
        want = ["[cellblock] 3 of 3 cells ready; starting",
                "[cellblock] console input: linux (Ctrl-A three times "
                "switches)"]
        s.expect(r"console input: .*", "cellblock")
        if s.lines[1:3] != want:
            fail("the demo's lines 2-3 are %r, expected %r" %
                 (s.lines[1:3], want))
        _, at = boot_facts(s, 0)
        at = run_command(s, "uname -r", r"\d+\.\d+\.\d+-\d+-arm64", at)
        s.type("poweroff -f\n")
        s.expect(r"cell linux stopped \(PSCI SYSTEM_OFF on CPU [23]\)",
                 "cellblock", at)
        s.expect(r"ticker done", "rt", at)
        s.expect(r"no cell is running: powering off", "cellblock", at)
        status = s.wait_exit()
        ticks = ticks_of(s)
        if [n for n, _ in ticks] != list(range(1, 11)) or status != 0:
            fail("expected ticks 1 to 10 and QEMU's exit 0, got %s and %s; "
                 "%s" % ([n for n, _ in ticks], status, s.describe()))


def collect(options):
    return [("linux/life-cycle", life_cycle),
            ("linux/real-time", real_time),
            ("linux/demo-image", demo_image)]
