# SPDX-License-Identifier: GPL-2.0-only
"""Tests of builds that `cellblock image` refuses, and of its usage.

Loaded by tests/run.py (see its docstring for the protocol); how the image
tests work is told in image_common.py. Groups:

- image/payload-*, image/hypervisor-*, ...: inputs that make a bad image
  are refused with one line naming the culprit, and nothing is written;
- image/payloads-*-limit, image/cells-past-limit: the limits of this build
  of the hypervisor (include/cellblock/limits.h), at and past them;
- image/usage-*, image/decimal-and-hex-addresses, image/help-lists-image:
  the command line.
"""

import re
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, EXIT_USAGE, built_config,
                     excerpt, expect_exit, fail, short, tool)
from image_common import (build_ok, check, collect_tests, fake_hypervisor,
                          one_line, parse, payload_file, qemu_args,
                          refused_build, round_up)
from image_format import PAYLOAD


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


def payloads(ctx, count):
    """@count 64-byte payloads for one cell, 0x1000 apart in its RAM."""
    args = []
    for i in range(count):
        path = payload_file(ctx, "p%d.bin" % i, 64, i + 1)
        args += ["--payload", "%s@0x%x" % (path, 0x40200000 + i * 0x1000)]
    return args


def test_payloads_at_limit(ctx):
    """8 payloads (CB_LIMIT_PAYLOADS) for one cell: packed."""
    build_ok(ctx, app=payloads(ctx, 8))


def test_payloads_past_limit(ctx):
    """9: the boot would skip the cell, so the build refuses it."""
    refused_build(ctx, qemu_args(ctx, app=payloads(ctx, 9)),
                  'cellblock image: app.cell: cell "app" has 9 payloads '
                  "(expected at most 8 per cell")


def test_cells_past_limit(ctx):
    """17 cell configs (CB_LIMIT_CELLS is 16): the whole image is refused
    at the 17th, in one line. With 16 the cells clash (they repeat hello),
    but no line is about their number."""
    hello = built_config(ctx, "hello")
    args = qemu_args(ctx) + ["--cell", hello] * 13
    result = tool(ctx, *args)
    expect_exit(result, EXIT_INVALID)
    counted = [l for l in result.stderr_lines() if "at most 16 cells" in l]
    if counted:
        fail("16 cells refused for their number: %s" % excerpt(counted))
    refused_build(ctx, args + ["--cell", hello],
                  "cellblock image: hello.cell: is cell config 17 "
                  "(expected at most 16 cells: this build of the "
                  "hypervisor runs at most 16)")


def test_invalid_cell_config(ctx):
    """A corrupted cell config: refused with its own name, nothing written,
    and the other cells' problems are not invented."""
    data = bytearray(built_config(ctx, "rt").read_bytes())
    data[len(data) // 2] ^= 0xff
    bad = ctx.tmp / "bad-rt.cell"
    bad.write_bytes(bytes(data))
    args = qemu_args(ctx)
    args[args.index(built_config(ctx, "rt"))] = bad
    refused_build(ctx, args, "cellblock image: bad-rt.cell: /: ", "CRC32")


def test_cell_clashing_with_another(ctx):
    """Valid alone, invalid in the set: hello given twice."""
    args = qemu_args(ctx) + ["--cell", built_config(ctx, "hello")]
    result = tool(ctx, *args)
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    if not lines or not all(l.startswith("cellblock image: hello.cell: /")
                            for l in lines):
        fail("expected only hello.cell problems: %s" % excerpt(lines))
    if (ctx.tmp / "out.img").exists():
        fail("a refused build wrote out.img")


def test_system_as_cell(ctx):
    args = qemu_args(ctx) + ["--cell", built_config(ctx, "system")]
    refused_build(ctx, args, "cellblock image: system.cell: /: ",
                  "expected a cell config")


def test_cpu_in_no_cell(ctx):
    args = ["image", "-o", ctx.tmp / "out.img", fake_hypervisor(ctx),
            built_config(ctx, "system"), "--cell", built_config(ctx, "hello"),
            "--cell", built_config(ctx, "rt")]
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
            args[args.index(built_config(ctx, name))] = missing
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
    hv, system = fake_hypervisor(ctx), built_config(ctx, "system")
    hello, p = built_config(ctx, "hello"), payload_file(ctx, "p.bin", 16)
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


def collect(options):
    return collect_tests(globals())
