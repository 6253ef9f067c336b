#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""cellblock's benchmarks: `make bench` builds what they need and runs this.

Every figure is measured twice in one run, bare metal (the benchmark inmate
booted directly on QEMU virt) and inside a cell, under
`-icount shift=0,sleep=off`: one instruction is one nanosecond of virtual
time and the counter ticks every 16 ns, so every figure is an exact count
and two runs print the same numbers. docs/benchmarks.md describes each
figure and how it is taken.

Boots (QEMU virt, cortex-a57, 4 CPUs, GICv3, 1 GiB):
  bare-latency  -kernel latency.bin: boot, timer, IPI, MMIO, storm loop
  cell-solo     solo.img: the same inmate in one cell that has every CPU
  cell-boot3    boot3.img: the demo's three cells, first line each
  cell-load     load.img: hello measures timer latency, rt and app storm
  cell-link     link.img: ping and pong, the peers of the demo's link
                (configs/qemu-virt/system-link.dts), run doorbell.bin:
                doorbell latency, round trip, copy into an output section
  bare-doorbell -kernel doorbell.bin: the same copy, RAM to RAM
  bare-load     interfere.bin entered at EL2 by build/inmates/launch.elf
                (which passes it a parameter string): CPU 0 measures,
                CPUs 1-3 run the bare storm loop padded to the length of a
                cell's storm iteration measured in cell-solo
  cell-linux    linux.img: Debian's kernel in a cell of 2 CPUs and 256 MiB
                to /init, beside hello and rt (first line each)
  bare-linux    the same kernel and initramfs with the same command line
                booted by QEMU itself (-kernel, -initrd, -append) with 2
                CPUs and 256 MiB, entered at EL1 (virtualization=off) as
                the cell's is: /init prints the counter first
  cell-linux-load  linux-load.img: hello (CPU 0) measures timer latency
                while the linux cell (CPUs 2-3) runs /bin/load on both
                its CPUs (init_load=MS on its command line)
  bare-linux-load  its bare twin: interfere.bin entered at EL2 on CPU 0
                by launch.elf starts the same kernel, initramfs and
                command line on CPUs 2-3 with PSCI CPU_ON (a device tree
                generated from bench/configs/linux-bare.dts), then
                measures as the cell does
  managed       Debian's kernel on the whole machine (the device tree and
                command line of tests/system/managed_common.py), /init
                bench/managed-init: `cellblock enable`, then the latency
                inmate in the cell lent (CPUs 2-3) created, loaded and
                started from Linux, destroyed, `cellblock disable`
  cell-lent     lent.img: the same cell, inmate and parameters type-1

