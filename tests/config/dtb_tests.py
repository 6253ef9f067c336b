# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config dtb`, a cell's generated device tree.

Loaded by tests/run.py (see its docstring for the protocol). Each test
decompiles the tool's blob with `dtc -I dtb -O dts` (which must print no
warning about it) and compares whole trees, node by node and property by
property, so a node or property too many fails as much as one missing:

- dtb/rt-tree: configs/qemu-virt/rt.dts with every /chosen option;
- dtb/pair-tree: tests/config/fixtures/dtb_pair.dts, two CPUs in a row
  (one redistributor region), RAM, shared, read-only and comm regions, a
  described and an undescribed io region at their guest addresses;
- dtb/split-cpus, dtb/padded-stride, dtb/mpidr-affinity: the GIC's
  redistributor regions for CPUs 1 and 3, for frames with padding, and
  CPU nodes for MPIDRs with Aff1 and Aff3;
- dtb/compiled-cell: from a .cell, without the source's device nodes;
- dtb/console-variants: a pass-through UART (serial1, or serial0 alone),
  no console, and a system console without an interrupt;
- dtb/fragment-merged: a fragment's nodes, labels, bus translation and
  /chosen and /aliases properties, the command line winning;
- dtb/fragment-*: fragments refused with exit 1, one line naming the node,
  and nothing written;
- dtb/initrd-*, dtb/wrong-kind, dtb/compile-device-properties: other
  input refused with exit 1;
- dtb/dts-output, dtb/stdout: --dts is dtc's text of the blob; without
  -o the blob goes to stdout;
- dtb/usage: command-line mistakes exit 2;
- dtb/docs-fragment, dtb/docs-refusals: the fragment shown in
  docs/config.md is accepted, and the refusals shown are the tool's;
- dtb/link-tree: configs/qemu-virt/ping.dts in system-link.dts, a peer of
  link "pingpong": the virtual PCI host /pcie@30000000 with one window
  over the link's BARs and INTA of device 0 on SPI 68 (INTID 100), and
  /chosen's linux,pci-probe-only;
- dtb/link-two-devices: ping a peer of two links, the first's BARs above
  4 GiB: a 64-bit window and a 32-bit one, device 1 on INTID 101;
- dtb/link-non-member: rt, in no link, gets the tree it has without links;
- dtb/fragment-pci-host: a fragment may not add a PCI host;
- dtb/given-pci-host: `cellblock image --dtb` takes the generated tree
  of ping and refuses one whose PCI window reaches past the link's BARs,
  maps PCI and CPU addresses apart, or sends device 0 to another SPI.
