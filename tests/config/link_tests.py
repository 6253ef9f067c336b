# SPDX-License-Identifier: GPL-2.0-only
"""Tests of shared-memory links (the system config's `links` node) in
`cellblock config`.

Loaded by tests/run.py (see its docstring for the protocol). Groups:

- link/roundtrip: a system with links compiles, dumps back to source with
  the same links, and that source compiles to the same bytes;
- link/compile-*: what the system config alone must hold (docs/config.md,
  "links"), each refused by `config compile` with one exact line and exit
  code 1, nothing written; and the region flag "shared", gone in revision
  3, refused with a line that says what to use instead;
- link/map-shows-link: `config map` draws a link's memory;
- link/check-*: what the set must hold, through `cellblock config check
  SYSTEM CELL...`: every peer a cell of the set with room for the device
  and free guest space for its BARs, no cell's memory (the root cell's
  included) on a link's, no two cells' regions overlapping, "kept" or not.

The sources are written here, not taken from configs/, so that the
expected lines follow from this file alone. Helpers shared with the other
test modules are in tests/lib/helpers.py.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import EXIT_INVALID, EXIT_OK, excerpt, expect_exit, fail, tool

# The config format's revision, as include/cellblock/config.h defines it.
CONFIG_REVISION = int(re.search(
    r"#define CB_CONFIG_REVISION (\d+)",
    (HERE.parents[1] / "include/cellblock/config.h").read_text()).group(1))

# QEMU virt's layout, root-less, two cells joined by one link: 4 KiB state
# table + 4 KiB common + 2 x 4 KiB outputs = 16 KiB, so BAR 2 is 16 KiB
# and the BARs take 0x10000000-0x10004fff in each peer.
SYSTEM = """/dts-v1/;

/ {
	compatible = "cellblock,system";
	model = "link-test";

	hypervisor {
		start = <0x40000000>;
		size = <0x01000000>;
	};

	console {
		type = "pl011";
		address = <0x09000000>;
		interrupt = <33>;
	};

	gic {
		version = <3>;
		distributor = <0x08000000>;
		redistributor = <0x080a0000>;
		redistributor-stride = <0x20000>;
		maintenance-interrupt = <25>;
		interrupt-count = <288>;
	};

	vpci {
		ecam = <0x30000000>;
		bus-count = <1>;
		interrupt-base = <100>;
		interrupt-count = <4>;
	};

	cpus {
		cpu@0 { mpidr = <0x0>; };
		cpu@1 { mpidr = <0x1>; };
		cpu@2 { mpidr = <0x2>; };
		cpu@3 { mpidr = <0x3>; };
	};

	ram {
		main {
			start = <0x40000000>;
			size = <0x40000000>;
		};
	};

	devices {
		gic {
			start = <0x08000000>;
			size = <0x01000000>;
		};
		uart0 {
			start = <0x09000000>;
			size = <0x1000>;
		};
	};

	links {
		pingpong {
			start = <0x7f000000>;
			rw-size = <0x1000>;
			output-size = <0x1000>;
			peer@0 { cell = "ping"; guest = <0x10000000>; };
			peer@1 { cell = "pong"; guest = <0x10000000>; };
		};
	};
};
"""

CELL = """/dts-v1/;

/ {
	compatible = "cellblock,cell";
	cell-name = "%(name)s";
	cpus = <%(cpus)s>;
	entry = <0x40200000>;

	console {
		emulated = <0x09000000>;
	};

	memory {
		ram {
			phys = <%(phys)s>;
			guest = <0x40000000>;
			size = <0x01000000>;
			flags = "read", "write", "execute", "loadable";
		};
	};
};
"""

PING = CELL % {"name": "ping", "cpus": "0 1", "phys": "0x50000000"}
PONG = CELL % {"name": "pong", "cpus": "2 3", "phys": "0x51000000"}

# The dump of SYSTEM's links node, exactly.
LINKS_DUMP = """
	links {
		pingpong {
			start = <0x7f000000>;
			rw-size = <0x1000>;
			output-size = <0x1000>;

			peer@0 {
				cell = "ping";
				guest = <0x10000000>;
			};

			peer@1 {
				cell = "pong";
				guest = <0x10000000>;
			};
		};
	};