Output: one `bench: NAME bare=V cellblock=V ratio=R UNIT` line per figure
(ratio = cellblock / bare, `-` where there is no bare figure), a table,
a line saying how far the frozen variant's cut is from the issue's goal,
and the same in BUILD/bench/results.json and BUILD/bench/report.md. Each
boot's console output is kept in BUILD/bench/logs/. Exit status 0 when
every figure was measured, 1 otherwise (the reason on stderr).
"""

import argparse
import json
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import sizes  # noqa: E402  (bench/sizes.py)

# The boots (bench/boots.py), which also puts the test suite's
# tests/system and tests/lib on sys.path.
from boots import (ROOT, TICK_NS, BenchError, Boot,  # noqa: E402
                   launch_args, need, number_of, run_qemu, short_path)
import helpers  # noqa: E402  (tests/lib)
# The Linux-managed boot's command line and RTC: the system test's, to
# the byte.
from managed_common import BOOTARGS as MANAGED_BOOTARGS  # noqa: E402
from managed_common import RTC as MANAGED_RTC  # noqa: E402

# storm_bare (bench/inmates/storm.S): 19 + 2 * pad instructions an
# iteration, 4 + 2 * newline_pad more for a newline, 1 of 64 iterations.
STORM_BARE_INSNS = 19
STORM_BARE_NEWLINE_INSNS = 4
STORM_LINE = 64


def linux_bare_args(build, kernel, scratch):
    """The bare twin of linux-load.img: interfere on CPU 0 (launch.elf),
    told to start Linux on CPU 2, and the kernel, the initrd and the
    device tree where bench.mk laid them out (linux-bare.layout)."""
    out = build / "bench"
    layout = need(out / "linux-bare.layout").read_text().split()
    at = dict(field.split("=", 1) for field in layout)
    params = "start_us=%s linux_entry=%s linux_dtb=%s" % (
        at["start_us"], at["kernel"], at["dtb"])
    args = launch_args(build, need(out / "interfere.bin"), params, scratch,
                       "linux-load")
    for name, path in (("kernel", kernel),
                       ("initrd", build / "linux" / "initramfs.cpio"),
                       ("dtb", out / "linux-bare.dtb")):
        args += ["-device", "loader,file=%s,addr=%s,force-raw=on" %
                 (short_path(need(path)), at[name])]
    return args


def run_boots(build, jobs):
    out = build / "bench"
    logs = out / "logs"
    scratch = out / "run"
    logs.mkdir(parents=True, exist_ok=True)
    scratch.mkdir(parents=True, exist_ok=True)
    bootargs = need(out / "linux-bootargs").read_text().strip()
    linux = helpers.debian_arm64()
    first = {
        # The Linux-managed boot: the system test's machine (its device
        # tree and command line), bench/managed-init as /init; and the
        # same cell and inmate type-1. First: the longest boot.
        "managed": MANAGED_RTC + [
            "-kernel", need(linux / "Image", "make deps"),
            "-initrd", need(out / "managed-initramfs.cpio"),
            "-dtb", need(build / "managed" / "virt.dtb"),
            "-append", MANAGED_BOOTARGS],
        "cell-lent": ["-kernel", need(out / "lent.img")],
        "cell-linux": ["-kernel", need(out / "linux.img")],
        "bare-linux": ["-machine", "virtualization=off", "-smp", "2",
                       "-m", "256M",
                       "-kernel", need(linux / "Image", "make deps"),
                       "-initrd", need(build / "linux" / "initramfs.cpio"),
                       "-append", bootargs],
        "cell-linux-load": ["-kernel", need(out / "linux-load.img")],
        "bare-linux-load": linux_bare_args(
            build, need(linux / "Image", "make deps"), scratch),
        "bare-latency": ["-kernel", need(out / "latency.bin")],
        "cell-solo": ["-kernel", need(out / "solo.img")],
        "cell-boot3": ["-kernel", need(out / "boot3.img")],
        "cell-load": ["-kernel", need(out / "load.img")],
        "cell-link": ["-kernel", need(out / "link.img")],
        "bare-doorbell": ["-kernel", need(out / "doorbell.bin")],
    }
    boots = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {name: pool.submit(run_qemu, name, args, logs)
                   for name, args in first.items()}
        for name, future in futures.items():
            boots[name] = future.result()
    pads = storm_pads(boots)
    boots["bare-load"] = run_qemu(
        "bare-load",
        launch_args(build, need(out / "interfere.bin"),
                    "storm_pad=%d storm_newline_pad=%d" % pads, scratch),
        logs)
    boots["bare-load"].storm_pads = pads
    return boots


# ------------------------------------------------------------ figures

def storm_iteration_ns(boot, cell):
    r = boot.get("storm-iteration", cell)
    if not r["n"]:
        raise BenchError("%s: the storm loop made no iteration" % boot.name)
    return r["ticks"] * TICK_NS / r["n"]


def console_ns(boot, cell):
    """(ns per character, ns per newline) of the console figure."""
    r = boot.get("console", cell)
    return (r["char_ticks"] * TICK_NS / (r["lines"] * r["chars"]),
            r["newline_ticks"] * TICK_NS / r["lines"])


def storm_bare_ns(pad, newline_pad):
    """Average length of a storm_bare iteration with these pads."""
    normal = STORM_BARE_INSNS + 2 * pad
    newline = normal + STORM_BARE_NEWLINE_INSNS + 2 * newline_pad
    return ((STORM_LINE - 1) * normal + newline) / STORM_LINE


def storm_pads(boots):
    """(pad, newline_pad) that make bare storm iterations as long as the
    cell's (storm.S): the cell's newline iterations are longer by what a
    newline costs more than a character (console figure), the others
    share the rest of the measured average."""
    bare = storm_iteration_ns(boots["bare-latency"], None)
    if abs(bare - storm_bare_ns(0, 0)) > 0.05:
        raise BenchError("bare-latency: a storm_bare iteration took %.3f "
                         "ns, expected %.3f: bench/inmates/storm.S and "
                         "STORM_BARE_* in bench/run.py disagree" % (
                             bare, storm_bare_ns(0, 0)))
    cell = storm_iteration_ns(boots["cell-solo"], "solo")
    char_cell, newline_cell = console_ns(boots["cell-solo"], "solo")
    char_bare, newline_bare = console_ns(boots["bare-latency"], None)
    extra = (newline_cell - char_cell) - (newline_bare - char_bare)
    normal = cell - extra / STORM_LINE
    pad = max(0, round((normal - STORM_BARE_INSNS) / 2))
    newline_pad = max(0, round((extra - STORM_BARE_NEWLINE_INSNS) / 2))
    return pad, newline_pad


def loop_ns(result):
    return (result["ticks"] - result["base"]) * TICK_NS / result["n"]


def avg(result):
    return result["sum"] / result["n"]


class Figures:
    def __init__(self):
        self.rows = []

    def add(self, name, bare, cell, unit, digits=0, goal=""):
        if bare is not None:
            bare = round(bare, digits) if digits else int(round(bare))
        cell = round(cell, digits) if digits else int(round(cell))
        ratio = None
        if bare not in (None, 0):
            ratio = round(cell / bare, 2)
        self.rows.append({"name": name, "bare": bare, "cellblock": cell,
                          "ratio": ratio, "unit": unit, "digits": digits,
                          "goal": goal})


def fmt(value, digits):
    if value is None:
        return "-"
    return "%.*f" % (digits, value) if digits else str(value)


def latency_figures(f, bare, cell, name, result, goal):
    b, c = bare.get(result), cell.get(result, "solo")
    f.add(name + "-min", b["min"], c["min"], "ticks", goal=goal)
    f.add(name + "-avg", avg(b), avg(c), "ticks", 2, goal)
    f.add(name + "-max", b["max"], c["max"], "ticks", goal=goal)
    return b, c


def boot_us(result):
    return result["cntvct"] * TICK_NS / 1000


def linux_init_us(boot):
    """When /init started: the counter it prints first."""
    found = next((re.search(r"init: cntvct (\d+)", line) for line in boot.lines
                  if "init: cntvct" in line), None)
    if not found:
        raise BenchError("%s: no 'init: cntvct' line (see %s)" %
                         (boot.name, boot.log))
    return int(found.group(1)) * TICK_NS / 1000


def check_where(boots):
    """Each inmate says where it ran: bare boots bare, images in cells."""
    for name, boot in boots.items():
        expected = "bare" if name.startswith("bare-") else "cell"
        for (cell, result), fields in boot.results.items():
            if result == "boot" and fields.get("where") != expected:
                raise BenchError("%s: the inmate%s ran %s, expected %s "
                                 "(see %s)" % (
                                     name, " of cell %s" % cell if cell
                                     else "", fields.get("where"), expected,
                                     boot.log))


def time_figures(f, boots):
    check_where(boots)
    bare, solo = boots["bare-latency"], boots["cell-solo"]
    quiet_bare, quiet_cell = latency_figures(
        f, bare, solo, "timer-latency", "timer",
        "<= 10 (Bao 14, bare 2)")
    latency_figures(f, bare, solo, "ipi-latency", "ipi",
                    "<= 50 (Bao 74, bare 25)")
    f.add("hypercall-roundtrip", None,
          loop_ns(solo.get("hypercall", "solo")), "ns", 1)
    f.add("mgmt-read-roundtrip", None,
          loop_ns(solo.get("cell-count", "solo")), "ns", 1)
    f.add("mmio-roundtrip", loop_ns(bare.get("mmio")),
          loop_ns(solo.get("mmio", "solo")), "ns", 1)
    f.add("gicd-roundtrip", loop_ns(bare.get("gicd")),
          loop_ns(solo.get("gicd", "solo")), "ns", 1,
          "<= 150 (Bao 225)")
    char_bare, newline_bare = console_ns(bare, None)
    char_cell, newline_cell = console_ns(solo, "solo")
    f.add("console-char", char_bare, char_cell, "ns", 1)
    f.add("console-newline", newline_bare, newline_cell, "ns", 1)

    bare_boot = boot_us(bare.get("boot"))
    f.add("boot-1cell", bare_boot, boot_us(solo.get("boot", "solo")), "us",
          3)
    firsts = []
    for cell in ("hello", "rt", "app"):
        value = boot_us(boots["cell-boot3"].get("boot", cell))
        firsts.append(value)
        f.add("boot-3cell-" + cell, bare_boot, value, "us", 3,
              "<= 500 (Bao 842-960)")
    f.add("boot-3cell-last", bare_boot, max(firsts), "us", 3,
          "<= 500 (Bao 842-960)")
    f.add("linux-boot-to-init", linux_init_us(boots["bare-linux"]),
          linux_init_us(boots["cell-linux"]), "us", goal="ratio <= 1.05")
    load_figures(f, boots, quiet_bare, quiet_cell)
    linux_load_figures(f, boots, quiet_bare, quiet_cell)
    link_figures(f, boots)
    managed_figures(f, boots)


MANAGED_LINE = re.compile(r"managed-bench: (.*)")


def managed_lines(boot):
    """The text of each `managed-bench: ` line of bench/managed-init, in
    order, with or without the root cell's `[linux] ` prefix."""
    lines = []
    for line in boot.lines:
        who, text = Boot.LINE.match(line.rstrip("\r")).groups()
        found = MANAGED_LINE.fullmatch(text)
        if found and who in (None, "linux"):
            lines.append(found.group(1))
    return lines