"""

import copy
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from helpers import (EXIT_INVALID, EXIT_OK, EXIT_USAGE, build_product,
                     excerpt, expect_exit, fail, short, tool)

FIXTURES = HERE / "fixtures"

# ------------------------------------------------------------------ trees

ROOT = {
    "#address-cells": "<0x02>",
    "#size-cells": "<0x02>",
    "interrupt-parent": "<0x01>",
    "compatible": r'"cellblock,cell\0linux,dummy-virt"',
}
PSCI = {"compatible": r'"arm,psci-1.0\0arm,psci-0.2\0arm,psci"',
        "method": '"hvc"'}
TIMER = {"compatible": '"arm,armv8-timer"',
         "interrupts": "<0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 "
                       "0x01 0x0a 0x04>"}
CLOCK = {"compatible": '"fixed-clock"', "#clock-cells": "<0x00>",
         "clock-frequency": "<0x16e3600>",
         "clock-output-names": '"clk24mhz"', "phandle": "<0x02>"}
CONSOLE = {"compatible": r'"arm,pl011\0arm,primecell"',
           "reg": "<0x00 0x9000000 0x00 0x1000>",
           "interrupts": "<0x00 0x01 0x04>",
           "clocks": "<0x02 0x02>",
           "clock-names": r'"uartclk\0apb_pclk"'}


def cpu(reg):
    return {"device_type": '"cpu"', "compatible": '"arm,armv8"',
            "reg": reg, "enable-method": '"psci"'}


def cpus(address_cells, *nodes):
    tree = {"/cpus": {"#address-cells": address_cells,
                      "#size-cells": "<0x00>"}}
    for name, reg in nodes:
        tree["/cpus/" + name] = cpu(reg)
    return tree


def gic(reg, regions, stride=None):
    node = {"compatible": '"arm,gic-v3"', "#interrupt-cells": "<0x03>",
            "interrupt-controller": None, "#address-cells": "<0x02>",
            "#size-cells": "<0x02>", "ranges": None,
            "reg": "<0x00 0x8000000 0x00 0x10000 %s>" % reg,
            "#redistributor-regions": "<0x%02x>" % regions,
            "phandle": "<0x01>"}
    if stride:
        node["redistributor-stride"] = stride
    return {"/intc@8000000": node}


def memory(address, size):
    return {"/memory@%x" % address: {
        "device_type": '"memory"',
        "reg": "<0x00 0x%x 0x00 0x%x>" % (address, size)}}


def common(name):
    return {"/": dict(ROOT, model='"cellblock cell %s"' % name),
            "/psci": PSCI, "/timer": TIMER, "/apb-pclk": CLOCK}


def console_nodes():
    return {"/pl011@9000000": CONSOLE,
            "/aliases": {"serial0": '"/pl011@9000000"'}}


RT_OPTIONS = ["--bootargs", "console=ttyAMA0 root=/dev/ram0",
              "--initrd", "0x40800000,0x40a00000",
              "--kaslr-seed", "0x123456789abcdef0",
              "--rng-seed", "00112233445566778899aabbccddeeff"]


def rt_tree():
    tree = common("rt")
    tree.update(cpus("<0x01>", ("cpu@1", "<0x01>")))
    tree.update(memory(0x40000000, 0x1000000))
    tree.update(gic("0x00 0x80c0000 0x00 0x20000", 1))
    tree.update(console_nodes())
    tree["/chosen"] = {
        "stdout-path": '"serial0:115200n8"',
        "bootargs": '"console=ttyAMA0 root=/dev/ram0"',
        "linux,initrd-start": "<0x00 0x40800000>",
        "linux,initrd-end": "<0x00 0x40a00000>",
        "rng-seed": "<0x112233 0x44556677 0x8899aabb 0xccddeeff>",
        "kaslr-seed": "<0x12345678 0x9abcdef0>",
    }
    return copy.deepcopy(tree)  # the tests edit it


GPIO = {"compatible": r'"arm,pl061\0arm,primecell"',
        "reg": "<0x00 0x9130000 0x00 0x1000>",
        "interrupts": "<0x00 0x07 0x04>",
        "clocks": "<0x02>", "clock-names": '"apb_pclk"'}


def pair_tree(cpu_nodes=(("cpu@2", "<0x02>"), ("cpu@3", "<0x03>")),
              address_cells="<0x01>",
              redistributors="0x00 0x80e0000 0x00 0x40000", regions=1,
              stride=None):
    tree = common("pair")
    tree.update(cpus(address_cells, *cpu_nodes))
    tree.update(memory(0x40000000, 0x2000000))
    tree.update(memory(0x48000000, 0x100000))
    tree.update(gic(redistributors, regions, stride))
    tree.update(console_nodes())
    tree["/gpio@9130000"] = GPIO
    tree["/chosen"] = {"stdout-path": '"serial0:115200n8"'}
    return copy.deepcopy(tree)  # the tests edit it


def parse_dts(text):
    """`dtc -O dts` output as {node path: {property: value text or None}}."""
    nodes, stack = {}, []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line == "/dts-v1/;":
            continue
        if line.endswith("{"):
            stack.append(line[:-1].strip())
            path = "/" + "/".join(stack[1:])
            if path in nodes:
                fail("dtc output has node %s twice" % path)
            nodes[path] = {}
        elif line == "};":
            stack.pop()
        elif line.endswith(";") and stack:
            name, _, value = line[:-1].partition(" = ")
            nodes["/" + "/".join(stack[1:])][name] = value or None
        else:
            fail("cannot read line %d of dtc's output: %r" % (number, raw))
    return nodes


def compare(got, expected):
    problems = []
    for path in sorted(set(got) | set(expected)):
        if path not in got:
            problems.append("node %s missing" % path)
        elif path not in expected:
            problems.append("unexpected node %s %s" % (path, got[path]))
        else:
            for name in sorted(set(got[path]) | set(expected[path])):
                if got[path].get(name, "<absent>") != \
                        expected[path].get(name, "<absent>"):
                    problems.append("%s: %s is %s (expected %s)" % (
                        path, name, got[path].get(name, "<absent>"),
                        expected[path].get(name, "<absent>")))
    if problems:
        fail(excerpt(problems, limit=6))


# ---------------------------------------------------------------- running

def qemu_source(ctx, name):
    return ctx.source / "configs" / "qemu-virt" / (name + ".dts")


def pair_source():
    return FIXTURES / "dtb_pair.dts"


def variant(ctx, source, name, *replacements):
    """@source with each (old, new) replaced, as ctx.tmp/@name."""
    text = source.read_text()
    for old, new in replacements:
        if old not in text:
            fail("%s has no %r; update the test" % (source.name, old))
        text = text.replace(old, new)
    path = ctx.tmp / name
    path.write_text(text)
    return path


def decompile(ctx, path):
    result = ctx.run(["dtc", "-I", "dtb", "-O", "dts", path])
    expect_exit(result, EXIT_OK)
    if result.stderr.strip():
        fail("dtc warns about the generated tree: %s" %
             excerpt(result.stderr_lines()))
    return result.stdout


def dtb_tree(ctx, cell, system, *options):
    output = ctx.tmp / "cell.dtb"
    if output.exists():
        output.unlink()
    result = tool(ctx, "config", "dtb", cell, system, "-o", output,
                  *options)
    expect_exit(result, EXIT_OK)
    if result.stderr.strip():
        fail("`%s` printed on stderr: %s" % (short(result),
                                             excerpt(result.stderr_lines())))
    return parse_dts(decompile(ctx, output))


def refused(ctx, cell, system, *options, line=None):
    """Exit 1, @line among stderr's lines, and no output written."""
    output = ctx.tmp / "refused.dtb"
    result = tool(ctx, "config", "dtb", cell, system, "-o", output,
                  *options)
    expect_exit(result, EXIT_INVALID)
    if line is not None and line not in result.stderr_lines():
        fail("stderr lacks %r: %s" % (line, excerpt(result.stderr_lines())))
    if output.exists():
        fail("a refused tree was written to %s" % output.name)
    return result


