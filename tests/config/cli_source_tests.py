# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config` on bad sources and bad command lines.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- compile/*: malformed sources, and sources past a limit of this build of
  the hypervisor (include/cellblock/limits.h), give one precise error and
  write nothing;
- usage/*: command-line mistakes exit 2.

Helpers shared with the other test modules are in tests/lib/helpers.py.
"""

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, EXIT_USAGE, built_config,
                     compile_text_refused, excerpt, expect_exit, fail, short,
                     tool)


# ------------------------------------------------------ malformed sources

RT_SOURCE = "configs/qemu-virt/rt.dts"
SYSTEM_SOURCE = "configs/qemu-virt/system.dts"


def edit_source(ctx, old, new, source=RT_SOURCE):
    text = (ctx.source / source).read_text()
    if text.count(old) != 1:
        fail("%s holds %r %d times (expected once); update the test" %
             (source, old, text.count(old)))
    return text.replace(old, new), text[:text.index(old)].count("\n") + 1


def compile_refused(ctx, old, new, source=RT_SOURCE):
    """Compiles @source (rt.dts) with @old replaced by @new, once with the
    default output and once onto an existing file. Both must exit 1 with the
    same stderr, print nothing on stdout and leave the directory as it was.
    Returns (file name, stderr lines, line number of the edit)."""
    text, line = edit_source(ctx, old, new, source)
    name = "broken.dts"
    stderr = compile_text_refused(ctx, text, name)
    return name, stderr, line


def one_error(lines, prefix, *needles):
    if len(lines) != 1:
        fail("expected exactly one stderr line, got %d: %s" %
             (len(lines), excerpt(lines)))
    if not lines[0].startswith(prefix):
        fail("expected the line to start with %r, got %r" %
             (prefix, lines[0]))
    for needle in needles:
        if needle not in lines[0]:
            fail("expected %r in %r" % (needle, lines[0]))
    return lines[0]


def test_compile_syntax_error(ctx):
    name, lines, line = compile_refused(ctx, "cpus = <1>;", "cpus = <1>")
    error = one_error(lines, "Error: ", name)
    match = re.search(re.escape(name) + r":(\d+)\.\d+", error)
    if not match:
        fail("no LINE.COLUMN after the file name in %r" % error)
    # dtc notices the missing ';' at the next token, on the next line.
    if int(match.group(1)) not in (line, line + 1):
        fail("error at line %s, the edit is on line %d: %r" %
             (match.group(1), line, error))


def test_compile_missing_required(ctx):
    name, lines, _ = compile_refused(ctx, "\tentry = <0x40200000>;\n", "")
    one_error(lines, name + ": /: ", "'entry'", "missing")


def test_compile_wrong_type(ctx):
    # "one\0" is 4 bytes: by length a number (docs: "a value is judged by
    # its length in bytes"), so this is refused as a CPU number.
    name, lines, _ = compile_refused(ctx, "cpus = <1>;", 'cpus = "one";')
    one_error(lines, name + ": /: ", "'cpus'")


def test_compile_wrong_type_string(ctx):
    name, lines, _ = compile_refused(ctx, "entry = <0x40200000>;",
                                     'entry = "start";')
    one_error(lines, name + ": /: ", "'entry'", 'the string "start"',
              "expected a number")


def test_compile_unknown_flag(ctx):
    name, lines, _ = compile_refused(
        ctx, 'flags = "read", "write", "execute", "loadable";',
        'flags = "read", "wirte";')
    one_error(lines, name + ": /memory/ram: ", "'flags'", '"wirte"')


def test_compile_unknown_property(ctx):
    name, lines, _ = compile_refused(ctx, "guest = <0x40000000>;",
                                     "gueest = <0x40000000>;")
    one_error(lines, name + ": /memory/ram: ", "unknown property",
              "'gueest'")


def test_compile_misspelled_required(ctx):
    """A typo of a required property: the unknown name is reported, and
    (all schema problems in one run) the property it should have been is
    reported missing; nothing else."""
    old = "\t\t\tsize = <0x01000000>;"
    name, lines, _ = compile_refused(ctx, old, old.replace("size", "szie"))
    prefix = name + ": /memory/ram: "
    unknown = [l for l in lines if "'szie'" in l]
    one_error(unknown, prefix, "unknown property")
    others = [l for l in lines if l not in unknown]
    if others:
        one_error(others, prefix, "'size'", "missing")


def test_compile_cell_name_prefix(ctx):
    """A cell named so that its console lines would read as rt's."""
    name, lines, _ = compile_refused(ctx, 'cell-name = "rt";',
                                     'cell-name = "rt] tick 9";')
    one_error(lines, name + ": /: ", "cell-name has ']' at offset 2",
              "letters, digits, '-', '_' and '.'")


def test_compile_cell_name_hypervisor(ctx):
    name, lines, _ = compile_refused(ctx, 'cell-name = "rt";',
                                     'cell-name = "CellBlock";')
    one_error(lines, name + ": /: ", 'cell-name "CellBlock" is the '
              "hypervisor's")


def test_compile_boolean_value(ctx):
    name, lines, _ = compile_refused(
        ctx, 'cell-name = "rt";', 'cell-name = "rt";\n\tdma-trusted = <1>;')
    one_error(lines, name + ": /: ", "'dma-trusted' has a 4-byte value",
              "expected none: write 'dma-trusted;'")


def test_compile_guest_reach(ctx):
    """(The entry point, left at 0x40200000, is then outside the RAM too:
    that is the other line.)"""
    name, lines, _ = compile_refused(ctx, "guest = <0x40000000>;",
                                     "guest = <0x80 0x00000000>;")
    one_error([l for l in lines if "/memory/ram:" in l],
              name + ": /memory/ram: ", "guest 0x8000000000-0x8000ffffff "
              "ends above 2^39")


def test_compile_window_reach(ctx):
    """QEMU virt's high PCIe MMIO at 2^39: the EL2 map cannot reach it."""
    name, lines, _ = compile_refused(ctx, "start = <0x40 0x10000000>;",
                                     "start = <0x80 0x00000000>;",
                                     SYSTEM_SOURCE)
    one_error(lines, name + ": /devices/pcie-ecam: ", "window 0x8000000000-"
              "0x800fffffff ends above 2^39")


def test_compile_window_wraps(ctx):
    """2^48 + fw-cfg: the table code would map fw-cfg itself."""
    name, lines, _ = compile_refused(ctx, "start = <0x09020000>;",
                                     "start = <0x10000 0x09020000>;",
                                     SYSTEM_SOURCE)
    one_error(lines, name + ": /devices/fw-cfg: ", "window 0x1000009020000-"
              "0x1000009020fff ends above 2^39")


def test_compile_dma_on_ram(ctx):
    name, lines, _ = compile_refused(ctx, "size = <0x40000000>;",
                                     "size = <0x40000000>;\n\t\t\tdma;",
                                     SYSTEM_SOURCE)
    one_error(lines, name + ": /ram/main: ", "unknown property 'dma'",
              "expected one of: start, size")


# ----------------------------------------------------------------- usage

def usage_error(ctx, *args):
    result = tool(ctx, *args)
    expect_exit(result, EXIT_USAGE)
    if "usage:" not in result.stderr:
        fail("no usage on stderr: %s" % result.describe())
    leftovers = [p.name for p in ctx.tmp.iterdir()
                 if p.name not in ("a.dts", "b.dts")]
    if leftovers:
        fail("usage error wrote %s" % leftovers)


def copy_sources(ctx):
    for name in ("a", "b"):
        shutil.copy(ctx.source / "configs" / "qemu-virt" / "hello.dts",
                    ctx.tmp / (name + ".dts"))


def test_usage_config_no_args(ctx):
    usage_error(ctx, "config")


def test_usage_unknown_subcommand(ctx):
    usage_error(ctx, "config", "frobnicate")


def test_usage_compile_two_sources(ctx):
    copy_sources(ctx)
    usage_error(ctx, "config", "compile", "a.dts", "b.dts")


def test_usage_check_no_files(ctx):
    usage_error(ctx, "config", "check")


def test_usage_dump_unknown_option(ctx):
    usage_error(ctx, "config", "dump", built_config(ctx, "rt"), "--verbose")


def test_usage_help(ctx):
    result = tool(ctx, "--help")
    expect_exit(result, EXIT_OK)
    if "usage:" not in result.stdout:
        fail("--help printed no usage on stdout: %r" % result.stdout[:200])


# ------------------------------------------------------------ collection

def collect(options):
    return [
        ("compile/syntax-error", test_compile_syntax_error),
        ("compile/missing-entry", test_compile_missing_required),
        ("compile/wrong-type", test_compile_wrong_type),
        ("compile/wrong-type-string", test_compile_wrong_type_string),
        ("compile/unknown-flag", test_compile_unknown_flag),
        ("compile/unknown-property", test_compile_unknown_property),
        ("compile/misspelled-size", test_compile_misspelled_required),
        ("compile/cell-name-prefix", test_compile_cell_name_prefix),
        ("compile/cell-name-hypervisor", test_compile_cell_name_hypervisor),
        ("compile/boolean-value", test_compile_boolean_value),
        ("compile/guest-reach", test_compile_guest_reach),
        ("compile/window-reach", test_compile_window_reach),
        ("compile/window-wraps", test_compile_window_wraps),
        ("compile/dma-on-ram", test_compile_dma_on_ram),
        ("usage/config-no-args", test_usage_config_no_args),
        ("usage/unknown-subcommand", test_usage_unknown_subcommand),
        ("usage/compile-two-sources", test_usage_compile_two_sources),
        ("usage/check-no-files", test_usage_check_no_files),
        ("usage/dump-unknown-option", test_usage_dump_unknown_option),
        ("usage/help", test_usage_help),
    ]
