# SPDX-License-Identifier: GPL-2.0-only
"""Tests of config format revision 5 through `cellblock config`: a cell's
watchdog-period-us, on-failure, restart-limit, voting, vote-timeout-us and
comm-interrupt (docs/config.md).

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- roundtrip/*: sources with the properties survive compile -> dump ->
  compile byte for byte, the dump prints each one back as written, and
  the defaults (no watchdog, "park") are the properties left out;
- compile/*: each mistake a source can make is refused by `config
  compile` with exactly the stderr lines given (file, node, property,
  value, what was expected), exit code 1 and nothing written;
- set/*: `config check` refuses what only the system can tell (a comm
  interrupt the GIC lacks, the emulated console's line, a virtual PCI
  INTx line) and passes the same cell with a free SPI.

The sources are the QEMU virt configs (configs/qemu-virt/) with the
properties added, so the rules are tested on a real system.
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
MEMORY = "\tmemory {\n"
ROOT_NAME = '\t\tcell-name = "linux";\n'
# A comm region for rt, which has none: guest space clear of its RAM, its
# RTC, the GIC and the virtual PCI host of system-link.dts.
COMM = ("\t\tcomm {\n\t\t\tguest = <0x80000000>;\n\t\t\tsize = <0x1000>;\n"
        "\t\t\tflags = %s;\n\t\t};\n\n")
RW = '"read", "write", "comm-region"'
VOTING = ("voting;", "vote-timeout-us = <5000>;", "comm-interrupt = <40>;")
ALL = ("watchdog-period-us = <10000>;", 'on-failure = "restart";',
       "restart-limit = <3>;") + VOTING
WORDS = ("watchdog-period-us", "on-failure", "restart-limit", "voting",
         "vote-timeout-us", "comm-interrupt")


# ---------------------------------------------------------------- helpers

def replace_once(text, anchor, added, what):
    if text.count(anchor) != 1:
        fail("%s holds %r %d times (expected once); update the test" %
             (what, anchor, text.count(anchor)))
    return text.replace(anchor, anchor + added)


def rt_with(ctx, *added, comm=None):
    """configs/qemu-virt/rt.dts with the properties @added (one line
    each), and a comm region with the flags @comm if given."""
    text = (ctx.source / CONFIGS / "rt.dts").read_text()
    text = replace_once(text, RT_NAME, "".join("\t%s\n" % line
                                               for line in added), "rt.dts")
    if comm:
        text = replace_once(text, MEMORY, COMM % comm, "rt.dts")
    return text


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


def refused(ctx, text, *what):
    """`config compile` of @text refuses it with exactly the lines @what,
    each "WHERE: MESSAGE" under broken.dts."""
    got = compile_text_refused(ctx, text)
    want = ["broken.dts: " + line for line in what]
    if got != want:
        fail("expected stderr %s, got %s" % (excerpt(want, limit=6),
                                             excerpt(got, limit=6)))


# ------------------------------------------------------------ round trip

def roundtrip(ctx, name, text, lines, indent="\t"):
    """compile -> dump -> compile is byte-identical and the dump holds
    each of @lines exactly, at @indent."""
    first = compile_ok(ctx, name, text)
    dumped = dump_ok(ctx, name)
    for line in lines:
        if "\n%s%s\n" % (indent, line) not in dumped:
            fail("the dump lacks the line %r; it begins: %s" %
                 (line, excerpt(dumped.splitlines()[:16], limit=16)))
    second = compile_ok(ctx, name + "-again", dumped)
    if first != second:
        fail("the dump compiles to different bytes (%d vs %d)" %
             (len(first), len(second)))
    return "%d bytes, %d properties kept" % (len(first), len(lines))


def test_roundtrip_all(ctx):
    return roundtrip(ctx, "rt", rt_with(ctx, *ALL, comm=RW), ALL)


def test_roundtrip_watchdog_alone(ctx):
    lines = ("watchdog-period-us = <100>;",)
    return roundtrip(ctx, "rt", rt_with(ctx, *lines), lines)


def test_roundtrip_comm_interrupt_alone(ctx):
    """Comm messages without voting: a read-only comm region will do."""
    lines = ("comm-interrupt = <41>;",)
    return roundtrip(ctx, "rt", rt_with(ctx, *lines,
                                        comm='"read", "comm-region"'), lines)


def test_roundtrip_root_cell(ctx):
    """The embedded root cell has the same properties, one level in."""
    fixtures = ctx.source / "tests/unit/fixtures"
    # system-root.dts includes system.dts from its own directory.
    (ctx.tmp / "system.dts").write_text((fixtures / "system.dts")
                                        .read_text())
    text = (fixtures / "system-root.dts").read_text()
    lines = ("watchdog-period-us = <60000000>;", 'on-failure = "restart";',
             "restart-limit = <1000>;")
    text = replace_once(text, ROOT_NAME, "".join("\t\t%s\n" % line
                                                 for line in lines),
                        "system-root.dts")
    return roundtrip(ctx, "rooted", text, lines, indent="\t\t")


def test_roundtrip_defaults(ctx):
    """on-failure = "park" is the default: the same bytes as without it,
    and neither dump prints any of the properties."""
    plain = compile_ok(ctx, "rt", (ctx.source / CONFIGS / "rt.dts")
                       .read_text())
    dumped = dump_ok(ctx, "rt")
    park = compile_ok(ctx, "park", rt_with(ctx, 'on-failure = "park";'))
    if park != plain:
        fail('on-failure = "park" changes the bytes (%d vs %d)' %
             (len(park), len(plain)))
    dumped += dump_ok(ctx, "park")
    for word in WORDS:
        if word in dumped:
            fail("a dump without settings has %s: %s" % (word, excerpt(
                [line for line in dumped.splitlines() if word in line])))


# ------------------------------------------------------------- refusals

SCHEMA_REFUSALS = {
    # The compiler's own: what the source alone gets wrong.
    "on-failure-unknown": (
        ('on-failure = "reboot";',),
        "/: property 'on-failure' has unknown value \"reboot\" (expected "
        "one of \"park\", \"restart\")"),
    "restart-without-limit": (
        ('on-failure = "restart";',),
        "/: property 'restart-limit' is missing (expected 1 to 1000 "
        "restarts with on-failure = \"restart\")"),
    "limit-without-restart": (
        ("restart-limit = <3>;",),
        "/: property 'restart-limit' is set while on-failure is \"park\" "
        "(expected it only with on-failure = \"restart\": a parked cell is "
        "not restarted)"),
    "limit-with-park": (
        ('on-failure = "park";', "restart-limit = <3>;"),
        "/: property 'restart-limit' is set while on-failure is \"park\" "
        "(expected it only with on-failure = \"restart\": a parked cell is "
        "not restarted)"),
    "limit-past-16-bits": (
        ('on-failure = "restart";', "restart-limit = <70000>;"),
        "/: property 'restart-limit' is 70000 (expected 1 to 1000)"),
    "watchdog-zero": (
        ("watchdog-period-us = <0>;",),
        "/: property 'watchdog-period-us' is 0 (expected 100 to 60000000 "
        "microseconds, or no property for none)"),
    "watchdog-string": (
        ('watchdog-period-us = "10ms";',),
        "/: property 'watchdog-period-us' is the string \"10ms\" (expected "
        "one 32-bit number, like <33>)"),
    "comm-interrupt-zero": (
        ("comm-interrupt = <0>;",),
        "/: property 'comm-interrupt' is 0 (expected an SPI, 32 to 1019, or "
        "no property for none)"),
    "voting-with-value": (
        ("voting = <1>;", "vote-timeout-us = <5000>;",
         "comm-interrupt = <40>;"),
        "/: property 'voting' has a 4-byte value (expected none: write "
        "'voting;')"),
    "voting-without-timeout": (
        ("voting;", "comm-interrupt = <40>;"),
        "/: property 'vote-timeout-us' is missing (expected 1 to 10000000 "
        "microseconds with 'voting')"),
    "timeout-without-voting": (
        ("vote-timeout-us = <5000>;",),
        "/: property 'vote-timeout-us' is set without 'voting' (expected it "
        "only with 'voting;')"),
    "misspelled": (
        ("watchdog-period = <1000>;",),
        None),  # the unknown-property line, checked by its start
}

RULE_REFUSALS = {
    # The shared validator's, as the hypervisor's boot says them too.
    "watchdog-too-short": (
        ("watchdog-period-us = <99>;",),
        "/: watchdog-period-us 99 is out of range (expected 100 to 60000000 "
        "microseconds, or 0 for no watchdog)"),
    "watchdog-too-long": (
        ("watchdog-period-us = <60000001>;",),
        "/: watchdog-period-us 60000001 is out of range (expected 100 to "
        "60000000 microseconds, or 0 for no watchdog)"),
    "limit-zero": (
        ('on-failure = "restart";', "restart-limit = <0>;"),
        "/: restart-limit 0 is out of range with on-failure \"restart\" "
        "(expected 1 to 1000 restarts before the cell is parked)"),
    "limit-too-high": (
        ('on-failure = "restart";', "restart-limit = <1001>;"),
        "/: restart-limit 1001 is out of range with on-failure \"restart\" "
        "(expected 1 to 1000 restarts before the cell is parked)"),
    "comm-interrupt-without-comm-region": (
        ("comm-interrupt = <40>;",),
        "/: comm-interrupt 40 is set but the cell has no comm region "
        "(expected a /memory region with \"comm-region\": the interrupt "
        "signals a message there)"),
    "comm-interrupt-ppi": (
        ("comm-interrupt = <27>;",),
        "/: comm-interrupt 27 is not an SPI (expected 32 to 1019)"),
    "comm-interrupt-own-spi": (
        ("comm-interrupt = <34>;",),
        "/: comm-interrupt 34 is also in the cell's interrupts (expected a "
        "line of its own: the hypervisor raises it, no device does)"),
    "voting-without-comm-interrupt": (
        ("voting;", "vote-timeout-us = <5000>;"),
        "/: voting is set without a comm-interrupt (expected an SPI: it "
        "signals a vote request)"),
    "voting-read-only-comm-region": (
        VOTING,
        "/: voting is set but the comm region is not both \"read\" and "
        "\"write\" (expected both: the cell reads the request there and "
        "writes its answer)"),
    "vote-timeout-zero": (
        ("voting;", "vote-timeout-us = <0>;", "comm-interrupt = <40>;"),
        "/: vote-timeout-us 0 is out of range with voting (expected 1 to "
        "10000000 microseconds)"),
    "vote-timeout-too-long": (
        ("voting;", "vote-timeout-us = <10000001>;",
         "comm-interrupt = <40>;"),
        "/: vote-timeout-us 10000001 is out of range with voting (expected "
        "1 to 10000000 microseconds)"),
}

# Which comm region each refusal's cell has (none unless named).
COMM_OF = {
    "voting-without-comm-interrupt": RW,
    "voting-read-only-comm-region": '"read", "comm-region"',
    "vote-timeout-zero": RW,
    "vote-timeout-too-long": RW,
    "comm-interrupt-ppi": RW,
    "comm-interrupt-own-spi": RW,
    "voting-with-value": RW,
    "voting-without-timeout": RW,
}


def test_refused(ctx, case, lines, what):
    text = rt_with(ctx, *lines, comm=COMM_OF.get(case))
    if what is not None:
        return refused(ctx, text, what)
    got = compile_text_refused(ctx, text)
    if len(got) != 1 or not got[0].startswith(
            "broken.dts: /: unknown property 'watchdog-period' (expected "
            "one of: ") or "watchdog-period-us" not in got[0]:
        fail("expected one line naming 'watchdog-period' and listing "
             "watchdog-period-us, got %s" % excerpt(got))


def test_voting_without_anything(ctx):
    """voting alone with its timeout: both things a vote travels through
    are missing, one line each."""
    refused(ctx, rt_with(ctx, "voting;", "vote-timeout-us = <5000>;"),
            "/: voting is set but the cell has no comm region (expected a "
            "/memory region with \"read\", \"write\", \"comm-region\": the "
            "request arrives and the answer goes there)",
            "/: voting is set without a comm-interrupt (expected an SPI: it "
            "signals a vote request)")


def test_every_schema_problem_at_once(ctx):
    """Schema problems are all reported in one run."""
    refused(ctx, rt_with(ctx, "watchdog-period-us = <0>;",
                         'on-failure = "restart";',
                         "vote-timeout-us = <1>;"),
            "/: property 'watchdog-period-us' is 0 (expected 100 to "
            "60000000 microseconds, or no property for none)",
            "/: property 'restart-limit' is missing (expected 1 to 1000 "
            "restarts with on-failure = \"restart\")",
            "/: property 'vote-timeout-us' is set without 'voting' "
            "(expected it only with 'voting;')")


# ------------------------------------------------------------ set check

def check_set(ctx, system, cells, rt_text):
    """Compiles @system and @cells from configs/qemu-virt, and rt from
    @rt_text, then runs `config check` on them all."""
    compile_ok(ctx, system, (ctx.source / CONFIGS / (system + ".dts"))
               .read_text())
    for name in cells:
        if name != "rt":
            compile_ok(ctx, name, (ctx.source / CONFIGS / (name + ".dts"))
                       .read_text())
    compile_ok(ctx, "rt", rt_text)
    return tool(ctx, "config", "check", system + ".cell",
                *[name + ".cell" for name in cells], cwd=ctx.tmp)


def set_refused(ctx, system, cells, intid, what):
    result = check_set(ctx, system, cells, rt_with(
        ctx, "comm-interrupt = <%d>;" % intid, comm=RW))
    expect_exit(result, EXIT_INVALID)
    want = ["rt.cell: /: comm-interrupt %d %s" % (intid, what),
            "cellblock: 1 problem found"]
    if result.stderr_lines() != want:
        fail("expected stderr %s, got %s" % (
            excerpt(want), excerpt(result.stderr_lines())))


SET = ("hello", "rt", "app")
LINK_SET = ("hello", "rt", "ping", "pong")


def test_set_gic_lacks_it(ctx):
    set_refused(ctx, "system", SET, 288, "does not exist (the GIC "
                "implements INTIDs up to 287)")


def test_set_console_line(ctx):
    set_refused(ctx, "system", SET, 33, "is the line of the cell's emulated "
                "console, the system console's interrupt (expected another "
                "SPI)")


def test_set_vpci_line(ctx):
    set_refused(ctx, "system-link", LINK_SET, 101, "is reserved for the "
                "virtual PCI host's INTx lines (INTIDs 100 to 103; expected "
                "another SPI)")


def test_set_valid(ctx):
    """The whole revision 5 set passes with a free SPI, on both systems;
    without a virtual PCI host its INTIDs are free too."""
    for system, cells, intid in (("system", SET, 287),
                                 ("system", SET, 101),
                                 ("system-link", LINK_SET, 99)):
        lines = ALL[:-1] + ("comm-interrupt = <%d>;" % intid,)
        result = check_set(ctx, system, cells, rt_with(ctx, *lines,
                                                       comm=RW))
        expect_exit(result, EXIT_OK)


# ------------------------------------------------------------ collection

def collect(options):
    tests = [
        ("roundtrip/all", test_roundtrip_all),
        ("roundtrip/watchdog-alone", test_roundtrip_watchdog_alone),
        ("roundtrip/comm-interrupt-alone",
         test_roundtrip_comm_interrupt_alone),
        ("roundtrip/root-cell", test_roundtrip_root_cell),
        ("roundtrip/defaults", test_roundtrip_defaults),
        ("compile/voting-without-anything", test_voting_without_anything),
        ("compile/every-schema-problem-at-once",
         test_every_schema_problem_at_once),
        ("set/gic-lacks-it", test_set_gic_lacks_it),
        ("set/console-line", test_set_console_line),
        ("set/vpci-line", test_set_vpci_line),
        ("set/valid", test_set_valid),
    ]
    for case, (lines, what) in list(SCHEMA_REFUSALS.items()) + \
            list(RULE_REFUSALS.items()):
        tests.append(("compile/" + case, partial(
            test_refused, case=case, lines=lines, what=what)))
    return [("policy/" + name, function) for name, function in tests]