# ------------------------------------------------------------ whole trees

def test_rt_tree(ctx):
    compare(dtb_tree(ctx, qemu_source(ctx, "rt"), qemu_source(ctx, "system"),
                     *RT_OPTIONS), rt_tree())


def test_pair_tree(ctx):
    compare(dtb_tree(ctx, pair_source(), qemu_source(ctx, "system")),
            pair_tree())


def test_split_cpus(ctx):
    """CPUs 1 and 3: frames not adjacent, one region each."""
    cell = variant(ctx, pair_source(), "split.dts",
                   ("cpus = <2 3>;", "cpus = <1 3>;"))
    compare(dtb_tree(ctx, cell, qemu_source(ctx, "system")),
            pair_tree(cpu_nodes=(("cpu@1", "<0x01>"), ("cpu@3", "<0x03>")),
                      redistributors="0x00 0x80c0000 0x00 0x20000 "
                                     "0x00 0x8100000 0x00 0x20000",
                      regions=2))


def test_padded_stride(ctx):
    """A 256 KiB stride: CPUs 1 and 2 are one region, from CPU 1's frame to
    the end of CPU 2's, with the stride stated (the hypervisor marks CPU
    2's frame Last)."""
    system = variant(ctx, qemu_source(ctx, "system"), "system.dts",
                     ("redistributor-stride = <0x20000>;",
                      "redistributor-stride = <0x40000>;"))
    compare(dtb_tree(ctx, pair_source(), system),
            pair_tree(redistributors="0x00 0x8120000 0x00 0x60000",
                      regions=1, stride="<0x00 0x40000>"))


def test_mpidr_affinity(ctx):
    system = variant(ctx, qemu_source(ctx, "system"), "system.dts",
                     ("cpu@2 { mpidr = <0x2>; };",
                      "cpu@2 { mpidr = <0x100>; };"),
                     ("cpu@3 { mpidr = <0x3>; };",
                      "cpu@3 { mpidr = <0x1 0x1>; };"))
    compare(dtb_tree(ctx, pair_source(), system),
            pair_tree(cpu_nodes=(("cpu@100", "<0x00 0x100>"),
                                 ("cpu@100000001", "<0x01 0x01>")),
                      address_cells="<0x02>"))
    # Another cell's Aff3 does not widen rt's /cpus.
    tree = dtb_tree(ctx, qemu_source(ctx, "rt"), system, *RT_OPTIONS)
    compare(tree, rt_tree())


def test_compiled_cell(ctx):
    cell = ctx.tmp / "pair.cell"
    expect_exit(tool(ctx, "config", "compile", pair_source(), "-o", cell),
                EXIT_OK)
    expected = pair_tree()
    del expected["/gpio@9130000"]  # described in the source only
    compare(dtb_tree(ctx, cell, qemu_source(ctx, "system")), expected)


UART1_WINDOW = ("\t\tgpio {", "\t\tuart1 { start = <0x09040000>; "
                "size = <0x1000>; };\n\t\tgpio {")
UART1_REGION = (
    "\t\trtc {",
    "\t\tuart1 {\n"
    "\t\t\tphys = <0x09040000>;\n"
    "\t\t\tsize = <0x1000>;\n"
    "\t\t\tflags = \"read\", \"write\", \"io\";\n"
    "\t\t\tcompatible = \"arm,pl011\", \"arm,primecell\";\n"
    "\t\t\tinterrupts = <40>;\n"
    "\t\t\tclocks;\n"
    "\t\t};\n\n\t\trtc {")
UART1 = {"compatible": r'"arm,pl011\0arm,primecell"',
         "reg": "<0x00 0x9040000 0x00 0x1000>",
         "interrupts": "<0x00 0x08 0x04>",
         "clocks": "<0x02>", "clock-names": '"apb_pclk"'}


def test_console_variants(ctx):
    system = variant(ctx, qemu_source(ctx, "system"), "system.dts",
                     UART1_WINDOW)
    both = variant(ctx, qemu_source(ctx, "rt"), "both.dts",
                   ("emulated = <0x09000000>;",
                    "emulated = <0x09000000>;\n"
                    "\t\tpassthrough = <0x09040000>;"),
                   ("interrupts = <34>;", "interrupts = <34 40>;"),
                   UART1_REGION)
    expected = rt_tree()
    expected["/uart1@9040000"] = UART1
    expected["/aliases"]["serial1"] = '"/uart1@9040000"'
    compare(dtb_tree(ctx, both, system, *RT_OPTIONS), expected)

    alone = variant(ctx, both, "alone.dts",
                    ("emulated = <0x09000000>;\n", ""))
    del expected["/pl011@9000000"]
    expected["/aliases"] = {"serial0": '"/uart1@9040000"'}
    compare(dtb_tree(ctx, alone, system, *RT_OPTIONS), expected)

    silent = variant(ctx, qemu_source(ctx, "rt"), "silent.dts",
                     ("console {\n\t\temulated = <0x09000000>;\n\t};\n", ""))
    expected = rt_tree()
    for path in ("/pl011@9000000", "/aliases"):
        del expected[path]
    del expected["/chosen"]["stdout-path"]
    compare(dtb_tree(ctx, silent, qemu_source(ctx, "system"), *RT_OPTIONS),
            expected)

    quiet = variant(ctx, qemu_source(ctx, "system"), "quiet.dts",
                    ("interrupt = <33>;", ""))
    expected = rt_tree()
    del expected["/pl011@9000000"]["interrupts"]
    compare(dtb_tree(ctx, qemu_source(ctx, "rt"), quiet, *RT_OPTIONS),
            expected)


