# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock image` and `cellblock image check` through the CLI.

Loaded by tests/run.py (see its docstring for the protocol). Each test
makes a fake hypervisor (a few hundred bytes with a valid arm64 Image
header) and payload files in its temporary directory, packs them with the
QEMU virt configs of build/configs/qemu-virt/, and looks at what a user
sees: exit codes, stderr lines, the summary, and the bytes of the image
parsed independently here (struct, zlib) against include/cellblock/image.h.

Exit codes of the tool: 0 ok, 1 the input is wrong, 2 usage error.
"""

import re
import struct
import textwrap
import zlib
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

ARM64_HEADER = struct.Struct("<IIQQQQQQII")     # 64 bytes
TABLE = struct.Struct("<IHHIIQQQQ")             # 48 bytes
BLOB = struct.Struct("<IIQIIQ32s")              # 64 bytes
TABLE_MAGIC, BLOB_MAGIC, ARM64_MAGIC = 0x4d494243, 0x4c424243, 0x644d5241
SYSTEM, CELL, PAYLOAD = 1, 2, 3
TABLE_CRC_AT, BLOB_CRC_AT = 12, 16
LOAD = 0x40200000       # every QEMU virt cell: RAM guest 0x40000000-0x40ffffff


# ---------------------------------------------------------------- helpers

def fail(reason):
    raise AssertionError(reason)


def excerpt(lines, limit=4):
    shown = " | ".join(lines[:limit])
    if len(lines) > limit:
        shown += " | ... (%d lines)" % len(lines)
    return shown


def tool(ctx, *args):
    path = ctx.build / "tools" / "cellblock"
    if not path.exists():
        fail("%s is missing (run make all)" % path)
    return ctx.run([path] + [str(a) for a in args])


def short(result):
    return " ".join(Path(a).name if "/" in a else a for a in result.args)


def expect_exit(result, code):
    if result.returncode != code:
        fail("`%s`: expected exit code %d, got %s" %
             (short(result), code, result.describe()))


def config(ctx, name):
    path = ctx.build / "configs" / "qemu-virt" / (name + ".cell")
    if not path.is_file():
        fail("%s is missing (run make all)" % path)
    return path


def round_up(value, align):
    return (value + align - 1) // align * align


def fake_hypervisor(ctx, footprint=0x3000, name="hv.bin", size=400):
    """A hypervisor binary: arm64 header (code0 = b +64, image_size = the
    memory footprint), then recognizable bytes."""
    body = bytes((i * 7 + 3) & 0xff for i in range(size - ARM64_HEADER.size))
    header = ARM64_HEADER.pack(0x14000010, 0, 0, footprint, 0xa, 0, 0, 0,
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
            config(ctx, "system")]
    for name, extra in (("hello", hello), ("rt", rt), ("app", app)):
        args += ["--cell", config(ctx, name)] + list(extra)
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
        head = bytearray(data[at:at + BLOB.size])
        head[BLOB_CRC_AT:BLOB_CRC_AT + 4] = bytes(4)
        body = data[at + BLOB.size:at + BLOB.size + size]
        end = at + BLOB.size + size
        blobs.append({
            "offset": at, "magic": bmagic, "kind": kind, "size": size,
            "crc": bcrc, "crc_ok": zlib.crc32(bytes(head) + body) == bcrc,
            "params_size": params_size, "load": load,
            "name": name.rstrip(b"\0").decode(), "name_raw": name,
            "data": body, "padding": data[end:round_up(end, 16)]})
        at = round_up(end, 16)
    return {"header": header, "table_at": table_at, "magic": magic,
            "revision": revision, "reserved": (reserved0, res1, res2),
            "blob_count": blob_count, "crc": crc,
            "crc_ok": crc == expected_crc, "total": total, "end": at,
            "blobs": blobs}


def fix_blob_crc(data, blob):
    head = bytearray(data[blob["offset"]:blob["offset"] + BLOB.size])
    head[BLOB_CRC_AT:BLOB_CRC_AT + 4] = bytes(4)
    end = blob["offset"] + BLOB.size + blob["size"]
    crc = zlib.crc32(bytes(head) + bytes(data[blob["offset"] + BLOB.size:end]))
    struct.pack_into("<I", data, blob["offset"] + BLOB_CRC_AT, crc)


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
    contents = {"system.cell": config(ctx, "system").read_bytes(),
                "hello.cell": config(ctx, "hello").read_bytes(),
                "rt.cell": config(ctx, "rt").read_bytes(),
                "app.cell": config(ctx, "app").read_bytes(),
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


# ------------------------------------------------------- refused builds

def test_payload_outside_loadable(ctx):
    big = payload_file(ctx, "big.bin", 0x100)
    args = qemu_args(ctx, rt=["--payload", "%s@0x40ffff80" % big])
    refused_build(ctx, args, "cellblock image: big.bin: ", 'cell "rt"',
                  "0x40ffff80-0x4100007f", "loadable")


def test_payload_in_io_region(ctx):
    """rt's RTC region is mapped but not loadable."""
    small = payload_file(ctx, "small.bin", 16)
    args = qemu_args(ctx, rt=["--payload", "%s@0x09010000" % small])
    refused_build(ctx, args, "cellblock image: small.bin: ", 'cell "rt"')


