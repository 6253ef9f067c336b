#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Line coverage of the hypervisor by the system tests (Python 3 standard
library and binutils; gcc and gcov for the host part).

Usage: python3 tests/coverage.py [--build DIR] [--out DIR] [-k TEXT]
                                 [--exclusions FILE] [--traces DIR]
                                 [--keep-traces] [--no-host]

Runs `tests/run.py --build DIR -k system` with CELLBLOCK_TRACE_DIR set, so
that tests/system/qemu.py has QEMU log every boot's execution trace
(`-d in_asm,exec,nochain,int`, restricted with -dfilter to the first
8 MiB of RAM, see DFILTER), reads each trace as soon as its boot has
ended and deletes it (coverage_trace.py), then maps the instructions that
ran at EL2 to source lines with the DWARF line table of
DIR/hypervisor/hypervisor.elf (coverage_elf.py). An instruction counts
only if its word is the ELF's word at its address: this drops EL2 code
that is not the hypervisor (QEMU's boot stub, a bare-metal inmate,
firmware) and stale copies. With --traces DIR it only reads the *.trace
files already in DIR (kept).

Then, unless --no-host, it builds the host programs that hold common/
(the unit tests and the cellblock tool) with gcov and runs the host test
modules against them (coverage_host.py): a line of common/ that ran there
counts as covered too, shown apart from the EL2 figure.

Writes OUT/report.txt (also printed) and OUT/report.json (OUT defaults to
DIR/coverage), as coverage_report.py tells: per file of hypervisor/ and
common/ that has code in the ELF, lines, covered at EL2, covered by the
host tests only, the uncovered lines and the lines explained by the
exclusions file (default tests/coverage-exclusions.txt); a TOTAL line;
per test, the lines it covers. Exit status 0, or 1 if the tests failed or
no boot left a trace.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from coverage_elf import SOURCE, Elf, Lines
from coverage_host import host_coverage
from coverage_report import build_report, read_exclusions, render
from coverage_trace import Trace

DEFAULT_EXCLUSIONS = SOURCE / "tests" / "coverage-exclusions.txt"
QEMU = "qemu-system-aarch64"
TRACE_DIR_VARIABLE = "CELLBLOCK_TRACE_DIR"
DFILTER_VARIABLE = "CELLBLOCK_TRACE_DFILTER"
# Traces are logged for blocks starting in the first 8 MiB of RAM only:
# the hypervisor's linked addresses (RAM + 2 MiB), every address the tests
# load the image at (RAM + 0x1e0000 up to u-boot's 0x40400000) and, at
# EL1, the cells' payloads (guest addresses 0x40200000 on); not firmware
# (flash at 0, u-boot relocated to the top of RAM), which would make the
# u-boot test's trace over a gigabyte.
DFILTER = "0x40000000+0x800000"


def qemu_version_warning():
    try:
        text = subprocess.run([QEMU, "--version"], capture_output=True,
                              text=True).stdout
    except OSError:
        return "%s not found" % QEMU
    found = re.search(r"version (\d+)\.(\d+)", text)
    if not found or found.groups() != ("7", "2"):
        return ("%s is not QEMU 7.2 (%s): the trace format and the TB "
                "flags decoded here are 7.2's" %
                (QEMU, text.splitlines()[0] if text else "no version"))
    return None


def test_name(trace_name, names):
    """The test of a trace named TESTDIR-XXXXXXXX.trace, TESTDIR being
    the test's temporary directory (run.py: the sanitized test name, then
    -XXXXXXXX), from the names run.py printed (@names: sanitized -> name);
    a test that reports sub-tests under longer names gets the common
    start of theirs."""
    directory = trace_name[:-len(".trace")].rsplit("-", 2)[0]
    if directory in names:
        return names[directory]
    longer = [n for s, n in names.items() if s.startswith(directory + "_")]
    return longer[0][:len(directory)] if longer else directory


def sanitized(name):
    return re.sub(r"[^\w.-]", "_", name)[:60]       # as tests/run.py does


class Collector:
    def __init__(self, elf, keep):
        self.elf = elf
        self.keep = keep
        self.seen = set()
        self.traces = []            # (trace name, set of verified addrs)
        self.boots = []             # for report.json
        self.stats = collections.Counter()

    def take(self, directory):
        for path in sorted(Path(directory).glob("*.trace")):
            if path.name in self.seen:
                continue
            self.seen.add(path.name)
            trace = Trace(path, self.elf)
            verified = set()
            for address, word in trace.counted:
                expected = self.elf.word(address)
                if expected == word:
                    verified.add(address)
                elif expected is None:
                    self.stats["EL2 instructions outside the ELF's "
                               "code"] += 1
                else:
                    self.stats["EL2 instructions not the ELF's"] += 1
            self.stats.update(trace.stats)
            self.traces.append((path.name, verified))
            self.boots.append({"trace": path.name, "level": trace.level,
                               "instructions": len(verified),
                               "stats": dict(trace.stats)})
            if not self.keep:
                path.unlink()


def run_tests(args, collector, directory):
    env = dict(os.environ)
    env[TRACE_DIR_VARIABLE] = str(directory)
    env[DFILTER_VARIABLE] = DFILTER
    command = [sys.executable, str(SOURCE / "tests" / "run.py"), "--build",
               str(args.build), "-k", args.filter]
    print("coverage.py: %s (traces in %s)" % (" ".join(command), directory),
          flush=True)
    process = subprocess.Popen(command, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env, text=True,
                               cwd=str(SOURCE))
    output = []

    def relay():
        for line in process.stdout:
            output.append(line)
            sys.stdout.write(line)
            sys.stdout.flush()
    reader = threading.Thread(target=relay)
    reader.start()
    while process.poll() is None:
        collector.take(directory)
        time.sleep(0.1)
    reader.join()
    collector.take(directory)
    return process.returncode, output