# --------------------------------------------------------------- fragments

GOOD_FRAGMENT = """/dts-v1/;

/ {
	#address-cells = <2>;
	#size-cells = <2>;

	soc@9010000 {
		compatible = "simple-bus";
		#address-cells = <1>;
		#size-cells = <1>;
		ranges = <0x0 0x0 0x09010000 0x1000>;

		rtc: pl031@0 {
			compatible = "arm,pl031", "arm,primecell";
			reg = <0x0 0x1000>;
			interrupts = <0 2 4>;
			interrupt-parent = <&gic>;
			clocks = <&apb_pclk>;
			clock-names = "apb_pclk";
		};
	};

	keys {
		compatible = "gpio-keys";
		interrupts-extended = <&gic 1 9 4>;
		linked = <&rtc>;
	};

	chosen {
		bootargs = "from the fragment";
		stdout-path = "serial9";
		linux,usable-memory-range = <0x0 0x40000000 0x0 0x1000000>;
	};

	aliases {
		rtc0 = &rtc;
		serial0 = "/elsewhere";
	};
};
"""


def fragment(ctx, body, name="fragment.dts"):
    (ctx.tmp / name).write_text(body)
    return name


def wrap(nodes):
    return "/dts-v1/;\n\n/ {\n%s};\n" % nodes


def test_fragment_merged(ctx):
    name = fragment(ctx, GOOD_FRAGMENT)
    got = dtb_tree(ctx, pair_source(), qemu_source(ctx, "system"),
                   "--fragment", name, "--bootargs", "console=ttyAMA0")
    expected = pair_tree()
    expected["/soc@9010000"] = {
        "compatible": '"simple-bus"', "#address-cells": "<0x01>",
        "#size-cells": "<0x01>", "ranges": "<0x00 0x00 0x9010000 0x1000>"}
    expected["/soc@9010000/pl031@0"] = {
        "compatible": r'"arm,pl031\0arm,primecell"',
        "reg": "<0x00 0x1000>", "interrupts": "<0x00 0x02 0x04>",
        "interrupt-parent": "<0x01>", "clocks": "<0x02>",
        "clock-names": '"apb_pclk"', "phandle": "<0x03>"}
    expected["/keys"] = {"compatible": '"gpio-keys"',
                         "interrupts-extended": "<0x01 0x01 0x09 0x04>",
                         "linked": "<0x03>"}
    expected["/chosen"] = {
        "stdout-path": '"serial0:115200n8"',
        "bootargs": '"console=ttyAMA0"',
        "linux,usable-memory-range": "<0x00 0x40000000 0x00 0x1000000>"}
    expected["/aliases"] = {"serial0": '"/pl011@9000000"',
                            "rtc0": '"/soc@9010000/pl031@0"'}
    compare(got, expected)
    # Without --bootargs, the fragment's stays.
    got = dtb_tree(ctx, pair_source(), qemu_source(ctx, "system"),
                   "--fragment", name)
    expected["/chosen"]["bootargs"] = '"from the fragment"'
    compare(got, expected)


FOREIGN_REG = "\tuart@9040000 {\n\t\tcompatible = \"arm,pl011\";\n" \
    "\t\treg = <0x0 0x09040000 0x0 0x1000>;\n\t};\n"


def test_fragment_foreign_reg(ctx):
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            fragment(ctx, wrap(FOREIGN_REG)),
            line="fragment.dts: /uart@9040000: reg 0x9040000-0x9040fff is "
            "not a region of cell pair (expected inside its regions: ram "
            "0x40000000-0x41ffffff, ram2 0x48000000-0x480fffff, rom "
            "0x4c000000-0x4c00ffff, shm 0x50000000-0x500fffff, comm "
            "0x60000000-0x60000fff, gpio 0x9130000-0x9130fff, rtc "
            "0x9010000-0x9010fff; or its emulated console or the GIC "
            "frames of its CPUs)")


def test_fragment_foreign_reg_through_ranges(ctx):
    """A bus that maps a foreign device to an owned-looking address."""
    body = wrap("\tbus@9010000 {\n\t\t#address-cells = <1>;\n"
                "\t\t#size-cells = <1>;\n"
                "\t\tranges = <0x09010000 0x0 0x09040000 0x1000>;\n"
                "\t\tdev@9010000 { reg = <0x09010000 0x1000>; };\n\t};\n")
    result = refused(ctx, pair_source(), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, body))
    if not any(line.startswith("fragment.dts: /bus@9010000/dev@9010000: "
                               "reg 0x9040000-0x9040fff is not a region")
               for line in result.stderr_lines()):
        fail("the translated address is not refused: %s" %
             excerpt(result.stderr_lines()))


