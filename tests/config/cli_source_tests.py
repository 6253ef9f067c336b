# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config` on bad sources and bad command lines.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- compile/*: malformed sources give one precise error and write nothing;
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
                     excerpt, expect_exit, fail, short, tool)


# ------------------------------------------------------ malformed sources

RT_SOURCE = "configs/qemu-virt/rt.dts"
KNOWN = b"not a config: must survive a failed compile\n"


def edit_rt(ctx, old, new):
    text = (ctx.source / RT_SOURCE).read_text()
    if text.count(old) != 1:
        fail("%s holds %r %d times (expected once); update the test" %
             (RT_SOURCE, old, text.count(old)))
    return text.replace(old, new), text[:text.index(old)].count("\n") + 1


def compile_refused(ctx, old, new):
    """Compiles rt.dts with @old replaced by @new, once with the default
    output and once onto an existing file. Both must exit 1 with the same
    stderr, print nothing on stdout and leave the directory as it was.
    Returns (file name, stderr lines, line number of the edit)."""
    text, line = edit_rt(ctx, old, new)
    name = "broken.dts"
    (ctx.tmp / name).write_text(text)
    (ctx.tmp / "existing.cell").write_bytes(KNOWN)
    before = sorted(p.name for p in ctx.tmp.iterdir())
    stderr = None
    for args in ([name], [name, "-o", "existing.cell"]):
        result = tool(ctx, "config", "compile", *args, cwd=ctx.tmp)
        expect_exit(result, EXIT_INVALID)
        if result.stdout:
            fail("`%s` printed on stdout: %r" % (short(result),
                                                 result.stdout[:200]))
        after = sorted(p.name for p in ctx.tmp.iterdir())
        if after != before:
            fail("`%s` changed the directory: %s -> %s" %
                 (short(result), before, after))
        if (ctx.tmp / "existing.cell").read_bytes() != KNOWN:
            fail("`%s` overwrote existing.cell" % short(result))
        if stderr is not None and result.stderr_lines() != stderr:
            fail("stderr depends on -o: %s vs %s" %
                 (excerpt(stderr), excerpt(result.stderr_lines())))
        stderr = result.stderr_lines()
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
        ("usage/config-no-args", test_usage_config_no_args),
        ("usage/unknown-subcommand", test_usage_unknown_subcommand),
        ("usage/compile-two-sources", test_usage_compile_two_sources),
        ("usage/check-no-files", test_usage_check_no_files),
        ("usage/dump-unknown-option", test_usage_dump_unknown_option),
        ("usage/help", test_usage_help),
    ]
