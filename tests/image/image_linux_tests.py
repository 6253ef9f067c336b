# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock image --linux`: the arm64 Linux boot layout in a
cell (docs/image.md, "A Linux cell"), with small stand-in kernels (an
arm64 Image header with the image_size under test) so nothing here needs
Debian's 32 MiB kernel, except image/linux-too-big-for-hypervisor, which
packs the real one into the 16 MiB /hypervisor of system.dts.

Loaded by tests/run.py (see its docstring for the protocol); how the image
tests work is told in image_common.py.

- image/linux-layout: the kernel at the entry, the initrd after its
  image_size, the generated device tree (a kind-4 blob) after that, as
  `image check` and the blobs say; the tree's /chosen holds the bootargs,
  the initrd's range and both seeds;
- image/linux-given-dtb: --dtb FILE is packed with /chosen set, and one
  describing a device the cell does not own is refused;
- image/linux-*: each kernel or layout the boot protocol rules out is
  refused with one line naming the kernel file and the cell, and nothing
  is written;
- image/linux-usage-*: --initrd, --bootargs, --dtb without --linux, and
  --linux twice in a cell, are usage errors.
"""

import gzip
import re
import struct
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, EXIT_USAGE, build_product,
                     built_config, debian_arm64, expect_exit, fail, tool)
from image_common import collect_tests, parse, refused_build
from image_format import ARM64_HEADER, ARM64_MAGIC

MIB2 = 0x200000
ENTRY = 0x40200000
DEVICE_TREE = 4


def fake_kernel(ctx, image_size=0x400000, size=0x1000, name="Image",
                text_offset=0, flags=0xa, magic=ARM64_MAGIC):
    header = ARM64_HEADER.pack(0x14000010, 0, text_offset, image_size,
                               flags, 0, 0, 0, magic, 0)
    path = ctx.tmp / name
    path.write_bytes(header + bytes((i * 5 + 1) & 0xff
                                    for i in range(size - len(header))))
    return path


def linux_args(ctx, kernel, *extra, cell="linux", system="system-linux"):
    hv = build_product(ctx.build / "hypervisor" / "hypervisor.bin")
    return ["image", "-o", ctx.tmp / "out.img", hv, built_config(ctx, system),
            "--cell", built_config(ctx, "hello"),
            "--cell", built_config(ctx, "rt"),
            "--cell", cell if isinstance(cell, Path) else
            built_config(ctx, cell), "--linux", kernel] + list(extra)


def cell_variant(ctx, replacements, name="linux-variant"):
    text = (ctx.source / "configs" / "qemu-virt" / "linux.dts").read_text()
    for old, new in replacements:
        if old not in text:
            fail("linux.dts has no %r" % old)
        text = text.replace(old, new)
    source = ctx.tmp / (name + ".dts")
    source.write_text(text)
    output = ctx.tmp / (name + ".cell")
    result = tool(ctx, "config", "compile", source, "-o", output)
    expect_exit(result, EXIT_OK)
    return output


def decompile(ctx, data):
    path = ctx.tmp / "tree.dtb"
    path.write_bytes(data)
    return subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(path)],
                          check=True, capture_output=True, text=True).stdout


def chosen_of(dts):
    found = re.search(r"\bchosen \{(.*?)\};", dts, re.S)
    if not found:
        fail("no /chosen in %s" % dts)
    return found.group(1)


def test_linux_layout(ctx):
    kernel = fake_kernel(ctx, image_size=0x2010000, size=0x3000)
    initrd = ctx.tmp / "initrd.cpio"
    initrd.write_bytes(bytes(range(256)) * 20)          # 5120 bytes
    result = tool(ctx, *linux_args(ctx, kernel, "--initrd", initrd,
                                   "--bootargs", "console=ttyAMA0 quiet"))
    expect_exit(result, EXIT_OK)
    initrd_at = ENTRY + 0x2010000
    listing = tool(ctx, "image", "check", ctx.tmp / "out.img")
    expect_exit(listing, EXIT_OK)
    lines = listing.stdout.splitlines()[-4:]
    dtb_at = initrd_at + 0x2000
    blobs = parse((ctx.tmp / "out.img").read_bytes())["blobs"]
    dtb = blobs[-2]
    want = [
        "cell linux (linux.cell): cpus 2,3, entry 0x40200000",
        "  payload Image: 0x40200000-0x40202fff, 12288 bytes",
        "  device tree device-tree.dtb: 0x%x-0x%x, %d bytes" % (
            dtb_at, dtb_at + dtb["size"] - 1, dtb["size"]),
        "  payload initrd.cpio: 0x%x-0x%x, 5120 bytes" % (
            initrd_at, initrd_at + 5119),
    ]
    if lines != want:
        fail("image check ends %r, expected %r" % (lines, want))
    if dtb["kind"] != DEVICE_TREE or dtb["load"] % 8:
        fail("the device tree blob has kind %d at 0x%x, expected kind 4, "
             "8-byte aligned" % (dtb["kind"], dtb["load"]))
    chosen = chosen_of(decompile(ctx, dtb["data"]))
    for want in ('bootargs = "console=ttyAMA0 quiet";',
                 "linux,initrd-start = <0x00 0x%x>;" % initrd_at,
                 "linux,initrd-end = <0x00 0x%x>;" % (initrd_at + 5120),
                 "rng-seed = ", "kaslr-seed = <"):
        if want not in chosen:
            fail("/chosen lacks %r: %s" % (want, chosen))


def test_linux_given_dtb(ctx):
    kernel = fake_kernel(ctx)
    source = ctx.tmp / "given.dts"
    source.write_text("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n"
                      "\t#size-cells = <2>;\n\tchosen { bootargs = "
                      "\"old\"; };\n};\n")
    given = ctx.tmp / "given.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(given),
                    str(source)], check=True)
    result = tool(ctx, *linux_args(ctx, kernel, "--dtb", given,
                                   "--bootargs", "new"))
    expect_exit(result, EXIT_OK)
    dtb = parse((ctx.tmp / "out.img").read_bytes())["blobs"][-1]
    chosen = chosen_of(decompile(ctx, dtb["data"]))
    if 'bootargs = "new";' not in chosen or dtb["load"] != ENTRY + 0x400000:
        fail("the given tree at 0x%x has /chosen %s; expected bootargs new "
             "at 0x%x" % (dtb["load"], chosen, ENTRY + 0x400000))
    (ctx.tmp / "out.img").unlink()
    source.write_text("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n"
                      "\t#size-cells = <2>;\n\tuart@9040000 { reg = <0 "
                      "0x9040000 0 0x1000>; };\n};\n")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(given),
                    str(source)], check=True)
    result = tool(ctx, *linux_args(ctx, kernel, "--dtb", given))
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    if not lines or not lines[0].startswith(
            "%s: /uart@9040000: reg 0x9040000-0x9040fff is not a region of "
            "cell linux" % given) or (ctx.tmp / "out.img").exists():
        fail("expected the foreign uart refused, nothing written: %s" %
             result.describe())


def test_linux_gzip_kernel(ctx):
    path = ctx.tmp / "vmlinuz.gz"
    path.write_bytes(gzip.compress(fake_kernel(ctx).read_bytes()))
    refused_build(ctx, linux_args(ctx, path), "cell linux: ",
                  "vmlinuz.gz is gzip-compressed", "zcat")


def test_linux_not_an_image(ctx):
    kernel = fake_kernel(ctx, magic=0x12345678)
    refused_build(ctx, linux_args(ctx, kernel), "Image is not an arm64 "
                  "Image (expected the magic")


def test_linux_big_endian(ctx):
    refused_build(ctx, linux_args(ctx, fake_kernel(ctx, flags=0xb)),
                  "Image is a big-endian kernel")


def test_linux_no_image_size(ctx):
    refused_build(ctx, linux_args(ctx, fake_kernel(ctx, image_size=0)),
                  "Image has image_size 0")


def test_linux_entry_not_2mib(ctx):
    cell = cell_variant(ctx, [("entry = <0x40200000>;",
                               "entry = <0x40201000>;")])
    refused_build(ctx, linux_args(ctx, fake_kernel(ctx), cell=cell),
                  "cell linux: entry 0x40201000 is not text_offset 0x0 of ",
                  "past a 2 MiB boundary")


def test_linux_image_size_past_region(ctx):
    kernel = fake_kernel(ctx, image_size=0x10000000)
    refused_build(ctx, linux_args(ctx, kernel), "cell linux: the kernel ",
                  "needs 0x40200000-0x501fffff (its image_size",
                  "not inside one loadable region")


def test_linux_initrd_does_not_fit(ctx):
    kernel = fake_kernel(ctx, image_size=0x10000000 - MIB2 - 0x1000)
    initrd = ctx.tmp / "big.cpio"
    initrd.write_bytes(bytes(0x2000))
    refused_build(ctx, linux_args(ctx, kernel, "--initrd", initrd),
                  "cell linux: the initrd ", "big.cpio (8192 bytes) does "
                  "not fit in region ram after the kernel (0x4ffff000-"
                  "0x4fffffff is left)")


def test_linux_too_big_for_hypervisor(ctx):
    """Debian's kernel in system.dts's 16 MiB /hypervisor region."""
    kernel = build_product(debian_arm64() / "Image", "deps")
    refused_build(ctx, linux_args(ctx, kernel, system="system"),
                  "cellblock image: system.cell: /hypervisor "
                  "0x40000000-0x40ffffff does not hold the image, which "
                  "runs at 0x40200000-", "expected the region to hold it "
                  "and 16 pages for page tables past it")


def test_linux_usage_part_without_linux(ctx):
    for option, value in (("--initrd", "x"), ("--bootargs", "x"),
                          ("--dtb", "auto")):
        args = linux_args(ctx, fake_kernel(ctx))
        args = args[:args.index("--linux")] + [option, value]
        refused_build(ctx, args, "%s %s does not follow a --linux" %
                      (option, value), code=EXIT_USAGE)


def test_linux_usage_twice(ctx):
    kernel = fake_kernel(ctx)
    refused_build(ctx, linux_args(ctx, kernel, "--linux", kernel),
                  "the cell has a kernel already", code=EXIT_USAGE)


def collect(options):
    return collect_tests(globals())