def managed_counters(boot, lines, key):
    """The counter values of /init's `managed-bench: KEY V...` line."""
    for text in lines:
        words = text.split()
        if words[0] == key and len(words) > 1 and \
                all(w.isdigit() for w in words[1:]):
            return [int(w) for w in words[1:]]
    raise BenchError("%s: no `managed-bench: %s` line with counter values "
                     "(see %s)" % (boot.name, key, boot.log))


def managed_steps(boot, lines):
    """Every command of /init exited with 0 and it reached its end."""
    for step in ("insmod", "enable", "create", "load", "start", "destroy",
                 "disable"):
        status = next((text.split()[-1] for text in lines
                       if text.startswith(step + " exit ")), None)
        if status != "0":
            said = [text for text in lines if text.startswith(step + ": ")]
            raise BenchError("%s: /init's `%s` %s; it printed: %s (see %s)"
                             % (boot.name, step, "exited with " + status
                                if status else "did not run",
                                " | ".join(said) or "nothing", boot.log))
    if "done" not in lines:
        raise BenchError("%s: /init did not reach its end (see %s)" %
                         (boot.name, boot.log))


def managed_quiet(boot):
    """Linux printed nothing from `cellblock cell start` until the inmate
    was done: /init's sleep covered the measurement (else raise wait_us in
    BENCH_LENT_PARAMS or /init's sleep)."""
    started = done = None
    for index, line in enumerate(boot.lines):
        if started is None and "cell lent starting" in line:
            started = index
        elif line.rstrip("\r") == "[lent] bench done":
            done = index
            break
    if started is None or done is None:
        raise BenchError("%s: no start of cell lent or no `bench done` "
                         "from it (see %s)" % (boot.name, boot.log))
    said = [line for line in boot.lines[started:done]
            if line.startswith("[linux] ")]
    if said:
        raise BenchError("%s: Linux printed while cell lent measured "
                         "(%r...; see %s)" % (boot.name, said[0], boot.log))


