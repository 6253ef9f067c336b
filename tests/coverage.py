#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Line coverage of the hypervisor by the system tests (Python 3 standard
library and binutils only).

Usage: python3 tests/coverage.py [--build DIR] [--out DIR] [-k TEXT]
                                 [--exclusions FILE] [--traces DIR]
                                 [--keep-traces]

Runs `tests/run.py --build DIR -k system` with CELLBLOCK_TRACE_DIR set, so
that tests/system/qemu.py has QEMU log every boot's execution trace
(`-d in_asm,exec,nochain,int`, restricted with -dfilter to the first
8 MiB of RAM, see DFILTER), reads each trace as soon as its boot has
ended and deletes it, then maps the instructions that ran at EL2 to source
lines with the DWARF line table of DIR/hypervisor/hypervisor.elf. With
--traces DIR it only reads the *.trace files already in DIR (kept).

Writes OUT/report.txt (also printed) and OUT/report.json (OUT defaults to
DIR/coverage): per file of hypervisor/ and common/ that has code in the
ELF, `covered/total percent`, the uncovered lines (compressed to ranges;
a range may span lines without code), the lines explained by the
exclusions file (default tests/coverage-exclusions.txt, lines
`path:N[-M] reason`, `#` comments), counted apart, and a TOTAL line; then,
per test, the lines it covers and how many of them no other test covers.
Exit status 0, or 1 if the tests failed or no boot left a trace.

What counts (QEMU 7.2; under -icount one TCG thread runs all CPUs and the
log is in execution order; a boot without -icount has a thread per CPU,
whose lines interleave: blocks are then told apart by host address and
CPU number, and two threads translating one block at once are matched in
order):

- `-d in_asm` lists a translation block's instructions (address and
  instruction word) when it is translated, just before its first
  execution; `-d exec` with `nochain` logs every execution of a block,
  with its host address (which identifies the block) and its flags.
- A block ran at EL2 if the MMU index in its flags (TBFLAG_ANY.MMUIDX,
  bits 4-7) is E2 (6), or E20_2/E20_2_PAN (3, 5) with VHE, which the
  Cortex-A57 lacks. Cells run at EL1 (E10_1 = 2, E10_0 = 0) at guest
  addresses that overlap the hypervisor's: their blocks never count.
- Every instruction of an EL2 block that executed counts as executed,
  except the block's tail after the instruction at which it stopped when
  the log says so: `cpu_io_recompile: rewound execution of TB to X`
  (icount: X and what follows are executed again by new blocks), an
  exception from EL2 to EL2 with ELR X (an abort on X: X counts, the rest
  not), or `Stopped execution of TB chain before` (the block did not run).
  Left: a synchronous exception to EL3 that does not come back (none
  here: QEMU's PSCI returns after the SMC, the last instruction of its
  block).
- An instruction counts only if its word is the ELF's word at its address:
  this drops EL2 code that is not the hypervisor (QEMU's boot stub, a
  bare-metal inmate, firmware) and stale copies. The boot image's first
  page run where the loader put it, before the hypervisor moves itself to
  its linked address (head.S), counts at its linked address. A boot that
  never ran at EL2 (the hypervisor entered at EL1 and refusing to go on:
  no cell ever starts) counts its EL1 blocks instead, under the same check.
- A source line has code if the line table maps an address to it (line
  0 and files outside hypervisor/ and common/ left out). It is covered if
  one of the instructions in its address ranges executed; a line whose
  row is empty (the next row starts at the same address: code merged or
  moved by the optimizer) belongs to the instruction at that address.