def test_fragment_foreign_spi(ctx):
    body = wrap("\tpl031@9010000 {\n"
                "\t\treg = <0x0 0x09010000 0x0 0x1000>;\n"
                "\t\tinterrupts = <0 10 4>;\n\t};\n")
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            fragment(ctx, body),
            line="fragment.dts: /pl031@9010000: interrupts: SPI 10 (INTID "
            "42) is not an interrupt of cell pair (expected a PPI, one of "
            "its SPIs (INTIDs 34, 39) or its console's)")


def test_fragment_bad_ranges(ctx):
    body = wrap("\tbus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
                "\t\tranges = <0x0 0x09010000>;\n"
                "\t\tdev@0 { reg = <0x0 0x100>; };\n\t};\n"
                "\tbus2 {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
                "\t\tranges = <0x0 0x0 0x09010000 0x1000>;\n"
                "\t\tdev@2000 { reg = <0x2000 0x10>; };\n\t};\n")
    result = refused(ctx, pair_source(), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, body),
                     line="fragment.dts: /bus2/dev@2000: reg 0x2000-0x200f "
                     "is in none of the ranges of /bus2 (expected an "
                     "address the bus translates)")
    if not any(line.startswith("fragment.dts: /bus/dev@0: reg cannot be "
                               "translated: the ranges of /bus (8 bytes")
               for line in result.stderr_lines()):
        fail("unreadable ranges not refused: %s" %
             excerpt(result.stderr_lines()))


def test_fragment_duplicate_node(ctx):
    body = wrap("\ttimer {\n\t\tcompatible = \"arm,armv8-timer\";\n\t};\n")
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            fragment(ctx, body),
            line="fragment.dts: /timer: the generated tree has a node of "
            "this name (expected a new name: only /chosen and /aliases "
            "merge with the generated ones)")


def test_fragment_interrupt_map(ctx):
    body = wrap("\tnexus: nexus {\n\t\t#interrupt-cells = <1>;\n"
                "\t\t#address-cells = <0>;\n"
                "\t\tinterrupt-map = <0 &gic 0 2 4>;\n\t};\n"
                "\tdev {\n\t\tinterrupt-parent = <&nexus>;\n"
                "\t\tinterrupts = <0>;\n\t};\n")
    result = refused(ctx, pair_source(), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, body),
                     line="fragment.dts: /nexus: interrupt-map cannot be "
                     "checked against the cell's interrupts (expected none: "
                     "give each device its own interrupts)")
    if not any(line.startswith("fragment.dts: /dev: interrupts go through "
                               "the interrupt-map of /nexus")
               for line in result.stderr_lines()):
        fail("the device behind the nexus is not refused: %s" %
             excerpt(result.stderr_lines()))


def test_fragment_root_property(ctx):
    body = "/dts-v1/;\n\n/ {\n\tmodel = \"mine\";\n};\n"
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            fragment(ctx, body),
            line="fragment.dts: /: property 'model' cannot be set by a "
            "fragment (the root's properties are generated; expected only "
            "nodes, and #address-cells and #size-cells, if given, <2>)")


def test_fragment_memory_not_ram(ctx):
    body = wrap("\tmemory@9010000 {\n\t\tdevice_type = \"memory\";\n"
                "\t\treg = <0x0 0x09010000 0x0 0x1000>;\n\t};\n")
    result = refused(ctx, pair_source(), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, body))
    if not any(line.startswith("fragment.dts: /memory@9010000: reg "
                               "0x9010000-0x9010fff is not RAM of cell pair")
               for line in result.stderr_lines()):
        fail("a memory node on an io region is not refused: %s" %
             excerpt(result.stderr_lines()))


def test_fragment_every_problem(ctx):
    """One run reports all of a fragment's problems."""
    body = wrap(FOREIGN_REG + "\tpsci {\n\t};\n")
    result = refused(ctx, pair_source(), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, body))
    lines = result.stderr_lines()
    if len(lines) != 2 or not lines[0].startswith("fragment.dts: /psci: ") \
            or not lines[1].startswith("fragment.dts: /uart@9040000: "):
        fail("expected the duplicate and the foreign reg: %s" %
             excerpt(lines))


def test_fragment_overlay_and_memreserve(ctx):
    overlay = "/dts-v1/;\n/plugin/;\n\n/ {\n" \
        "\tx { clocks = <&apb_pclk>; };\n};\n"
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            fragment(ctx, overlay),
            line="fragment.dts: /: the fragment is an overlay (it has "
            "/__local_fixups__; expected a plain tree without /plugin/)")
    reserved = "/dts-v1/;\n/memreserve/ 0x40000000 0x1000;\n\n/ {\n};\n"
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            fragment(ctx, reserved),
            line="fragment.dts: /: the fragment has /memreserve/ entries "
            "(expected none: describe reserved memory in /reserved-memory, "
            "whose regs are checked)")


def test_fragment_unreadable(ctx):
    refused(ctx, pair_source(), qemu_source(ctx, "system"), "--fragment",
            "missing.dts", line="missing.dts: No such file or directory")
    result = refused(ctx, pair_source(), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, wrap("\tx = <1>\n")))
    if not any(re.search(r"fragment\.dts:\d+\.\d+-\d+ syntax error", line)
               for line in result.stderr_lines()):
        fail("dtc's syntax error with its line is not shown: %s" %
             excerpt(result.stderr_lines()))


# ------------------------------------------------------ other refusals

