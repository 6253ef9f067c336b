# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end tests of the boot's image check (common/image_check.c, run
at EL2 before anything starts) on images damaged one field at a time.

Loaded by tests/run.py (see its docstring for the protocol); how the
system tests boot and what they assert on is told in system_common.py.

Each test takes build/images/demo.img, changes one thing in its table, a
blob header or a cell config (recomputing the CRCs the change would
otherwise break, so that the check under test is the one that speaks),
boots it, and expects the banner, the one line of that check, and
`image refused: no cell started` with the machine switched off; or, for
a cell config the boot refuses on its own, that cell's lines and the
other cells running. `cellblock image check` refuses the same images
(tests/image); these show that the boot does, at EL2, in one line each.
"""

import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import fail
from image_format import (BLOB, BLOB_CRC_AT, BLOB_MAGIC, TABLE, TABLE_CRC_AT,
                          TABLE_MAGIC, blob_crc)
from system_common import POWER_OFF, Paths, Ticks, boot, check_hello

# The config format's revision, as the validator names it in messages.
CONFIG_REVISION = int(re.search(
    r"#define CB_CONFIG_REVISION (\d+)",
    (Path(__file__).resolve().parents[2] / "include/cellblock/config.h")
    .read_text()).group(1))

PAGE = 0x1000
REFUSED = "[cellblock] image refused: no cell started"
LINKED = 0x40200000
# struct cb_image_table, struct cb_image_blob, struct cb_cell_config
# (include/cellblock/image.h, config.h): where the tests change them.
TABLE_RESERVED0_AT, TABLE_COUNT_AT, TABLE_OFFSET_AT = 6, 8, 16
TABLE_TOTAL_AT, TABLE_RESERVED_AT, TABLE_REVISION_AT = 24, 32, 4
BLOB_KIND_AT, BLOB_SIZE_AT, BLOB_PARAMS_AT = 4, 8, 20
BLOB_LOAD_AT, BLOB_NAME_AT = 24, 32
ARM64_IMAGE_SIZE_AT = 16
# reserved[0] follows revision 5's watchdog_us, on_failure, restart_limit,
# comm_interrupt and vote_timeout_us (16 bytes from 104).
CONFIG_CRC_AT, CELL_PASSTHROUGH_AT, CELL_RESERVED_AT = 12, 96, 120
CELL_WATCHDOG_AT = 104


class Image:
    """demo.img's bytes, with its table and blobs (header offset, size,
    name), and the CRCs the tests keep right."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.table = next(
            at for at in range(0, len(data) - TABLE.size, PAGE)
            if struct.unpack_from("<I", data, at)[0] == TABLE_MAGIC and
            struct.unpack_from("<Q", data, at + TABLE_OFFSET_AT)[0] == at)
        self.blobs = []
        at = self.table + TABLE.size
        for _ in range(self.field(TABLE_COUNT_AT, "I")):
            _, _, size, _, _, _, name = BLOB.unpack_from(self.data, at)
            self.blobs.append((at, size, name.rstrip(b"\0").decode()))
            at += BLOB.size + (size + 15) // 16 * 16

    def field(self, at, kind, table=True):
        return struct.unpack_from("<" + kind, self.data,
                                  (self.table if table else 0) + at)[0]

    def set_table(self, at, kind, value):
        struct.pack_into("<" + kind, self.data, self.table + at, value)

    def seal_table(self):
        """The table CRC: bytes [0, table) and the table, CRC field 0."""
        table = bytearray(self.data[self.table:self.table + TABLE.size])
        table[TABLE_CRC_AT:TABLE_CRC_AT + 4] = bytes(4)
        crc = zlib.crc32(bytes(table), zlib.crc32(bytes(
            self.data[:self.table])))
        self.set_table(TABLE_CRC_AT, "I", crc)

    def blob(self, name):
        for at, size, blob in self.blobs:
            if blob == name:
                return at, size
        fail("no blob %s in demo.img" % name)

    def set_blob(self, name, at, kind, value):
        struct.pack_into("<" + kind, self.data, self.blob(name)[0] + at,
                         value)

    def seal_blob(self, name):
        at, size = self.blob(name)
        struct.pack_into("<I", self.data, at + BLOB_CRC_AT,
                         blob_crc(self.data, at, size))

    def stored_crc(self, name):
        return struct.unpack_from("<I", self.data,
                                  self.blob(name)[0] + BLOB_CRC_AT)[0]


