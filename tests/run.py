# SPDX-License-Identifier: GPL-2.0-only
"""cellblock test runner (Python 3 standard library only).

Usage: python3 tests/run.py [--build DIR] [--fuzz-seconds N] [-k TEXT]
                            [--variants full,frozen]

Loads the test modules listed in MODULES (paths relative to tests/), asks
each for its tests and runs them all. Prints one line per test, either
`PASS name` (optionally followed by a note in parentheses) or
`FAIL name: reason`, and ends with exactly `N passed, N failed`. The exit
status is 0 if nothing failed, 1 otherwise.

Module protocol: a module defines `collect(options)` returning a list of
`(name, function)` pairs; without `collect`, every module-level function
whose name starts with `test_` is a test, named after the function. The
runner calls `function(ctx)` with a TestContext (ctx.source, ctx.build,
ctx.fuzz_seconds, ctx.tmp -- a fresh empty directory for this test only --
and ctx.run() to run a command with a timeout). The function

- fails by raising AssertionError(reason) (any other exception is a failure
  too, reported with its type);
- passes by returning None, or a string that is shown as a note;
- may instead return a list of `(name, reason_or_None, note_or_None)`
  triples, each reported as a test of its own (used to relay the results
  of a test binary).

Variants: the hypervisor is built twice (hypervisor/hypervisor.mk), and
the system tests (system/*) run on both: first on the full hypervisor,
then, named "frozen/NAME", on the frozen one (ctx.variant is "full" or
"frozen"; tests/system/system_common.py's Paths picks the hypervisor and
the images). A module whose tests apply to one variant only says so with
VARIANTS = ("full",) and why (management itself, or what the two
variants are compared on). --variants picks which to run.

Helper modules (not listed in MODULES) sit beside the test modules, and
those shared by every directory in tests/lib/; a test module puts its own
directory and tests/lib on sys.path to import them (see tests/lib/helpers.py).

Everything a test writes goes below one tempfile.TemporaryDirectory; the
source tree is never written to.
"""

import argparse
import importlib.util
import os
import re
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

# Test modules, relative to this directory. Later issues add theirs here.
MODULES = [
    "config/cli_roundtrip_tests.py",
    "config/cli_source_tests.py",
    "config/cli_set_tests.py",
    "config/create_tests.py",
    "config/create_board_tests.py",
    "config/map_tests.py",
    "config/dtb_tests.py",
    "config/link_tests.py",
    "config/permission_tests.py",
    "config/policy_tests.py",
    "image/image_build_tests.py",
    "image/image_refusal_tests.py",
    "image/image_relocate_tests.py",
    "image/image_linux_tests.py",
    "system/inmate_bare_tests.py",
    "system/demo_tests.py",
    "system/psci_tests.py",
    "system/isolation_tests.py",
    "system/image_boot_tests.py",
    "system/board_tests.py",
    "system/el2_tests.py",
    "system/hardening_tests.py",
    "system/boot_gap_tests.py",
    "system/coverage_gap_tests.py",
    "system/firmware_tests.py",
    "system/image_check_boot_tests.py",
    "system/adversarial_tests.py",
    "system/generated_tests.py",
    "system/spec_tests.py",
    "system/console_tests.py",
    "system/linux_tests.py",
    "system/ivshmem_tests.py",
    "system/linux_ivshmem_tests.py",
    "system/mgmt_tests.py",
    "system/variant_tests.py",
    "system/watchdog_tests.py",
    "system/vote_tests.py",
    "system/load_tests.py",
    "system/managed_tests.py",
    "system/managed_more_tests.py",
    "system/managed_type1_tests.py",
]

# Hypervisor variants, in the order the system tests run on them.
VARIANTS = ("full", "frozen")

DEFAULT_TIMEOUT = 60
MAX_REASON = 600


class Result:
    """What a command run by TestContext.run() did."""

    def __init__(self, args, returncode, stdout, stderr):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    @property
    def command(self):
        return " ".join(str(a) for a in self.args)

    def stderr_lines(self):
        return [line for line in self.stderr.splitlines() if line.strip()]

    def describe(self):
        """Exit code and an excerpt of stderr, for failure reasons."""
        text = "exit code %d" % self.returncode
        lines = self.stderr_lines()
        if lines:
            text += ", stderr: " + excerpt(lines)
        return text


def excerpt(lines, limit=4):
    """The first few lines of @lines, joined with ' | '."""
    shown = " | ".join(lines[:limit])
    if len(lines) > limit:
        shown += " | ... (%d lines)" % len(lines)
    return shown


