# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of how the hypervisor takes its boot image.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

- system/image/*: corrupted and truncated copies of demo.img, a payload
  outside its cell's loadable memory and an invalid system config,
  refused by `cellblock image` or, in a patched image, by the hypervisor
  at boot; demo.img loaded away from its link address; and an image
  loaded inside a cell's RAM, which that cell then finds cleared;
- system/uboot: demo.img booted by Debian's u-boot prints what a direct
  -kernel boot prints.

The images are parsed and patched here independently of the tool, per
include/cellblock/image.h (tests/lib/image_format.py).
"""

import re
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

import qemu
from helpers import fail
from image_format import (BLOB, BLOB_CRC_AT, BLOB_LOAD_AT, BLOB_MAGIC, TABLE,
                          TABLE_CRC_AT, TABLE_MAGIC, blob_crc)
from system_common import (BANNER, WAIT_SLACK, Paths, Ticks, boot,
                           check_app_crash, check_hello, expect_equal_lines)

# struct cb_config_header and struct cb_system_config
# (include/cellblock/config.h): where the tests patch a system config.
CONFIG_CRC_AT = 12
SYSTEM_MODEL_AT = 16
SYSTEM_FLAGS_AT = 152

UBOOT = Path("/usr/lib/u-boot/qemu_arm64/u-boot.bin")


# ---------------------------------------------------------------- image layout

class Image:
    """A boot image's bytes and blobs, parsed per include/cellblock/image.h
    (independently of the tool)."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.table_offset = self._find_table()
        (_, _, _, self.blob_count, _, _, self.total_size, _,
         _) = TABLE.unpack_from(self.data, self.table_offset)
        self.blobs = []             # (header offset, kind, size, name, load)
        at = self.table_offset + TABLE.size
        for _ in range(self.blob_count):
            (magic, kind, size, _, _, load,
             name) = BLOB.unpack_from(self.data, at)
            if magic != BLOB_MAGIC:
                fail("blob at 0x%x: magic 0x%x" % (at, magic))
            self.blobs.append((at, kind, size,
                               name.rstrip(b"\0").decode(), load))
            at += BLOB.size + (size + 15) // 16 * 16

    def set_text_offset(self, offset):
        """Make QEMU load the image at RAM + @offset (arm64 header
        text_offset) and re-seal the table CRC, which covers the header."""
        struct.pack_into("<Q", self.data, 8, offset)
        at = self.table_offset
        table = bytearray(self.data[at:at + TABLE.size])
        table[TABLE_CRC_AT:TABLE_CRC_AT + 4] = bytes(4)
        crc = zlib.crc32(bytes(table), zlib.crc32(bytes(self.data[:at])))
        struct.pack_into("<I", self.data, at + TABLE_CRC_AT, crc)

    def _find_table(self):
        for at in range(0, len(self.data) - TABLE.size, 0x1000):
            magic, = struct.unpack_from("<I", self.data, at)
            offset, = struct.unpack_from("<Q", self.data, at + 16)
            if magic == TABLE_MAGIC and offset == at:
                return at
        fail("no image table found")

    def blob(self, name):
        for blob in self.blobs:
            if blob[3] == name:
                return blob
        fail("no blob %r in the image (blobs: %s)" %
             (name, [b[3] for b in self.blobs]))

    def blob_at(self, offset):
        """The blob whose header or data holds file offset @offset."""
        for blob in self.blobs:
            if blob[0] <= offset < blob[0] + BLOB.size + blob[2]:
                return blob
        fail("offset 0x%x is in no blob" % offset)

    def stored_crc(self, name):
        at = self.blob(name)[0]
        return struct.unpack_from("<I", self.data, at + BLOB_CRC_AT)[0]

    def computed_crc(self, name, data=None):
        """CRC-32 of the blob's header with its CRC field zero, then its
        data, read from @data (default: this image)."""
        at, _, size, _, _ = self.blob(name)
        return blob_crc(self.data if data is None else data, at, size)

    def set_load_address(self, name, address):
        """Moves payload @name to @address; its CRC follows, so the image
        stays structurally valid."""
        at = self.blob(name)[0]
        struct.pack_into("<Q", self.data, at + BLOB_LOAD_AT, address)
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT, 0)
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT,
                         self.computed_crc(name))


    def patch_config(self, name, offset, data):
        """Writes @data at @offset into config blob @name and re-seals the
        config's own CRC and the blob's: the image stays intact, the
        config becomes whatever @data makes it."""
        at, _, size, _, _ = self.blob(name)
        config = at + BLOB.size
        self.data[config + offset:config + offset + len(data)] = data
        struct.pack_into("<I", self.data, config + CONFIG_CRC_AT, 0)
        struct.pack_into("<I", self.data, config + CONFIG_CRC_AT,
                         zlib.crc32(bytes(self.data[config:config + size])))
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT, 0)
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT,
                         self.computed_crc(name))


# -------------------------------------------------------------- refused images

def boot_refused(ctx, image, blob, message):
    """Boots @image: the banner, exactly one line naming @blob (matching
    @message in full), the refusal, and nothing else."""
    console = boot(ctx, image)
    console.expect_banner()
    problem = "[cellblock] image: %s: " % blob
    problems = [line for line in console.lines
                if line.startswith("[cellblock] image: ")]
    refused = "[cellblock] image refused: no cell started"
    expected = [console.lines[0], problem + message, refused]
    if console.lines != expected:
        fail("expected the banner, %r and %r, got %s" %
             (problem + message, refused, qemu.excerpt(console.lines, 8)))
    if len(problems) != 1:
        fail("expected one image line, got %d" % len(problems))
    if console.result.returncode != 0:
        fail("QEMU exit status %d, expected 0 (the hypervisor powers off)" %
             console.result.returncode)


def crc_message(stored, computed):
    return "CRC32 0x%08x does not match the blob's header and data " \
        "(computed 0x%08x): the image is corrupted" % (stored, computed)


def test_image_corrupted_payload(ctx):
    """One byte flipped in the middle of crash.bin's blob in demo.img."""
    paths = Paths(ctx)
    image = Image(paths.demo_image().read_bytes())
    at, _, size, name, _ = image.blob("crash.bin")
    offset = at + BLOB.size + size // 2
    image.data[offset] ^= 0x40
    path = ctx.tmp / "flipped.img"
    path.write_bytes(image.data)
    boot_refused(ctx, path, name, crc_message(image.stored_crc(name),
                                              image.computed_crc(name)))
    return "byte 0x%x of %s flipped: refused on its CRC" % (offset, name)


def test_image_truncated(ctx):
    """demo.img without its last 4 KiB: QEMU loads what is there (RAM past
    it reads zero), and the blob that held the cut is refused on its
    CRC."""
    paths = Paths(ctx)
    data = paths.demo_image().read_bytes()
    cut = len(data) - 4096
    image = Image(data)
    _, _, _, name, _ = image.blob_at(cut)
    path = ctx.tmp / "truncated.img"
    path.write_bytes(data[:cut])
    as_loaded = data[:cut] + bytes(4096)
    boot_refused(ctx, path, name, crc_message(
        image.stored_crc(name), image.computed_crc(name, as_loaded)))
    return "cut at 0x%x, inside %s" % (cut, name)


def test_cell_refused_by_tool(ctx):
    """`cellblock image` refuses app's payload outside app's loadable
    RAM (guest 0x40000000-0x41ffffff)."""
    paths = Paths(ctx)
    crash = paths.demo("crash")
    output = ctx.tmp / "outside.img"
    cells = paths.demo_cells()
    args = paths.image_args(output, cells[:2]) + [
        "--cell", paths.config("app"), "--payload",
        "%s@0x48000000" % crash]
    result = ctx.run(args)
    size = crash.stat().st_size
    expected = "cellblock image: crash.bin: guest range 0x48000000-0x%x " \
        "is not inside one loadable region of cell \"app\" (loadable: ram " \
        "0x40000000-0x41ffffff)" % (0x48000000 + size - 1)
    if result.returncode != 1 or result.stderr_lines() != [expected]:
        fail("expected exit code 1 and %r; got %s" %
             (expected, result.describe()))
    if output.exists():
        fail("%s was written" % output)


def test_cell_refused_at_boot(ctx):
    """demo.img with crash.bin's load address moved to 0x48000000 and its
    blob CRC recomputed: a valid image but for that, so `image check`
    and the boot name the payload in one line, app does not start, hello
    and rt run."""
    paths = Paths(ctx)
    image = Image(paths.demo_image().read_bytes())
    _, _, size, name, _ = image.blob("crash.bin")
    image.set_load_address(name, 0x48000000)
    path = ctx.tmp / "moved.img"
    path.write_bytes(image.data)
    message = "%s: guest range 0x48000000-0x%x is not inside one loadable " \
        "region of cell \"app\" (loadable: ram 0x40000000-0x41ffffff)" % (
            name, 0x48000000 + size - 1)
    check = ctx.run([paths.tool, "image", "check", path])
    if check.returncode != 1 or check.stderr_lines() != [
            "%s: %s" % (path, message)]:
        fail("`cellblock image check` of the patched image: expected exit "
             "code 1 and the one problem %r; got %s" %
             (message, check.describe()))
    console = boot(ctx, path)
    console.expect_banner()
    console.expect_sources(["hello", "rt"])
    hv = console.of("cellblock")
    if hv[:3] != [hv[0], "image: " + message, "2 of 3 cells ready; "
                  "starting"]:
        fail("expected the banner, %r and '2 of 3 cells ready; starting'; "
             "%s" % ("image: " + message, console.result.describe(
                 tail=False)))
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    if console.of("app") or any(line.startswith("cell app")
                                for line in hv[3:]):
        fail("cell app shows up after being refused; %s" %
             console.describe())
    console.expect_off()


# ---------------------------------------------------------------- u-boot

def uboot_flash(ctx):
    """A second flash bank holding u-boot's own default environment with
    bootdelay=0 (so the autoboot does not wait 2 s of virtual time, 2e9
    instructions): u-boot's qemu_arm64 build keeps its environment there
    (CONFIG_ENV_ADDR 0x4000000, CONFIG_ENV_SIZE 0x40000; a CRC-32 then
    NUL-separated variables)."""
    binary = UBOOT.read_bytes()
    start = binary.find(b"bootcmd=run distro_bootcmd\0")
    end = binary.find(b"\0\0", start)
    if start < 0 or end < 0 or b"bootdelay=2\0" not in binary[start:end]:
        fail("no default environment with bootdelay=2 in %s" % UBOOT)
    env = binary[start:end + 1].replace(b"bootdelay=2\0", b"bootdelay=0\0")
    size = 0x40000
    data = env + bytes(size - 4 - len(env))
    path = ctx.tmp / "uboot-env-flash.img"
    with open(path, "wb") as flash:
        flash.write(struct.pack("<I", zlib.crc32(data)) + data)
        flash.truncate(64 << 20)    # the size of QEMU virt's flash bank
    return path


def relative_counts(lines):
    """@lines with every `cntvct=N` made relative to rt's start line (the
    counter keeps running through firmware, so absolute values differ)."""
    start = None
    for line in lines:
        found = re.fullmatch(r"\[rt\] ticker: start cntvct=(\d+)", line)
        if found:
            start = int(found.group(1))
    if start is None:
        fail("no rt start line")
    return [re.sub(r"cntvct=(\d+)", lambda m: "cntvct=start%+d" %
                   (int(m.group(1)) - start), line) for line in lines]


def same_but_counter_phase(a, b):
    """Whether lines @a and @b differ only in numbers, by at most 1 each: a
    measured span of fixed virtual time can read one counter tick (16 ns)
    more or less depending on where the span starts within a tick."""
    split = re.compile(r"(-?\d+)")
    parts_a, parts_b = split.split(a), split.split(b)
    if len(parts_a) != len(parts_b):
        return False
    for k, (x, y) in enumerate(zip(parts_a, parts_b)):
        if k % 2 == 0 and x != y:
            return False
        if k % 2 == 1 and abs(int(x) - int(y)) > 1:
            return False
    return True


def test_uboot(ctx):
    """demo.img booted by Debian's u-boot (-bios u-boot.bin, -kernel the
    image: u-boot's qfw autoboot loads it at 0x40400000 and booti enters
    it; the hypervisor moves itself to 0x40200000). After u-boot's own
    lines, the console is the one of a direct -kernel boot, counter values
    taken relative to rt's start."""
    if not UBOOT.is_file():
        fail("%s is missing (Debian package u-boot-qemu)" % UBOOT)
    paths = Paths(ctx)
    demo = paths.demo_image()
    direct = qemu.boot(ctx.tmp, kernel=demo)
    firmware = qemu.boot(ctx.tmp, kernel=demo, bios=UBOOT, extra=[
        "-drive", "if=pflash,format=raw,index=1,file=%s" % uboot_flash(ctx)])
    if firmware.returncode != 0:
        fail("u-boot run: QEMU exit status %d; %s" %
             (firmware.returncode, firmware.describe()))
    if not any(line.startswith("U-Boot ") for line in firmware.lines):
        fail("no U-Boot banner; %s" % firmware.describe(tail=False))
    banner = next((i for i, line in enumerate(firmware.lines)
                   if re.fullmatch(BANNER, line)), None)
    if banner is None:
        fail("no hypervisor banner after u-boot; %s" % firmware.describe())
    uboot_banner = next(i for i, line in enumerate(firmware.lines)
                        if line.startswith("U-Boot "))
    if uboot_banner > banner:
        fail("u-boot's banner does not come first")
    got = relative_counts(firmware.lines[banner:])
    want = relative_counts(direct.lines)
    if len(got) != len(want):
        fail("%d lines from the hypervisor on, expected %d as with "
             "-kernel; %s" % (len(got), len(want), firmware.describe()))
    phase = 0
    waited = re.compile(r"\[app\] crash: waited (\d+) counter ticks")
    for n, (a, b) in enumerate(zip(got, want)):
        if a == b:
            continue
        # When app's CPU wakes from its 5 ms WFI depends on where QEMU's
        # round robin of the four CPUs stands, which u-boot's run before
        # shifts (qemu-virt.md): within the slack every boot allows.
        if waited.fullmatch(a) and waited.fullmatch(b) and abs(
                int(waited.fullmatch(a).group(1)) -
                int(waited.fullmatch(b).group(1))) <= WAIT_SLACK:
            phase += 1
            continue
        if not same_but_counter_phase(a, b):
            fail("line %d after u-boot: %r, with -kernel: %r" % (n + 1, a,
                                                                 b))
        phase += 1
    return "%d lines after u-boot's %d match the -kernel boot (%d differ " \
        "by one counter tick of phase, or app's wait by at most %d)" % (
            len(got), banner, phase, WAIT_SLACK)


def test_invalid_system_config(ctx):
    """A system config with two problems, inside an otherwise intact image
    (CRCs re-sealed): the boot names the blob once, with its first problem,
    counts the rest, and starts nothing. `cellblock image check` lists
    both."""
    paths = Paths(ctx)
    image = Image(open(paths.demo_image(), "rb").read())
    image.patch_config("system.cell", SYSTEM_MODEL_AT, bytes(32))
    # Bit 0 is freeze-after-boot since config revision 4; bit 31 is none.
    image.patch_config("system.cell", SYSTEM_FLAGS_AT,
                       struct.pack("<I", 0x80000000))
    path = ctx.tmp / "bad-system.img"
    path.write_bytes(bytes(image.data))
    checked = ctx.run([paths.tool, "image", "check", path])
    if checked.returncode != 1 or len(checked.stderr_lines()) != 2:
        fail("image check: expected exit 1 and two problems; %s" %
             checked.describe())
    console = boot(ctx, path)
    console.expect_banner()
    expected = [
        console.lines[0],
        "[cellblock] image: system.cell: /: model is empty (expected 1 to "
        "31 printable characters)",
        "[cellblock] image: 1 more problems in the blobs above (`cellblock "
        "image check` lists them)",
        "[cellblock] image refused: no cell started",
    ]
    expect_equal_lines("boot", console.lines, expected, console)


def test_image_relocated(ctx):
    """The hypervisor moves itself to its link address (0x40200000) from
    wherever a loader put the image: below it, a page above it (the copies
    overlap all but one page), and 128 KiB above it. The demo then runs as
    usual."""
    paths = Paths(ctx)
    demo = bytes(open(paths.demo_image(), "rb").read())
    for offset in (0x1e0000, 0x201000, 0x220000):
        image = Image(demo)
        image.set_text_offset(offset)
        path = ctx.tmp / ("demo-at-%x.img" % offset)
        path.write_bytes(bytes(image.data))
        console = boot(ctx, path)
        try:
            console.expect_banner()
            console.find("[cellblock] 3 of 3 cells ready; starting")
            check_hello(console)
            Ticks(console, "rt", 1000, 20).expect_exact_spacing()
            check_app_crash(console, paths, 5000)
            console.expect_off()
        except AssertionError as error:
            fail("loaded at RAM + 0x%x: %s" % (offset, error))
    return "loaded at RAM + 0x1e0000, 0x201000 and 0x220000"


def test_image_copy_cleared(ctx):
    """QEMU loads the image inside app's RAM (RAM + 0x12000000 = physical
    0x52000000, where u-boot's booti of a loaded image leaves it too); the
    hypervisor moves itself to its link address, and app's first CPU
    clears app's RAM before entering: a cell reading where the image was
    finds zeros, not the arm64 header (magic "ARM\\x64" at 0x38) and
    everything behind it (every cell's config and payloads)."""
    paths = Paths(ctx)
    cells = paths.demo_cells(app=(paths.systest("poke"),
                                  "address=0x40000038 size=4"))
    image = Image(open(paths.image("probe", cells), "rb").read())
    image.set_text_offset(0x12000000)
    path = ctx.tmp / "in-app.img"
    path.write_bytes(bytes(image.data))
    console = boot(ctx, path)
    console.expect_banner()
    want = ["poke: reading 4 bytes at 0x40000038", "poke: read 0x0"]
    if console.of("app") != want:
        fail("[app] printed %r, expected %r (0x644d5241 would be the "
             "image's header, left in app's RAM)" % (console.of("app"),
                                                      want))
    console.expect_off()


def collect(options):
    return [
        ("system/image/corrupted-payload", test_image_corrupted_payload),
        ("system/image/truncated", test_image_truncated),
        ("system/image/cell-refused-by-tool", test_cell_refused_by_tool),
        ("system/image/cell-refused-at-boot", test_cell_refused_at_boot),
        ("system/image/invalid-system-config", test_invalid_system_config),
        ("system/image/relocated", test_image_relocated),
        ("system/image/copy-cleared", test_image_copy_cleared),
        ("system/uboot", test_uboot),
    ]
