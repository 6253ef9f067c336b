# SPDX-License-Identifier: GPL-2.0-only
"""The coverage report of tests/coverage.py: the exclusions file, the
per-file figures, report.json's structure and report.txt's text (Python 3
standard library only).

Per file of hypervisor/ and common/ that has code in the ELF: its lines
with code, those covered (at EL2 by the system tests, or, for common/,
by the host build's tests: see coverage_host.py), the uncovered ones
(compressed to ranges; a range may span lines without code), and those
the exclusions file explains, counted apart (lines `path:N[-M] reason`,
`#` comments; an entry whose lines are covered or hold no code is
reported); then a TOTAL line and, per test, the lines it covers and how
many of them no other test covers.
"""

import collections
import re


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


def test_ranges(lines, pairs):
    """@pairs, (path, line) covered by one test, as {path: ranges}."""
    by_file = collections.defaultdict(list)
    for name, number in sorted(pairs):
        by_file[name].append(number)
    return {name: ranges(numbers, sorted(lines.files.get(name, numbers)))
            for name, numbers in by_file.items()}


def percent(part, whole):
    return 100.0 * part / whole if whole else 100.0


def build_report(lines, el2, host, per_test, exclusions, problems, meta):
    """The report (a dict, as report.json holds it) of @lines (coverage_elf
    .Lines): @el2 the (path, line) pairs that ran at EL2, @host those of
    common/ that ran in the host build (empty without it), @per_test each
    test's EL2 pairs."""
    covered = el2 | host
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
            "covered_el2": sum(1 for n in hit if (name, n) in el2),
            "covered_host_only": sum(1 for n in hit if (name, n) not in el2),
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
        totals["covered_el2"] += files[name]["covered_el2"]
        totals["covered_host_only"] += files[name]["covered_host_only"]
        totals["explained"] += len(explained)
    total = {
        "lines": totals["lines"], "covered": totals["covered"],
        "covered_el2": totals["covered_el2"],
        "covered_host_only": totals["covered_host_only"],
        "percent_el2": round(percent(totals["covered_el2"], totals["lines"]),
                             1),
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
                       "only_this_test_lines": ["%s:%d" % k for k in only],
                       "covered_lines": test_ranges(lines, per_test[test])}
    return {"meta": meta, "files": files, "total": total, "tests": tests,
            "stale_exclusions": stale, "exclusion_problems": problems}


def render(report):
    out = []
    meta = report["meta"]
    out.append("Line coverage of hypervisor/ and common/ in %s by %s "
               "(%d boots traced)" % (meta["elf"], meta["tests"],
                                      meta["boots"]))
    out.append("(lines: lines with code in the ELF; EL2: some instruction "
               "of the line ran at EL2 in a system test; host: a line of "
               "common/ that did not, but ran in the host build under %s; "
               "covered: either; explained: uncovered, reason in %s)" %
               (meta.get("host") or "no host tests", meta["exclusions"]))
    out.append("")
    width = max([len(n) for n in report["files"]] + [5])
    row = "%-*s  %5s  %5s  %5s  %9s  %7s  %9s"
    out.append(row % (width, "file", "lines", "EL2", "host", "covered",
                      "percent", "explained"))
    t = report["total"]
    for name, f in list(report["files"].items()) + [("TOTAL", t)]:
        out.append(row % (
            width, name, f["lines"], f["covered_el2"],
            f["covered_host_only"] or "", "%d/%d" % (f["covered"],
                                                     f["lines"]),
            "%.1f%%" % f["percent"], f["explained"] or ""))
    out.append("(%d lines uncovered and unexplained; covered or explained: "
               "%.1f%%; at EL2 alone: %.1f%%)" %
               (t["uncovered"], t["percent_with_explained"],
                t["percent_el2"]))
    out.append("")
    out.append("Uncovered lines:")
    for name, f in report["files"].items():
        if f["uncovered"]:
            out.append("  %s: %s" % (name, f["uncovered_ranges"]))
    if not t["uncovered"]:
        out.append("  (none)")
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