class TestContext:
    """Per-test view of the options plus a fresh temporary directory."""

    def __init__(self, options, tmp):
        self.source = options.source
        self.build = options.build
        self.fuzz_seconds = options.fuzz_seconds
        self.variant = options.variant
        self.tmp = tmp

    def run(self, args, cwd=None, timeout=DEFAULT_TIMEOUT, env=None):
        """Runs @args (no shell); a timeout or a missing program fails the
        test with a message naming the command."""
        args = [str(a) for a in args]
        command = " ".join(args)
        try:
            # A session of its own, so a timeout ends its children too.
            process = subprocess.Popen(args, cwd=str(cwd or self.tmp),
                                       stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, env=env,
                                       start_new_session=True)
        except OSError as e:
            raise AssertionError("cannot run %s: %s" %
                                 (command, e.strerror)) from None
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass
            process.communicate()
            raise AssertionError("timed out after %d s: %s" %
                                 (timeout, command)) from None
        return Result(args, process.returncode,
                      stdout.decode("utf-8", "replace"),
                      stderr.decode("utf-8", "replace"))


def one_line(text):
    """Squeezes a failure reason onto one line of bounded length."""
    text = " | ".join(part.strip() for part in str(text).splitlines()
                      if part.strip()) or "(no reason given)"
    if len(text) > MAX_REASON:
        text = text[:MAX_REASON] + "..."
    return text


def load_module(path):
    name = "cellblock_tests_" + re.sub(r"\W", "_", str(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(module, options):
    if hasattr(module, "collect"):
        return list(module.collect(options))
    return [(name[len("test_"):], function)
            for name, function in vars(module).items()
            if name.startswith("test_") and callable(function)]


class Reporter:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def report(self, name, reason, note=None):
        if reason is None:
            self.passed += 1
            print("PASS %s%s" % (name, " (%s)" % note if note else ""))
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, one_line(reason)))
        sys.stdout.flush()


def run_test(name, function, options, tmp_root, reporter):
    prefix = "" if options.variant == "full" else options.variant + "/"
    name = prefix + name
    tmp = tempfile.mkdtemp(prefix=re.sub(r"[^\w.-]", "_", name)[:60] + "-",
                           dir=tmp_root)
    try:
        outcome = function(TestContext(options, Path(tmp)))
    except AssertionError as e:
        reporter.report(name, str(e) or "assertion failed")
        return
    except Exception as e:  # a broken test is a failed test
        where = traceback.extract_tb(e.__traceback__)[-1]
        reporter.report(name, "%s: %s (at %s:%d)" % (
            type(e).__name__, e, os.path.basename(where.filename),
            where.lineno))
        return
    if isinstance(outcome, list):
        for sub_name, reason, note in outcome:
            reporter.report(prefix + sub_name, reason, note)
    else:
        reporter.report(name, None, outcome)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build",
                        help="build directory of `make all` (default build)")
    parser.add_argument("--fuzz-seconds", type=int, default=0,
                        help="run the fuzzer this long; 0 skips it")
    parser.add_argument("-k", dest="filter", default=None,
                        help="run only tests whose name contains TEXT")
    parser.add_argument("--variants", default="full,frozen",
                        help="hypervisor variants the system tests run on "
                        "(default full,frozen)")
    options = parser.parse_args(argv)
    if options.fuzz_seconds < 0:
        parser.error("--fuzz-seconds must not be negative")
    options.variants = options.variants.split(",")
    for variant in options.variants:
        if variant not in VARIANTS:
            parser.error("--variants: %r is not one of %s" %
                         (variant, ", ".join(VARIANTS)))
    options.build = Path(options.build).resolve()
    options.source = Path(__file__).resolve().parent.parent
    return options


def module_variants(relative, module):
    """The variants @module's tests apply to: the system tests' default
    is both, everything else (host tests) runs once."""
    default = VARIANTS if relative.startswith("system/") else ("full",)
    return getattr(module, "VARIANTS", default)


def run_modules(tests_dir, options, tmp_root, reporter):
    """Every module's tests that apply to options.variant."""
    for relative in MODULES:
        try:
            module = load_module(tests_dir / relative)
            if options.variant not in module_variants(relative, module):
                continue
            tests = collect(module, options)
        except Exception as e:
            reporter.report(relative, "cannot load tests: %s: %s" %
                            (type(e).__name__, e))
            continue
        prefix = "" if options.variant == "full" else options.variant + "/"
        for name, function in tests:
            if options.filter and options.filter not in prefix + name:
                continue
            run_test(name, function, options, tmp_root, reporter)


def main(argv):
    options = parse_args(argv)
    reporter = Reporter()
    tests_dir = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="cellblock-tests-") as tmp_root:
        for variant in VARIANTS:
            if variant not in options.variants:
                continue
            options.variant = variant
            run_modules(tests_dir, options, tmp_root, reporter)
    print("%d passed, %d failed" % (reporter.passed, reporter.failed))
    return 1 if reporter.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