def test_payload_overflowing_address(ctx):
    small = payload_file(ctx, "small.bin", 16)
    args = qemu_args(ctx, hello=["--payload",
                                 "%s@0xfffffffffffffff8" % small])
    refused_build(ctx, args, "cellblock image: small.bin: ", "overflows")


def test_two_payloads_with_params(ctx):
    a, b = payload_file(ctx, "a.bin", 64), payload_file(ctx, "b.bin", 64)
    args = qemu_args(ctx, app=["--payload", "%s@0x40200000" % a,
                               "--params", "x=1", "--payload",
                               "%s@0x40300000" % b, "--params", "y=2"])
    refused_build(ctx, args, "cellblock image: b.bin: ", "a.bin",
                  'cell "app"', "at most one")


def test_overlapping_payloads(ctx):
    a, b = payload_file(ctx, "a.bin", 64), payload_file(ctx, "b.bin", 64)
    args = qemu_args(ctx, app=["--payload", "%s@0x40200000" % a,
                               "--payload", "%s@0x40200020" % b])
    refused_build(ctx, args, "cellblock image: b.bin: ", "a.bin",
                  "overlaps")


def test_unprintable_params(ctx):
    a = payload_file(ctx, "a.bin", 64)
    args = qemu_args(ctx, app=["--payload", "%s@0x40200000" % a,
                               "--params", "tab\there"])
    refused_build(ctx, args, "cellblock image: a.bin: ", "parameters")


def test_empty_payload(ctx):
    empty = ctx.tmp / "empty.bin"
    empty.write_bytes(b"")
    args = qemu_args(ctx, hello=["--payload", "%s@0x40200000" % empty])
    refused_build(ctx, args, "cellblock image: empty.bin: ", "empty")


