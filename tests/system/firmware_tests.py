# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of the hypervisor under firmware that is not QEMU's
built-in PSCI: fakefw (inmates/systest/fakefw.S, built by `make all`), a
stand-in EL3 firmware that QEMU runs from its flash.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.
Each boot here adds `-machine secure=on` (EL3 exists, QEMU then answers
no PSCI call itself), `-bios fakefw.bin`, the boot image at 0x40200000
through QEMU's generic loader, semihosting (fakefw ends the run with
SYS_EXIT, status 0, at PSCI SYSTEM_OFF), and fakefw's mode, a word in RAM
(see fakefw.S). Lines from the firmware start with `[firmware]`.

- firmware/workaround-1: firmware with SMCCC 1.1 and
  SMCCC_ARCH_WORKAROUND_1: on the Cortex-A57 the hypervisor offers the
  call to cells and forwards it (the firmware counts two calls); on a
  Cortex-A53, which does not need it, it does not;
- firmware/cpu-never-reports: CPU_ON of CPU 3 succeeds, but the CPU never
  comes: the boot gives up after 100 ms, skips app, runs the rest;
- firmware/cpu-on-refused: CPU_ON of CPU 3 fails: the boot names the
  firmware's answer, skips app, runs the rest;
- firmware/stray-spis: firmware enables SPIs no cell owns behind the
  hypervisor's back (one at the boot CPU while it waits for CPU 1, one at
  a cell's CPU while it runs): each is disabled, with one line, and
  everything goes on;
- firmware/system-off-refused: SYSTEM_OFF answers DENIED: the hypervisor
  halts its CPU in WFI (arch_cpu_halt), which the firmware traps;
- firmware/el1-hvc-undefined and firmware/el1-hvc-returns: the image
  entered at EL1; when the HVC that should switch the machine off is
  undefined the CPU ends in halt_vectors' halt loop, when it returns in
  arch_cpu_halt;
- firmware/group0-fiq: firmware made app's SPI a Group 0 interrupt, a FIQ
  at EL2: the hypervisor parks app (`FIQ refused`), rt runs on.