def refused(ctx, image, line):
    """@image boots to the banner, then exactly `[cellblock] image: LINE`
    and the refusal; the machine is switched off."""
    path = ctx.tmp / "damaged.img"
    path.write_bytes(image.data)
    console = boot(ctx, path)
    console.expect_banner()
    want = ["[cellblock] image: " + line, REFUSED]
    if console.lines[1:] != want:
        fail("after the banner %r, expected %r; %s" %
             (console.lines[1:], want, console.describe()))
    if console.result.returncode != 0:
        fail("QEMU exited with %d, expected 0; %s" %
             (console.result.returncode, console.describe()))


def demo(ctx):
    return Image(Paths(ctx).demo_image().read_bytes())


def test_table_reserved0(ctx):
    image = demo(ctx)
    image.set_table(TABLE_RESERVED0_AT, "H", 1)
    image.seal_table()
    refused(ctx, image, "image table: reserved0 is 0x1 (expected 0)")


def test_table_reserved(ctx):
    image = demo(ctx)
    image.set_table(TABLE_RESERVED_AT + 8, "Q", 5)
    image.seal_table()
    refused(ctx, image, "image table: reserved[1] is 0x5 (expected 0)")


def test_table_no_blobs(ctx):
    image = demo(ctx)
    image.set_table(TABLE_COUNT_AT, "I", 0)
    image.seal_table()
    refused(ctx, image, "image table: blob count 0 is out of range "
            "(expected 1 to 256)")


def test_table_revision(ctx):
    image = demo(ctx)
    image.set_table(TABLE_REVISION_AT, "H", 2)
    refused(ctx, image, "image table: format revision 2 is not supported "
            "(expected 1)")


def test_image_size(ctx):
    """The arm64 header's image_size a page more than the image."""
    image = demo(ctx)
    size = image.field(ARM64_IMAGE_SIZE_AT, "Q", table=False) + PAGE
    struct.pack_into("<Q", image.data, ARM64_IMAGE_SIZE_AT, size)
    image.seal_table()
    refused(ctx, image, "hypervisor: arm64 Image header image_size is 0x%x "
            "(expected the image size 0x%x rounded up to 4 KiB)" %
            (size, image.field(TABLE_TOTAL_AT, "Q")))


def hypervisor_symbols(ctx):
    elf = Paths(ctx).hypervisor_elf
    output = subprocess.run(["aarch64-linux-gnu-nm", str(elf)],
                            capture_output=True, text=True,
                            check=True).stdout
    return {name: int(value, 16) for value, _, name in
            (line.split() for line in output.splitlines())}