def test_invalid_cell_config(ctx):
    """A corrupted cell config: refused with its own name, nothing written,
    and the other cells' problems are not invented."""
    data = bytearray(config(ctx, "rt").read_bytes())
    data[len(data) // 2] ^= 0xff
    bad = ctx.tmp / "bad-rt.cell"
    bad.write_bytes(bytes(data))
    args = qemu_args(ctx)
    args[args.index(config(ctx, "rt"))] = bad
    refused_build(ctx, args, "cellblock image: bad-rt.cell: /: ", "CRC32")


def test_cell_clashing_with_another(ctx):
    """Valid alone, invalid in the set: hello given twice."""
    args = qemu_args(ctx) + ["--cell", config(ctx, "hello")]
    result = tool(ctx, *args)
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    if not lines or not all(l.startswith("cellblock image: hello.cell: /")
                            for l in lines):
        fail("expected only hello.cell problems: %s" % excerpt(lines))
    if (ctx.tmp / "out.img").exists():
        fail("a refused build wrote out.img")


def test_system_as_cell(ctx):
    args = qemu_args(ctx) + ["--cell", config(ctx, "system")]
    refused_build(ctx, args, "cellblock image: system.cell: /: ",
                  "expected a cell config")


def test_cpu_in_no_cell(ctx):
    args = ["image", "-o", ctx.tmp / "out.img", fake_hypervisor(ctx),
            config(ctx, "system"), "--cell", config(ctx, "hello"),
            "--cell", config(ctx, "rt")]
    result = tool(ctx, *args)
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    for cpu in (2, 3):
        if not any(l.startswith("cellblock image: system.cell: ") and
                   "cpu %d is assigned to no cell" % cpu in l for l in lines):
            fail("no line for CPU %d: %s" % (cpu, excerpt(lines)))


def test_hypervisor_not_arm64(ctx):
    bogus = ctx.tmp / "bogus.bin"
    bogus.write_bytes(b"\0" * 300)
    refused_build(ctx, qemu_args(ctx, hv=bogus), "bogus.bin", "arm64")


def test_hypervisor_footprint_too_small(ctx):
    hv = fake_hypervisor(ctx, footprint=0x100, size=400)
    refused_build(ctx, qemu_args(ctx, hv=hv), "hv.bin", "image_size")


def test_image_as_hypervisor(ctx):
    """Packing an image again: the old table would be found first."""
    image = build_ok(ctx)
    again = ctx.tmp / "again.bin"
    data = bytearray(image.read_bytes())
    struct.pack_into("<Q", data, 16, round_up(len(data), 0x1000))
    again.write_bytes(bytes(data))
    image.unlink()
    refused_build(ctx, qemu_args(ctx, hv=again), "again.bin", "table")


def test_refused_build_keeps_existing_output(ctx):
    known = b"an older image\n"
    (ctx.tmp / "old.img").write_bytes(known)
    big = payload_file(ctx, "big.bin", 0x100)
    args = qemu_args(ctx, rt=["--payload", "%s@0x41000000" % big],
                     output="old.img")
    result = tool(ctx, *args)
    expect_exit(result, EXIT_INVALID)
    if (ctx.tmp / "old.img").read_bytes() != known:
        fail("a refused build replaced the existing output")


def test_missing_files(ctx):
    missing = ctx.tmp / "missing.bin"
    for role in ("hypervisor", "system", "cell", "payload"):
        if role == "hypervisor":
            args = qemu_args(ctx, hv=missing)
        elif role == "payload":
            args = qemu_args(ctx, hello=["--payload", "%s@0x40200000" %
                                         missing])
        else:
            args = qemu_args(ctx)
            name = "system" if role == "system" else "app"
            args[args.index(config(ctx, name))] = missing
        result = tool(ctx, *args)
        expect_exit(result, EXIT_INVALID)
        one_line(result, str(missing), "No such file")
        if (ctx.tmp / "out.img").exists():
            fail("%s missing: out.img written" % role)


def test_check_missing_file(ctx):
    result = check(ctx, ctx.tmp / "missing.img", EXIT_INVALID)
    one_line(result, "missing.img", "No such file")


# ------------------------------------------------------------------ usage

def test_usage_bad_addresses(ctx):
    p = payload_file(ctx, "p.bin", 16)
    for address in ("0x4020zz", "", "0x", "-5", "1e6", "0x10000000000000000",
                    "18446744073709551616", " 5"):
        args = qemu_args(ctx, hello=["--payload", "%s@%s" % (p, address)])
        refused_build(ctx, args, "--payload", code=EXIT_USAGE)
    refused_build(ctx, qemu_args(ctx, hello=["--payload", str(p)]),
                  "FILE@ADDRESS", code=EXIT_USAGE)


def test_decimal_and_hex_addresses(ctx):
    p = payload_file(ctx, "p@v1.bin", 16)
    image = build_ok(ctx, hello=["--payload", "%s@%d" % (p, 0x40300000)],
                     rt=["--payload", "%s@0X40300010" % p])
    loads = {(b["name"], b["load"]) for b in parse(image.read_bytes())
             ["blobs"] if b["kind"] == PAYLOAD}
    if loads != {("p@v1.bin", 0x40300000), ("p@v1.bin", 0x40300010)}:
        fail("payload loads %r" % loads)


def test_usage_errors(ctx):
    hv, system = fake_hypervisor(ctx), config(ctx, "system")
    hello, p = config(ctx, "hello"), payload_file(ctx, "p.bin", 16)
    out = ctx.tmp / "out.img"
    cases = [
        ([hv, system, "--cell", hello], "-o IMAGE"),
        (["-o", out, hv, "--cell", hello], "SYSTEM"),
        (["-o", out, hv, system, "--payload", "%s@0x40200000" % p],
         "before any --cell"),
        (["-o", out, hv, system, "--cell", hello, "--params", "a=1"],
         "--params"),
        (["-o", out, hv, system, "--cell", hello, "--payload",
          "%s@0x40200000" % p, "--params", "a", "--params", "b"], "--params"),
        (["-o", out, hv, system, "--cell", hello, "extra.cell"],
         "before the first --cell"),
        (["-o", out, hv, system, "--cell", hello, "--verbose"], "--verbose"),
        (["-o", out, hv, system, "--cell"], "needs an argument"),
        (["-o", out, "-o", out, hv, system], "twice"),
    ]
    for args, needle in cases:
        refused_build(ctx, ["image"] + args, needle, code=EXIT_USAGE)
    for args in ([], ["check"], ["check", out, out], ["check", "--all"]):
        result = tool(ctx, "image", *args)
        expect_exit(result, EXIT_USAGE)
        if "usage:" not in result.stderr:
            fail("`%s`: no usage on stderr" % short(result))


def test_help_lists_image(ctx):
    result = tool(ctx, "--help")
    expect_exit(result, EXIT_OK)
    if not re.search(r"cellblock image -o IMAGE", result.stdout):
        fail("--help does not show `cellblock image`: %r" %
             result.stdout[:300])


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
                  config(ctx, "system"), "--cell", config(ctx, "hello"),
                  "--payload", "%s@0x40200000" % (ctx.tmp / "hello.bin"),
                  "--params", "greeting=hi count=3",
                  "--cell", config(ctx, "rt"),
                  "--cell", config(ctx, "app"),
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
    return [("image/" + name[len("test_"):].replace("_", "-"), function)
            for name, function in globals().items()
            if name.startswith("test_") and callable(function)]