"""

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import build_product, fail
from system_common import (LOAD, POWER_OFF, Console, Paths, Ticks,
                           check_app_crash, check_hello)
import qemu

MODES = {"workaround": 1, "lost-cpu": 2, "stray-spi": 3, "off-refused": 4,
         "el1": 5, "el1-hvc": 6, "group0-spi": 7, "cpu-on-error": 8}
MODE_WORD = 0x7ffff000
NM = "aarch64-linux-gnu-nm"
ADDR2LINE = "aarch64-linux-gnu-addr2line"
EL1_LINE = ("[cellblock] cellblock 0.1 entered at EL1: it runs at EL2 only "
            "(firmware must enter it at EL2; QEMU: -machine "
            "virtualization=on); stopping")


def firmware_boot(ctx, image, mode, extra=()):
    """@image booted by fakefw in @mode; a Console."""
    firmware = build_product(ctx.build / "inmates" / "systest" /
                             "fakefw.bin")
    return Console(qemu.boot(ctx.tmp, bios=firmware, extra=[
        "-machine", "secure=on",
        "-semihosting-config", "enable=on,target=native",
        "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (image, LOAD),
        "-device", "loader,addr=0x%x,data=%d,data-len=4" %
        (MODE_WORD, MODES[mode])] + list(extra)))


def functions_at(ctx, address):
    """The functions of the variant's hypervisor.elf that @address is in:
    the symbol nm places it in, and the functions addr2line finds inlined
    there."""
    elf = Paths(ctx).hypervisor_elf
    names, below = set(), None
    output = subprocess.run([NM, "-n", str(elf)], capture_output=True,
                            text=True, check=True).stdout
    for line in output.splitlines():
        value, _, name = line.split()
        if int(value, 16) > address:
            break
        below = name
    if below:
        names.add(below)
    output = subprocess.run([ADDR2LINE, "-f", "-i", "-e", str(elf),
                             "0x%x" % address], capture_output=True,
                            text=True, check=True).stdout
    names.update(output.splitlines()[0::2])
    return names


def expect_last(console, line):
    """@line is the last console line and QEMU exited with status 0."""
    if not console.lines or console.lines[-1] != line:
        fail("last line %r, expected %r; %s" %
             (console.lines[-1] if console.lines else None, line,
              console.describe()))
    if console.result.returncode != 0:
        fail("QEMU exited with %d, expected 0 (firmware's SYS_EXIT); %s" %
             (console.result.returncode, console.describe()))


def wa1_image(paths, params=None):
    cells = paths.demo_cells(app=(paths.systest("smccc_wa1"), params))
    return paths.image("wa1", cells)


def test_workaround_1(ctx):
    paths = Paths(ctx)
    image = wa1_image(paths)
    notes = []
    for cpu, answer, calls in (("cortex-a57", 0, 2), ("cortex-a53", -1, 0)):
        console = firmware_boot(ctx, image, "workaround", ["-cpu", cpu])
        console.expect_banner()
        console.expect_sources(["hello", "rt", "app", "firmware"])
        want = ["smccc_wa1: SMCCC_VERSION 0x10001",
                "smccc_wa1: ARCH_FEATURES(ARCH_WORKAROUND_1): %d over smc, "
                "%d over hvc" % (answer, answer),
                "smccc_wa1: ARCH_WORKAROUND_1 %s" % (
                    "called over smc and hvc" if calls else "not called")]
        if console.of("app") != want:
            fail("%s: [app] printed %r, expected %r" %
                 (cpu, console.of("app"), want))
        check_hello(console)
        Ticks(console, "rt", 1000, 20)
        console.find(POWER_OFF)
        expect_last(console, "[firmware] ARCH_WORKAROUND_1 calls: 0x%x" %
                    calls)
        notes.append("%s: answer %d, %d calls forwarded" % (cpu, answer,
                                                             calls))
    return "; ".join(notes)


def expect_cpu3_left_out(ctx, mode, reason):
    """The demo under firmware @mode: the line @reason about CPU 3, app
    skipped, hello and rt as usual."""
    console = firmware_boot(ctx, Paths(ctx).demo_image(), mode)
    console.expect_banner()
    want = ["[cellblock] CPU 3 (mpidr 0x3) " + reason,
            "[cellblock] cell app: CPU 3 is not running; cell skipped",
            "[cellblock] 2 of 3 cells ready; starting"]
    if console.lines[1:4] != want:
        fail("lines 2-4 %r, expected %r" % (console.lines[1:4], want))
    console.expect_sources(["hello", "rt"])
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    expect_last(console, POWER_OFF)


def test_cpu_never_reports(ctx):
    expect_cpu3_left_out(ctx, "lost-cpu",
                         "did not report in within 100000 us")


def test_cpu_on_refused(ctx):
    """CPU_ON of CPU 3 answers INVALID_PARAMETERS: the boot says so with
    the firmware's (negative) answer, skips app, runs the rest."""
    expect_cpu3_left_out(ctx, "cpu-on-error",
                         "did not start: PSCI CPU_ON returned -2")


def test_stray_spis(ctx):
    paths = Paths(ctx)
    console = firmware_boot(ctx, wa1_image(paths), "stray-spi")
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app", "firmware"])
    boot_spi = ("[cellblock] SPI 40 arrived on CPU 0, whose cell does not "
                "own it: disabled")
    if console.lines[1:3] != [boot_spi, "[cellblock] 3 of 3 cells ready; "
                              "starting"]:
        fail("lines 2-3 %r, expected %r and the ready line" %
             (console.lines[1:3], boot_spi))
    cell_spi = ("[cellblock] SPI 41 arrived on CPU 2, whose cell does not "
                "own it: disabled")
    found = console.find_all(cell_spi)
    called = console.find("[app] smccc_wa1: ARCH_WORKAROUND_1 called over "
                          "smc and hvc")
    if len(found) != 2 or not all(i < called for i in found):
        fail("%r printed at lines %s, expected twice (once per call) "
             "before app's line %d" % (cell_spi, found, called))
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.find(POWER_OFF)
    expect_last(console, "[firmware] ARCH_WORKAROUND_1 calls: 0x2")
    return "SPI 40 at boot, SPI 41 twice in app"