"""


# ---------------------------------------------------------------- helpers

def edited(text, *edits):
    """@text with each (old, new) of @edits applied; old must occur once."""
    for old, new in edits:
        if text.count(old) != 1:
            fail("the test's source holds %r %d times (expected once)" %
                 (old, text.count(old)))
        text = text.replace(old, new)
    return text


def compiled(ctx, name, text):
    """@text compiled into ctx.tmp/NAME.cell, which must succeed."""
    (ctx.tmp / (name + ".dts")).write_text(text)
    result = tool(ctx, "config", "compile", name + ".dts", "-o",
                  name + ".cell", cwd=ctx.tmp)
    expect_exit(result, EXIT_OK)
    return ctx.tmp / (name + ".cell")


def compile_refused(ctx, text, *expected):
    """Compiles @text as broken.dts: exit 1, nothing on stdout, no output
    file, and stderr exactly the @expected lines ("broken.dts: " is put in
    front of each)."""
    (ctx.tmp / "broken.dts").write_text(text)
    result = tool(ctx, "config", "compile", "broken.dts", "-o",
                  "broken.cell", cwd=ctx.tmp)
    expect_exit(result, EXIT_INVALID)
    if result.stdout:
        fail("compile printed on stdout: %r" % result.stdout[:200])
    if (ctx.tmp / "broken.cell").exists():
        fail("a refused compile wrote broken.cell")
    want = ["broken.dts: " + line for line in expected]
    got = [line for line in result.stderr_lines()
           if not re.fullmatch(r"cellblock: \d+ problems? found", line)]
    if got != want:
        fail("stderr %s, expected %s" % (excerpt(got, 6), excerpt(want, 6)))


def check(ctx, system_text=SYSTEM, cells=(("ping", PING), ("pong", PONG))):
    """`config check` on @system_text and the (name, text) @cells."""
    files = [compiled(ctx, "system", system_text)]
    files += [compiled(ctx, name, text) for name, text in cells]
    return tool(ctx, "config", "check", *files, cwd=ctx.tmp)


def check_refused(ctx, expected, **kwargs):
    """check() must exit 1 and list each (file, line) of @expected, file
    being the stem of the blob the problem is about."""
    result = check(ctx, **kwargs)
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    for stem, line in expected:
        want = "%s: %s" % (ctx.tmp / (stem + ".cell"), line)
        if want not in lines:
            fail("no stderr line %r; got: %s" % (want, excerpt(lines, 6)))
    count = "cellblock: %d problem%s found" % (
        len(expected), "" if len(expected) == 1 else "s")
    if lines[-1:] != [count]:
        fail("expected %r last (only the lines above), got: %s" %
             (count, excerpt(lines, 6)))


def extra_links(count, cells=("ping", "pong")):
    """@count more 16 KiB links between @cells, above pingpong in memory
    and in guest space."""
    text = ""
    for i in range(count):
        start = 0x7f100000 + i * 0x100000
        guest = 0x10100000 + i * 0x100000
        text += "\t\tmore%d {\n\t\t\tstart = <0x%x>;\n" % (i, start)
        text += "\t\t\toutput-size = <0x1000>;\n"
        for peer, cell in enumerate(cells):
            text += ("\t\t\tpeer@%d { cell = \"%s\"; guest = <0x%x>; };\n" %
                     (peer, cell, guest))
        text += "\t\t};\n"
    return text


PINGPONG_END = '''peer@1 { cell = "pong"; guest = <0x10000000>; };
		};
'''


def with_links(count, cells=("ping", "pong")):
    return edited(SYSTEM, (PINGPONG_END, PINGPONG_END +
                           extra_links(count, cells)))


# --------------------------------------------------------------- roundtrip

def test_roundtrip(ctx):
    """compile, dump, compile again: the dump holds the links node as
    written (rw-size included, peers in ID order), and the second compile
    gives the same bytes."""
    first = compiled(ctx, "system", SYSTEM)
    result = tool(ctx, "config", "dump", first)
    expect_exit(result, EXIT_OK)
    if LINKS_DUMP not in result.stdout:
        fail("dump lacks the links node as expected; got: %s" %
             result.stdout[-600:])
    second = compiled(ctx, "again", result.stdout)
    if first.read_bytes() != second.read_bytes():
        fail("the dump compiles to different bytes")
    data = first.read_bytes()
    revision, = (data[4] | data[5] << 8,)
    if revision != CONFIG_REVISION:
        fail("revision %d in the header (expected %d)" %
             (revision, CONFIG_REVISION))


def test_roundtrip_no_rw_size(ctx):
    """rw-size is optional (default 0); the dump leaves it out when 0."""
    text = edited(SYSTEM, ("\t\t\trw-size = <0x1000>;\n", ""))
    first = compiled(ctx, "system", text)
    result = tool(ctx, "config", "dump", first)
    expect_exit(result, EXIT_OK)
    if "rw-size" in result.stdout:
        fail("dump prints rw-size = 0: %s" % result.stdout[-600:])
    if first.read_bytes() != compiled(ctx, "again", result.stdout).read_bytes():
        fail("the dump compiles to different bytes")


# ------------------------------------------- the system config on its own

LINK = "/links/pingpong"
PEER1 = "/links/pingpong/peer@1"


def test_compile_start_unaligned(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ("<0x7f000000>", "<0x7f000800>")),
        LINK + ": start 0x7f000800 is not page-aligned (expected a "
        "multiple of 0x1000)")


def test_compile_sizes_unaligned(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ("rw-size = <0x1000>", "rw-size = <0x800>"),
                    ("output-size = <0x1000>", "output-size = <0x10>")),
        LINK + ": rw-size 0x800 is not a multiple of 0x1000",
        LINK + ": output-size 0x10 is not a multiple of 0x1000")


def test_compile_too_large(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ("output-size = <0x1000>",
                             "output-size = /bits/ 64 <0x8000000000>")),
        LINK + ": rw-size 0x1000 and 2 output sections of output-size "
        "0x8000000000 are too large (expected the link's memory, with its "
        "0x1000-byte state table, below 0x8000000000 bytes)")


def test_compile_one_peer(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ('\t\t\tpeer@1 { cell = "pong"; guest = '
                             '<0x10000000>; };\n', "")),
        LINK + ": has 1 peers (expected 2 to 8: peer@0, peer@1, ...)")


def test_compile_too_many_peers(ctx):
    peers = "".join('\t\t\tpeer@%d { cell = "c%d"; guest = <0x10000000>; '
                    '};\n' % (i, i) for i in range(2, 9))
    compile_refused(
        ctx, edited(SYSTEM, (PINGPONG_END, PINGPONG_END.replace(
            "\t\t};\n", peers + "\t\t};\n"))),
        LINK + ": has 9 peers (expected 2 to 8)")


def test_compile_peer_numbering(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ("peer@1 {", "peer@2 {")),
        "/links/pingpong/peer@2: is peer number 1 (expected the node name "
        "peer@1: peers are numbered in order from 0, the number is the "
        "peer ID)")


def test_compile_peer_twice(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ('cell = "pong"', 'cell = "ping"')),
        PEER1 + ': cell "ping" is already peer@0 of this link (expected '
        "each cell at most once)")


def test_compile_guest_unaligned(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ('"pong"; guest = <0x10000000>',
                             '"pong"; guest = <0x10001000>')),
        PEER1 + ": guest 0x10001000 is not aligned to the link's BAR size "
        "0x4000 (expected a multiple of it: a PCI BAR is naturally "
        "aligned)")


def test_compile_guest_on_ecam(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ('"pong"; guest = <0x10000000>',
                             '"pong"; guest = <0x300fc000>')),
        PEER1 + ": BAR range 0x300fc000-0x30100fff overlaps the virtual "
        "PCI ECAM window 0x30000000-0x300fffff")


def test_compile_guest_on_gic(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ('"pong"; guest = <0x10000000>',
                             '"pong"; guest = <0x08000000>')),
        PEER1 + ": BAR range 0x8000000-0x8004fff overlaps the GIC "
        "distributor frame at 0x8000000 that the hypervisor emulates there")


def test_compile_guest_reach(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ('"pong"; guest = <0x10000000>',
                             '"pong"; guest = /bits/ 64 <0x7ffffffc000>')),
        PEER1 + ": BAR range 0x7ffffffc000-0x80000000fff ends above 2^39 "
        "(expected to end at or below 0x8000000000: a cell's "
        "guest-physical space ends there)")


def test_compile_memory_outside_ram(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ("<0x7f000000>", "<0x7fffe000>")),
        LINK + ": memory 0x7fffe000-0x80001fff is not inside a RAM window "
        "(expected inside /ram)")


def test_compile_memory_on_hypervisor(ctx):
    compile_refused(
        ctx, edited(SYSTEM, ("<0x7f000000>", "<0x40ffe000>")),
        LINK + ": memory 0x40ffe000-0x41001fff overlaps the hypervisor's "
        "memory 0x40000000-0x40ffffff")


def test_compile_links_overlap(ctx):
    second = ('\t\tsecond {\n\t\t\tstart = <0x7f002000>;\n'
              '\t\t\toutput-size = <0x1000>;\n'
              '\t\t\tpeer@0 { cell = "ping"; guest = <0x10100000>; };\n'
              '\t\t\tpeer@1 { cell = "pong"; guest = <0x10100000>; };\n'
              '\t\t};\n')
    compile_refused(
        ctx, edited(SYSTEM, (PINGPONG_END, PINGPONG_END + second)),
        "/links/second: memory 0x7f002000-0x7f004fff overlaps "
        "/links/pingpong (0x7f000000-0x7f003fff)")


def test_compile_bars_overlap_in_one_cell(ctx):
    """ping's BARs of two links on each other: refused at the second."""
    text = with_links(1)
    text = edited(text, ('"ping"; guest = <0x10100000>',
                         '"ping"; guest = <0x10004000>'))
    compile_refused(
        ctx, text,
        '/links/more0/peer@0: BAR range 0x10004000-0x10008fff overlaps cell '
        '"ping"\'s BAR range of /links/pingpong (guest 0x10000000-'
        '0x10004fff)')