def managed_figures(f, boots):
    """The Linux-managed boot (bench/managed-init): how long `cellblock
    enable` takes from the command to Linux running again as the root
    cell, and `cellblock cell start` from the command to the first
    instruction of the started inmate's main (its first line's counter),
    both from counter values read by /bin/cntvct in /init; then the
    latency inmate's figures in that cell against the same cell, inmate
    and parameters booted type-1 (lent.img), which are in the bare
    column: the ratio is managed / type-1."""
    boot, twin = boots["managed"], boots["cell-lent"]
    lines = managed_lines(boot)
    managed_steps(boot, lines)
    managed_quiet(boot)
    first, second = managed_counters(boot, lines, "floor")
    before, after = managed_counters(boot, lines, "enable")
    start, = managed_counters(boot, lines, "start")
    entered = boot.get("boot", "lent")["cntvct"]
    f.add("managed-counter-floor", None, second - first, "ticks")
    f.add("managed-enable", None, after - before, "ticks")
    f.add("managed-enable-us", None, (after - before) * TICK_NS / 1000,
          "us", 3)
    f.add("managed-start-to-first-line", None, entered - start, "ticks")
    f.add("managed-start-to-first-line-us", None,
          (entered - start) * TICK_NS / 1000, "us", 3)
    goal = "ratio 1.00 (bare: type-1)"
    for figure, result in (("timer-latency-managed", "timer"),
                           ("ipi-latency-managed", "ipi")):
        b, c = twin.get(result, "lent"), boot.get(result, "lent")
        f.add(figure + "-min", b["min"], c["min"], "ticks", goal=goal)
        f.add(figure + "-avg", avg(b), avg(c), "ticks", 2, goal)
        f.add(figure + "-max", b["max"], c["max"], "ticks", goal=goal)


