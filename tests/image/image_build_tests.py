# SPDX-License-Identifier: GPL-2.0-only
"""Tests of images that `cellblock image` builds, and of `image check`.

Loaded by tests/run.py (see its docstring for the protocol); how the image
tests work is told in image_common.py. Groups:

- image/build-and-check, image/layout*: good images, their summary and
  their bytes, parsed independently here;
- image/check-*: `image check` on damaged copies of a good image;
- image/docs-example: the `image check` output shown in docs/image.md.
"""

import re
import struct
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, built_config, expect_exit, fail,
                     tool)
from image_common import (LOAD, build_ok, check, collect_tests,
                          fake_hypervisor, one_line, parse, payload_file,
                          round_up, standard_payloads)
from image_format import (BLOB, BLOB_CRC_AT, BLOB_MAGIC, CELL, PAYLOAD,
                          SYSTEM, TABLE, blob_crc)


def fix_blob_crc(data, blob):
    struct.pack_into("<I", data, blob["offset"] + BLOB_CRC_AT,
                     blob_crc(data, blob["offset"], blob["size"]))


# ------------------------------------------------------------ good images

def test_build_and_check(ctx):
    image = build_ok(ctx, **standard_payloads(ctx))
    result = check(ctx, image, EXIT_OK)
    if result.stderr.strip():
        fail("check printed on stderr: %s" % result.describe())
    expected = [
        "image %s: %d bytes, table at 0x3000, 7 blobs" % (
            image, image.stat().st_size),
        "system qemu-virt (system.cell): 4 CPUs, root-less",
        "cell hello (hello.cell): cpus 0, entry 0x40200000",
        "  payload hello.bin: 0x40200000-0x402003f9, 1018 bytes, "
        "params \"console=on mode=2\" at 0x402003e8",
        "cell rt (rt.cell): cpus 1, entry 0x40200000, no payloads",
        "cell app (app.cell): cpus 2,3, entry 0x40200000",
        "  payload app.bin: 0x40200000-0x40200fff, 4096 bytes",
        "  payload data.bin: 0x40800000-0x40800020, 33 bytes",
    ]
    got = result.stdout.splitlines()
    if got != expected:
        fail("summary differs:\n got: %s\nwant: %s" % (
            " | ".join(got), " | ".join(expected)))


def layout(ctx, footprint):
    hv = fake_hypervisor(ctx, footprint=footprint)
    image = build_ok(ctx, hv=hv, **standard_payloads(ctx))
    data = image.read_bytes()
    hv_bytes = hv.read_bytes()
    img = parse(data)
    table_at = round_up(footprint, 0x1000)
    if img["table_at"] != table_at:
        fail("table at 0x%x, expected round_up(0x%x, 4 KiB) = 0x%x" %
             (img["table_at"], footprint, table_at))
    header = img["header"]
    if header[3] != round_up(len(data), 0x1000):
        fail("arm64 image_size 0x%x, expected the file size 0x%x rounded "
             "up to 4 KiB" % (header[3], len(data)))
    patched = bytearray(hv_bytes)
    struct.pack_into("<Q", patched, 16, header[3])
    if data[:len(hv_bytes)] != bytes(patched):
        fail("the hypervisor bytes differ from the input beyond image_size")
    if any(data[len(hv_bytes):table_at]):
        fail("the padding before the table is not zero")
    if (img["revision"], img["reserved"]) != (1, (0, 0, 0)):
        fail("revision/reserved: %r %r" % (img["revision"], img["reserved"]))
    if not img["crc_ok"]:
        fail("table CRC 0x%08x is not CRC-32 of [0, table) + table with "
             "the field zero" % img["crc"])
    if img["total"] != len(data) or img["end"] != len(data):
        fail("total_size %d, blobs end at %d, file is %d bytes" %
             (img["total"], img["end"], len(data)))
    kinds = [(b["kind"], b["name"]) for b in img["blobs"]]
    want = [(SYSTEM, "system.cell"), (CELL, "hello.cell"),
            (PAYLOAD, "hello.bin"), (CELL, "rt.cell"), (CELL, "app.cell"),
            (PAYLOAD, "app.bin"), (PAYLOAD, "data.bin")]
    if kinds != want or img["blob_count"] != len(want):
        fail("blobs %r (count %d), expected %r" % (kinds, img["blob_count"],
                                                   want))
    if img["blobs"][0]["offset"] != table_at + TABLE.size:
        fail("first blob at 0x%x, expected right after the table" %
             img["blobs"][0]["offset"])
    contents = {"system.cell": built_config(ctx, "system").read_bytes(),
                "hello.cell": built_config(ctx, "hello").read_bytes(),
                "rt.cell": built_config(ctx, "rt").read_bytes(),
                "app.cell": built_config(ctx, "app").read_bytes(),
                "hello.bin": (ctx.tmp / "hello.bin").read_bytes() +
                b"console=on mode=2\0",
                "app.bin": (ctx.tmp / "app.bin").read_bytes(),
                "data.bin": (ctx.tmp / "data.bin").read_bytes()}
    loads = {"hello.bin": (LOAD, 18), "app.bin": (LOAD, 0),
             "data.bin": (0x40800000, 0)}
    for b in img["blobs"]:
        where = "blob %s" % b["name"]
        if b["magic"] != BLOB_MAGIC or b["offset"] % 16:
            fail("%s: magic 0x%x at 0x%x" % (where, b["magic"], b["offset"]))
        if b["data"] != contents[b["name"]] or b["size"] != len(b["data"]):
            fail("%s: data differs from its file" % where)
        if not b["crc_ok"]:
            fail("%s: CRC is not CRC-32 of header (field zero) + data" %
                 where)
        if (b["load"], b["params_size"]) != loads.get(b["name"], (0, 0)):
            fail("%s: load 0x%x params_size %d" % (where, b["load"],
                                                   b["params_size"]))
        if any(b["padding"]) or any(b["name_raw"][len(b["name"]):]):
            fail("%s: padding or name padding not zero" % where)
    # Packing is deterministic.
    first = data
    image.unlink()
    if build_ok(ctx, hv=hv, **standard_payloads(ctx)).read_bytes() != first:
        fail("two builds of the same inputs differ")