def test_initrd_outside_ram(ctx):
    rt = qemu_source(ctx, "rt")
    refused(ctx, rt, qemu_source(ctx, "system"), "--initrd",
            "0x9010000,0x9011000",
            line="%s: /chosen: the initrd 0x9010000-0x9010fff is not RAM "
            "of cell rt (expected inside a region that is not io: ram "
            "0x40000000-0x40ffffff, rtc 0x9010000-0x9010fff)" % rt)
    refused(ctx, rt, qemu_source(ctx, "system"), "--initrd",
            "0x40800000,0x40800000",
            line="%s: /chosen: the initrd 0x40800000-0x40800000 is empty "
            "(expected linux,initrd-start below linux,initrd-end, which is "
            "exclusive)" % rt)


def test_wrong_kind(ctx):
    system = qemu_source(ctx, "system")
    result = tool(ctx, "config", "dtb", system, qemu_source(ctx, "rt"))
    expect_exit(result, EXIT_INVALID)
    if "%s: /: kind 2 is a cell config (expected a system config)" % \
            qemu_source(ctx, "rt") not in result.stderr_lines():
        fail("swapped arguments not explained: %s" % result.describe())


def test_compile_device_properties(ctx):
    cell = variant(
        ctx, pair_source(), "bad.dts",
        ("flags = \"read\", \"write\", \"execute\", \"loadable\";",
         "flags = \"read\", \"write\", \"execute\", \"loadable\";\n"
         "\t\t\tcompatible = \"x\";"),
        ("interrupts = <39>;", "interrupts = <39 40>;"),
        ("\t\t\tflags = \"read\", \"write\", \"io\";\n\t\t};\n\t};",
         "\t\t\tflags = \"read\", \"write\", \"io\";\n"
         "\t\t\tinterrupts = <34>;\n\t\t\tclocks = <1>;\n\t\t};\n\t};"))
    result = tool(ctx, "config", "compile", cell, "-o", ctx.tmp / "bad.cell")
    expect_exit(result, EXIT_INVALID)
    wanted = [
        "/memory/ram: property 'compatible' is only for regions with flag "
        "\"io\" (it describes the device in the cell's device tree)",
        "/memory/gpio: property 'interrupts' has 40, which is not in the "
        "cell's 'interrupts' (expected SPI INTIDs the cell owns: 34, 39)",
        "/memory/rtc: property 'clocks' has a 4-byte value (expected none: "
        "write 'clocks;', meaning the cell's apb-pclk)",
        "/memory/rtc: has 'interrupts' but no 'compatible' (expected "
        "'compatible' naming the device, or neither)",
    ]
    lines = result.stderr_lines()
    for line in wanted:
        if "%s: %s" % (cell, line) not in lines:
            fail("compile does not say %r: %s" % (line, excerpt(lines)))
    if len(lines) != len(wanted):
        fail("expected %d problems: %s" % (len(wanted), excerpt(lines)))


# ------------------------------------------------------------ the command

def test_dts_output(ctx):
    args = ["config", "dtb", qemu_source(ctx, "rt"),
            qemu_source(ctx, "system")] + RT_OPTIONS
    expect_exit(tool(ctx, *args, "-o", ctx.tmp / "rt.dtb"), EXIT_OK)
    result = tool(ctx, *args, "--dts", "-o", ctx.tmp / "rt.dts")
    expect_exit(result, EXIT_OK)
    text = (ctx.tmp / "rt.dts").read_text()
    if text != decompile(ctx, ctx.tmp / "rt.dtb"):
        fail("--dts is not dtc's source of the blob")
    result = tool(ctx, *args, "--dts")
    expect_exit(result, EXIT_OK)
    if result.stdout != text:
        fail("--dts without -o does not print the source on stdout")
    compare(parse_dts(text), rt_tree())


def test_stdout(ctx):
    args = [ctx.build / "tools" / "cellblock", "config", "dtb",
            qemu_source(ctx, "rt"), qemu_source(ctx, "system")]
    # The blob is binary, and ctx.run() decodes what it reads as text.
    blob = subprocess.run(args, stdout=subprocess.PIPE, check=True,
                          timeout=60).stdout
    expect_exit(tool(ctx, *args[1:], "-o", ctx.tmp / "file.dtb"), EXIT_OK)
    if blob[:4] != bytes.fromhex("d00dfeed"):
        fail("stdout does not start with the FDT magic: %r" % blob[:8])
    if blob != (ctx.tmp / "file.dtb").read_bytes():
        fail("stdout and -o differ")


USAGE_ERRORS = [
    [],
    ["cell.dts"],
    ["a.dts", "b.dts", "c.dts"],
    ["a.dts", "b.dts", "--frobnicate"],
    ["a.dts", "b.dts", "-o"],
    ["a.dts", "b.dts", "-o", "x", "-o", "y"],
    ["a.dts", "b.dts", "--initrd", "0x40000000"],
    ["a.dts", "b.dts", "--initrd", "start,end"],
    ["a.dts", "b.dts", "--kaslr-seed", "lots"],
    ["a.dts", "b.dts", "--rng-seed", "abc"],
    ["a.dts", "b.dts", "--bootargs"],
]