def copy_mb_per_s(result):
    """Bytes per microsecond: MB/s."""
    return result["bytes"] * 1000 / (result["ticks"] * TICK_NS)


def link_figures(f, boots):
    """The shared-memory link (docs/ivshmem.md): doorbell latency from
    ping's write of DOORBELL to pong's handler entry, the round trip back
    to ping's handler, and a copy into ping's output section against the
    same copy RAM to RAM bare metal. No bare doorbell exists: the nearest
    bare figure is the IPI's."""
    link = boots["cell-link"]
    one_way = link.get("doorbell", "pong")
    goal = "<= 40 (Bao 156-170)"
    f.add("doorbell-latency-min", None, one_way["min"], "ticks", goal=goal)
    f.add("doorbell-latency-avg", None, avg(one_way), "ticks", 2, goal)
    f.add("doorbell-latency-max", None, one_way["max"], "ticks", goal=goal)
    trip = link.get("doorbell-roundtrip", "ping")
    f.add("doorbell-roundtrip-min", None, trip["min"], "ticks")
    f.add("doorbell-roundtrip-avg", None, avg(trip), "ticks", 2)
    f.add("doorbell-roundtrip-max", None, trip["max"], "ticks")
    bare = boots["bare-doorbell"].get("copy")
    cell = link.get("copy", "ping")
    if bare["bytes"] != cell["bytes"]:
        raise BenchError("the copy figure copied %s bytes bare and %s in "
                         "the cell" % (bare["bytes"], cell["bytes"]))
    f.add("link-copy-%d" % cell["bytes"], copy_mb_per_s(bare),
          copy_mb_per_s(cell), "MB/s", 1, "ratio 1.00")


def added_figures(f, timer, added, hv, bare, cell, quiet_bare, quiet_cell):
    """The timer latency beside a load, bare and in a cell (@timer-*),
    what the load adds to the quiet figure (@added-*), and the cell's
    added part minus the bare one, the hypervisor's own (@hv-*, goal 0)."""
    f.add(timer + "-min", bare["min"], cell["min"], "ticks")
    f.add(timer + "-avg", avg(bare), avg(cell), "ticks", 2)
    f.add(timer + "-max", bare["max"], cell["max"], "ticks")
    added_bare = avg(bare) - avg(quiet_bare)
    added_cell = avg(cell) - avg(quiet_cell)
    f.add(added + "-avg", added_bare, added_cell, "ticks", 2)
    f.add(added + "-max", bare["max"] - quiet_bare["max"],
          cell["max"] - quiet_cell["max"], "ticks")
    f.add(hv + "-avg", None, added_cell - added_bare, "ticks", 2, "0")
    f.add(hv + "-max", None,
          (cell["max"] - quiet_cell["max"]) -
          (bare["max"] - quiet_bare["max"]), "ticks", goal="0")


