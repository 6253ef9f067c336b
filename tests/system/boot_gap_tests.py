# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of boot and board paths the other system tests leave
out (found with `make coverage`, tests/coverage.py): the machine or the
system config is not what the boot needs, and the boot says so in one
line, then switches the machine off, or the cells run on.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

- board/boot-cpu-not-cpu0: cpu@0 and cpu@1 with each other's MPIDR;
- board/boot-cpu-no-redistributor: a redistributor address with nothing
  behind it: every CPU is left out, the boot CPU too, and nothing starts;
- board/distributor-not-gicv3: the distributor address in PCIe ECAM
  space, where an absent function reads all ones;
- boot/image-outside-hypervisor: a /hypervisor region that ends below
  the image and is too small to hold it (`cellblock image` would move the
  image to a region's start that holds it);
- boot/pool-too-small: a /hypervisor region 15 pages longer than the image;
- boot/pool-exhausted: the page pool runs out while the cells are built,
  one page later each boot;
- boot/link-rollback: the pool swept over a cell on two links: at the
  one size where it is skipped at its second link, every later cell is
  skipped too and nothing starts;
- boot/link-peer-skipped: a link peer's cell skipped (its CPU left out),
  its slot taken by the next cell: doorbells to it read back DOWN and
  interrupt no one;
- boot/console-moved: a system config whose console is not the board's
  UART: after the banner nothing more on it;
- boot/misaligned-load: the image loaded at an address that is not
  page-aligned: the CPU halts before anything else;
- boot/boot-cpu-idle: hello's payload outside its RAM: hello is skipped,
  and the boot CPU, in no cell, idles while the other cells run;
- boot/odd-payload-address: a data payload at an odd address, across a
  2 MiB boundary, arrives byte for byte.
"""

import re
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from image_format import (BLOB, BLOB_CRC_AT, BLOB_LOAD_AT, SYSTEM_HV_SIZE_AT,
                          SYSTEM_HV_START_AT, TABLE, TABLE_MAGIC, blob_crc,
                          patch_system_config)
from system_common import (LOAD, Paths, Ticks, boot, check_app_crash,
                           check_hello)

PAGE = 0x1000
HV_LINKED = 0x40200000      # where the hypervisor runs (head.S moves it)
HV_REGION = ("start = <0x40000000>;\n\t\tsize = <0x01000000>;")
EXHAUSTED = "cell %s: the hypervisor's page pool is exhausted; cell skipped"
NO_WINDOWS = ("system: /hypervisor: the page pool has no room left for the "
              "per-CPU RAM windows; nothing started")


def expect_refusal(console, lines):
    """The banner, then exactly @lines, and the machine switched off."""
    console.expect_banner()
    if console.lines[1:] != lines:
        fail("after the banner %r, expected %r; %s" %
             (console.lines[1:], lines, console.describe()))
    if console.result.returncode != 0:
        fail("QEMU exited with %d, expected 0 (machine switched off); %s" %
             (console.result.returncode, console.describe()))


def demo_boot(ctx, system, name="demo"):
    paths = Paths(ctx)
    return boot(ctx, paths.image(name, paths.demo_cells(), system))


def align_up(value, align):
    return (value + align - 1) // align * align


# ------------------------------------------------------------ board checks

def test_boot_cpu_not_cpu0(ctx):
    system = Paths(ctx).system_variant("swapped", [
        ("cpu@0 { mpidr = <0x0>; };", "cpu@0 { mpidr = <0x1>; };"),
        ("cpu@1 { mpidr = <0x1>; };", "cpu@1 { mpidr = <0x0>; };")])
    expect_refusal(demo_boot(ctx, system), [
        "[cellblock] system: /cpus/cpu@0: mpidr 0x1, but the boot CPU is "
        "0x0 (cpu@0 must be the CPU firmware boots); nothing started"])


def test_boot_cpu_no_redistributor(ctx):
    system = Paths(ctx).system_variant("noredist", [
        ("redistributor = <0x080a0000>;", "redistributor = <0x08200000>;")])
    expect_refusal(demo_boot(ctx, system), [
        "[cellblock] CPU %d (mpidr 0x%x): no redistributor at 0x%x: the "
        "board has fewer CPUs than the system config; CPU left out" %
        (n, n, 0x08200000 + n * 0x20000) for n in range(4)] + [
        "[cellblock] CPU 0, the boot CPU, has no redistributor: nothing "
        "started"])


def test_distributor_not_gicv3(ctx):
    """The distributor at the PCIe ECAM window (a device window of the
    system config): GICD_PIDR2's offset there is the config space of an
    absent function, which reads all ones."""
    system = Paths(ctx).system_variant("ecamdist", [
        ("distributor = <0x08000000>;", "distributor = <0x40 0x10000000>;")])
    expect_refusal(demo_boot(ctx, system), [
        "[cellblock] board: the distributor at 0x4010000000 is not a GICv3 "
        "or v4 (GICD_PIDR2 0xffffffff, ArchRev 15), the system config's /gic "
        "says version 3; nothing started"])


# ------------------------------------------------------- the hypervisor's memory

def image_size(path):
    """The total size of boot image @path (its table's total_size)."""
    data = path.read_bytes()
    for at in range(0, len(data) - TABLE.size, PAGE):
        magic, = struct.unpack_from("<I", data, at)
        if magic == TABLE_MAGIC and \
                struct.unpack_from("<Q", data, at + 16)[0] == at:
            return TABLE.unpack_from(data, at)[6]
    fail("%s has no image table" % path)


def hv_region(paths, name, start, size, base=None):
    """The QEMU virt system config, or tests/system/configs/@base.dts,
    with its /hypervisor region at @start, @size bytes."""
    region = [(HV_REGION, "start = <0x%x>;\n\t\tsize = <0x%x>;" %
               (start, size))]
    if base is None:
        return paths.system_variant(name, region)
    text = (paths.ctx.source / "tests" / "system" / "configs" /
            (base + ".dts")).read_text()
    if HV_REGION not in text:
        fail("%s.dts has no %r to replace" % (base, HV_REGION))
    source = paths.ctx.tmp / (name + ".dts")
    source.write_text(text.replace(HV_REGION, region[0][1]))
    return paths.compile(source, name)


def sized_image(ctx, name, cells, pages, base=None):
    """An image of @cells whose /hypervisor region starts at the image
    and ends @pages pages past it (the page pool); the region's size does
    not change the image's. @base: see hv_region()."""
    paths = Paths(ctx)
    probe = paths.image(name + "-probe", cells,
                        hv_region(paths, name + "-probe", HV_LINKED,
                                  0x1000000, base))
    size = align_up(image_size(probe), PAGE) + pages * PAGE
    system = hv_region(paths, "%s-%d" % (name, pages), HV_LINKED, size,
                       base)
    return paths.image("%s-%d" % (name, pages), cells, system)


def patched_hv_region(ctx, name, region, line):
    """The demo image with its system config's /hypervisor region made
    region(span) afterwards, span being the image's 4 KiB-rounded size.
    `cellblock image` refuses to write one (checked: exit 1 and
    line(span), about system.cell), so the boot's refusal of the same is
    shown on an image patched after the tool. Returns the image and
    line(span)."""
    paths = Paths(ctx)
    image = paths.image(name, paths.demo_cells())
    span = align_up(image_size(image), PAGE)
    start, size = region(span)
    said = line(span)
    system = hv_region(paths, "system", start, size)
    refused = ctx.run(paths.image_args(ctx.tmp / (name + "-x.img"),
                                       paths.demo_cells(), system))
    if refused.returncode != 1 or \
            refused.stderr.strip() != "cellblock image: " + said:
        fail("cellblock image with /hypervisor 0x%x+0x%x: expected exit 1 "
             "and %r; %s" % (start, size, said, refused.describe()))
    data = patch_system_config(bytearray(image.read_bytes()),
                               {SYSTEM_HV_START_AT: start,
                                SYSTEM_HV_SIZE_AT: size})
    image.write_bytes(bytes(data))
    return image, said


def test_image_outside_hypervisor(ctx):
    image, line = patched_hv_region(
        ctx, "small", lambda span: (0x40000000, 0x40000),
        lambda span: "system.cell: /hypervisor 0x40000000-0x4003ffff does "
        "not hold the image, which runs at 0x%x-0x%x (%d KiB: hypervisor, "
        "configs and payloads; expected the region to hold it and 16 pages "
        "for page tables past it)" % (HV_LINKED, HV_LINKED + span - 1,
                                      span >> 10))
    expect_refusal(boot(ctx, image), ["[cellblock] image: " + line,
                                      "[cellblock] image refused: no cell "
                                      "started"])


def test_pool_too_small(ctx):
    image, line = patched_hv_region(
        ctx, "pool", lambda span: (HV_LINKED, span + 15 * PAGE),
        lambda span: "system.cell: /hypervisor leaves 15 pages past the "
        "image for page tables (expected at least 16)")
    expect_refusal(boot(ctx, image), ["[cellblock] image: " + line,
                                      "[cellblock] image refused: no cell "
                                      "started"])


POOL_FIRST, POOL_LAST, POOL_AMPLE = 16, 40, 200


def pool_cells(paths):
    """hello, then filler (CPU 1: 11 pages of stage-2 tables, for its RAM
    and eight I/O pages each in its own 2 MiB), then hungry (CPUs 2-3:
    its stage-2 root, an EL2 page table for its sub-page region, then
    three stage-2 tables)."""
    hello = paths.demo("hello")
    return [(paths.config("hello"), hello, None),
            (paths.test_config("pool_filler"), hello, None),
            (paths.test_config("pool_hungry"), hello, None)]


def pool_outcome(console, pages):
    """The cells skipped for want of pages, in order, and whether the
    cells started; fails on any other line."""
    console.expect_banner()
    hv = console.of("cellblock")[1:]
    skipped = []
    while hv and re.fullmatch(EXHAUSTED % r"\S+", hv[0]):
        skipped.append(hv.pop(0).split()[1].rstrip(":"))
    started = bool(hv) and bool(re.fullmatch(
        r"\d of \d cells ready; starting", hv[0]))
    if not started and hv != [NO_WINDOWS]:
        fail("pool of %d pages: after the skipped cells %s, lines %r, "
             "expected only %r; %s" % (pages, skipped, hv, NO_WINDOWS,
                                       console.describe()))
    if console.result.returncode != 0:
        fail("pool of %d pages: QEMU exited with %d; %s" %
             (pages, console.result.returncode, console.describe()))
    return skipped, started


def test_pool_exhausted(ctx):
    """The pool past the image grows by one page a boot, from the least
    the boot accepts (16 pages): at first filler and hungry are skipped
    (each has its line; no fault, whatever allocation ran dry: a
    stage-2 root, an EL2 table for a sub-page region or a stage-2 table),
    then filler fits and hungry is skipped for one boot per page it needs
    (five), then both fit but the per-CPU RAM windows do not: nothing
    starts. With an ample pool all three cells run."""
    paths = Paths(ctx)
    cells = pool_cells(paths)
    history = []
    for pages in range(POOL_FIRST, POOL_LAST + 1):
        console = boot(ctx, sized_image(ctx, "pool", cells, pages))
        skipped, started = pool_outcome(console, pages)
        if started:
            fail("pool of %d pages: the cells started, with no room for "
                 "the RAM windows expected" % pages)
        if history and not set(skipped) <= set(history[-1][1]):
            fail("pool of %d pages skipped %s, one page less skipped only "
                 "%s" % (pages, skipped, history[-1][1]))
        history.append((pages, skipped))
        if not skipped:
            break
    else:
        fail("hungry still skipped with %d pages: %s" % (POOL_LAST, history))
    first = history[0][1]
    if first != ["filler", "hungry"]:
        fail("pool of %d pages skipped %s, expected filler and hungry" %
             (POOL_FIRST, first))
    hungry_only = [p for p, s in history if s == ["hungry"]]
    if len(hungry_only) != 5:
        fail("hungry alone was skipped with %s pages, expected five "
             "consecutive sizes (one per page it needs): %s" %
             (hungry_only, history))
    console = boot(ctx, sized_image(ctx, "pool", cells, POOL_AMPLE))
    if pool_outcome(console, POOL_AMPLE) != ([], True):
        fail("pool of %d pages: not all cells started; %s" %
             (POOL_AMPLE, console.describe()))
    for cell in ("hello", "filler", "hungry"):
        check_hello(console, cell)
    console.expect_off()
    return "; ".join("%d pages: %s" % (p, ", ".join(s) or "none skipped")
                     for p, s in history)


LINK_EXHAUSTED = ("cell %s: /links/%s: the hypervisor's page pool is "
                  "exhausted; cell skipped")
ROLLBACK_LAST = 40
# a's ticks: it outlives b's and c's doorbell and their 50 ms wait.
A_TICKS = 80
RING_LINES = ["RUN link_ring",
              "link_ring: peer 1 of 2, doorbell to peer 0: %s",
              "link_ring: no interrupt in 50000 us",
              "PASS link_ring checks=1"]


def rollback_cells(paths):
    """The cells of tests/system/configs/rollback_system.dts in image
    order: hello, then a (peer 0 of links first and second, the ticker
    for A_TICKS ms: still running when the others ring it, and never
    enabling its link interrupt), b (peer 1 of first) and c (peer 1 of
    second), both ringing peer 0 (inmates/systest/link_ring.c). When a is
    skipped, b is created in the cell slot a had."""
    hello = paths.demo("hello")
    ring = paths.systest("link_ring")
    return [(paths.config("hello"), hello, None),
            (paths.test_config("rollback_a"), paths.demo("ticker"),
             "period_us=1000 ticks=%d" % A_TICKS),
            (paths.test_config("rollback_b"), ring, "peer=0"),
            (paths.test_config("rollback_c"), ring, "peer=0")]


def a_outcome(hv):
    """How cell a fared in hypervisor lines @hv: "second" or "first"
    (skipped at that link), "cell" (skipped before its links), None."""
    for line in hv:
        for link in ("first", "second"):
            if line == LINK_EXHAUSTED % ("a", link):
                return link
        if line == EXHAUSTED % "a":
            return "cell"
    return None


def test_link_rollback(ctx):
    """A cell skipped at its second link, the first one done, must not
    stay a peer of the first (ivshmem_cell_exit(), from devices.c): its
    cell slot is the next cell's. The pool is swept one page a boot from
    16 pages, as in pool-exhausted, until a fits: a is skipped before
    its links, then at link first (two pages: an EL2 table for the state
    table, a stage-2 table for its BARs), then at link second for
    exactly one size (its BARs' stage-2 table; the state table shares
    first's EL2 table). At that size the pool is empty, so b (in a's
    slot) and c are skipped too, and with no room for the per-CPU RAM
    windows nothing starts: no cell ever runs beside a cell skipped for
    want of pages, so in this build the rollback cannot be seen by a
    cell (link-peer-skipped shows what a cell in a skipped cell's slot
    sees). Every size's lines are exact."""
    paths = Paths(ctx)
    cells = rollback_cells(paths)
    history = []
    for pages in range(POOL_FIRST, ROLLBACK_LAST + 1):
        console = boot(ctx, sized_image(ctx, "rollback", cells, pages,
                                        base="rollback_system"))
        console.expect_banner()
        hv = console.of("cellblock")[1:]
        outcome = a_outcome(hv)
        if outcome is None:
            break
        skipped = {"cell": EXHAUSTED % "a"}.get(
            outcome, LINK_EXHAUSTED % ("a", outcome))
        want = [skipped, EXHAUSTED % "b", EXHAUSTED % "c", NO_WINDOWS]
        if hv != want:
            fail("pool of %d pages: hypervisor lines %r, expected %r; %s" %
                 (pages, hv, want, console.describe()))
        if console.result.returncode != 0:
            fail("pool of %d pages: QEMU exited with %d; %s" %
                 (pages, console.result.returncode, console.describe()))
        history.append((pages, outcome))
    else:
        fail("a still skipped with %d pages: %s" % (ROLLBACK_LAST, history))
    order = [o for i, (_, o) in enumerate(history)
             if not i or history[i - 1][1] != o]
    second = [p for p, o in history if o == "second"]
    if order != ["cell", "first", "second"] or len(second) != 1:
        fail("a was skipped %s, expected before its links, then at link "
             "first, then at link second for one size" %
             ", ".join("%d pages: %s" % h for h in history))
    return "a skipped at link second with %d pages, then b and c, " \
           "nothing started; %s" % (second[0], ", ".join(
               "%d: %s" % h for h in history))


def test_link_peer_skipped(ctx):
    """The rollback system on the board, then with -smp 3: with CPU 3
    left out, a (CPU 3) is skipped before its links, b is created in its
    cell slot, and b's doorbell to a's ID on link first reads back 4
    (DOWN, peer not running), as does c's on link second; no cell is
    interrupted (b not by its own doorbell). On the whole board (the
    control) both read back 0 (OK): a runs the ticker and never enables
    its link interrupt, so neither b nor c is interrupted either."""
    paths = Paths(ctx)
    image = paths.image("rollback", rollback_cells(paths),
                        paths.test_config("rollback_system"))
    for extra, result, ready in (([], "0 OK", "4 of 4"),
                                 (["-smp", "3"], "4 DOWN", "3 of 4")):
        console = boot(ctx, image, extra)
        console.expect_banner()
        console.expect_sources(["hello", "a", "b", "c"])
        hv = console.of("cellblock")[1:]
        want = ["%s cells ready; starting" % ready]
        if extra:
            want = ["CPU 3 (mpidr 0x3): no redistributor at 0x8100000: the "
                    "board has fewer CPUs than the system config; CPU left "
                    "out", "cell a: CPU 3 is not running; cell skipped"] + want
        if hv[:len(want)] != want:
            fail("%s: hypervisor lines %r, expected %r first; %s" %
                 (" ".join(extra) or "4 CPUs", hv[:len(want)], want,
                  console.describe()))
        for cell in ("b", "c"):
            lines = [line % result if "%s" in line else line
                     for line in RING_LINES]
            if console.of(cell) != lines:
                fail("%s: [%s] printed %r, expected %r; %s" %
                     (" ".join(extra) or "4 CPUs", cell, console.of(cell),
                      lines, console.describe()))
        check_hello(console)
        if extra and console.of("a"):
            fail("-smp 3: skipped cell a printed %r" % console.of("a"))
        if not extra:
            Ticks(console, "a", 1000, A_TICKS)
        console.expect_off()


# ------------------------------------------------------------------ the boot

def test_console_moved(ctx):
    """The system config's console at 0x7ff00000, a device window over
    the last MiB of RAM (taken out of /ram): the banner comes from the
    board's UART (the console before the config is trusted), every later
    line goes to the config's console, so the board's UART shows only the
    banner, and the run still ends by itself when the demo's cells have
    stopped."""
    paths = Paths(ctx)
    system = paths.system_variant("moved", [
        ("address = <0x09000000>;", "address = <0x7ff00000>;"),
        ("size = <0x40000000>;\t/* -m 1G */", "size = <0x3ff00000>;"),
        ("\t\tuart0 {", "\t\tstand-in {\n\t\t\tstart = <0x7ff00000>;\n"
         "\t\t\tsize = <0x1000>;\n\t\t};\n\t\tuart0 {")])
    console = demo_boot(ctx, system)
    console.expect_banner()
    if console.lines[1:]:
        fail("after the banner, the board's UART shows %r, expected "
             "nothing; %s" % (console.lines[1:], console.describe()))
    if console.result.returncode != 0:
        fail("QEMU exited with %d, expected 0; %s" %
             (console.result.returncode, console.describe()))


def test_misaligned_load(ctx):
    """demo.img loaded at 0x40100010 (QEMU's generic loader, CPU 0 started
    there): head.S moves the image to its linked address only from a
    page-aligned one, else halts. Nothing is printed and the machine does
    not stop: the run is ended after 2 s of wall-clock time."""
    paths = Paths(ctx)
    at = 0x40100010
    try:
        result = qemu.boot(ctx.tmp, extra=[
            "-device", "loader,file=%s,addr=0x%x,force-raw=on" %
            (paths.demo_image(), at),
            "-device", "loader,addr=0x%x,cpu-num=0" % at], limit=2)
    except qemu.Hang as hang:
        if "console so far: (no output)" not in str(hang):
            fail("the misplaced image printed: %s" % hang)
        return "halted, nothing printed"
    fail("QEMU exited (status %d) instead of halting; %s" %
         (result.returncode, result.describe()))


def move_payload(image, name, address):
    """@image (bytearray) with blob @name's load address set to @address
    and its CRC recomputed: a valid image but for that payload."""
    table = next(at for at in range(0, len(image), PAGE)
                 if struct.unpack_from("<I", image, at)[0] == TABLE_MAGIC and
                 struct.unpack_from("<Q", image, at + 16)[0] == at)
    count = TABLE.unpack_from(image, table)[3]
    at = table + TABLE.size
    for _ in range(count):
        _, _, size, _, _, _, blob = BLOB.unpack_from(image, at)
        if blob.rstrip(b"\0").decode() == name:
            struct.pack_into("<Q", image, at + BLOB_LOAD_AT, address)
            struct.pack_into("<I", image, at + BLOB_CRC_AT,
                             blob_crc(image, at, size))
            return image
        at += BLOB.size + align_up(size, 16)
    fail("no blob %s" % name)


def test_boot_cpu_idle(ctx):
    """demo.img with hello.bin's load address moved out of hello's RAM
    (blob CRC recomputed): the boot refuses hello, so the boot CPU is in
    no cell and idles; rt and app run as in the demo."""
    paths = Paths(ctx)
    image = ctx.tmp / "nohello.img"
    image.write_bytes(move_payload(
        bytearray(paths.demo_image().read_bytes()), "hello.bin", 0x48000000))
    console = boot(ctx, image)
    console.expect_banner()
    console.expect_sources(["rt", "app"])
    hv = console.of("cellblock")
    if not re.fullmatch(r"image: hello\.bin: guest range 0x48000000-0x[0-9a-f]+ "
                        r"is not inside one loadable region of cell "
                        r"\"hello\" \(loadable: ram 0x40000000-0x40ffffff\)",
                        hv[1]) or hv[2] != "2 of 3 cells ready; starting":
        fail("hypervisor lines %r, expected hello.bin's refusal and 2 of "
             "3 cells ready" % hv[:3])
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    check_app_crash(console, paths, 5000)
    console.expect_off()


def fnv1a(data):
    value = 0x811c9dc5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xffffffff
    return value


def test_odd_payload_address(ctx):
    """A 1000-byte data payload at guest 0x405ffe03, beside payload_sum in
    hello's place: odd, and across a 2 MiB boundary (the hypervisor
    copies in 2 MiB windows). payload_sum hashes what it finds there."""
    paths = Paths(ctx)
    data = bytes((n * 37 + 11) & 0xff for n in range(1000))
    blob = ctx.tmp / "data.bin"
    blob.write_bytes(data)
    address = 0x405ffe03
    cells = paths.demo_cells(hello=(paths.systest("payload_sum"),
                                    "address=0x%x size=%d" % (address,
                                                              len(data))))
    output = ctx.tmp / "odd.img"
    args = paths.image_args(output, cells[:1]) + [
        "--payload", "%s@0x%x" % (blob, address)]
    for config, payload, params in cells[1:]:
        args += ["--cell", config, "--payload", "%s@0x%x" % (payload, LOAD)]
        args += ["--params", params] if params else []
    result = ctx.run(args)
    if result.returncode != 0:
        fail("cellblock image: %s" % result.describe())
    console = boot(ctx, output)
    want = "payload_sum: %d bytes at 0x%x: fnv1a 0x%08x" % (
        len(data), address, fnv1a(data))
    if console.of("hello") != [want]:
        fail("[hello] printed %r, expected [%r]" % (console.of("hello"),
                                                    want))
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    console.expect_off()


def collect(options):
    names = {
        "board": ["boot_cpu_not_cpu0", "boot_cpu_no_redistributor",
                  "distributor_not_gicv3"],
        "boot": ["image_outside_hypervisor", "pool_too_small",
                 "pool_exhausted", "link_rollback", "link_peer_skipped",
                 "console_moved", "misaligned_load",
                 "boot_cpu_idle", "odd_payload_address"],
    }
    return [("system/%s/%s" % (group, name.replace("_", "-")),
             globals()["test_" + name])
            for group, functions in names.items() for name in functions]
