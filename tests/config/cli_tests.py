# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config compile | check | dump` through its CLI.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- roundtrip/*: every configs/*/*.dts and tests/unit/fixtures/*.dts survives
  compile -> dump -> compile byte for byte, and dump text is stable;
- docs/*: the `dts` examples of docs/config.md compile and check together,
  and the summary shown there is what `check` prints;
- check/*: `check` on the shipped QEMU virt configs, on broken sets,
  corrupted and missing files;
- compile/*: malformed sources give one precise error and write nothing;
- usage/*: command-line mistakes exit 2;
- unit/*: the results of build/tests/config_check_test, one per test;
- fuzz/smoke: a short run of build/fuzz/config_fuzz.

Exit codes of the tool: 0 ok, 1 the input is wrong, 2 usage error.
"""

import re
import shutil
import textwrap
from functools import partial
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
QEMU_CELLS = {"hello": "0", "rt": "1", "app": "2,3"}
FUZZ_SLACK = 60  # seconds the fuzzer may take beyond -max_total_time


# ---------------------------------------------------------------- helpers

def fail(reason):
    raise AssertionError(reason)


def excerpt(lines, limit=4):
    """The first few of @lines, joined with ' | '."""
    shown = " | ".join(lines[:limit])
    if len(lines) > limit:
        shown += " | ... (%d lines)" % len(lines)
    return shown


def tool(ctx, *args, cwd=None):
    """Runs build/tools/cellblock with @args."""
    path = ctx.build / "tools" / "cellblock"
    if not path.exists():
        fail("%s is missing (run make all)" % path)
    return ctx.run([path] + list(args), cwd=cwd)


def expect_exit(result, code):
    if result.returncode != code:
        fail("`%s`: expected exit code %d, got %s" %
             (short(result), code, result.describe()))


def short(result):
    """The command without the directories of its arguments."""
    return " ".join(Path(a).name if "/" in a else a for a in result.args)


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


def built_config(ctx, name):
    path = ctx.build / "configs" / "qemu-virt" / (name + ".cell")
    if not path.is_file():
        fail("%s is missing (run make all)" % path)
    return path


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def problem_count_line(result):
    """Checks that stderr ends with `cellblock: N problem(s) found` and that
    N is the number of problem lines above it."""
    lines = result.stderr_lines()
    match = re.fullmatch(r"cellblock: (\d+) problems? found",
                         lines[-1] if lines else "")
    if not match:
        fail("last stderr line is not 'cellblock: N problems found': %s" %
             result.describe())
    if int(match.group(1)) != len(lines) - 1:
        fail("stderr says %s problems but lists %d: %s" %
             (match.group(1), len(lines) - 1, result.describe()))
    return lines[:-1]


def find_line(lines, *needles):
    for line in lines:
        if all(n in line for n in needles):
            return line
    fail("no stderr line contains %s; got: %s" %
         (" and ".join(repr(n) for n in needles), " | ".join(lines)))


# ------------------------------------------------------------ round trip

def roundtrip(ctx, source):
    """compile -> dump -> compile is byte-identical; dump text is stable."""
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


# ----------------------------------------------------------------- check

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


def test_check_duplicate_cell(ctx):
    system, hello = built_config(ctx, "system"), built_config(ctx, "hello")
    result = tool(ctx, "config", "check", system, hello, hello,
                  built_config(ctx, "rt"), built_config(ctx, "app"))
    expect_exit(result, EXIT_INVALID)
    problems = problem_count_line(result)
    find_line(problems, str(hello), '"hello"', "name")
    find_line(problems, str(hello), "cpu 0")


def test_check_cell_as_system(ctx):
    rt = built_config(ctx, "rt")
    result = tool(ctx, "config", "check", rt, built_config(ctx, "hello"))
    expect_exit(result, EXIT_INVALID)
    problems = problem_count_line(result)
    find_line(problems, str(rt), "cell config", "expected a system config")


def missing_file(ctx, *args):
    missing = ctx.tmp / "missing.cell"
    result = tool(ctx, "config", *[missing if a is None else a
                                   for a in args])
    expect_exit(result, EXIT_INVALID)
    find_line(result.stderr_lines(), str(missing), "No such file")


def test_check_missing_file(ctx):
    missing_file(ctx, "check", built_config(ctx, "system"), None)


def test_check_missing_system(ctx):
    missing_file(ctx, "check", None, built_config(ctx, "hello"))


def test_dump_missing_file(ctx):
    missing_file(ctx, "dump", None)


def test_compile_missing_file(ctx):
    missing = ctx.tmp / "missing.dts"
    result = tool(ctx, "config", "compile", missing, "-o", "out.cell")
    expect_exit(result, EXIT_INVALID)
    find_line(result.stderr_lines(), str(missing), "No such file")
    if (ctx.tmp / "out.cell").exists():
        fail("compile of a missing file wrote out.cell")


def corrupted_set(ctx, name, damage):
    """Checks the QEMU virt set with @name replaced by a damaged copy."""
    bad = ctx.tmp / ("bad-" + name + ".cell")
    bad.write_bytes(damage(built_config(ctx, name).read_bytes()))
    files = [bad if n == name else built_config(ctx, n)
             for n in ("system", "hello", "rt", "app")]
    result = tool(ctx, "config", "check", *files)
    expect_exit(result, EXIT_INVALID)
    return str(bad), problem_count_line(result)


def flip_middle_byte(data):
    data = bytearray(data)
    data[len(data) // 2] ^= 0xff
    return bytes(data)


def test_check_bad_crc(ctx):
    bad, problems = corrupted_set(ctx, "rt", flip_middle_byte)
    find_line(problems, bad, "CRC32")


def test_check_truncated(ctx):
    bad, problems = corrupted_set(ctx, "system", lambda data: data[:-8])
    find_line(problems, bad, "does not match")


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


# ------------------------------------------------------------ unit tests

def test_unit(ctx):
    """Relays build/tests/config_check_test FIXTURE_DIR (the fixtures that
    make all compiles into build/tests/fixtures): one result per PASS/FAIL
    line. Lines between a test's `RUN name` and the next test belong to it
    and are quoted when it fails. A PASS with checks=0 asserted nothing and
    counts as a failure; a test that starts but never ends (a crash) fails.
    """
    binary = ctx.build / "tests" / "config_check_test"
    fixtures = ctx.build / "tests" / "fixtures"
    if not binary.exists():
        fail("%s is missing" % binary)
    if not fixtures.is_dir():
        fail("%s is missing (run make all)" % fixtures)
    result = ctx.run([binary, fixtures])
    tests = {}      # name -> [reason or None, note, detail lines]
    order, current, summary = [], None, None
    passed = failed = 0
    for line in result.stdout.splitlines():
        run = re.fullmatch(r"RUN (\S+)", line)
        ok = re.fullmatch(r"PASS ([^\s:]+):?(.*)", line)
        bad = re.fullmatch(r"FAIL ([^\s:]+):?(.*)", line)
        if run or ok or bad:
            current = (run or ok or bad).group(1)
            if current not in tests:
                order.append(current)
                tests[current] = ["started but never finished", None, []]
        if ok:
            passed += 1
            checks = re.search(r"\bchecks=(\d+)\b", ok.group(2))
            if not checks:
                tests[current][:2] = ["PASS line has no checks=N: %r" %
                                      line, None]
            elif int(checks.group(1)) == 0:
                tests[current][:2] = ["passed with checks=0 (asserts "
                                      "nothing)", None]
            else:
                tests[current][:2] = [None, "checks=" + checks.group(1)]
        elif bad:
            failed += 1
            tests[current][:2] = [bad.group(2).strip() or "failed", None]
        elif re.fullmatch(r"\d+ passed, \d+ failed", line):
            summary, current = line, None
        elif not run and line.strip() and current:
            tests[current][2].append(line.strip())
    results = []
    for name in order:
        reason, note, detail = tests[name]
        if reason and detail:
            reason += " [" + excerpt(detail) + "]"
        if reason == "started but never finished":
            reason += "; " + result.describe()
        results.append(("unit/" + name, reason, note))
    expected = "%d passed, %d failed" % (passed, failed)
    if summary != expected:
        results.append(("unit", "summary line %r, expected %r from the "
                        "PASS/FAIL lines; %s" % (summary, expected,
                                                 result.describe()), None))
    elif (result.returncode != 0) != (failed > 0):
        results.append(("unit", "%d failed but %s" % (failed,
                                                      result.describe()),
                        None))
    if not results:
        fail("ran no tests: %s" % result.describe())
    return results


# ------------------------------------------------------------------ fuzz

def test_fuzz_smoke(ctx):
    fuzzer = ctx.build / "fuzz" / "config_fuzz"
    if not fuzzer.exists():
        fail("%s is missing (run make all)" % fuzzer)
    corpus = ctx.tmp / "corpus"
    artifacts = ctx.tmp / "artifacts"
    shutil.copytree(ctx.source / "tests" / "fuzz" / "corpus", corpus)
    artifacts.mkdir()
    result = ctx.run([fuzzer, "-max_total_time=%d" % ctx.fuzz_seconds,
                      "-print_final_stats=1",
                      "-artifact_prefix=%s/" % artifacts, corpus],
                     timeout=ctx.fuzz_seconds + FUZZ_SLACK)
    executions = re.search(r"stat::number_of_executed_units:\s*(\d+)",
                           result.stderr)
    if result.returncode != 0:
        found = sorted(p.name for p in artifacts.iterdir())
        lines = [l for l in result.stderr_lines()
                 if "ERROR" in l or "SUMMARY" in l or "==" in l]
        fail("exit code %d; artifacts %s; %s" % (
            result.returncode, found or "none",
            excerpt(lines or result.stderr_lines()[-4:])))
    return "%s executions in %d s" % (
        executions.group(1) if executions else "unknown", ctx.fuzz_seconds)


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

    tests += [
        ("check/qemu-virt-summary", test_check_qemu_virt),
        ("check/duplicate-cell", test_check_duplicate_cell),
        ("check/cell-as-system", test_check_cell_as_system),
        ("check/missing-cell-file", test_check_missing_file),
        ("check/missing-system-file", test_check_missing_system),
        ("dump/missing-file", test_dump_missing_file),
        ("compile/missing-file", test_compile_missing_file),
        ("check/corrupted-crc", test_check_bad_crc),
        ("check/truncated-system", test_check_truncated),
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
        ("unit", test_unit),
    ]
    if options.fuzz_seconds > 0:
        tests.append(("fuzz/smoke", test_fuzz_smoke))
    return tests