def test_usage(ctx):
    for args in USAGE_ERRORS:
        result = tool(ctx, "config", "dtb", *args)
        expect_exit(result, EXIT_USAGE)
        if not any("cellblock config dtb CELL.dts" in line
                   for line in result.stderr_lines()):
            fail("`%s`: no usage on stderr: %s" % (short(result),
                                                   result.describe()))
    result = tool(ctx, "help")
    if "cellblock config dtb CELL.dts|CELL.cell SYSTEM.dts|SYSTEM.cell" \
            not in result.stdout:
        fail("`cellblock help` does not show config dtb")
    return "%d command lines" % len(USAGE_ERRORS)


def test_docs_fragment(ctx):
    """The ```devicetree fragment of docs/config.md's "Cell device trees"
    fits configs/qemu-virt/rt.dts, and its /pl031 node is merged."""
    text = (ctx.source / "docs" / "config.md").read_text()
    section = text.partition("## Cell device trees")[2]
    match = re.search(r"```devicetree\n(.*?)```", section, re.S)
    if not match:
        fail("docs/config.md's Cell device trees has no ```devicetree "
             "block")
    name = fragment(ctx, match.group(1))
    tree = dtb_tree(ctx, qemu_source(ctx, "rt"), qemu_source(ctx, "system"),
                    "--fragment", name)
    if "/pl031@9010000" not in tree:
        fail("the docs' fragment adds no /pl031@9010000: %s" % sorted(tree))


DOCS_REFUSED = wrap(
    "\tuart@9040000 { reg = <0x0 0x9040000 0x0 0x1000>; };\n"
    "\tpl031@9010000 {\n\t\treg = <0x0 0x9010000 0x0 0x1000>;\n"
    "\t\tinterrupts = <0 10 4>;\n\t};\n"
    "\ttimer { };\n"
    "\tbus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
    "\t\tranges = <0x0 0x9010000>;\n"
    "\t\tdev@0 { reg = <0x0 0x100>; };\n\t};\n")


def test_docs_refusals(ctx):
    """The refusals shown in docs/config.md are what the tool prints for
    such a fragment with rt."""
    text = (ctx.source / "docs" / "config.md").read_text()
    match = re.search(r"```text\n(fragment\.dts: .*?)```", text, re.S)
    if not match:
        fail("docs/config.md shows no refusals of fragment.dts")
    result = refused(ctx, qemu_source(ctx, "rt"), qemu_source(ctx, "system"),
                     "--fragment", fragment(ctx, DOCS_REFUSED))
    for line in match.group(1).splitlines():
        if line not in result.stderr_lines():
            fail("the docs show %r, the tool prints: %s" %
                 (line, excerpt(result.stderr_lines())))
    return "%d lines" % len(match.group(1).splitlines())


# ------------------------------------------------------------------ links

def pcie(ranges, interrupt_map):
    return {"/pcie@30000000": {
        "compatible": '"pci-host-ecam-generic"', "device_type": '"pci"',
        "#address-cells": "<0x03>", "#size-cells": "<0x02>",
        "#interrupt-cells": "<0x01>", "bus-range": "<0x00 0x00>",
        "reg": "<0x00 0x30000000 0x00 0x100000>",
        "ranges": "<%s>" % ranges,
        "interrupt-map-mask": "<0xf800 0x00 0x00 0x07>",
        "interrupt-map": "<%s>" % interrupt_map}}


# pingpong: 4 KiB state table, common and two outputs = 16 KiB, a power
# of two already: BAR 2 0x10000000-0x10003fff, BAR 0 0x10004000-0x10004fff.
PING_RANGES = "0x2000000 0x00 0x10000000 0x00 0x10000000 0x00 0x5000"
# Device 0, INTA -> the GIC (phandle 1, 2 address cells), SPI 68 level.
PING_MAP = "0x00 0x00 0x00 0x01 0x01 0x00 0x00 0x00 0x44 0x04"


def ping_tree(ranges=PING_RANGES, interrupt_map=PING_MAP):
    tree = common("ping")
    tree.update(cpus("<0x01>", ("cpu@2", "<0x02>")))
    tree.update(memory(0x40000000, 0x1000000))
    tree.update(gic("0x00 0x80e0000 0x00 0x20000", 1))
    tree.update(console_nodes())
    tree.update(pcie(ranges, interrupt_map))
    tree["/chosen"] = {"stdout-path": '"serial0:115200n8"',
                       "linux,pci-probe-only": "<0x01>"}
    return copy.deepcopy(tree)


def test_link_tree(ctx):
    compare(dtb_tree(ctx, qemu_source(ctx, "ping"),
                     qemu_source(ctx, "system-link")), ping_tree())


SECOND_LINK = """
		second {
			start = <0x7f100000>;
			output-size = <0x1000>;
			peer@0 { cell = "pong"; guest = <0x20000000>; };
			peer@1 { cell = "ping"; guest = <0x20000000>; };
		};
	};
"""


def test_link_two_devices(ctx):
    """pingpong (device 0) with ping's BARs at 4 GiB, and a second link
    (device 1) without a common section: 12 KiB, BAR 2 of 16 KiB."""
    system = variant(ctx, qemu_source(ctx, "system-link"), "system.dts",
                     ('peer@0 { cell = "ping"; guest = <0x10000000>; };',
                      'peer@0 { cell = "ping"; guest = <0x1 0x0>; };'),
                     ("\t\t};\n\t};\n\n\tdevices {",
                      "\t\t};\n" + SECOND_LINK + "\n\tdevices {"))
    ranges = ("0x3000000 0x01 0x00 0x01 0x00 0x00 0x5000 "
              "0x2000000 0x00 0x20000000 0x00 0x20000000 0x00 0x5000")
    interrupt_map = (PING_MAP + " 0x800 0x00 0x00 0x01 0x01 0x00 0x00 0x00 "
                     "0x45 0x04")
    compare(dtb_tree(ctx, qemu_source(ctx, "ping"), system),
            ping_tree(ranges, interrupt_map))