def test_table_in_hypervisor(ctx):
    """The table and blobs moved a page down, into the hypervisor's
    memory past its .bss (the last page of its stacks, unused at boot;
    the hypervisor zeroes .bss before the check, which would hide a table
    there): the check wants the table after all of it."""
    image = demo(ctx)
    symbols = hypervisor_symbols(ctx)
    end = symbols["__hv_end"] - LINKED
    at = image.table - PAGE
    if image.table != end or at < symbols["__bss_end"] - LINKED or \
            any(image.data[at:image.table]):
        fail("demo.img's table at 0x%x, the hypervisor's memory ends at "
             "0x%x: no free page below the table to move it to" %
             (image.table, end))
    total = image.field(TABLE_TOTAL_AT, "Q") - PAGE
    data = image.data[:at] + image.data[image.table:]
    struct.pack_into("<Q", data, at + TABLE_OFFSET_AT, at)
    moved = Image(data)
    moved.set_table(TABLE_TOTAL_AT, "Q", total)
    struct.pack_into("<Q", moved.data, ARM64_IMAGE_SIZE_AT,
                     (total + PAGE - 1) // PAGE * PAGE)
    moved.seal_table()
    refused(ctx, moved, "image table: is at 0x%x, inside the hypervisor's "
            "memory that reaches 0x%x (expected the table after it)" %
            (at, end))


def test_total_inside_table(ctx):
    image = demo(ctx)
    image.set_table(TABLE_TOTAL_AT, "Q", image.table + 16)
    refused(ctx, image, "image table: total size %d ends inside the table "
            "at %d" % (image.table + 16, image.table))


def test_total_past_last_blob(ctx):
    image = demo(ctx)
    total = image.field(TABLE_TOTAL_AT, "Q")
    if total % PAGE > PAGE - 16 or not total % PAGE:
        fail("demo.img's total size %d leaves no 16 bytes before its "
             "image_size" % total)
    image.set_table(TABLE_TOTAL_AT, "Q", total + 16)
    image.seal_table()
    refused(ctx, image, "image table: total size %d does not match the end "
            "of the last blob at %d" % (total + 16, total))


def test_blob_count_high(ctx):
    image = demo(ctx)
    count = len(image.blobs)
    image.set_table(TABLE_COUNT_AT, "I", count + 1)
    image.seal_table()
    total = image.field(TABLE_TOTAL_AT, "Q")
    refused(ctx, image, "blob %d: header at 0x%x runs past the image's end "
            "at 0x%x (the table counts %d blobs)" % (count, total, total,
                                                     count + 1))


def test_blob_magic(ctx):
    image = demo(ctx)
    at = image.blobs[2][0]
    image.data[at] ^= 1
    refused(ctx, image, "blob 2: magic at 0x%x is 0x%08x (expected 0x%08x, "
            "\"CBBL\")" % (at, BLOB_MAGIC ^ 1, BLOB_MAGIC))


def test_blob_size(ctx):
    image = demo(ctx)
    at, size = image.blob("ticker.bin")
    image.set_blob("ticker.bin", BLOB_SIZE_AT, "Q", 1 << 28)
    left = image.field(TABLE_TOTAL_AT, "Q") - at - BLOB.size
    refused(ctx, image, "ticker.bin: size %d runs past the image's end (%d "
            "bytes left; truncated?)" % (1 << 28, left))


def test_blob_name(ctx):
    """A blob name that cannot be printed (and so a CRC mismatch): the
    line names the blob by its number."""
    image = demo(ctx)
    at, size = image.blob("hello.bin")
    stored = image.stored_crc("hello.bin")
    image.data[at + BLOB_NAME_AT] = 1
    refused(ctx, image, "blob 2: CRC32 0x%08x does not match the blob's "
            "header and data (computed 0x%08x): the image is corrupted" %
            (stored, blob_crc(image.data, at, size)))


def test_blob_padding(ctx):
    image = demo(ctx)
    at, size = image.blob("hello.bin")
    if not size % 16:
        fail("hello.bin's %d bytes need no padding" % size)
    pad = at + BLOB.size + size
    image.data[pad] = 0x5a
    refused(ctx, image, "hello.bin: padding byte at 0x%x is 0x5a (expected "
            "0)" % pad)


def kind_case(ctx, name, field, kind, value, line):
    image = demo(ctx)
    image.set_blob(name, field, kind, value)
    image.seal_blob(name)
    refused(ctx, image, line)


def test_blob_kind_unknown(ctx):
    kind_case(ctx, "hello.bin", BLOB_KIND_AT, "I", 7, "hello.bin: kind 7 is "
              "unknown (expected 1 system config, 2 cell config, 3 "
              "payload or 4 device tree)")


def test_second_system_config(ctx):
    kind_case(ctx, "hello.cell", BLOB_KIND_AT, "I", 1, "hello.cell: is blob "
              "1, a system config (expected exactly one system config, "
              "first)")


def test_payload_before_cell(ctx):
    kind_case(ctx, "hello.cell", BLOB_KIND_AT, "I", 3, "hello.cell: is a "
              "payload before any cell config (expected each cell config "
              "followed by its payloads)")


def test_config_load_address(ctx):
    kind_case(ctx, "hello.cell", BLOB_LOAD_AT, "Q", PAGE, "hello.cell: is a "
              "cell config with params_size 0 and load address 0x1000 "
              "(expected 0 and 0)")


def test_params_too_long(ctx):
    image = demo(ctx)
    _, size = image.blob("ticker.bin")
    kind_case(ctx, "ticker.bin", BLOB_PARAMS_AT, "I", size + 1, "ticker.bin: "
              "params_size %d exceeds the payload's %d bytes" % (size + 1,
                                                                  size))


def test_cell_config_problems(ctx):
    """app.cell, repacked under a 31-character blob name, with two problems
    (reserved[0] set, and a console passthrough address with passthrough
    off), config and blob CRCs recomputed: the boot refuses app with one
    line for the blob, its first problem, and a count of the rest; hello
    and rt run."""
    paths = Paths(ctx)
    name = "app-cell-with-a-31-char-name.cl"
    config = bytearray(paths.config("app").read_bytes())
    struct.pack_into("<Q", config, CELL_PASSTHROUGH_AT, 0x09030000)
    struct.pack_into("<Q", config, CELL_RESERVED_AT, 1)
    struct.pack_into("<I", config, CONFIG_CRC_AT, 0)
    struct.pack_into("<I", config, CONFIG_CRC_AT, zlib.crc32(bytes(config)))
    damaged = ctx.tmp / name
    damaged.write_bytes(config)
    # The tool refuses it: pack a valid image, then swap the blob in.
    image = Image(paths.demo_image().read_bytes())
    at, size = image.blob("app.cell")
    if size != len(config):
        fail("app.cell is %d bytes in demo.img, %d as built" %
             (size, len(config)))
    image.data[at + BLOB.size:at + BLOB.size + size] = config
    image.data[at + BLOB_NAME_AT:at + BLOB.size] = \
        name.encode().ljust(32, b"\0")
    image.blobs = [(a, s, name if a == at else n) for a, s, n in image.blobs]
    image.seal_blob(name)
    path = ctx.tmp / "twice.img"
    path.write_bytes(image.data)
    console = boot(ctx, path)
    console.expect_banner()
    console.expect_sources(["hello", "rt"])
    hv = console.of("cellblock")[1:4]
    want = ["image: %s: /: reserved[0] is 0x1 (expected 0: reserved in "
            "format revision %d)" % (name, CONFIG_REVISION),
            "image: 1 more problems in the blobs above (`cellblock image "
            "check` lists them)", "2 of 3 cells ready; starting"]
    if hv != want:
        fail("hypervisor lines %r, expected %r; %s" % (hv, want,
                                                       console.describe()))
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    if console.lines[-1] != POWER_OFF or console.result.returncode != 0:
        fail("the run did not end with %r; %s" % (POWER_OFF,
                                                  console.describe()))


def test_cell_policy_problem(ctx):
    """app.cell in demo.img with watchdog_us 50, below the 100 us minimum
    (config and blob CRCs recomputed): the boot's validator, the one
    `config compile` runs, refuses app with the same words; hello and rt
    run."""
    paths = Paths(ctx)
    image = Image(paths.demo_image().read_bytes())
    at, size = image.blob("app.cell")
    config = bytearray(image.data[at + BLOB.size:at + BLOB.size + size])
    struct.pack_into("<I", config, CELL_WATCHDOG_AT, 50)
    struct.pack_into("<I", config, CONFIG_CRC_AT, 0)
    struct.pack_into("<I", config, CONFIG_CRC_AT, zlib.crc32(bytes(config)))
    image.data[at + BLOB.size:at + BLOB.size + size] = config
    image.seal_blob("app.cell")
    path = ctx.tmp / "watchdog.img"
    path.write_bytes(image.data)
    console = boot(ctx, path)
    console.expect_banner()
    console.expect_sources(["hello", "rt"])
    hv = console.of("cellblock")[1:3]
    want = ["image: app.cell: /: watchdog-period-us 50 is out of range "
            "(expected 100 to 60000000 microseconds, or 0 for no watchdog)",
            "2 of 3 cells ready; starting"]
    if hv != want:
        fail("hypervisor lines %r, expected %r; %s" % (hv, want,
                                                       console.describe()))
    check_hello(console)
    Ticks(console, "rt", 1000, 20).expect_exact_spacing()
    if console.lines[-1] != POWER_OFF or console.result.returncode != 0:
        fail("the run did not end with %r; %s" % (POWER_OFF,
                                                  console.describe()))


def collect(options):
    return [("system/image-check/" + name[len("test_"):].replace("_", "-"),
             function) for name, function in globals().items()
            if name.startswith("test_")]
