# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config` on broken sets and binaries, plus relays.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- check/*, dump/missing-file, compile/missing-file: `check` on broken sets
  (a cell given the hypervisor's console, a bus master given to a cell not
  trusted with DMA), corrupted and truncated binaries, and every subcommand
  on missing files;
- unit/*: the results of build/tests/config_check_test, one per test;
- fuzz/smoke, fuzz/image-smoke: short runs of build/fuzz/config_fuzz and
  build/fuzz/image_fuzz.

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

from helpers import (EXIT_INVALID, EXIT_OK, built_config, excerpt,
                     expect_exit, fail, tool)

FUZZ_SLACK = 60  # seconds the fuzzer may take beyond -max_total_time


# ---------------------------------------------------------------- helpers

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


# ------------------------------------------------------------ broken sets

def test_check_duplicate_cell(ctx):
    system, hello = built_config(ctx, "system"), built_config(ctx, "hello")
    result = tool(ctx, "config", "check", system, hello, hello,
                  built_config(ctx, "rt"), built_config(ctx, "app"))
    expect_exit(result, EXIT_INVALID)
    problems = problem_count_line(result)
    find_line(problems, str(hello), '"hello"', "name")
    find_line(problems, str(hello), "cpu 0")


def edited_config(ctx, name, *edits):
    """configs/qemu-virt/NAME.dts with each (old, new) of @edits applied
    (old must occur once), compiled into the test's tmp."""
    source = ctx.source / "configs" / "qemu-virt" / (name + ".dts")
    text = source.read_text()
    for old, new in edits:
        if text.count(old) != 1:
            fail("%s holds %r %d times (expected once); update the test" %
                 (source.name, old, text.count(old)))
        text = text.replace(old, new)
    (ctx.tmp / (name + "-edited.dts")).write_text(text)
    output = ctx.tmp / (name + "-edited.cell")
    result = tool(ctx, "config", "compile", ctx.tmp / (name + "-edited.dts"),
                  "-o", output)
    expect_exit(result, EXIT_OK)
    return output


def check_with(ctx, **replaced):
    """`config check` on the QEMU virt set, with configs named in
    @replaced (name=path) replaced."""
    files = [replaced.get(n) or built_config(ctx, n)
             for n in ("system", "hello", "rt", "app")]
    return tool(ctx, "config", "check", *files)


UART0_REGION = """
		uart0 {
			phys = <0x09000000>;
			size = <0x1000>;
			flags = "read", "write", "io";
		};
"""


def test_check_hypervisor_console(ctx):
    """rt passes the hypervisor's own UART through: refused, with its
    interrupt and the region that holds it (compile alone cannot tell:
    it does not know the system)."""
    rt = edited_config(
        ctx, "rt",
        ("emulated = <0x09000000>;", "passthrough = <0x09000000>;"),
        ("interrupts = <34>;", "interrupts = <33 34>;"),
        ("\tmemory {\n", "\tmemory {\n" + UART0_REGION))
    result = check_with(ctx, rt=rt)
    expect_exit(result, EXIT_INVALID)
    problems = problem_count_line(result)
    find_line(problems, str(rt) + ": /console: passthrough 0x9000000 is the "
              "hypervisor console's UART")
    find_line(problems, str(rt) + ": /memory/uart0: phys 0x9000000-0x9000fff "
              "overlaps the hypervisor console's UART")
    find_line(problems, str(rt) + ": /: interrupts: 33 is the hypervisor "
              "console's")
    if len(problems) != 3:
        fail("expected 3 problems, got: %s" % excerpt(problems, 8))


def test_check_dma_window(ctx):
    """The system marks rtc's window a bus master: rt, which owns it, is
    refused until it says dma-trusted."""
    system = edited_config(ctx, "system", (
        "start = <0x09010000>;", "start = <0x09010000>;\n\t\t\tdma;"))
    result = check_with(ctx, system=system)
    expect_exit(result, EXIT_INVALID)
    problems = problem_count_line(result)
    line = find_line(problems, built_config(ctx, "rt").name,
                     "/memory/rtc: phys 0x9010000-0x9010fff is in device "
                     "window /devices/rtc, a bus master")
    if len(problems) != 1:
        fail("expected one problem, got: %s" % excerpt(problems, 8))
    rt = edited_config(ctx, "rt", ('cell-name = "rt";',
                                   'cell-name = "rt";\n\tdma-trusted;'))
    expect_exit(check_with(ctx, system=system, rt=rt), EXIT_OK)
    return line.partition(": ")[2]


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

def fuzz_smoke(ctx, name, corpus_dir):
    """Runs build/fuzz/NAME for --fuzz-seconds on a copy of its corpus."""
    fuzzer = ctx.build / "fuzz" / name
    if not fuzzer.exists():
        fail("%s is missing (run make all)" % fuzzer)
    corpus = ctx.tmp / "corpus"
    artifacts = ctx.tmp / "artifacts"
    shutil.copytree(ctx.source / "tests" / "fuzz" / corpus_dir, corpus)
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


def test_fuzz_smoke(ctx):
    return fuzz_smoke(ctx, "config_fuzz", "corpus")


def test_fuzz_image_smoke(ctx):
    return fuzz_smoke(ctx, "image_fuzz", "image-corpus")


# ------------------------------------------------------------ collection

def collect(options):
    tests = [
        ("check/duplicate-cell", test_check_duplicate_cell),
        ("check/cell-as-system", test_check_cell_as_system),
        ("check/hypervisor-console", test_check_hypervisor_console),
        ("check/dma-window", test_check_dma_window),
        ("check/missing-cell-file", test_check_missing_file),
        ("check/missing-system-file", test_check_missing_system),
        ("dump/missing-file", test_dump_missing_file),
        ("compile/missing-file", test_compile_missing_file),
        ("check/corrupted-crc", test_check_bad_crc),
        ("check/truncated-system", test_check_truncated),
        ("unit", test_unit),
    ]
    if options.fuzz_seconds > 0:
        tests.append(("fuzz/smoke", test_fuzz_smoke))
        tests.append(("fuzz/image-smoke", test_fuzz_image_smoke))
    return tests
