# SPDX-License-Identifier: GPL-2.0-only
"""Host coverage of common/ for tests/coverage.py (Python 3 standard
library, gcc and gcov).

common/ is built into the hypervisor and into the host programs alike:
the validators (config_check.c, image_check.c), crc32, format. The system
tests run little of the validators' refusals at EL2: the unit tests
(tests/unit, build/tests/config_check_test) and the command-line tests
(tests/config, tests/image, which run build/tools/cellblock) are what
test them. So tests/coverage.py counts a line of common/ as covered also
when it ran there, in a host build made for this:

- gcc --coverage -O0 builds both programs from the same sources the
  Makefile builds them from (tests/unit/*.c or tools/*.c, with
  common/*.c) into OUT/host/;
- a copy of the build directory (OUT/host/build: links to everything in
  it, but for those two programs) is what the host test modules of
  tests/run.py (all of MODULES outside system/) run against, in this
  process, with run.py's own loader and reporter;
- gcov's JSON (`gcov -j`) then gives, per source line, its execution
  count.

What counts is decided by the ELF's line table as before (a line with
code in hypervisor.elf); this only adds, for such a line of common/, that
the host build executed it. The report keeps the two apart.
"""

import collections
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
HOSTCC = "gcc"
GCOV = "gcov"
CFLAGS = ["-std=c11", "-O0", "-g", "--coverage", "-D_DEFAULT_SOURCE",
          "-Iinclude", "-Icommon"]
# The two host programs the host tests run, as the Makefile builds them
# (without its sanitizers): (path in the build directory, sources, libs).
PROGRAMS = [
    ("tests/config_check_test", ["tests/unit/*.c", "common/*.c"], []),
    ("tools/cellblock", ["tools/*.c", "common/*.c"], ["-lfdt"]),
]


class HostCoverage:
    """Lines of common/ the host build executed: @hit and @code map a
    source path to its executed lines and to its lines with code (gcov's
    view), @functions to the line ranges of its functions that ran;
    @summary is the host tests' `N passed, N failed`."""

    def __init__(self):
        self.hit = collections.defaultdict(set)
        self.code = collections.defaultdict(set)
        self.functions = collections.defaultdict(list)  # (first, last)
        self.summary = None
        self.failed = 0

    def ran(self, name, line):
        """Whether line @line of @name ran in the host build: gcov counted
        it, or gcov sees no code there (a brace or a declaration, where
        the cross compiler at -O2 may put some) and it lies in a function
        that ran."""
        if line in self.hit.get(name, ()):
            return True
        return line not in self.code.get(name, ()) and any(
            a <= line <= b for a, b in self.functions.get(name, ()))


def sources(patterns):
    found = []
    for pattern in patterns:
        found += sorted(str(p.relative_to(SOURCE))
                        for p in SOURCE.glob(pattern))
    return found


def build(out):
    """Builds the PROGRAMS into @out (gcov notes beside them); returns
    {path in the build directory: program}."""
    built = {}
    for relative, patterns, libs in PROGRAMS:
        program = out / "bin" / Path(relative).name
        program.parent.mkdir(parents=True, exist_ok=True)
        command = [HOSTCC] + CFLAGS + sources(patterns) + \
            ["-o", str(program)] + libs
        result = subprocess.run(command, cwd=str(SOURCE),
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("%s failed: %s" % (" ".join(command),
                                                  result.stderr.strip()))
        built[relative] = program
    return built


def shadow_build(build_dir, shadow, built):
    """@shadow: @build_dir's entries as links, but for the @built
    programs (and the coverage output, left out)."""
    replaced = {Path(r).parts[0] for r in built}
    shadow.mkdir(parents=True)
    for entry in sorted(build_dir.iterdir()):
        if entry.name == "coverage":
            continue
        if entry.name not in replaced:
            (shadow / entry.name).symlink_to(entry)
            continue
        (shadow / entry.name).mkdir()
        for inner in sorted(entry.iterdir()):
            relative = "%s/%s" % (entry.name, inner.name)
            (shadow / relative).symlink_to(built.get(relative, inner))
    for relative, program in built.items():
        if not (shadow / relative).exists():
            (shadow / relative).symlink_to(program)


def run_host_tests(shadow, out_stream):
    """The host test modules of tests/run.py against @shadow, in this
    process; returns (passed, failed)."""
    tests_dir = SOURCE / "tests"
    if str(tests_dir) not in sys.path:
        sys.path.insert(0, str(tests_dir))
    import run
    options = run.parse_args(["--build", str(shadow)])
    reporter = run.Reporter()
    stdout = sys.stdout
    sys.stdout = out_stream
    try:
        with tempfile.TemporaryDirectory(prefix="cellblock-tests-") as root:
            for relative in run.MODULES:
                if relative.startswith("system/"):
                    continue
                try:
                    tests = run.collect(run.load_module(tests_dir / relative),
                                        options)
                except Exception as e:
                    reporter.report(relative, "cannot load tests: %s: %s" %
                                    (type(e).__name__, e))
                    continue
                for name, function in tests:
                    run.run_test(name, function, options, root, reporter)
    finally:
        sys.stdout = stdout
    return reporter.passed, reporter.failed


def read_gcov(out, coverage):
    """Adds what the .gcda files in @out/bin say to @coverage."""
    notes = sorted(str(p) for p in (out / "bin").glob("*.gcda"))
    work = out / "gcov"
    work.mkdir()
    subprocess.run([GCOV, "-j", "-o", str(out / "bin")] + notes,
                   cwd=str(work), capture_output=True, check=True)
    for path in sorted(work.glob("*.gcov.json.gz")):
        with gzip.open(str(path), "rt") as f:
            data = json.load(f)
        for entry in data["files"]:
            name = os.path.normpath(entry["file"])
            if not name.startswith("common/"):
                continue
            for line in entry["lines"]:
                coverage.code[name].add(line["line_number"])
                if line["count"] > 0:
                    coverage.hit[name].add(line["line_number"])
            for function in entry["functions"]:
                if function["execution_count"] > 0:
                    coverage.functions[name].append(
                        (function["start_line"], function["end_line"]))


def host_coverage(build_dir, out, log):
    """Builds, runs and reads the host coverage into @out (replaced);
    the tests' lines go to @log. Returns a HostCoverage, or a string
    saying why there is none."""
    if not shutil.which(HOSTCC) or not shutil.which(GCOV):
        return "%s or %s is not installed" % (HOSTCC, GCOV)
    shutil.rmtree(str(out), ignore_errors=True)
    out.mkdir(parents=True)
    try:
        built = build(out)
    except RuntimeError as e:
        return str(e)
    shadow_build(build_dir, out / "build", built)
    passed, failed = run_host_tests(out / "build", log)
    coverage = HostCoverage()
    coverage.summary = "%d passed, %d failed" % (passed, failed)
    coverage.failed = failed
    try:
        read_gcov(out, coverage)
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        return "gcov: %s" % e
    return coverage
