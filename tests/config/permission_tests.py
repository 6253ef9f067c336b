# SPDX-License-Identifier: GPL-2.0-only
"""Tests of the management permissions of config format revision 4 through
`cellblock config`: the cell properties read-cells, manage-cells,
manage-all-cells and may-freeze, and the system's freeze-after-boot.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- roundtrip/*: sources with permissions survive compile -> dump -> compile
  byte for byte, and the dump prints each property back as written;
- summary/*: `check` passes and its summary says who may do what;
- compile/*: each mistake a source can make is refused by `config
  compile` with exactly one stderr line (file, node, property, value,
  what was expected), exit code 1 and nothing written;
- set/*: `check` refuses a manage list naming a cell that is not in the
  set, with the line naming the cell file and the name.

The sources are the QEMU virt configs (configs/qemu-virt/) with the
properties added, so the permissions are tested on a real system.
"""

import sys
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, compile_text_refused, excerpt,
                     expect_exit, fail, short, tool)

CONFIGS = "configs/qemu-virt"
RT_NAME = '\tcell-name = "rt";\n'
MODEL = '\tmodel = "qemu-virt";\n'


# ---------------------------------------------------------------- helpers

def source_with(ctx, name, anchor, added):
    """configs/qemu-virt/@name.dts with the lines @added after @anchor."""
    text = (ctx.source / CONFIGS / (name + ".dts")).read_text()
    if text.count(anchor) != 1:
        fail("%s/%s.dts holds %r %d times (expected once); update the test"
             % (CONFIGS, name, anchor, text.count(anchor)))
    return text.replace(anchor, anchor + "".join("\t%s\n" % line
                                                 for line in added))


def rt_with(ctx, *added):
    return source_with(ctx, "rt", RT_NAME, added)


def system_with(ctx, *added):
    return source_with(ctx, "system", MODEL, added)


def compile_ok(ctx, name, text):
    (ctx.tmp / (name + ".dts")).write_text(text)
    result = tool(ctx, "config", "compile", name + ".dts", "-o",
                  name + ".cell", cwd=ctx.tmp)
    expect_exit(result, EXIT_OK)
    if result.stderr.strip():
        fail("`%s` printed on stderr: %s" % (short(result),
                                             excerpt(result.stderr_lines())))
    return (ctx.tmp / (name + ".cell")).read_bytes()


def dump_ok(ctx, name):
    result = tool(ctx, "config", "dump", name + ".cell", cwd=ctx.tmp)
    expect_exit(result, EXIT_OK)
    return result.stdout


def compile_refused(ctx, text):
    """Compiles @text as broken.dts, once to the default output and once
    onto an existing file: each must exit 1, print one stderr line and
    nothing on stdout, and leave the directory as it was. Returns the
    line."""
    lines = compile_text_refused(ctx, text)
    if len(lines) != 1:
        fail("expected exactly one stderr line, got %d: %s" %
             (len(lines), excerpt(lines)))
    return lines[0]


def expect_line(got, want):
    if got != want:
        fail("expected the line %r, got %r" % (want, got))


def built_sources(ctx, rt_text, system_text=None):
    """Compiles the QEMU virt system (or @system_text), hello, app and rt
    from @rt_text into ctx.tmp."""
    compile_ok(ctx, "system", system_text or
               (ctx.source / CONFIGS / "system.dts").read_text())
    for name in ("hello", "app"):
        compile_ok(ctx, name,
                   (ctx.source / CONFIGS / (name + ".dts")).read_text())
    compile_ok(ctx, "rt", rt_text)


def check(ctx, *names):
    return tool(ctx, "config", "check", *[n + ".cell" for n in names],
                cwd=ctx.tmp)


# ------------------------------------------------------------ round trip

def roundtrip(ctx, name, text, lines):
    """compile -> dump -> compile is byte-identical and the dump holds
    each of @lines (tab-indented at the top level) exactly."""
    first = compile_ok(ctx, name, text)
    dumped = dump_ok(ctx, name)
    for line in lines:
        if "\n\t%s\n" % line not in dumped:
            fail("the dump lacks the line %r; it begins: %s" %
                 (line, excerpt(dumped.splitlines()[:12], limit=12)))
    second = compile_ok(ctx, name + "-again", dumped)
    if first != second:
        fail("the dump compiles to different bytes (%d vs %d)" %
             (len(first), len(second)))
    return "%d bytes, %d properties kept" % (len(first), len(lines))