def load_figures(f, boots, quiet_bare, quiet_cell):
    bare = boots["bare-load"].get("timer-load")
    cell = boots["cell-load"].get("timer-load", "hello")
    if bare["storms"] != 3:
        raise BenchError("bare-load: %s CPUs ran the storm, expected 3 "
                         "(see %s)" % (bare["storms"],
                                       boots["bare-load"].log))
    for storm in ("rt", "app"):
        end = boots["cell-load"].get("storm", storm)["end"]
        if end <= cell["end"]:
            raise BenchError(
                "cell-load: the storm of cell %s ended at counter %d, "
                "before the measurement (%d): raise BENCH_STORM_STOP_US "
                "in bench/bench.mk" % (storm, end, cell["end"]))
    added_figures(f, "timer-load", "load-added", "hv-interference", bare,
                  cell, quiet_bare, quiet_cell)
    f.add("storm-iteration", storm_bare_ns(*boots["bare-load"].storm_pads),
          storm_iteration_ns(boots["cell-solo"], "solo"), "ns", 1,
          "ratio 1.00")


LOAD_LINE = re.compile(r"^load: cpu (\d+) start (\d+) end (\d+) passes "
                       r"(\d+)")


def linux_loads(boot, cell):
    """The `load:` lines of /bin/load (inmates/linux/load.c), one a CPU,
    printed by @cell (None bare): {cpu: (start, end)}."""
    loads = {}
    for line in boot.lines:
        who, text = Boot.LINE.match(line.rstrip("\r")).groups()
        found = LOAD_LINE.match(text)
        if found and who == cell:
            cpu, start, end, _ = (int(v) for v in found.groups())
            loads[cpu] = (start, end)
    if sorted(loads) != [0, 1]:
        raise BenchError("%s: /bin/load reported on Linux CPUs %s, expected "
                         "0 and 1 (see %s)" % (boot.name, sorted(loads) or
                                               "none", boot.log))
    return loads


def linux_load_result(boot, cell):
    """The measurement beside the loaded Linux, once checked to lie
    inside the load on every Linux CPU."""
    result = boot.get("timer-load", cell)
    for cpu, (start, end) in sorted(linux_loads(boot, "linux" if cell
                                                else None).items()):
        if start >= result["start"]:
            raise BenchError(
                "%s: the load on Linux CPU %d started at counter %d, after "
                "the measurement (%d): raise BENCH_LINUX_LOAD_START_US in "
                "bench/bench.mk (see %s)" % (boot.name, cpu, start,
                                             result["start"], boot.log))
        if end <= result["end"]:
            raise BenchError(
                "%s: the load on Linux CPU %d ended at counter %d, before "
                "the measurement did (%d): raise BENCH_LINUX_LOAD_MS in "
                "bench/bench.mk (see %s)" % (boot.name, cpu, end,
                                             result["end"], boot.log))
    return result


def linux_load_figures(f, boots, quiet_bare, quiet_cell):
    """Figure 1 on CPU 0 beside Linux running /bin/load on CPUs 2-3, in a
    cell and bare, each minus its quiet figure 1 (the load-added method
    of figure 5)."""
    bare_boot = boots["bare-linux-load"]
    bare_boot.get("linux-start")
    bare = linux_load_result(bare_boot, None)
    cell = linux_load_result(boots["cell-linux-load"], "hello")
    added_figures(f, "timer-linux", "linux-load-added",
                  "hv-linux-interference", bare, cell, quiet_bare,
                  quiet_cell)