def test_link_non_member(ctx):
    compare(dtb_tree(ctx, qemu_source(ctx, "rt"),
                     qemu_source(ctx, "system-link"), *RT_OPTIONS),
            rt_tree())


def test_fragment_pci_host(ctx):
    body = wrap("\tpci@40000000 {\n\t\tdevice_type = \"pci\";\n"
                "\t\t#address-cells = <3>;\n\t\t#size-cells = <2>;\n"
                "\t\treg = <0x0 0x30000000 0x0 0x100000>;\n"
                "\t\tranges = <0x2000000 0x0 0x10000000 0x0 0x10000000 "
                "0x0 0x5000>;\n\t};\n")
    refused(ctx, qemu_source(ctx, "ping"), qemu_source(ctx, "system-link"),
            "--fragment", fragment(ctx, body),
            line='fragment.dts: /pci@40000000: device_type "pci": a '
            "fragment may not add a PCI host (expected none: the cell's "
            "virtual PCI host is generated, with its links)")


def fake_kernel(ctx):
    """An arm64 Image header (text_offset 0, image_size 4 MiB, flags 0xa,
    magic "ARM\x64"), padded to 4 KiB: `cellblock image --linux` reads
    nothing else."""
    header = bytes.fromhex("10000014") + bytes(12) + \
        (0x400000).to_bytes(8, "little") + (0xa).to_bytes(8, "little") + \
        bytes(24) + b"ARM\x64" + bytes(4)
    path = ctx.tmp / "Image"
    path.write_bytes(header + bytes(4096 - len(header)))
    return path


def given_dtb(ctx, dts, name):
    """`cellblock image` of system-link with ping a Linux cell given the
    tree @dts (source) with --dtb; the result and the image's path."""
    source, blob = ctx.tmp / (name + ".dts"), ctx.tmp / (name + ".dtb")
    source.write_text(dts)
    expect_exit(ctx.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", blob,
                         source]), EXIT_OK)
    cells = {}
    for cell in ("system-link", "hello", "rt", "ping", "pong"):
        cells[cell] = ctx.tmp / (cell + ".cell")
        expect_exit(tool(ctx, "config", "compile", qemu_source(ctx, cell),
                         "-o", cells[cell]), EXIT_OK)
    hypervisor = build_product(ctx.build / "hypervisor" / "hypervisor.bin")
    output = ctx.tmp / (name + ".img")
    return tool(ctx, "image", "-o", output, hypervisor, cells["system-link"],
                "--cell", cells["hello"], "--cell", cells["rt"],
                "--cell", cells["ping"], "--linux", fake_kernel(ctx),
                "--dtb", blob, "--cell", cells["pong"]), output


GIVEN_REFUSALS = [
    ("0x00 0x5000>;", "0x00 0x6000>;",
     "ranges: ranges entry 0 0x10000000 of size 0x6000 is not inside the "
     "BARs of a link of cell ping (expected inside one of: pingpong "
     "0x10000000-0x10004fff)"),
    ("<0x2000000 0x00 0x10000000 0x00 0x10000000",
     "<0x2000000 0x00 0x10000000 0x00 0x20000000",
     "ranges: ranges entry 0 maps PCI address 0x10000000 to 0x20000000 "
     "(expected the same address: the BARs are where the cell sees them)"),
    ("0x00 0x44 0x04>;", "0x00 0x45 0x04>;",
     "interrupt-map: interrupt-map entry 0 sends device 0 to GIC interrupt "
     "type 0 number 69 (expected SPI 68, INTID 100: vpci interrupt-base + "
     "device)"),
]


def test_given_pci_host(ctx):
    output = ctx.tmp / "ping.dtb"
    expect_exit(tool(ctx, "config", "dtb", qemu_source(ctx, "ping"),
                     qemu_source(ctx, "system-link"), "-o", output), EXIT_OK)
    dts = decompile(ctx, output)
    result, image = given_dtb(ctx, dts, "as-generated")
    expect_exit(result, EXIT_OK)
    if not image.is_file():
        fail("the generated tree given back with --dtb made no image")
    for old, new, problem in GIVEN_REFUSALS:
        if old not in dts:
            fail("the generated tree has no %r; update the test" % old)
        result, image = given_dtb(ctx, dts.replace(old, new), "changed")
        expect_exit(result, EXIT_INVALID)
        want = "%s: /pcie@30000000: %s" % (ctx.tmp / "changed.dtb",
                                            problem.split(": ", 1)[1])
        if want not in result.stderr_lines() or image.exists():
            fail("expected %r and no image: %s" %
                 (want, excerpt(result.stderr_lines())))
    return "%d trees refused" % len(GIVEN_REFUSALS)


def collect(options):
    return [("dtb/" + name[len("test_"):].replace("_", "-"), function)
            for name, function in globals().items()
            if name.startswith("test_") and callable(function)]