def test_layout(ctx):
    layout(ctx, 0x3000)


def test_layout_unaligned_footprint(ctx):
    layout(ctx, 0x2345)


# --------------------------------------------------------- damaged images

def damaged(ctx, damage):
    image = build_ok(ctx, **standard_payloads(ctx))
    data = bytearray(image.read_bytes())
    img = parse(bytes(data))
    damage(data, img)
    bad = ctx.tmp / "bad.img"
    bad.write_bytes(bytes(data))
    return bad, check(ctx, bad, EXIT_INVALID)


def blob(img, name):
    return next(b for b in img["blobs"] if b["name"] == name)


def test_check_flipped_payload_byte(ctx):
    def flip(data, img):
        b = blob(img, "app.bin")
        data[b["offset"] + BLOB.size + 100] ^= 0x01
    bad, result = damaged(ctx, flip)
    one_line(result, "%s: app.bin: " % bad, "CRC32", "corrupted")


def test_check_flipped_load_address(ctx):
    """The blob CRC covers its header: a damaged load address is caught."""
    def flip(data, img):
        data[blob(img, "data.bin")["offset"] + 26] ^= 0x10
    bad, result = damaged(ctx, flip)
    one_line(result, "data.bin: ", "CRC32")


def test_check_flipped_hypervisor_byte(ctx):
    def flip(data, img):
        data[200] ^= 0x80
    bad, result = damaged(ctx, flip)
    one_line(result, "%s: image table: " % bad, "CRC32")


def test_check_truncated(ctx):
    image = build_ok(ctx, **standard_payloads(ctx))
    data = image.read_bytes()
    for cut in (len(data) - 1, len(data) - 3000, 0x3000 + 20, 0x2000, 40):
        bad = ctx.tmp / ("cut-%d.img" % cut)
        bad.write_bytes(data[:cut])
        result = check(ctx, bad, EXIT_INVALID)
        line = one_line(result, str(bad) + ": ")
        if cut > 0x3000 + TABLE.size and "truncated" not in line:
            fail("cut at %d: %r does not say truncated" % (cut, line))


def test_check_cell_refused_alone(ctx):
    """A payload moved out of its cell's loadable memory (CRC fixed up, as
    a different packer might write it): one line naming the payload and
    the cell; the image itself is not refused, so nothing else is said."""
    def move(data, img):
        b = blob(img, "data.bin")
        struct.pack_into("<Q", data, b["offset"] + 24, 0x42000000)
        fix_blob_crc(data, b)
    bad, result = damaged(ctx, move)
    one_line(result, "data.bin: ", '"app"', "0x42000000-0x42000020",
             "loadable")


def test_check_not_an_image(ctx):
    hv = fake_hypervisor(ctx, size=5000)
    result = check(ctx, hv, EXIT_INVALID)
    one_line(result, "image table: ", "not found")
    text = ctx.tmp / "text.img"
    text.write_bytes(b"hello world\n" * 100)
    result = check(ctx, text, EXIT_INVALID)
    one_line(result, "hypervisor: ", "magic")


# ------------------------------------------------------------------ docs

def test_docs_example(ctx):
    """The `image check` output shown in docs/image.md is what check
    prints for the files the doc's example builds (made here with the
    sizes the doc states)."""
    text = (ctx.source / "docs" / "image.md").read_text()
    match = re.search(r"^([ \t]*)```text[ \t]*\n(\1image \S+: .*?)^\1```",
                      text, re.S | re.M)
    if not match:
        fail("docs/image.md has no ```text block starting with 'image '")
    shown = textwrap.dedent(match.group(2)).splitlines()
    (ctx.tmp / "cellblock.bin").write_bytes(
        fake_hypervisor(ctx, footprint=0x3000).read_bytes())
    payload_file(ctx, "hello.bin", 1000, 3)
    payload_file(ctx, "app.bin", 4096, 5)
    payload_file(ctx, "app-data.bin", 512, 7)
    image = ctx.tmp / "cellblock.img"
    result = tool(ctx, "image", "-o", image, ctx.tmp / "cellblock.bin",
                  built_config(ctx, "system"),
                  "--cell", built_config(ctx, "hello"),
                  "--payload", "%s@0x40200000" % (ctx.tmp / "hello.bin"),
                  "--params", "greeting=hi count=3",
                  "--cell", built_config(ctx, "rt"),
                  "--cell", built_config(ctx, "app"),
                  "--payload", "%s@0x40200000" % (ctx.tmp / "app.bin"),
                  "--payload", "%s@0x40800000" % (ctx.tmp / "app-data.bin"))
    expect_exit(result, EXIT_OK)
    result = tool(ctx, "image", "check", image)
    expect_exit(result, EXIT_OK)
    got = [l.replace(str(image), "cellblock.img")
           for l in result.stdout.splitlines()]
    if got != shown:
        fail("docs show %s; check prints %s" % (" | ".join(shown),
                                                " | ".join(got)))


def collect(options):
    return collect_tests(globals())
