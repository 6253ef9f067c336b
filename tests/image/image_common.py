# SPDX-License-Identifier: GPL-2.0-only
"""Helpers shared by the tests of `cellblock image` (not a test module
itself).

The image tests (image_build_tests.py, image_refusal_tests.py) make a fake
hypervisor (a few hundred bytes with a valid arm64 Image header) and
payload files in the test's temporary directory, pack them with the QEMU
virt configs of build/configs/qemu-virt/, and look at what a user sees:
exit codes, stderr lines, the summary, and the bytes of the image parsed
independently here (struct, zlib) against include/cellblock/image.h (the
format is in tests/lib/image_format.py).

Helpers shared with the other test directories (tool, expect_exit, ...)
are in tests/lib/helpers.py; test modules import both with tests/image and
tests/lib on sys.path.
"""

import zlib

from helpers import (EXIT_INVALID, EXIT_OK, EXIT_USAGE, built_config,
                     excerpt, expect_exit, fail, short, tool)
from image_format import (ARM64_HEADER, ARM64_MAGIC, BLOB, TABLE,
                          TABLE_CRC_AT, TABLE_MAGIC, blob_crc)

LOAD = 0x40200000       # every QEMU virt cell: RAM guest 0x40000000-0x40ffffff


# ---------------------------------------------------------------- helpers

def round_up(value, align):
    return (value + align - 1) // align * align


def fake_hypervisor(ctx, footprint=0x3000, name="hv.bin", size=400,
                    link=0x40200000):
    """A hypervisor binary: arm64 header (code0 = b +64, image_size = the
    memory footprint, res2 = the link address), then recognizable bytes."""
    body = bytes((i * 7 + 3) & 0xff for i in range(size - ARM64_HEADER.size))
    header = ARM64_HEADER.pack(0x14000010, 0, 0, footprint, 0xa, link, 0, 0,
                               ARM64_MAGIC, 0)
    path = ctx.tmp / name
    path.write_bytes(header + body)
    return path


def payload_file(ctx, name, size, seed=1):
    path = ctx.tmp / name
    path.write_bytes(bytes((i * seed + seed) & 0xff for i in range(size)))
    return path


def qemu_args(ctx, hello=(), rt=(), app=(), hv=None, output="out.img"):
    """`image` arguments for the QEMU virt set; @hello, @rt and @app are
    extra arguments after each --cell (payload options)."""
    args = ["image", "-o", ctx.tmp / output, hv or fake_hypervisor(ctx),
            built_config(ctx, "system")]
    for name, extra in (("hello", hello), ("rt", rt), ("app", app)):
        args += ["--cell", built_config(ctx, name)] + list(extra)
    return args


def standard_payloads(ctx):
    """hello: a 1000-byte program with parameters; app: two payloads."""
    return {
        "hello": ["--payload", "%s@0x40200000" % payload_file(
            ctx, "hello.bin", 1000, 3), "--params", "console=on mode=2"],
        "app": ["--payload", "%s@0x40200000" % payload_file(
            ctx, "app.bin", 4096, 5), "--payload", "%s@%d" % (
            payload_file(ctx, "data.bin", 33, 7), 0x40800000)],
    }


def build_ok(ctx, **payloads):
    result = tool(ctx, *qemu_args(ctx, **payloads))
    expect_exit(result, EXIT_OK)
    if result.stderr.strip():
        fail("`%s` printed on stderr: %s" % (short(result),
                                             result.describe()))
    image = ctx.tmp / "out.img"
    if not image.is_file():
        fail("`%s` exited 0 but wrote no out.img" % short(result))
    return image


def one_line(result, *needles):
    """stderr is exactly one line holding every needle; returns it."""
    lines = result.stderr_lines()
    if len(lines) != 1:
        fail("`%s`: expected exactly one stderr line, got %d: %s" %
             (short(result), len(lines), excerpt(lines)))
    for needle in needles:
        if needle not in lines[0]:
            fail("expected %r in %r" % (needle, lines[0]))
    return lines[0]


def refused_build(ctx, args, *needles, code=EXIT_INVALID):
    """The build exits @code, writes nothing, and says one line with
    @needles."""
    result = tool(ctx, *args)
    expect_exit(result, code)
    if (ctx.tmp / "out.img").exists():
        fail("`%s` was refused but wrote out.img" % short(result))
    leftovers = [p.name for p in ctx.tmp.iterdir() if ".tmp" in p.name]
    if leftovers:
        fail("`%s` left temporary files: %s" % (short(result), leftovers))
    if code == EXIT_USAGE:
        if "usage:" not in result.stderr:
            fail("no usage on stderr: %s" % result.describe())
        lines = [l for l in result.stderr_lines()
                 if l.startswith("cellblock image: ")]
        if len(lines) != 1 or not all(n in lines[0] for n in needles):
            fail("expected one 'cellblock image:' line with %s: %s" %
                 (needles, result.describe()))
        return lines[0]
    return one_line(result, *needles)


def check(ctx, image, code):
    result = tool(ctx, "image", "check", image)
    expect_exit(result, code)
    return result


# --------------------------------------------------------------- parsing

def parse(data):
    """The image as documented: header, table and blobs, with every CRC
    recomputed here. Fails on anything that differs from the format."""
    header = ARM64_HEADER.unpack_from(data, 0)
    table_at = None
    for at in range(0x1000, len(data) - TABLE.size + 1, 0x1000):
        fields = TABLE.unpack_from(data, at)
        if fields[0] == TABLE_MAGIC and fields[5] == at:
            table_at = at
            break
    if table_at is None:
        fail("no table at a 4 KiB-aligned offset")
    (magic, revision, reserved0, blob_count, crc, offset, total,
     res1, res2) = TABLE.unpack_from(data, table_at)
    table = bytearray(data[table_at:table_at + TABLE.size])
    table[TABLE_CRC_AT:TABLE_CRC_AT + 4] = bytes(4)
    expected_crc = zlib.crc32(data[:table_at] + bytes(table))
    blobs = []
    at = table_at + TABLE.size
    for _ in range(blob_count):
        (bmagic, kind, size, bcrc, params_size, load,
         name) = BLOB.unpack_from(data, at)
        body = data[at + BLOB.size:at + BLOB.size + size]
        end = at + BLOB.size + size
        blobs.append({
            "offset": at, "magic": bmagic, "kind": kind, "size": size,
            "crc": bcrc, "crc_ok": blob_crc(data, at, size) == bcrc,
            "params_size": params_size, "load": load,
            "name": name.rstrip(b"\0").decode(), "name_raw": name,
            "data": body, "padding": data[end:round_up(end, 16)]})
        at = round_up(end, 16)
    return {"header": header, "table_at": table_at, "magic": magic,
            "revision": revision, "reserved": (reserved0, res1, res2),
            "blob_count": blob_count, "crc": crc,
            "crc_ok": crc == expected_crc, "total": total, "end": at,
            "blobs": blobs}


def collect_tests(namespace):
    """The tests of a module, from its @namespace (globals()): function
    test_NAME_PART is test image/NAME-PART, in the order of definition."""
    return [("image/" + name[len("test_"):].replace("_", "-"), function)
            for name, function in namespace.items()
            if name.startswith("test_") and callable(function)]
