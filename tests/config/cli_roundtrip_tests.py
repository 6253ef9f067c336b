# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config` on valid input: round trips, docs, summary.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- roundtrip/*: every configs/*/*.dts and tests/unit/fixtures/*.dts survives
  compile -> dump -> compile byte for byte, and dump text is stable;
- docs/*: the `dts` examples of docs/config.md compile, survive the same
  round trip (they are the only sources with every property, booleans
  such as `dma;` and `dma-trusted;` included) and check together, and the
  summary shown there is what `check` prints;
- check/qemu-virt-summary: `check` on the shipped QEMU virt configs passes
  and its summary table lists each cell with its CPUs.

Helpers shared with the other test modules are in tests/lib/helpers.py.
"""

import re
import sys
import textwrap
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import EXIT_OK, built_config, expect_exit, fail, short, tool

QEMU_CELLS = {"hello": "0", "rt": "1", "app": "2,3"}


# ---------------------------------------------------------------- helpers

def compile_ok(ctx, source, output, cwd=None):
    result = tool(ctx, "config", "compile", source, "-o", output, cwd=cwd)
    expect_exit(result, EXIT_OK)
    if not Path(cwd or ctx.tmp, output).is_file():
        fail("`%s` exited 0 but wrote no %s" % (short(result), output))
    return Path(cwd or ctx.tmp, output).read_bytes()


def dump_ok(ctx, cell, output):
    result = tool(ctx, "config", "dump", cell, "-o", output)
    expect_exit(result, EXIT_OK)
    if result.stderr.strip():
        fail("`%s` printed on stderr: %s" % (short(result),
                                             result.stderr.strip()))
    return Path(ctx.tmp, output).read_text()


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


# ------------------------------------------------------------ round trip

def roundtrip_text(ctx, source):
    """compile -> dump -> compile is byte-identical; dump text is stable.
    Returns the dump."""
    first = compile_ok(ctx, source, "first.cell")
    text = dump_ok(ctx, ctx.tmp / "first.cell", "first.dts")
    second = compile_ok(ctx, ctx.tmp / "first.dts", "second.cell")
    if first != second:
        fail("recompiled dump differs from the original: %d vs %d bytes, "
             "first difference at byte %d" %
             (len(first), len(second), first_difference(first, second)))
    again = dump_ok(ctx, ctx.tmp / "second.cell", "second.dts")
    if text != again:
        a, b = text.splitlines(), again.splitlines()
        line = first_difference(a, b)
        fail("dump of the recompiled dump differs at line %d: %r vs %r" %
             (line + 1, a[line] if line < len(a) else "<end>",
              b[line] if line < len(b) else "<end>"))
    return text


def roundtrip(ctx, source):
    roundtrip_text(ctx, source)


def roundtrip_sources(source_dir):
    return sorted(source_dir.glob("configs/*/*.dts")) + \
        sorted(source_dir.glob("tests/unit/fixtures/*.dts"))


# ------------------------------------------------------------------ docs

def docs_dts_examples(source_dir):
    """The ```dts blocks of docs/config.md that are whole sources: their
    first line other than blanks and comments is `/dts-v1/;`."""
    text = (source_dir / "docs" / "config.md").read_text()
    examples = []
    for match in re.finditer(r"^([ \t]*)```dts[ \t]*\n(.*?)^\1```[ \t]*$",
                             text, re.M | re.S):
        block = textwrap.dedent(match.group(2))
        rest = block
        while True:
            rest = rest.lstrip()
            if rest.startswith("//"):
                rest = rest.partition("\n")[2]
            elif rest.startswith("/*"):
                rest = rest.partition("*/")[2]
            else:
                break
        if rest.startswith("/dts-v1/;"):
            kind = re.search(r'compatible\s*=\s*"cellblock,(\w+)"', block)
            examples.append((kind.group(1) if kind else "unknown", block))
    return examples