def test_roundtrip_cell(ctx):
    lines = ("read-cells;", 'manage-cells = "app", "hello";', "may-freeze;")
    return roundtrip(ctx, "rt", rt_with(ctx, *lines), lines)


def test_roundtrip_manage_all(ctx):
    lines = ("manage-all-cells;",)
    return roundtrip(ctx, "rt", rt_with(ctx, *lines), lines)


def test_roundtrip_system(ctx):
    lines = ("freeze-after-boot;",)
    return roundtrip(ctx, "system", system_with(ctx, *lines), lines)


def test_roundtrip_no_permissions(ctx):
    """Without the properties the cell has none, and the dump adds none."""
    compile_ok(ctx, "rt", (ctx.source / CONFIGS / "rt.dts").read_text())
    dumped = dump_ok(ctx, "rt")
    for word in ("read-cells", "manage-cells", "manage-all-cells",
                 "may-freeze"):
        if word in dumped:
            fail("the dump of rt.dts has %s: %s" % (word, excerpt(
                [line for line in dumped.splitlines() if word in line])))


# --------------------------------------------------------------- summary

def test_summary(ctx):
    built_sources(ctx, rt_with(ctx, "read-cells;",
                               'manage-cells = "app", "hello";',
                               "may-freeze;"),
                  system_with(ctx, "freeze-after-boot;"))
    result = check(ctx, "system", "hello", "rt", "app")
    expect_exit(result, EXIT_OK)
    lines = result.stdout.splitlines()
    want_first = ("system qemu-virt: 4 CPUs, hypervisor 16 MiB at "
                  "0x40000000, root-less, management frozen after boot")
    want_last = ("permissions of rt: read-cells, manage-cells app,hello, "
                 "may-freeze")
    if not lines or lines[0] != want_first or lines[-1] != want_last:
        fail("expected the summary to begin %r and end %r, got: %s" %
             (want_first, want_last, excerpt(lines, limit=8)))
    if sum(line.startswith("permissions of ") for line in lines) != 1:
        fail("expected one permissions line (only rt has any): %s" %
             excerpt(lines, limit=8))


def test_summary_manage_all(ctx):
    built_sources(ctx, rt_with(ctx, "manage-all-cells;"))
    result = check(ctx, "system", "hello", "rt", "app")
    expect_exit(result, EXIT_OK)
    lines = result.stdout.splitlines()
    expect_line(lines[-1] if lines else "<nothing>",
                "permissions of rt: manage-all-cells")
    if "frozen" in lines[0]:
        fail("the system line says frozen without freeze-after-boot: %r" %
             lines[0])


# ------------------------------------------------------------- refusals

def refused(ctx, text, where, what):
    expect_line(compile_refused(ctx, text), "broken.dts: %s: %s" %
                (where, what))


def boolean_with_value(ctx, name, system=False):
    text = (system_with if system else rt_with)(ctx, "%s = <1>;" % name)
    refused(ctx, text, "/", "property '%s' has a 4-byte value (expected "
            "none: write '%s;')" % (name, name))


MANAGE_REFUSALS = {
    "empty": ("manage-cells;", "/", "property 'manage-cells' is empty "
              "(expected 1 to 64 cell names, like \"rt\", \"app\")"),
    "not-strings": ("manage-cells = <1>;", "/", "property 'manage-cells' "
                    "is not a list of strings (expected cell names, like "
                    "\"rt\", \"app\")"),
    "empty-name": ('manage-cells = "app", "";', "/", "property "
                   "'manage-cells' has an empty name at entry 1 (expected "
                   "cell names, like \"rt\", \"app\")"),
    "long-name": ('manage-cells = "%s";' % ("n" * 32), "/", "property "
                  "'manage-cells' has \"%s\", 32 characters long (expected "
                  "at most 31)" % ("n" * 32)),
    "too-many": ("manage-cells = %s;" % ", ".join('"c%d"' % i
                                                  for i in range(65)),
                 "/", "property 'manage-cells' has 65 names (expected at "
                 "most 64, the most cells a system has)"),
    "unprintable": ('manage-cells = "a\\tb";', "/manage-cells",
                    "manage-cells[0] has byte 0x09 at offset 1 (expected "
                    "printable ASCII)"),
    "own-name": ('manage-cells = "app", "rt";', "/manage-cells",
                 "manage-cells[1] \"rt\" is the cell's own name (expected "
                 "another cell: a cell stops or restarts itself with PSCI "
                 "SYSTEM_OFF or SYSTEM_RESET)"),
    "twice": ('manage-cells = "app", "hello", "app";', "/manage-cells",
              "manage-cells[2] \"app\" is listed twice (expected each cell "
              "once)"),
}