def expect_wfi_in(ctx, console, prefix, function, suffix=""):
    """The last line is `PREFIX0xADDR` + @suffix, ADDR inside @function
    of hypervisor.elf (or inside code inlined from it)."""
    last = console.lines[-1] if console.lines else ""
    found = re.fullmatch(re.escape(prefix) + r"0x([0-9a-f]+)" +
                         re.escape(suffix), last)
    if not found:
        fail("last line %r, expected %r0xADDR%s; %s" %
             (last, prefix, suffix, console.describe()))
    address = int(found.group(1), 16)
    functions = functions_at(ctx, address)
    if function not in functions:
        fail("WFI at 0x%x, in %s, not in %s" % (address,
                                                sorted(functions), function))
    expect_last(console, last)
    return "WFI at 0x%x in %s" % (address, function)


def test_system_off_refused(ctx):
    paths = Paths(ctx)
    console = firmware_boot(ctx, paths.demo_image(), "off-refused")
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app", "firmware"])
    check_hello(console)
    check_app_crash(console, paths, 5000)
    if console.lines[-2] != POWER_OFF:
        fail("line before the last %r, expected %r" % (console.lines[-2],
                                                       POWER_OFF))
    return expect_wfi_in(ctx, console, "[firmware] SYSTEM_OFF refused; then "
                         "WFI at ", "arch_cpu_halt")


def test_el1_hvc_undefined(ctx):
    console = firmware_boot(ctx, Paths(ctx).demo_image(), "el1")
    if console.lines[:1] != [EL1_LINE] or len(console.lines) != 2:
        fail("console %r, expected %r and the firmware's line" %
             (console.lines, EL1_LINE))
    return expect_wfi_in(ctx, console, "[firmware] WFI at ", "halt", ", EL1")


def test_el1_hvc_returns(ctx):
    console = firmware_boot(ctx, Paths(ctx).demo_image(), "el1-hvc")
    if console.lines[:1] != [EL1_LINE] or len(console.lines) != 2:
        fail("console %r, expected %r and the firmware's line" %
             (console.lines, EL1_LINE))
    return expect_wfi_in(ctx, console, "[firmware] WFI at ",
                         "arch_cpu_halt", ", EL1")


def test_group0_fiq(ctx):
    """SPI 39 (app's) made Group 0 by firmware, Group 0 enabled at CPU 2:
    when app enables it and makes it pending, it arrives at EL2 as a FIQ
    (HCR_EL2.FMO) and app is parked with a line that names only the PC (a
    FIQ sets no syndrome)."""
    paths = Paths(ctx)
    console = firmware_boot(ctx, wa1_image(paths, "pend=39"), "group0-spi")
    console.expect_banner()
    console.expect_sources(["hello", "rt", "app"])
    _, found = console.match("cellblock", r"cell app failed on CPU 2: FIQ "
                             r"refused \(PC 0x([0-9a-f]+)\); parked")
    size = paths.systest("smccc_wa1").stat().st_size
    pc = int(found.group(1), 16)
    if not LOAD <= pc < LOAD + size:
        fail("PC 0x%x outside smccc_wa1.bin" % pc)
    if any(t.startswith("smccc_wa1: SPI") for t in console.of("app")):
        fail("app went on after its FIQ: %r" % console.of("app"))
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    expect_last(console, POWER_OFF)


def collect(options):
    return [("system/firmware/" + name[len("test_"):].replace("_", "-"),
             function) for name, function in globals().items()
            if name.startswith("test_")]