"""

import argparse
import bisect
import collections
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
DIRECTORIES = ("hypervisor/", "common/")
DEFAULT_EXCLUSIONS = SOURCE / "tests" / "coverage-exclusions.txt"
READELF = "aarch64-linux-gnu-readelf"
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
# QEMU 7.2's ARMMMUIdx core indexes of the EL2 regimes (target/arm/cpu.h):
# E20_2 3, E20_2_PAN 5, E2 6.
EL2_MMU_INDEXES = (3, 5, 6)
# Asynchronous exceptions (IRQ, FIQ, VIRQ, VFIQ, VSERR): taken between
# blocks, they never cut one short.
ASYNC_EXCEPTIONS = (5, 6, 14, 15, 24)
PAGE = 4096


# ------------------------------------------------------------------ the ELF

class Elf:
    """The hypervisor ELF's executable bytes and entry point."""

    def __init__(self, path):
        data = Path(path).read_bytes()
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise SystemExit("coverage.py: %s is not a little-endian "
                             "ELF64 file" % path)
        self.entry, = struct.unpack_from("<Q", data, 24)
        shoff, = struct.unpack_from("<Q", data, 40)
        shentsize, shnum = struct.unpack_from("<HH", data, 58)
        self.sections = []          # (start, end, bytes), executable
        for i in range(shnum):
            (_, kind, flags, addr, offset,
             size) = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
            if kind == 1 and flags & 0x4:   # SHT_PROGBITS, SHF_EXECINSTR
                self.sections.append((addr, addr + size,
                                      data[offset:offset + size]))
        self.sections.sort()
        self.starts = [s[0] for s in self.sections]
        if not self.sections:
            raise SystemExit("coverage.py: %s has no code" % path)
        self.entry_word = self.word(self.entry)

    def word(self, address):
        """The instruction word at @address, None outside the code."""
        i = bisect.bisect_right(self.starts, address) - 1
        if i < 0:
            return None
        start, end, data = self.sections[i]
        if address + 4 > end:
            return None
        return struct.unpack_from("<I", data, address - start)[0]


# ---------------------------------------------------------- the line table

class Lines:
    """Which source lines of hypervisor/ and common/ each instruction
    address belongs to, from `readelf --debug-dump=decodedline`."""

    ROW = re.compile(r"(\S+)\s+(\d+|-)\s+(0x[0-9a-f]+)")

    def __init__(self, elf_path):
        output = subprocess.run(
            [READELF, "--debug-dump=decodedline", "--wide", str(elf_path)],
            capture_output=True, text=True, check=True).stdout
        self.files = {}             # path -> set of lines with code
        self.by_address = collections.defaultdict(set)  # addr -> {(f, l)}
        sequence = []               # (address, path, line) of one sequence
        current = None
        for text in output.splitlines():
            row = self.ROW.match(text)
            if row:
                address = int(row.group(3), 16)
                if row.group(2) == "-":         # end of sequence
                    self._add(sequence, address)
                    sequence = []
                else:
                    sequence.append((address, current, int(row.group(2))))
            elif text.endswith(":") and not text.startswith(("Contents",
                                                             "File name")):
                current = self._relative(text[:-1].replace("CU: ", "", 1))
        self._add(sequence, None)

    @staticmethod
    def _relative(path):
        if os.path.isabs(path):
            try:
                return str(Path(path).resolve().relative_to(SOURCE))
            except ValueError:
                return path
        return os.path.normpath(path)

    def _add(self, sequence, end):
        for i, (address, path, line) in enumerate(sequence):
            if line == 0 or path is None or not path.startswith(DIRECTORIES):
                continue
            following = sequence[i + 1][0] if i + 1 < len(sequence) else end
            if following is None or following <= address:
                if following is not None and following < address:
                    continue
                following = address + 4     # empty row: the next insn
            self.files.setdefault(path, set()).add(line)
            for pc in range(address & ~3, following, 4):
                self.by_address[pc].add((path, line))


# ---------------------------------------------------------------- a trace

class Block:
    """A translation block: its instructions [(address, word)], whether
    it runs at EL2, and whether all of them have been counted."""
    __slots__ = ("instructions", "el2", "done")

    def __init__(self, instructions, el2):
        self.instructions = instructions
        self.el2 = el2
        self.done = False


class Cut:
    """One execution of @block that stopped early: only @instructions."""
    __slots__ = ("block", "instructions", "done")

    def __init__(self, block, instructions):
        self.block = block
        self.instructions = instructions
        self.done = False


