# SPDX-License-Identifier: GPL-2.0-only
"""`cellblock image` moving the hypervisor's link address
(tools/image_relocate.c, include/cellblock/image.h): a system whose
/hypervisor region does not hold the image at the hypervisor's link
address (system-managed: 0x7c000000-0x7fffffff, the hypervisor linked at
0x40200000) gets the hypervisor relocated to the region's start with the
relocation table after its arm64 header; one that holds it gets the
hypervisor's bytes as they are; a table that is missing or names anything
but an aligned R_AARCH64_RELATIVE inside the file is refused, and nothing
is written.

The fake hypervisor here: the arm64 header (res2 = 0x40200000), struct
cb_hv_relocs at 0x40 naming a table at 0x100 whose entries relocate res2
(0x40200020) and the word at 0x180, plus a spare R_AARCH64_NONE entry;
the system tests boot the real one (system/managed/type-1)."""

import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import EXIT_OK, built_config, expect_exit, fail, tool
from image_common import (collect_tests, fake_hypervisor, qemu_args,
                          refused_build)

LINK = 0x40200000
REGION = 0x7c000000     # system-managed's /hypervisor
RELOCS = struct.Struct("<IIQQ")
RELA = struct.Struct("<QQQ")
RELOCS_MAGIC = 0x4c524243       # "CBRL"
RELATIVE = 1027
TABLE_AT, WORD_AT = 0x100, 0x180


def relocatable(ctx, entries=None, magic=RELOCS_MAGIC, name="hv.bin"):
    """The fake hypervisor, with @entries (r_offset, r_info, r_addend) as
    its table (default: res2, the word at WORD_AT, a spare)."""
    if entries is None:
        entries = [(LINK + 0x20, RELATIVE, LINK),
                   (LINK + WORD_AT, RELATIVE, LINK + 0x150), (0, 0, 0)]
    data = bytearray(fake_hypervisor(ctx, name=name).read_bytes())
    RELOCS.pack_into(data, 0x40, magic, 0, TABLE_AT,
                     RELA.size * len(entries))
    for i, entry in enumerate(entries):
        RELA.pack_into(data, TABLE_AT + i * RELA.size, *entry)
    struct.pack_into("<Q", data, WORD_AT, LINK + 0x150)
    path = ctx.tmp / name
    path.write_bytes(bytes(data))
    return path


def build(ctx, hv, system="system-managed", cell="managed-ticker"):
    return ["image", "-o", ctx.tmp / "out.img", hv, built_config(ctx, system),
            "--cell", built_config(ctx, cell)]


def test_relocate_to_region(ctx):
    hv = relocatable(ctx)
    expect_exit(tool(ctx, *build(ctx, hv)), EXIT_OK)
    out = (ctx.tmp / "out.img").read_bytes()
    delta = REGION - LINK
    link, = struct.unpack_from("<Q", out, 0x20)
    word, = struct.unpack_from("<Q", out, WORD_AT)
    entries = [RELA.unpack_from(out, TABLE_AT + i * RELA.size)
               for i in range(3)]
    want = [(LINK + 0x20 + delta, RELATIVE, REGION),
            (LINK + WORD_AT + delta, RELATIVE, LINK + 0x150 + delta),
            (0, 0, 0)]
    if (link, word, entries) != (REGION, LINK + 0x150 + delta, want):
        fail("relocated: link 0x%x, word 0x%x, table %s; expected 0x%x, "
             "0x%x, %s" % (link, word, entries, REGION,
                           LINK + 0x150 + delta, want))
    expect_exit(tool(ctx, "image", "check", ctx.tmp / "out.img"), EXIT_OK)


def test_relocate_not_needed(ctx):
    """system.cell's region holds the image at 0x40200000: the
    hypervisor's bytes are packed as they are."""
    hv = relocatable(ctx)
    expect_exit(tool(ctx, *qemu_args(ctx, hv=hv)), EXIT_OK)
    original = hv.read_bytes()
    out = (ctx.tmp / "out.img").read_bytes()
    # image_size (offset 16) is the packer's to set.
    if out[:16] + out[24:len(original)] != original[:16] + original[24:]:
        fail("the hypervisor's bytes changed though the region holds it "
             "at its link address")


def test_relocate_no_table(ctx):
    refused_build(ctx, build(ctx, relocatable(ctx, magic=0)),
                  "hv.bin: no relocation table", "\"CBRL\" at offset 0x40")


def test_relocate_other_type(ctx):
    entries = [(LINK + 0x20, RELATIVE, LINK), (LINK + WORD_AT, 257, 0)]
    refused_build(ctx, build(ctx, relocatable(ctx, entries)),
                  "hv.bin: relocation at file offset 0x118 (type 257",
                  "not an aligned R_AARCH64_RELATIVE inside the file")


def test_relocate_outside(ctx):
    entries = [(LINK + 0x20, RELATIVE, LINK), (LINK + 0x10000, RELATIVE, 0)]
    refused_build(ctx, build(ctx, relocatable(ctx, entries)),
                  "address 0x40210000", "inside the file")


def test_relocate_header_uncovered(ctx):
    entries = [(LINK + WORD_AT, RELATIVE, LINK + 0x150)]
    refused_build(ctx, build(ctx, relocatable(ctx, entries)),
                  "does not cover the header's link address")


def collect(options):
    return collect_tests(globals())