def size_figures(f, build):
    loc = sizes.lines_of_code(ROOT, build / "bench" / "boot-functions")
    for part in ("generic", "arm64", "boot", "validator", "common", "abi"):
        f.add("loc-" + part, None, loc[part], "lines")
    f.add("loc-total", None, loc["total"], "lines", goal="< 6000")
    f.add("loc-runtime", None, loc["runtime"], "lines")
    size = sizes.binary_sizes(ROOT, build / "hypervisor" / "hypervisor.elf",
                              build / "tools" / "cellblock",
                              build / "configs" / "qemu-virt" /
                              "system.cell")
    for part in ("text", "data", "bss"):
        f.add("size-" + part, None, size[part], "bytes")
    f.add("size-boot-section", None, size["boot"], "bytes")
    f.add("size-footprint", None, size["footprint"], "bytes")
    f.add("size-reserved", None, size["reserved"], "bytes")
    return loc, size


def variant_figures(f, build, loc, size):
    """The frozen variant's figures beside the full one's (bench/sizes.py);
    returns one line saying whether it meets the issue's goal."""
    frozen_loc = sizes.frozen_lines(ROOT, build / "bench" /
                                    "boot-functions-variant", loc)
    frozen = sizes.binary_sizes(ROOT, build / "hypervisor" /
                                "hypervisor-frozen.elf",
                                build / "tools" / "cellblock",
                                build / "configs" / "qemu-virt" /
                                "system.cell")
    objects = build / "hv"
    mgmt_text = sum(sizes.object_text(objects / (path + ".o"), ROOT)
                    for path in sizes.mgmt_files(ROOT)
                    if path.endswith(".c"))
    frozen_mgmt_text = sizes.object_text(objects / (sizes.FROZEN_MGMT +
                                                    ".o"), ROOT)
    text_cut = sizes.cut_percent(size["text_section"],
                                 frozen["text_section"])
    code_cut = sizes.cut_percent(size["text_section"],
                                 size["text_section"] - mgmt_text +
                                 frozen_mgmt_text)
    goal = ">= %d" % sizes.FROZEN_GOAL_PERCENT
    f.add("loc-mgmt", None, frozen_loc["mgmt"], "lines")
    f.add("loc-mgmt-frozen", None, frozen_loc["mgmt_frozen"], "lines")
    f.add("loc-runtime-frozen", None, frozen_loc["runtime"], "lines")
    f.add("loc-runtime-frozen-cut", None, frozen_loc["cut"], "%", 1, goal)
    f.add("size-text-section", None, size["text_section"], "bytes")
    f.add("size-text-section-frozen", None, frozen["text_section"], "bytes")
    f.add("size-text-section-frozen-cut", None, text_cut, "%", 1, goal)
    f.add("size-mgmt-text", None, mgmt_text, "bytes")
    f.add("size-mgmt-text-frozen", None, frozen_mgmt_text, "bytes")
    f.add("size-text-code-frozen-cut", None, code_cut, "%", 1, goal)
    f.add("size-text-frozen", None, frozen["text"], "bytes")
    best = max(frozen_loc["cut"], text_cut, code_cut)
    verdict = "meets" if min(frozen_loc["cut"], text_cut) >= \
        sizes.FROZEN_GOAL_PERCENT else "far below" if \
        best < sizes.FROZEN_GOAL_PERCENT / 2 else "below"
    return ("frozen variant: runtime %d lines, %.1f%% fewer than the full "
            "%d; it drops %d bytes of management code, %.1f%% of the full "
            ".text (%d bytes), and its .text section is %d bytes, %.1f%% "
            "smaller after alignment: %s the issue's goal of at least %d%%"
            % (frozen_loc["runtime"], frozen_loc["cut"], loc["runtime"],
               mgmt_text - frozen_mgmt_text, code_cut, size["text_section"],
               frozen["text_section"], text_cut, verdict,
               sizes.FROZEN_GOAL_PERCENT))


# ------------------------------------------------------------ output