class Trace:
    """What one boot's log says ran: the (address, word) pairs executed at
    EL2 (at EL1 if nothing ran at EL2: the hypervisor entered at EL1),
    addresses of the image's first page run before the move already made
    linked ones, plus counts of what the log held."""

    # Log lines read before a translated block whose execution was not
    # seen is given up (with several TCG threads, other CPUs' lines come
    # between, and two threads may translate the same block, one of which
    # is dropped; under -icount it is the very next line).
    PENDING_LINES = 5000000

    def __init__(self, path, elf):
        self.name = path.name
        self.elf = elf
        self.stats = collections.Counter()
        self.executed = {True: set(), False: set()}     # by el2
        self.cache = {}         # Trace line -> (cpu, Block or None)
        self.by_host = collections.defaultdict(list)    # host -> lines
        self.current = {}       # cpu -> Block or Cut last executed
        self.pending = {}       # pc -> [(instructions, line number)]
        self.base = None        # where the image ran before it moved
        self.moving = False
        self.last_cpu = None
        self._parse(path)
        if self.executed[True]:
            self.level = 2
        elif self.executed[False]:
            self.level = 1
            stats = self.stats
            stats["boots that never ran at EL2 (EL1 blocks counted)"] += 1
        else:
            self.level = None
        self.counted = self.executed[self.level != 1]

    def _commit(self, entry):
        if entry is not None and not entry.done:
            self.executed[(entry.block if isinstance(entry, Cut) else
                           entry).el2].update(entry.instructions)
            entry.done = True   # a Cut: this execution counted

    def _parse(self, path):
        cache = self.cache
        current = self.current
        pending = self.pending
        commit = self._commit
        translated = None       # the block in_asm is listing
        exception = None        # [number, cpu, (from EL, to EL)]
        number = 0
        with open(path, "rb") as log:
            for number, line in enumerate(log):
                # The common case: another execution of a known block (a
                # known host address is never a new translation's).
                hit = cache.get(line)
                if hit is not None and not self.moving:
                    cpu, block = hit
                    entry = current.get(cpu)
                    if entry is not None and not entry.done:
                        commit(entry)
                    current[cpu] = block
                    self.last_cpu = cpu
                    continue
                if line.startswith(b"Trace "):
                    self._trace(line)
                elif line.startswith(b"0x"):
                    if translated is not None:
                        address, _, rest = line.partition(b":")
                        translated.append((int(address, 16),
                                           int(rest.split(None, 1)[0], 16)))
                elif line.startswith(b"IN:"):
                    translated = []
                elif line.startswith(b"----") or not line.strip():
                    if translated:
                        queue = pending.setdefault(translated[0][0], [])
                        if queue:
                            # Two threads translating one block at once:
                            # taken in order (only words of the ELF count,
                            # so a mix-up can only lose lines).
                            self.stats["blocks translated twice at once "
                                       "(several TCG threads)"] += 1
                        queue.append((translated, number))
                    translated = None
                elif line.startswith(b"cpu_io_recompile: rewound"):
                    stop = int(line.split()[-1], 16)
                    if not self._cut(lambda a: a < stop, stop):
                        self.stats["I/O rewinds not placed in a block"] += 1
                elif line.startswith(b"Stopped execution of TB chain"):
                    blocks = self._blocks_of(line.split()[6])
                    for cpu in self._cpus():
                        entry = current.get(cpu)
                        if isinstance(entry, Cut):
                            entry = entry.block
                        if entry is not None and entry in blocks:
                            current[cpu] = None
                            break
                elif line.startswith(b"Taking exception "):
                    words = line.split()
                    exception = [int(words[2]), int(words[-1]), None]
                elif line.startswith(b"...from EL") and exception:
                    words = line.split()
                    exception[2] = (words[1][-1:], words[3][-1:])
                elif line.startswith(b"...with ELR ") and exception:
                    if (exception[2] == (b"2", b"2") and
                            exception[0] not in ASYNC_EXCEPTIONS):
                        elr = int(line.split()[-1], 16)
                        if self._cut(lambda a: a <= elr, elr, exception[1]):
                            self.stats["EL2 blocks cut by an exception at "
                                       "EL2"] += 1
                        else:
                            self.stats["EL2 exceptions not placed in a "
                                       "block"] += 1
                    exception = None
                if pending:
                    for pc, queue in list(pending.items()):
                        while queue and number - queue[0][1] > \
                                self.PENDING_LINES:
                            queue.pop(0)
                            self.stats["translated blocks never seen "
                                       "executing"] += 1
                        if not queue:
                            del pending[pc]
        for entry in current.values():
            commit(entry)
        left = sum(len(queue) for queue in pending.values())
        if left:
            self.stats["translated blocks never seen executing"] += left
        self.stats["log lines"] += number + 1

    def _cpus(self):
        """CPUs with a last block, the one that ran last first."""
        cpus = sorted(self.current)
        if self.last_cpu in self.current:
            cpus.remove(self.last_cpu)
            cpus.insert(0, self.last_cpu)
        return cpus

    def _blocks_of(self, host):
        return [self.cache[line][1] for line in self.by_host.get(host, ())
                if line in self.cache]

    def _trace(self, line):
        """A `Trace CPU: HOST [CS_BASE/PC/FLAGS/CFLAGS]` line."""
        head, _, rest = line.partition(b"[")
        words = head.split()
        cpu = int(words[1].rstrip(b":"))
        host = words[2]
        fields = rest.split(b"]", 1)[0].split(b"/")
        pc = int(fields[1], 16)
        el2 = (int(fields[2], 16) >> 4) & 0xf in EL2_MMU_INDEXES
        self._commit(self.current.get(cpu))
        self.last_cpu = cpu
        queue = None if host in self.by_host else self.pending.get(pc)
        if queue:
            instructions = queue.pop(0)[0]
            if not queue:
                del self.pending[pc]
            if el2 and self.base is None and pc != self.elf.entry and \
                    pc % PAGE == 0 and \
                    instructions[0][1] == self.elf.entry_word:
                self.base, self.moving = pc, True
                self.stats["boots with the image run first elsewhere"] += 1
            if self.moving and el2 and self.base <= pc < self.base + PAGE:
                delta = self.base - self.elf.entry
                instructions = [(a - delta, w) for a, w in instructions]
            block = Block(instructions, el2)
        else:
            known = self.cache.get(line)
            if known is None:
                lines = self.by_host.get(host)
                known = self.cache.get(lines[0]) if lines else None
            if known is None:
                self.stats["executions of blocks never listed"] += 1
                self.current[cpu] = None
                return
            block = known[1]
        if self.moving and el2 and not self.base <= pc < self.base + PAGE:
            self.moving = False
        if line not in self.cache:
            self.cache[line] = (cpu, block)
            self.by_host[host].append(line)
        self.current[cpu] = block

    def _cut(self, keep, inside, cpu=None):
        """The last block executed (by @cpu, else by the CPU whose last
        block holds address @inside) stopped early: keeps, for this
        execution, its instructions for which @keep holds. True if
        placed."""
        for c in [cpu] if cpu is not None else self._cpus():
            entry = self.current.get(c)
            if entry is None or not entry.instructions:
                continue
            first, last = entry.instructions[0][0], entry.instructions[-1][0]
            if not first <= inside <= last:
                continue
            block = entry.block if isinstance(entry, Cut) else entry
            self.current[c] = Cut(block, [(a, w) for a, w in
                                          entry.instructions if keep(a)])
            return True
        return False