def test_compile_too_many_links(ctx):
    compile_refused(ctx, with_links(16),
                    "/links: has 17 links (expected at most 16)")


def test_compile_links_without_vpci(ctx):
    vpci = SYSTEM[SYSTEM.index("\tvpci {"):SYSTEM.index("\tcpus {")]
    compile_refused(
        ctx, edited(SYSTEM, (vpci, "")),
        "/links: has 1 links but the system has no virtual PCI host "
        "(expected a /vpci node with ecam: the links are devices on its "
        "bus)")


def test_compile_unknown_property(ctx):
    result_text = edited(SYSTEM, ("rw-size = <0x1000>;",
                                  "rw-size = <0x1000>;\n\t\t\tsize = <1>;"))
    (ctx.tmp / "broken.dts").write_text(result_text)
    result = tool(ctx, "config", "compile", "broken.dts", cwd=ctx.tmp)
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    if not any(line.startswith("broken.dts: " + LINK + ": ") and "'size'" in
               line for line in lines):
        fail("no line about property 'size' at %s: %s" %
             (LINK, excerpt(lines)))


def test_compile_shared_flag(ctx):
    """Revision 3 has no "shared": the line says what to use instead."""
    text = edited(PING, ('"execute", "loadable"',
                         '"execute", "loadable", "shared"'))
    compile_refused(
        ctx, text,
        "/memory/ram: property 'flags' has \"shared\", which is gone "
        "(expected \"kept\" to keep the region over the cell's restarts, "
        "or a link in /links to share memory with another cell)")


