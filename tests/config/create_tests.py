# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config create` and `create-cell` on QEMU virt's
own device trees (dumped with -machine ...,dumpdtb=).

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- create/qemu-virt-equivalent: the config written from the demo board's
  tree matches configs/qemu-virt/system.dts where it matters (CPUs, GIC,
  console, RAM, every device window and its `dma`), with the intended
  differences of docs/config.md, and the checked-in cells pass `config
  check` with it;
- create/link-address, create/hypervisor-size: the hypervisor's memory
  starts where the ELF is linked and is sized by the documented formula
  (2 MiB for QEMU virt with 1 to 8 CPUs, against 16 MiB checked in);
- create/stdout, create/its: output without -o; the ITS of its=on;
- create/refuse-*: a GICv2 board, no PSCI, PSCI over HVC, a corrupt
  tree, a CPU without reg, no usable UART, no maintenance interrupt:
  each exit 1, one line naming the node, nothing written;
- create-cell/*: three cells carved one after another pass `config
  check` as a set; a single virtio slot becomes a sub-page region; and
  the refusals (more RAM than is free, a node that does not exist, a bus
  master without --dma-trusted, a CPU or device another cell has, the
  hypervisor's console, the GIC), each one line naming the argument.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from create_common import (DEMO_BOARD, LINK_ADDRESS, Variant, compile_config,
                           create, create_cell, dump_dtb, elf_entry,
                           expect_refusal, fdtput, hypervisor_bin,
                           read_system)
from helpers import EXIT_OK, built_config, expect_exit, fail, tool

MIB = 1 << 20


def demo_system(ctx):
    """The demo board's generated system: (source, compiled)."""
    source = ctx.tmp / "system.dts"
    create(ctx, dump_dtb(ctx, DEMO_BOARD), source)
    return source, compile_config(ctx, source)


def window_at(windows, start, size):
    """The windows of @windows that overlap [start, start + size)."""
    return [w for w in windows if w[1] < start + size and start < w[1] + w[2]]


# Windows of configs/qemu-virt/system.dts the generator marks `dma`
# although the checked-in config does not: a PCI host bridge's windows
# lead to devices that master the bus (docs/config.md).
DMA_ADDED = {"pcie-mmio", "pcie-pio", "pcie-ecam"}
# Windows the generator adds: the board's flash, which the checked-in
# config leaves out.
EXTRA = {"flash@0"}


def test_create_qemu_virt_equivalent(ctx):
    """configs/qemu-virt/system.dts against the config written from the
    tree of the board it targets."""
    _, generated = demo_system(ctx)
    got = read_system(generated)
    want = read_system(built_config(ctx, "system"))
    for key in ("mpidrs", "gic", "console"):
        if got[key] != want[key]:
            fail("%s: generated %s, checked in %s" % (key, got[key],
                                                      want[key]))
    if [w[1:3] for w in got["ram"]] != [w[1:3] for w in want["ram"]]:
        fail("RAM: generated %s, checked in %s" % (got["ram"], want["ram"]))
    covered = set()
    for name, start, size, dma in want["devices"]:
        inside = window_at(got["devices"], start, size)
        covered.update(w[0] for w in inside)
        if name == "gic":
            # One 16 MiB window there; the generator has one per frame.
            frames = {got["gic"]["distributor"], got["gic"]["redistributor"]}
            if not frames <= {w[1] for w in inside} or any(
                    w[1] < start or w[1] + w[2] > start + size
                    for w in inside):
                fail("gic window: generated %s" % inside)
            continue
        if len(inside) != 1 or inside[0][1] > start or \
                inside[0][1] + inside[0][2] < start + size:
            fail("window %s 0x%x+0x%x is not inside one generated window: "
                 "%s" % (name, start, size, inside))
        if inside[0][3] != (dma or name in DMA_ADDED):
            fail("window %s: dma %s generated, %s checked in" %
                 (name, inside[0][3], dma))
    extra = {w[0] for w in got["devices"]} - covered
    if extra != EXTRA:
        fail("generated windows the checked-in config lacks: %s "
             "(expected %s)" % (sorted(extra), sorted(EXTRA)))
    result = tool(ctx, "config", "check", generated,
                  *[built_config(ctx, n) for n in ("hello", "rt", "app")])
    expect_exit(result, EXIT_OK)
    return "hypervisor 0x%x+%d MiB generated, 0x%x+%d MiB checked in; " \
        "checked-in cells pass with it" % (
            got["hypervisor"][0], got["hypervisor"][1] // MIB,
            want["hypervisor"][0], want["hypervisor"][1] // MIB)


def test_create_link_address(ctx):
    """The hypervisor's memory starts where hypervisor.elf is linked
    (tools/hv_budget.h HV_LINK_ADDRESS), and the image size in the
    comment is hypervisor.bin's image_size."""
    source, generated = demo_system(ctx)
    entry = elf_entry(ctx.build / "hypervisor" / "hypervisor.elf")
    if entry != LINK_ADDRESS:
        fail("hypervisor.elf is linked at 0x%x, the generator assumes 0x%x "
             "(update HV_LINK_ADDRESS)" % (entry, LINK_ADDRESS))
    start, _ = read_system(generated)["hypervisor"]
    if start != LINK_ADDRESS:
        fail("hypervisor memory starts at 0x%x, expected 0x%x" %
             (start, LINK_ADDRESS))
    image_size = int.from_bytes(hypervisor_bin(ctx).read_bytes()[16:24],
                                "little")
    if "image 0x%x (image_size" % image_size not in source.read_text():
        fail("the comment does not give image_size 0x%x" % image_size)


def test_create_hypervisor_size(ctx):
    """2 MiB for QEMU virt with 1, 4 and 8 CPUs (image, 1 MiB of payload
    room and the page pool, rounded up); --payload-room 64M adds 64 MiB."""
    sizes = []
    for cpus in (1, 4, 8):
        dtb = dump_dtb(ctx, Variant("n", True, "max", cpus, "1G"),
                       name="board%d.dtb" % cpus)
        source = ctx.tmp / ("system%d.dts" % cpus)
        create(ctx, dtb, source)
        sizes.append(read_system(compile_config(ctx, source))
                     ["hypervisor"][1])
    if sizes != [2 * MIB] * 3:
        fail("hypervisor sizes %s for 1, 4 and 8 CPUs, expected 2 MiB" %
             [hex(s) for s in sizes])
    big = ctx.tmp / "big.dts"
    create(ctx, dtb, big, "--payload-room", "64M")
    size = read_system(compile_config(ctx, big))["hypervisor"][1]
    if size != 66 * MIB:
        fail("--payload-room 64M: 0x%x bytes, expected 66 MiB" % size)
    return "2 MiB for 1, 4 and 8 CPUs (16 MiB checked in)"


def test_create_stdout(ctx):
    dtb = dump_dtb(ctx, DEMO_BOARD)
    create(ctx, dtb, ctx.tmp / "a.dts")
    result = tool(ctx, "config", "create", dtb, "--hypervisor",
                  hypervisor_bin(ctx))
    expect_exit(result, EXIT_OK)
    if result.stdout != (ctx.tmp / "a.dts").read_text():
        fail("stdout differs from what -o writes")


def test_create_its(ctx):
    """its=on: the ITS frame is the GIC's `its`, in a window of its own."""
    source = ctx.tmp / "system.dts"
    create(ctx, dump_dtb(ctx, Variant("its", True, "cortex-a57", 4, "1G")),
           source)
    got = read_system(compile_config(ctx, source))
    if got["gic"]["its"] != 0x08080000:
        fail("its 0x%x, expected 0x8080000" % got["gic"]["its"])
    if ("its@8080000", 0x08080000, 0x20000, False) not in got["devices"]:
        fail("no window its@8080000 of 128 KiB: %s" % got["devices"])


# ----------------------------------------------------------- refusals

def refuse(ctx, dtb, *needles):
    output = ctx.tmp / "refused.dts"
    result = tool(ctx, "config", "create", dtb, "-o", output)
    line = expect_refusal(result, output, str(dtb) + ": ", *needles)
    return line[len(str(dtb.parent)) + 1:]


def test_create_refuse_gicv2(ctx):
    dtb = dump_dtb(ctx, DEMO_BOARD, machine="virt,virtualization=on,"
                   "gic-version=2")
    return refuse(ctx, dtb, ": /intc@8000000: ", "GICv2")


def test_create_refuse_no_psci(ctx):
    """secure=on: QEMU leaves PSCI to EL3 firmware, and its tree has no
    psci node."""
    dtb = dump_dtb(ctx, DEMO_BOARD, machine="virt,virtualization=on,"
                   "gic-version=3,secure=on")
    return refuse(ctx, dtb, ": /: no PSCI node")


def test_create_refuse_psci_hvc(ctx):
    dtb = dump_dtb(ctx, DEMO_BOARD)
    fdtput(ctx, dtb, "-t", "s", "/psci", "method", "hvc")
    return refuse(ctx, dtb, ": /psci: ", '"hvc"', "SMC")


def test_create_refuse_corrupt(ctx):
    dtb = dump_dtb(ctx, DEMO_BOARD)
    data = dtb.read_bytes()
    cut = ctx.tmp / "cut.dtb"
    cut.write_bytes(data[:len(data) // 2])
    refuse(ctx, cut, "not a usable flattened device tree")
    bad = ctx.tmp / "bad.dtb"
    bad.write_bytes(b"\xd0\x0d\xfe\xed" + b"\xff" * 60 + data[64:])
    return refuse(ctx, bad, "not a usable flattened device tree")


def test_create_refuse_cpu_without_reg(ctx):
    dtb = dump_dtb(ctx, DEMO_BOARD)
    fdtput(ctx, dtb, "-d", "/cpus/cpu@2", "reg")
    return refuse(ctx, dtb, ": /cpus/cpu@2: ", "MPIDR")


def test_create_refuse_no_uart(ctx):
    """The console is not a PL011 and no other UART is one."""
    dtb = dump_dtb(ctx, DEMO_BOARD)
    fdtput(ctx, dtb, "-t", "s", "/pl011@9000000", "compatible", "ns16550a")
    return refuse(ctx, dtb, ": /pl011@9000000: ", '"ns16550a"', "PL011")


def test_create_refuse_no_maintenance_interrupt(ctx):
    dtb = dump_dtb(ctx, DEMO_BOARD)
    fdtput(ctx, dtb, "-d", "/intc@8000000", "interrupts")
    return refuse(ctx, dtb, ": /intc@8000000: ", "maintenance interrupt")


# ---------------------------------------------------------- create-cell

def demo_cells(ctx, system):
    """hello, rt and app as the docs carve them."""
    hello = create_cell(ctx, system, "hello", "--cpus", "0", "--ram", "16M")
    rt = create_cell(ctx, system, "rt", "--cpus", "1", "--ram", "16M",
                     "--device", "/pl031@9010000", "--avoid", hello)
    app = create_cell(ctx, system, "app", "--cpus", "2-3", "--ram", "32M",
                      "--device", "pl061@9030000", "--avoid", hello,
                      "--avoid", rt)
    return hello, rt, app


def test_create_cell_three_cells(ctx):
    """Three cells, each avoiding the ones before: the set passes `config
    check`, RAM is first-fit on 2 MiB boundaries after the hypervisor,
    the devices come with their interrupts."""
    system, compiled = demo_system(ctx)
    cells = [compile_config(ctx, c) for c in demo_cells(ctx, system)]
    result = tool(ctx, "config", "check", compiled, *cells)
    expect_exit(result, EXIT_OK)
    rows = [line.split() for line in result.stdout.splitlines()[2:]]
    want = [["hello", "cell", "0", "16", "MiB", "-"],
            ["rt", "cell", "1", "16", "MiB", "34"],
            ["app", "cell", "2,3", "32", "MiB", "39"]]
    if rows != want:
        fail("summary %s, expected %s" % (rows, want))
    text = (ctx.tmp / "hello.dts").read_text()
    if "phys = <0x40400000>;" not in text or \
            "guest = <0x40000000>;" not in text:
        fail("hello's RAM is not at 0x40400000 (guest 0x40000000): %s" %
             text)


def test_create_cell_subpage(ctx):
    """One virtio-mmio slot (0x200 bytes sharing its page with others):
    a sub-page region with its interrupt; the PCI host by its path: its
    ECAM and both spaces, with its INTx lines. Both need --dma-trusted."""
    system, _ = demo_system(ctx)
    cell = create_cell(ctx, system, "v", "--cpus", "0", "--ram", "4M",
                       "--device", "/virtio_mmio@a000200", "--device",
                       "/pcie@10000000", "--dma-trusted")
    text = cell.read_text()
    for needle in ("phys = <0xa000200>;", "size = <0x200>;",
                   '"io", "subpage"', "interrupts = <49 35 36 37 38>;",
                   "dma-trusted;", "pcie@10000000 {", "pcie@10000000-2 {",
                   "phys = <0x40 0x10000000>;"):
        if needle not in text:
            fail("%s lacks %r" % (cell.name, needle))
    compile_config(ctx, cell)


def carve_refusal(ctx, system, spec):
    """@spec: (create-cell arguments, texts the one stderr line holds)."""
    args, needles = spec
    output = ctx.tmp / "refused.dts"
    result = tool(ctx, "config", "create-cell", system, *args, "-o", output)
    return expect_refusal(result, output, *needles)


def test_create_cell_refuse_ram(ctx):
    system, _ = demo_system(ctx)
    return carve_refusal(ctx, system, (
        ["big", "--cpus", "0", "--ram", "1G"],
        ["--ram: ", "not free in one piece", "largest free range"]))


def test_create_cell_refuse_missing_device(ctx):
    system, _ = demo_system(ctx)
    return carve_refusal(ctx, system, (
        ["x", "--cpus", "0", "--ram", "16M", "--device", "/nonexistent@0"],
        ["/nonexistent@0: ", "no board node"]))


def test_create_cell_refuse_bus_master(ctx):
    system, _ = demo_system(ctx)
    return carve_refusal(ctx, system, (
        ["x", "--cpus", "0", "--ram", "16M", "--device", "fw-cfg@9020000"],
        ["fw-cfg@9020000: ", "bus master", "--dma-trusted"]))


def test_create_cell_refuse_taken(ctx):
    """A CPU, then a device, that an --avoid cell has."""
    system, _ = demo_system(ctx)
    hello, rt, _ = demo_cells(ctx, system)
    carve_refusal(ctx, system, (
        ["x", "--cpus", "0", "--ram", "16M", "--avoid", hello],
        ["--cpus: ", "CPU 0 is cell hello's"]))
    return carve_refusal(ctx, system, (
        ["x", "--cpus", "2", "--ram", "16M", "--device", "/pl031@9010000",
         "--avoid", rt],
        ["/pl031@9010000: ", "also cell rt's /memory/pl031@9010000"]))


def test_create_cell_refuse_console_and_gic(ctx):
    system, _ = demo_system(ctx)
    carve_refusal(ctx, system, (
        ["x", "--cpus", "0", "--ram", "16M", "--device", "pl011@9000000"],
        ["pl011@9000000: ", "hypervisor console"]))
    return carve_refusal(ctx, system, (
        ["x", "--cpus", "0", "--ram", "16M", "--device", "intc@8000000"],
        ["intc@8000000: ", "GIC"]))


def collect(options):
    """test_create_X is create/X, test_create_cell_X create-cell/X."""
    tests = []
    for name, function in globals().items():
        if not name.startswith("test_"):
            continue
        group, _, rest = name[len("test_"):].partition("_")
        if rest.startswith("cell_"):
            group, rest = "create-cell", rest[len("cell_"):]
        tests.append(("%s/%s" % (group, rest.replace("_", "-")), function))
    return tests