def test_docs_example(ctx, block):
    (ctx.tmp / "example.dts").write_text(block)
    compile_ok(ctx, "example.dts", "example.cell", cwd=ctx.tmp)
    text = roundtrip_text(ctx, ctx.tmp / "example.dts")
    for boolean in re.findall(r"^\s*([\w-]+);", block, re.M):
        if not re.search(r"^\s*%s;$" % re.escape(boolean), text, re.M):
            fail("dump lost boolean property %s;" % boolean)
    return "round trip keeps %s" % (
        ", ".join(sorted(set(re.findall(r"^\s*([\w-]+);", block, re.M))))
        or "no boolean")


def test_docs_check(ctx, examples):
    kinds = [kind for kind, _ in examples]
    if kinds.count("system") != 1 or kinds.count("cell") != 1:
        return "skipped: docs have %d system and %d cell examples" % (
            kinds.count("system"), kinds.count("cell"))
    cells = {}
    for kind, block in examples:
        (ctx.tmp / (kind + ".dts")).write_text(block)
        compile_ok(ctx, kind + ".dts", kind + ".cell")
        cells[kind] = kind + ".cell"
    result = tool(ctx, "config", "check", cells["system"], cells["cell"])
    expect_exit(result, EXIT_OK)


def test_docs_summary(ctx):
    """The summary table of docs/config.md is what check prints."""
    text = (ctx.source / "docs" / "config.md").read_text()
    shown = None
    for match in re.finditer(r"^([ \t]*)```text[ \t]*\n(.*?)^\1```", text,
                             re.M | re.S):
        block = textwrap.dedent(match.group(2))
        if block.startswith("system "):
            shown = block
    if shown is None:
        fail("docs/config.md has no ```text block starting with 'system '")
    result = check_qemu_virt(ctx)
    expected = [line.rstrip() for line in shown.splitlines()]
    got = [line.rstrip() for line in result.stdout.splitlines()]
    if expected != got:
        line = first_difference(expected, got)
        fail("line %d: docs show %r, check prints %r" % (
            line + 1, expected[line] if line < len(expected) else "<end>",
            got[line] if line < len(got) else "<end>"))


# --------------------------------------------------------- check summary

def check_qemu_virt(ctx):
    files = [built_config(ctx, n) for n in ("system", "hello", "rt", "app")]
    result = tool(ctx, "config", "check", *files)
    expect_exit(result, EXIT_OK)
    return result


def test_check_qemu_virt(ctx):
    result = check_qemu_virt(ctx)
    if result.stderr.strip():
        fail("stderr not empty: %s" % result.describe())
    lines = result.stdout.splitlines()
    headers = [i for i, line in enumerate(lines) if "CELL" in line.split()]
    if len(headers) != 1:
        fail("expected one header line with CELL in the summary, got: %s" %
             " | ".join(lines))
    rows = {}
    for line in lines[headers[0] + 1:]:
        fields = line.split()
        if len(fields) >= 3:
            rows[fields[0]] = fields[2]
    for name, cpus in QEMU_CELLS.items():
        if name not in rows:
            fail("cell %s missing from the summary: %s" %
                 (name, " | ".join(lines)))
        if rows[name] != cpus:
            fail("cell %s: expected CPUs %s, got %s" % (name, cpus,
                                                        rows[name]))


# ------------------------------------------------------------ collection

def collect(options):
    tests = []
    for source in roundtrip_sources(options.source):
        name = "roundtrip/" + source.relative_to(options.source).as_posix()
        tests.append((name, partial(roundtrip, source=source)))

    examples = docs_dts_examples(options.source)
    if not examples:
        tests.append(("docs/examples", lambda ctx: fail(
            "docs/config.md has no ```dts example starting with /dts-v1/;")))
    for index, (kind, block) in enumerate(examples, 1):
        tests.append(("docs/example-%d-%s" % (index, kind),
                      partial(test_docs_example, block=block)))
    tests.append(("docs/check-examples",
                  partial(test_docs_check, examples=examples)))
    tests.append(("docs/summary-example", test_docs_summary))

    tests.append(("check/qemu-virt-summary", test_check_qemu_virt))
    return tests