def test_compile_kept_flag(ctx):
    """"kept" is a region flag of its own; it still refuses "io"."""
    text = edited(PING, ('"execute", "loadable"',
                         '"execute", "loadable", "kept"'))
    compiled(ctx, "kept", text)
    text = edited(PING, ('"read", "write", "execute", "loadable"',
                         '"read", "write", "io", "kept"'))
    compile_refused(
        ctx, text,
        "/memory/ram: flags combine \"io\" with \"execute\", \"loadable\", "
        "\"dma\" or \"kept\" (device memory is never executed, loaded, a DMA "
        "target or kept over a restart: the device's state is its own)",
        "/: entry 0x40200000 is not inside an executable region (expected "
        "a /memory region with \"execute\")")


# ------------------------------------------------------------- the set

def test_check_valid(ctx):
    """The set passes, and the summary lists the link and its peers."""
    result = check(ctx)
    expect_exit(result, EXIT_OK)
    want = "%-20s 0x%-10x %-10s %s" % ("pingpong", 0x7f000000, "16 KiB",
                                      "ping,pong")
    if want not in result.stdout.splitlines():
        fail("summary lacks %r: %s" % (want, result.stdout))


def test_check_peer_missing(ctx):
    third = CELL % {"name": "third", "cpus": "2 3", "phys": "0x51000000"}
    check_refused(
        ctx, [("system", PEER1 + ': cell "pong" is not a cell of this system '
               "(expected the root cell or one of the cells checked with "
               "it)")],
        cells=(("ping", PING), ("third", third)))


