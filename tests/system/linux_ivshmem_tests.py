# SPDX-License-Identifier: GPL-2.0-only
"""A shared-memory link (docs/ivshmem.md) between Debian's own arm64
kernel in a cell and a bare-metal cell, in QEMU virt under -icount.

The system is tests/system/configs/link_linux_system.dts: linux (CPUs
2-3, configs link_linux.dts) is peer 0 of link "penguin", echo (CPU 1,
link_linux_echo.dts, inmates/systest/link_echo.c) peer 1, hello on CPU 0.
Linux gets the link from the generated device tree's /pcie@30000000 node
only: stock pci-host-ecam-generic enumerates it, the stock modules
uio.ko and uio_pci_generic.ko from the same Debian package (/init loads
them) drive it, and /bin/ivshmem (inmates/linux/ivshmem.c) binds the
driver, maps the BARs from sysfs and exchanges messages, which
"init_ivshmem=3" on the command line has /init run before
"init_poweroff" switches the cell off.

One run, four results:

- linux/ivshmem/enumerate: the kernel probes the host bridge with its
  one window and PROBE_ONLY, finds 1234:cb01 with BAR 0 and BAR 2 at the
  addresses of the config, and /init's lspci-like line says the same;
- linux/ivshmem/bind: uio_pci_generic binds as uio0, and the device's
  interrupt is INTID 100 (vpci interrupt-base + device 0), level, taken
  at least once per answer;
- linux/ivshmem/messages: three messages each way with doorbells, exact
  text on both sides, in strict turn (each answer after its question),
  ivshmem's exit status 0, and link_echo's PASS;
- linux/ivshmem/cells-stop: every cell stops by itself and QEMU exits 0.

linux/ivshmem/peer-down: the same system with hello's program in the
echo cell, which never comes up on the link: /bin/ivshmem gives up after
its 10 s (virtual) with one line and exit status 1.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import build_product, debian_arm64, fail
from system_common import LOAD, Paths, boot, expect_pass

BOOTARGS = "console=ttyAMA0 panic=-1 init_ivshmem=3 init_poweroff"
DEVICE = "0000:00:00.0"
KERNEL_LINES = [
    r"pci-host-generic 30000000\.pcie:      MEM 0x0010000000\.\.0x0010004fff"
    r" -> 0x0010000000",
    r"PCI: OF: PROBE_ONLY enabled",
    r"pci-host-generic 30000000\.pcie: ECAM at \[mem 0x30000000-0x300fffff\]"
    r" for \[bus 00\]",
    r"pci 0000:00:00\.0: \[1234:cb01\] type 00 class 0xff0000",
    r"pci 0000:00:00\.0: BAR 0 \[mem 0x10004000-0x10004fff 64bit\]",
    r"pci 0000:00:00\.0: BAR 2 \[mem 0x10000000-0x10003fff 64bit pref\]",
]
LISTING = ("init: pci 0000:00:00.0 1234:cb01 class 0xff0000 "
           "bar0 0x0000000010004000-0x0000000010004fff "
           "bar2 0x0000000010000000-0x0000000010003fff")
COUNT = 3
LINUX_LINES = (
    ["ivshmem: %s bound to uio_pci_generic as uio0" % DEVICE,
     "ivshmem: peer 0 of 2, common section 4096 bytes, output sections "
     "4096 bytes"] +
    ['ivshmem: peer 1 says "echo ping %d"' % n for n in range(1, COUNT + 1)] +
    ["ivshmem: %d messages each way, done" % COUNT,
     "init: ivshmem exited with 0"])
ECHO_LINES = (
    ["RUN link_echo", "link_echo: peer 1 of 2, waiting for peer 0",
     "link_echo: peer 0 is up"] +
    ['link_echo: peer 0 says "ping %d"' % n for n in range(1, COUNT + 1)] +
    ["link_echo: peer 0 is done after %d messages" % COUNT])
INTERRUPT = r"init: ivshmem interrupt (\d+) (\d+) GICv3 100 Level " \
            r"uio_pci_generic"


def link_image(ctx, name, echo_payload):
    """linux first (the console's input goes to it), echo running
    @echo_payload, hello."""
    paths = Paths(ctx)
    kernel = build_product(debian_arm64() / "Image", "deps")
    initrd = build_product(ctx.build / "linux" / "initramfs.cpio")
    output = ctx.tmp / (name + ".img")
    args = [paths.tool, "image", "-o", output, paths.hypervisor,
            paths.test_config("link_linux_system"),
            "--cell", paths.test_config("link_linux"),
            "--linux", kernel, "--initrd", initrd, "--bootargs", BOOTARGS,
            "--cell", paths.test_config("link_linux_echo"),
            "--payload", "%s@0x%x" % (echo_payload, LOAD),
            "--cell", paths.config("hello"),
            "--payload", "%s@0x%x" % (paths.demo("hello"), LOAD)]
    result = ctx.run(args)
    if result.returncode != 0:
        fail("cellblock image %s: %s" % (name, result.describe()))
    return output


def kernel_text(console):
    """linux's kernel log lines without their [ time] stamp."""
    texts = []
    for text in console.of("linux"):
        found = re.fullmatch(r"\[ *[\d.]+\] (.*)", text)
        if found:
            texts.append(found.group(1))
    return texts


def ours(console, prefixes):
    return [t for t in console.of("linux") if t.startswith(prefixes)]


def check_enumerate(console):
    texts = kernel_text(console)
    at = 0
    for pattern in KERNEL_LINES:
        for index in range(at, len(texts)):
            if re.fullmatch(pattern, texts[index]):
                at = index + 1
                break
        else:
            fail("[linux] no kernel line %r after the previous ones; %s" %
                 (pattern, console.describe()))
    listing = ours(console, ("init: pci ",))
    if listing != [LISTING]:
        fail("[linux] /init's PCI listing is %r, expected %r" %
             (listing, [LISTING]))
    nodes = ours(console, ("init: device tree nodes",))
    if not nodes or " pcie@30000000 " not in nodes[0] + " ":
        fail("[linux] the device tree has no pcie@30000000: %r" % nodes)


def check_bind(console):
    texts = kernel_text(console)
    want = "uio_pci_generic %s: enabling device (0000 -> 0002)" % DEVICE
    if want not in texts:
        fail("[linux] no kernel line %r; %s" % (want, console.describe()))
    lines = ours(console, ("init: ivshmem interrupt",))
    found = re.fullmatch(INTERRUPT, lines[0]) if len(lines) == 1 else None
    if not found:
        fail("[linux] interrupt line %r, expected one matching %r" %
             (lines, INTERRUPT))
    taken = int(found.group(1)) + int(found.group(2))
    if taken < COUNT:
        fail("[linux] %d interrupts of the link device for %d answers" %
             (taken, COUNT))
    return "INTID 100, %d interrupts" % taken


def check_messages(console):
    got = ours(console, ("ivshmem: ", "init: ivshmem exited"))
    if got != LINUX_LINES:
        fail("[linux] ivshmem printed %r, expected %r" % (got, LINUX_LINES))
    got = [t for t in console.of("echo") if not t.startswith("PASS ")]
    if got != ECHO_LINES:
        fail("[echo] printed %r, expected %r" % (got, ECHO_LINES))
    expect_pass(console, "echo", "link_echo", run_first=True)
    # Strict turn: question n, its answer, then question n + 1.
    order = []
    for n in range(1, COUNT + 1):
        order.append(console.find('[echo] link_echo: peer 0 says "ping %d"'
                                  % n))
        order.append(console.find('[linux] ivshmem: peer 1 says '
                                  '"echo ping %d"' % n))
    if order != sorted(order):
        fail("messages out of turn: console lines %s" % order)
    return "%d each way" % COUNT


def check_stopped(console):
    for line in ("[cellblock] cell echo stopped (PSCI SYSTEM_OFF on CPU 1)",
                 "[cellblock] cell hello stopped (PSCI SYSTEM_OFF on CPU 0)"):
        console.find(line)
    if not any(re.fullmatch(r"\[cellblock\] cell linux stopped \(PSCI "
                            r"SYSTEM_OFF on CPU [23]\)", line)
               for line in console.lines):
        fail("linux did not stop by itself; %s" % console.describe())
    console.expect_off()


def exchange(ctx):
    paths = Paths(ctx)
    console = boot(ctx, link_image(ctx, "exchange",
                                   paths.systest("link_echo")))
    results = []
    for name, check in (("enumerate", check_enumerate), ("bind", check_bind),
                        ("messages", check_messages),
                        ("cells-stop", check_stopped)):
        try:
            results.append(("linux/ivshmem/" + name, None, check(console)))
        except AssertionError as problem:
            results.append(("linux/ivshmem/" + name, str(problem), None))
    return results


def peer_down(ctx):
    paths = Paths(ctx)
    console = boot(ctx, link_image(ctx, "peer-down", paths.demo("hello")))
    got = ours(console, ("ivshmem: ", "init: ivshmem exited"))
    want = ["ivshmem: %s bound to uio_pci_generic as uio0" % DEVICE,
            "ivshmem: peer 0 of 2, common section 4096 bytes, output "
            "sections 4096 bytes",
            "ivshmem: the other peer is not ready after 10 s",
            "init: ivshmem exited with 1"]
    if got != want:
        fail("[linux] ivshmem printed %r, expected %r; %s" %
             (got, want, console.describe()))
    console.expect_off()


def collect(options):
    return [("linux/ivshmem/exchange", exchange),
            ("linux/ivshmem/peer-down", peer_down)]