# ------------------------------------------------------------ exclusions

def read_exclusions(path, lines):
    """[(path, first, last, reason, line in the file)] and problems."""
    entries, problems = [], []
    if path is None or not path.exists():
        return entries, problems
    for number, text in enumerate(path.read_text().splitlines(), 1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        found = re.fullmatch(r"(\S+):(\d+)(?:-(\d+))?\s+(.+)", text)
        if not found:
            problems.append("%s:%d: not `path:N[-M] reason`" % (path, number))
            continue
        name, first, last, reason = found.groups()
        first = int(first)
        last = int(last) if last else first
        code = [n for n in lines.files.get(name, ()) if first <= n <= last]
        if not code:
            problems.append("%s:%d: %s:%d-%d has no line with code" %
                            (path, number, name, first, last))
        entries.append((name, first, last, reason, number))
    return entries, problems


# ----------------------------------------------------------------- report

def ranges(numbers, code):
    """@numbers (sorted) as `a-b, c`: a range runs on over lines without
    code (@code: the file's sorted lines with code)."""
    parts = []
    position = {n: i for i, n in enumerate(code)}
    run = None
    for n in numbers:
        if run and position[n] == position[run[1]] + 1:
            run[1] = n
        else:
            run = [n, n]
            parts.append(run)
    return ", ".join("%d" % a if a == b else "%d-%d" % (a, b)
                     for a, b in parts)


def percent(part, whole):
    return 100.0 * part / whole if whole else 100.0


def build_report(lines, covered, per_test, exclusions, problems, meta):
    files = {}
    explained_reasons = collections.defaultdict(list)
    stale = []
    for name, first, last, reason, number in exclusions:
        code = lines.files.get(name, set())
        hit = sorted(n for n in code if first <= n <= last and
                     (name, n) in covered)
        if hit:
            stale.append("%s:%d-%d (line %d of the exclusions): covered "
                         "line(s) %s" % (name, first, last, number,
                                         ranges(hit, sorted(code))))
        explained_reasons[name].append((first, last, reason))
    totals = collections.Counter()
    for name in sorted(lines.files):
        code = sorted(lines.files[name])
        hit = [n for n in code if (name, n) in covered]
        explained = [n for n in code if (name, n) not in covered and any(
            a <= n <= b for a, b, _ in explained_reasons.get(name, ()))]
        missed = [n for n in code if (name, n) not in covered and
                  n not in set(explained)]
        files[name] = {
            "lines": len(code), "covered": len(hit),
            "explained": len(explained), "uncovered": len(missed),
            "percent": round(percent(len(hit), len(code)), 1),
            "covered_lines": hit, "explained_lines": explained,
            "uncovered_lines": missed,
            "uncovered_ranges": ranges(missed, code),
            "explanations": [{"lines": "%d" % a if a == b else
                              "%d-%d" % (a, b), "reason": r}
                             for a, b, r in explained_reasons.get(name, ())],
        }
        totals["lines"] += len(code)
        totals["covered"] += len(hit)
        totals["explained"] += len(explained)
    total = {
        "lines": totals["lines"], "covered": totals["covered"],
        "explained": totals["explained"],
        "uncovered": totals["lines"] - totals["covered"] -
        totals["explained"],
        "percent": round(percent(totals["covered"], totals["lines"]), 1),
        "percent_with_explained": round(percent(
            totals["covered"] + totals["explained"], totals["lines"]), 1),
    }
    owners = collections.Counter()
    for test_lines in per_test.values():
        owners.update(test_lines)
    tests = {}
    for test in sorted(per_test):
        only = sorted(k for k in per_test[test] if owners[k] == 1)
        tests[test] = {"covered": len(per_test[test]),
                       "only_this_test": len(only),
                       "only_this_test_lines": ["%s:%d" % k for k in only]}
    return {"meta": meta, "files": files, "total": total, "tests": tests,
            "stale_exclusions": stale, "exclusion_problems": problems}


def render(report):
    out = []
    meta = report["meta"]
    out.append("Line coverage of hypervisor/ and common/ in %s by %s "
               "(%d boots traced)" % (meta["elf"], meta["tests"],
                                      meta["boots"]))
    out.append("(covered: some instruction of the line ran at EL2; "
               "explained: uncovered, reason in %s)" % meta["exclusions"])
    out.append("")
    width = max([len(n) for n in report["files"]] + [5])
    out.append("%-*s  %9s  %7s  %9s" % (width, "file", "covered", "percent",
                                        "explained"))
    for name, f in report["files"].items():
        out.append("%-*s  %9s  %6.1f%%  %9s" % (
            width, name, "%d/%d" % (f["covered"], f["lines"]),
            f["percent"], f["explained"] or ""))
    t = report["total"]
    out.append("%-*s  %9s  %6.1f%%  %9s" % (
        width, "TOTAL", "%d/%d" % (t["covered"], t["lines"]), t["percent"],
        t["explained"] or ""))
    out.append("(%d lines uncovered and unexplained; covered or explained: "
               "%.1f%%)" % (t["uncovered"], t["percent_with_explained"]))
    out.append("")
    out.append("Uncovered lines:")
    for name, f in report["files"].items():
        if f["uncovered"]:
            out.append("  %s: %s" % (name, f["uncovered_ranges"]))
    explained = [(n, f) for n, f in report["files"].items()
                 if f["explanations"]]
    if explained:
        out.append("")
        out.append("Explained (%s):" % meta["exclusions"])
        for name, f in explained:
            for e in f["explanations"]:
                out.append("  %s:%s  %s" % (name, e["lines"], e["reason"]))
    for title, items in (("Stale exclusions (lines now covered)",
                          report["stale_exclusions"]),
                         ("Exclusion file problems",
                          report["exclusion_problems"])):
        if items:
            out.append("")
            out.append(title + ":")
            out.extend("  " + i for i in items)
    out.append("")
    out.append("Per test: lines covered, of them covered by no other test")
    for test, t in report["tests"].items():
        out.append("  %-44s %5d %5d" % (test, t["covered"],
                                        t["only_this_test"]))
    out.append("")
    out.append("Trace: " + ", ".join("%s %d" % kv for kv in
                                     sorted(meta["trace_stats"].items())))
    if meta.get("warnings"):
        out.append("")
        out.extend("WARNING: " + w for w in meta["warnings"])
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- driver

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
    report = build_report(lines, covered, per_test, exclusions, problems,
                          meta)
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