class Prefixed:
    """A stream that writes to (the present) stdout, each line after
    @prefix."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.stream = sys.stdout
        self.start = True

    def write(self, text):
        for part in text.splitlines(True):
            if self.start:
                self.stream.write(self.prefix)
            self.stream.write(part)
            self.start = part.endswith("\n")
        return len(text)

    def flush(self):
        self.stream.flush()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build", type=Path,
                        help="build directory of `make all` (default build)")
    parser.add_argument("--out", type=Path, default=None,
                        help="report directory (default BUILD/coverage)")
    parser.add_argument("-k", dest="filter", default="system",
                        help="tests to run, as run.py -k (default system)")
    parser.add_argument("--exclusions", type=Path, default=DEFAULT_EXCLUSIONS,
                        help="explanations of uncovered lines (default "
                        "tests/coverage-exclusions.txt)")
    parser.add_argument("--traces", type=Path, default=None,
                        help="read the *.trace files in this directory "
                        "instead of running the tests")
    parser.add_argument("--keep-traces", action="store_true",
                        help="keep the traces (BUILD/coverage/traces-*)")
    parser.add_argument("--no-host", action="store_true",
                        help="count EL2 only: no host build of common/")
    args = parser.parse_args(argv)
    started = time.monotonic()
    args.build = args.build.resolve()
    out = (args.out or args.build / "coverage").resolve()
    elf_path = args.build / "hypervisor" / "hypervisor.elf"
    if not elf_path.is_file():
        print("coverage.py: %s is missing: run `make all`" % elf_path,
              file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    elf = Elf(elf_path)
    lines = Lines(elf_path)
    warnings = [w for w in [qemu_version_warning()] if w]
    collector = Collector(elf, keep=args.keep_traces or bool(args.traces))
    status, output = 0, []
    if args.traces:
        collector.take(args.traces)
        what = "the traces in %s" % args.traces
    else:
        directory = Path(tempfile.mkdtemp(prefix="traces-", dir=str(out)))
        try:
            status, output = run_tests(args, collector, directory)
        finally:
            if not args.keep_traces:
                shutil.rmtree(str(directory), ignore_errors=True)
        what = "`tests/run.py -k %s`" % args.filter
        summary = output[-1].strip() if output else "no output"
        what += " (%s)" % summary
        if status != 0:
            warnings.append("the tests failed (%s): this is the coverage "
                            "of a failing run" % summary)
    if not collector.traces:
        warnings.append("no boot left a trace")
    host, host_what = set(), None
    if not args.no_host:
        print("coverage.py: host build of common/ and the host tests "
              "(coverage_host.py, in %s)" % (out / "host"), flush=True)
        found = host_coverage(args.build, out / "host", Prefixed("host: "))
        if isinstance(found, str):
            warnings.append("no host coverage: " + found)
        else:
            host = {(name, n) for name in found.code
                    for n in lines.files.get(name, ()) if found.ran(name, n)}
            host_what = "the host tests of tests/run.py (%s)" % found.summary
            if found.failed:
                status = status or 1
                warnings.append("host tests failed (%s)" % found.summary)
    built = elf_path.stat().st_mtime
    newer = sorted(name for name in lines.files if (SOURCE / name).exists()
                   and (SOURCE / name).stat().st_mtime > built)
    if newer:
        warnings.append("changed since %s was built (its line numbers are "
                        "the old ones): %s" % (elf_path.name,
                                               ", ".join(newer)))
    names = {}
    for line in output:
        found = re.match(r"(?:PASS|FAIL) (\S+?)(?::| |$)", line)
        if found:
            names.setdefault(sanitized(found.group(1)), found.group(1))
    covered = set()
    per_test = collections.defaultdict(set)
    for trace_name, addresses in collector.traces:
        hit = set()
        for address in addresses:
            hit.update(lines.by_address.get(address, ()))
        covered |= hit
        per_test[test_name(trace_name, names)] |= hit
    exclusions, problems = read_exclusions(args.exclusions, lines)
    try:
        shown_exclusions = str(args.exclusions.resolve().relative_to(SOURCE))
    except ValueError:
        shown_exclusions = str(args.exclusions)
    meta = {
        "elf": str(elf_path), "tests": what, "boots": len(collector.traces),
        "exclusions": shown_exclusions,
        "trace_stats": dict(collector.stats), "warnings": warnings,
        "dfilter": DFILTER, "seconds": None,
    }
    meta["host"] = host_what
    if host:
        per_test["(host) unit and command-line tests"] = set(host)
    report = build_report(lines, covered, host, per_test, exclusions,
                          problems, meta)
    for boot in collector.boots:
        boot["test"] = test_name(boot["trace"], names)
    report["boots"] = collector.boots
    meta["seconds"] = round(time.monotonic() - started, 1)
    text = render(report)
    text += "(%.1f s)\n" % meta["seconds"]
    (out / "report.txt").write_text(text)
    (out / "report.json").write_text(json.dumps(report, indent=1) + "\n")
    print()
    print(text, end="")
    print("coverage.py: wrote %s and %s" % (out / "report.txt",
                                             out / "report.json"))
    return 1 if status != 0 or not collector.traces else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