def table(rows):
    header = ("figure", "bare", "cellblock", "ratio", "unit", "goal")
    body = [(r["name"], fmt(r["bare"], r["digits"]),
             fmt(r["cellblock"], r["digits"]), fmt(r["ratio"], 2),
             r["unit"], r["goal"]) for r in rows]
    widths = [max(len(row[i]) for row in [header] + body)
              for i in range(len(header))]
    right = (False, True, True, True, False, False)

    def line(row):
        cells = [c.rjust(w) if r else c.ljust(w)
                 for c, w, r in zip(row, widths, right)]
        return "  ".join(cells).rstrip()

    return [line(header), line(["-" * w for w in widths])] + \
        [line(row) for row in body]


def report_md(rows, boots, loc, verdict):
    out = ["# cellblock benchmark results", "",
           "Written by `make bench` (bench/run.py); the method is in "
           "docs/benchmarks.md. QEMU virt, cortex-a57, 4 CPUs, "
           "`-icount shift=0,sleep=off`: 1 instruction = 1 ns, "
           "1 counter tick = 16 ns.", "",
           "| figure | bare | cellblock | ratio | unit | goal |",
           "|---|---:|---:|---:|---|---|"]
    for r in rows:
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            r["name"], fmt(r["bare"], r["digits"]),
            fmt(r["cellblock"], r["digits"]), fmt(r["ratio"], 2),
            r["unit"], r["goal"]))
    out += ["", "The bare storm ran with storm_pad=%d and "
            "storm_newline_pad=%d (2 instructions each; bench/inmates/"
            "storm.S), so that its iterations are as long as a cell's "
            "(storm-iteration)." % boots["bare-load"].storm_pads, "",
            "Functions counted as boot code (marked `__boot`): " +
            ", ".join("`%s`" % f for f in loc["boot_functions"]) + ".",
            "", "The " + verdict + ".",
            "", "## Boots", ""]
    for name, boot in boots.items():
        out.append("- %s: `%s` (log: %s)" % (
            name, " ".join(short_path(a) for a in boot.command),
            boot.log.relative_to(ROOT) if boot.log.is_relative_to(ROOT)
            else boot.log))
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build",
                        help="build directory (default: build)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="QEMU boots at a time (default: 2)")
    args = parser.parse_args()
    build = Path(args.build)
    if not build.is_absolute():
        build = ROOT / build
    try:
        if not shutil.which("cloc"):
            raise BenchError("cloc is not installed: the size figures count "
                             "lines with Debian's cloc (apt-get install "
                             "cloc)")
        figures = Figures()
        boots = run_boots(build, max(1, args.jobs))
        time_figures(figures, boots)
        loc, size = size_figures(figures, build)
        verdict = variant_figures(figures, build, loc, size)
    except (BenchError, sizes.SizeError) as error:
        print("bench: error: %s" % error, file=sys.stderr)
        return 1
    rows = figures.rows
    for r in rows:
        print("bench: %s bare=%s cellblock=%s ratio=%s %s" % (
            r["name"], fmt(r["bare"], r["digits"]),
            fmt(r["cellblock"], r["digits"]), fmt(r["ratio"], 2),
            r["unit"]))
    print()
    print("\n".join(table(rows)))
    print()
    print("bench: %s" % verdict)
    out = build / "bench"
    results = {
        "figures": [{k: r[k] for k in ("name", "bare", "cellblock", "ratio",
                                       "unit", "goal")} for r in rows],
        "storm_pads": dict(zip(("storm_pad", "storm_newline_pad"),
                               boots["bare-load"].storm_pads)),
        "boot_functions": loc["boot_functions"],
        "frozen_variant": verdict,
        "runs": {name: {"command": [short_path(a) for a in boot.command],
                        "results": {"%s%s" % ("[%s] " % c if c else "", n):
                                    {k: number_of(v) for k, v in f.items()}
                                    for (c, n), f in boot.results.items()}}
                 for name, boot in boots.items()},
    }
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "report.md").write_text(report_md(rows, boots, loc, verdict))
    print()
    print("bench: results in %s and %s" % (
        short_path(out / "results.json"), short_path(out / "report.md")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
