# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config map`, the picture of a partitioning.

Loaded by tests/run.py (see its docstring for the protocol):

- map/svg: the demo set's SVG parses as XML and names every cell and
  every region; nothing but the legend is red;
- map/overlap: rt's RAM moved onto hello's: exit 1, the problem on
  stderr, and still a map, with the shared piece outlined in red and
  `check`'s line in red text; the text form marks the lines with '!';
- map/text: the text form of the demo set: a line per piece with its
  owner, the cells' CPUs and interrupts;
- map/docs-picture: docs/config-map-demo.svg is the map of the checked-in
  QEMU virt configs, and docs/config.md's text form of it is what the
  tool prints, so neither can drift.
"""

import re
import sys
import xml.dom.minidom
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, built_config, expect_exit, fail,
                     tool)

RED = "#d00000"
DEMO = ("system", "hello", "rt", "app")
REGIONS = {"hello": ["ram"], "rt": ["ram", "rtc"], "app": ["ram", "gpio"]}


def demo_set(ctx):
    return [built_config(ctx, name) for name in DEMO]


def parse(path):
    try:
        return xml.dom.minidom.parse(str(path))
    except Exception as e:  # any parser error fails the test
        fail("%s does not parse as XML: %s" % (path.name, e))


def texts(document, fill=None):
    return [node.firstChild.data if node.firstChild else ""
            for node in document.getElementsByTagName("text")
            if fill is None or node.getAttribute("fill") == fill]


def red_rects(document):
    return [r for r in document.getElementsByTagName("rect")
            if r.getAttribute("stroke") == RED]


def test_svg(ctx):
    output = ctx.tmp / "map.svg"
    expect_exit(tool(ctx, "config", "map", *demo_set(ctx), "-o", output),
                EXIT_OK)
    document = parse(output)
    words = " ".join(texts(document))
    for cell, regions in REGIONS.items():
        if cell not in words:
            fail("the map does not name cell %s" % cell)
        for region in regions:
            if "%s /memory/%s" % (cell, region) not in words:
                fail("the map does not show %s's region %s" % (cell, region))
    if len(red_rects(document)) != 1:
        fail("red outlines in a valid set's map (only the legend's is "
             "expected): %d" % len(red_rects(document)))


def overlapping_rt(ctx):
    text = (ctx.source / "configs" / "qemu-virt" / "rt.dts").read_text()
    old = "phys = <0x51000000>;"
    if old not in text:
        fail("rt.dts has no %r; update the test" % old)
    source = ctx.tmp / "rt.dts"
    source.write_text(text.replace(old, "phys = <0x50800000>;"))
    output = ctx.tmp / "rt.cell"
    expect_exit(tool(ctx, "config", "compile", source, "-o", output),
                EXIT_OK)
    return output


def test_overlap(ctx):
    rt = overlapping_rt(ctx)
    configs = [built_config(ctx, "system"), built_config(ctx, "hello"), rt,
               built_config(ctx, "app")]
    output = ctx.tmp / "map.svg"
    result = tool(ctx, "config", "map", *configs, "-o", output)
    expect_exit(result, EXIT_INVALID)
    if not any("/memory/ram: phys 0x50800000-0x517fffff overlaps cell "
               "\"hello\"" in line for line in result.stderr_lines()):
        fail("stderr does not give check's line: %s" % result.describe())
    document = parse(output)
    if len(red_rects(document)) < 2:
        fail("the overlapping RAM is not outlined in red")
    red = " | ".join(texts(document, RED))
    for needle in ("hello /memory/ram + rt /memory/ram", "overlaps cell"):
        if needle not in red:
            fail("no red text %r: %s" % (needle, red))
    result = tool(ctx, "config", "map", *configs)
    marked = [line for line in result.stdout.splitlines()
              if line.startswith("!")]
    if not any("hello /memory/ram + rt /memory/ram" in line
               for line in marked):
        fail("the text form marks no overlapping piece: %s" % marked)
    return "%d red outlines" % (len(red_rects(document)) - 1)


def test_text(ctx):
    result = tool(ctx, "config", "map", *demo_set(ctx))
    expect_exit(result, EXIT_OK)
    lines = result.stdout.splitlines()
    wanted = [
        "  0x0040000000-0x0040ffffff  16 MiB    ram    main                "
        "     hypervisor",
        "  0x0050000000-0x0050ffffff  16 MiB    ram    main                "
        "     hello /memory/ram",
        "  0x0009000000-0x0009000fff  4 KiB     device uart0               "
        "     hypervisor console",
        "  rt                   1            34",
        "  app                  2,3          39",
    ]
    for line in wanted:
        if line not in lines:
            fail("no line %r in: %s" % (line, " | ".join(lines)))


def test_docs_picture(ctx):
    output = ctx.tmp / "map.svg"
    expect_exit(tool(ctx, "config", "map", *demo_set(ctx), "-o", output),
                EXIT_OK)
    picture = ctx.source / "docs" / "config-map-demo.svg"
    if not picture.is_file() or picture.read_bytes() != output.read_bytes():
        fail("docs/config-map-demo.svg is not the demo's map: run "
             "build/tools/cellblock config map build/configs/qemu-virt/"
             "{system,hello,rt,app}.cell -o docs/config-map-demo.svg")
    text = (ctx.source / "docs" / "config.md").read_text()
    shown = re.search(r"^```text\n(map of system .*?)^```", text,
                      re.M | re.S)
    printed = tool(ctx, "config", "map", *demo_set(ctx)).stdout
    if not shown or shown.group(1) != printed:
        fail("docs/config.md's text map is not what `config map` prints")


def collect(options):
    return [("map/" + name[len("test_"):].replace("_", "-"), function)
            for name, function in globals().items()
            if name.startswith("test_")]