def test_check_bars_on_region(ctx):
    ping = edited(PING, ("\tmemory {\n", "\tmemory {\n"
                         "\t\twindow {\n\t\t\tphys = <0x52000000>;\n"
                         "\t\t\tguest = <0x10004000>;\n"
                         "\t\t\tsize = <0x1000>;\n"
                         "\t\t\tflags = \"read\";\n\t\t};\n"))
    check_refused(
        ctx, [("system", "/links/pingpong/peer@0: BAR range 0x10000000-"
               "0x10004fff overlaps cell \"ping\" /memory/window (guest "
               "0x10004000-0x10004fff; expected free guest space of the "
               "cell)")],
        cells=(("ping", ping), ("pong", PONG)))


def test_check_bars_on_console(ctx):
    pong = edited(PONG, ("emulated = <0x09000000>", "emulated = <0x10000000>"))
    check_refused(
        ctx, [("system", PEER1 + ': BAR range 0x10000000-0x10004fff overlaps '
               'cell "pong"\'s emulated console at guest 0x10000000 '
               "(expected free guest space of the cell)")],
        cells=(("ping", PING), ("pong", pong)))


def test_check_region_on_link_memory(ctx):
    pong = edited(PONG, ("\tmemory {\n", "\tmemory {\n"
                         "\t\tpeek {\n\t\t\tphys = <0x7f003000>;\n"
                         "\t\t\tguest = <0x20000000>;\n"
                         "\t\t\tsize = <0x1000>;\n"
                         "\t\t\tflags = \"read\";\n\t\t};\n"))
    check_refused(
        ctx, [("system", LINK + ": memory 0x7f000000-0x7f003fff overlaps cell "
               "\"pong\" /memory/peek (phys 0x7f003000-0x7f003fff; expected "
               "a link's memory to be no cell's region: its peers map it "
               "through the link)")],
        cells=(("ping", PING), ("pong", pong)))


def test_check_root_cell_on_link_memory(ctx):
    """The root cell lends its memory to the other cells, but never a
    link's: the link is refused where the root cell's RAM covers it."""
    root = ('\troot-cell {\n\t\tcell-name = "linux";\n'
            '\t\tcpus = <0 1 2 3>;\n\t\tentry = <0x41000000>;\n'
            '\t\tmemory {\n\t\t\tram {\n\t\t\t\tphys = <0x41000000>;\n'
            '\t\t\t\tsize = <0x3f000000>;\n'
            '\t\t\t\tflags = "read", "write", "execute", "loadable";\n'
            '\t\t\t};\n\t\t};\n\t};\n')
    text = edited(SYSTEM, ('cell = "ping"', 'cell = "linux"'),
                  ("\tlinks {\n", root + "\n\tlinks {\n"))
    check_refused(
        ctx, [("system", LINK + ": memory 0x7f000000-0x7f003fff overlaps "
               "cell \"linux\" /memory/ram (phys 0x41000000-0x7fffffff; "
               "expected a link's memory to be no cell's region: its peers "
               "map it through the link)")],
        system_text=text, cells=(("pong", PONG),))
    # With the RAM below the link, the same set passes.
    text = edited(text, ("size = <0x3f000000>", "size = <0x3e000000>"))
    expect_exit(check(ctx, system_text=text, cells=(("pong", PONG),)),
                EXIT_OK)