def test_manage_refused(ctx, line, where, what):
    refused(ctx, rt_with(ctx, line), where, what)


def test_manage_all_with_list(ctx):
    refused(ctx, rt_with(ctx, 'manage-cells = "app", "hello";',
                         "manage-all-cells;"), "/manage-cells",
            "manage-cells lists 2 cells while manage-all-cells is set "
            "(expected one or the other: manage-all-cells already permits "
            "every other cell)")


def test_freeze_after_boot_in_a_cell(ctx):
    """freeze-after-boot belongs to the system: a cell refuses it."""
    line = compile_refused(ctx, rt_with(ctx, "freeze-after-boot;"))
    if not line.startswith("broken.dts: /: ") or \
            "'freeze-after-boot'" not in line:
        fail("expected the line to name broken.dts, / and "
             "'freeze-after-boot', got %r" % line)


# ------------------------------------------------------------ set check

def test_set_unknown_cell(ctx):
    """A name that is no cell compiles (compile sees one cell) but the set
    check refuses it, naming the cell file, the entry and the cells."""
    built_sources(ctx, rt_with(ctx, 'manage-cells = "app", "nosuch";'))
    result = check(ctx, "system", "hello", "rt", "app")
    expect_exit(result, EXIT_INVALID)
    want = ['rt.cell: /manage-cells: manage-cells[1] "nosuch" is no cell of '
            'the system (expected one of its cells: hello, rt, app)',
            "cellblock: 1 problem found"]
    if result.stderr_lines() != want:
        fail("expected stderr %s, got %s" % (
            excerpt(want), excerpt(result.stderr_lines())))
    if result.stdout:
        fail("a refused check printed a summary: %s" %
             excerpt(result.stdout.splitlines()))


def test_set_valid_names(ctx):
    """The same list naming cells of the set passes."""
    built_sources(ctx, rt_with(ctx, 'manage-cells = "app", "hello";'))
    expect_exit(check(ctx, "system", "hello", "rt", "app"), EXIT_OK)


# ------------------------------------------------------------ collection

def collect(options):
    tests = [
        ("roundtrip/cell", test_roundtrip_cell),
        ("roundtrip/manage-all-cells", test_roundtrip_manage_all),
        ("roundtrip/freeze-after-boot", test_roundtrip_system),
        ("roundtrip/no-permissions", test_roundtrip_no_permissions),
        ("summary/permissions", test_summary),
        ("summary/manage-all-cells", test_summary_manage_all),
        ("compile/manage-all-cells-with-list", test_manage_all_with_list),
        ("compile/freeze-after-boot-in-a-cell",
         test_freeze_after_boot_in_a_cell),
        ("set/unknown-cell", test_set_unknown_cell),
        ("set/valid-names", test_set_valid_names),
    ]
    for name in ("read-cells", "manage-all-cells", "may-freeze"):
        tests.append(("compile/%s-with-value" % name,
                      partial(boolean_with_value, name=name)))
    tests.append(("compile/freeze-after-boot-with-value",
                  partial(boolean_with_value, name="freeze-after-boot",
                          system=True)))
    for case, (line, where, what) in MANAGE_REFUSALS.items():
        tests.append(("compile/manage-cells-" + case,
                      partial(test_manage_refused, line=line, where=where,
                              what=what)))
    return [("permissions/" + name, function) for name, function in tests]