def test_check_kept_overlap(ctx):
    """Two cells' regions never overlap: "kept" is no exemption (the
    "shared" of revision 2 was one); the line points at links."""
    kept = ("\tmemory {\n", "\tmemory {\n\t\tkept {\n"
            "\t\t\tphys = <0x52000000>;\n\t\t\tguest = <0x20000000>;\n"
            "\t\t\tsize = <0x1000>;\n"
            "\t\t\tflags = \"read\", \"write\", \"kept\";\n\t\t};\n")
    check_refused(
        ctx, [("pong", "/memory/kept: phys 0x52000000-0x52000fff overlaps "
               "cell \"ping\" /memory/kept (phys 0x52000000-0x52000fff; "
               "expected cells' memory apart: cells share memory through a "
               "link in /links)")],
        cells=(("ping", edited(PING, kept)), ("pong", edited(PONG, kept))))


def test_check_links_per_cell(ctx):
    """At most 4 links per cell in this build (CB_LIMIT_CELL_LINKS)."""
    expect_exit(check(ctx, system_text=with_links(3)), EXIT_OK)
    check_refused(
        ctx, [("system", '/links: cell "ping" is a peer of 5 links (expected '
               "at most 4 per cell in this build)"),
              ("system", '/links: cell "pong" is a peer of 5 links (expected '
               "at most 4 per cell in this build)")],
        system_text=with_links(4))


def test_check_links_per_interrupt(ctx):
    """Each link of a cell takes one of the vPCI INTx lines."""
    text = edited(with_links(2), ("interrupt-count = <4>;",
                                  "interrupt-count = <2>;"))
    check_refused(
        ctx, [("system", '/links: cell "%s" is a peer of 3 links but /vpci '
               "has interrupt-count 2 (expected at most one link per "
               "interrupt: device d raises interrupt-base + d)" % cell)
              for cell in ("ping", "pong")],
        system_text=text)


def test_map_shows_link(ctx):
    """`config map` draws a link's memory as its own piece; a cell's
    region on it is a problem piece, marked '!'."""
    files = [compiled(ctx, "system", SYSTEM), compiled(ctx, "ping", PING),
             compiled(ctx, "pong", PONG)]
    result = tool(ctx, "config", "map", *files, "--text")
    expect_exit(result, EXIT_OK)
    want = ("  0x007f000000-0x007f003fff  16 KiB    ram    main"
            "                     link pingpong")
    if want not in result.stdout.splitlines():
        fail("map lacks %r: %s" % (want, excerpt(result.stdout.splitlines(),
                                                 30)))
    pong = edited(PONG, ("phys = <0x51000000>", "phys = <0x7f000000>"))
    files[2] = compiled(ctx, "pong2", pong)
    result = tool(ctx, "config", "map", *files, "--text")
    expect_exit(result, EXIT_INVALID)
    if not any(line.startswith("! 0x007f000000-0x007f003fff") and
               "link pingpong" in line and "pong /memory/ram" in line
               for line in result.stdout.splitlines()):
        fail("map marks no '!' piece of link pingpong and pong's ram: %s" %
             excerpt(result.stdout.splitlines(), 30))


def collect(options):
    tests = []
    for name, function in sorted(globals().items()):
        if name.startswith("test_") and callable(function):
            tests.append(("link/" + name[5:].replace("_", "-"), function))
    return tests
