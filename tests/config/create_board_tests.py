# SPDX-License-Identifier: GPL-2.0-only
"""Tests of `cellblock config create` on real boards' device trees: those
Debian's arm64 kernel package ships, fetched by
scripts/fetch-debian-arm64.sh (to $CELLBLOCK_DEBIAN_ARM64, default
/var/cache/cellblock/debian-arm64; never committed).

Loaded by tests/run.py (see its docstring for the protocol):

- create-board/lx2160a-rdb, create-board/fvp-base-revc: NXP's LX2160A reference board
  and Arm's FVP Base RevC (GICv3 with ITS, PL011 or SBSA UART, PSCI over
  SMC, 16 and 8 CPUs): the system config is written, two cells carved
  from it take every CPU, and the set passes `config check`. Both boards'
  RAM lies above 0x40200000, where this build of the hypervisor is
  linked, so the tool says the hypervisor needs relinking (the config is
  valid; booting it is not tested: no such board here);
- create-board/refusals: the Raspberry Pi 4 and the ZynqMP ZCU102 (GICv2) and the
  i.MX8MQ EVK (no PL011) are refused, each line naming the node;
- create-board/all-trees: every tree of the package either gives a config (which
  `create` has compiled and validated before writing it) or is refused
  with every line in the form FILE: /NODE: message; nothing else happens.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for directory in (str(HERE), str(HERE.parent / "lib")):
    if directory not in sys.path:  # tests/run.py loads modules by path
        sys.path.insert(0, directory)

from create_common import (compile_config, create, create_cell,
                           debian_dtbs, hypervisor_bin, read_system)
from helpers import EXIT_INVALID, EXIT_OK, excerpt, expect_exit, fail, tool


def real_board(ctx, tree, uart):
    """@tree's system, and cells "a" (the first half of the CPUs, with
    the UART window @uart) and "b" (the rest): the set must pass."""
    dtb = debian_dtbs() / tree
    system = ctx.tmp / "system.dts"
    result = create(ctx, dtb, system)
    if "needs the hypervisor relinked at" not in result.stderr:
        fail("no note on the link address: %s" % result.describe())
    got = read_system(compile_config(ctx, system))
    cpus = len(got["mpidrs"])
    half = cpus // 2
    a = create_cell(ctx, system, "a", "--cpus", "0-%d" % (half - 1),
                    "--ram", "64M", "--device", uart)
    b = create_cell(ctx, system, "b", "--cpus", "%d-%d" % (half, cpus - 1),
                    "--ram", "256M", "--avoid", a)
    result = tool(ctx, "config", "check", compile_config(ctx, system),
                  compile_config(ctx, a), compile_config(ctx, b))
    expect_exit(result, EXIT_OK)
    return "%s: %d CPUs, %d RAM and %d device windows, hypervisor %d MiB" \
        " at 0x%x; cells a and b pass" % (
            got["model"], cpus, len(got["ram"]), len(got["devices"]),
            got["hypervisor"][1] >> 20, got["hypervisor"][0])


def test_lx2160a_rdb(ctx):
    return real_board(ctx, "freescale/fsl-lx2160a-rdb.dtb", "serial@21d0000")


def test_fvp_base_revc(ctx):
    return real_board(ctx, "arm/fvp-base-revc.dtb", "serial@a0000")


REFUSED = [
    ("broadcom/bcm2711-rpi-4-b.dtb",
     "/soc/interrupt-controller@40041000: the interrupt controller is a "
     "GICv2"),
    ("xilinx/zynqmp-zcu102-rev1.0.dtb",
     "/axi/interrupt-controller@f9010000: the interrupt controller is a "
     "GICv2"),
    ("freescale/imx8mq-evk.dtb",
     "/soc@0/bus@30800000/serial@30860000: the console UART is compatible "
     "with \"fsl,imx8mq-uart\""),
]


def test_refusals(ctx):
    for tree, expected in REFUSED:
        dtb = debian_dtbs() / tree
        output = ctx.tmp / (dtb.stem + ".dts")
        result = tool(ctx, "config", "create", dtb, "-o", output)
        expect_exit(result, EXIT_INVALID)
        if not any(line == "%s: %s" % (dtb, line.split(": ", 1)[1]) and
                   expected in line for line in result.stderr_lines()):
            fail("%s: no line %r: %s" % (tree, expected, result.describe()))
        if output.exists():
            fail("%s written although refused" % output.name)


LINE = re.compile(r"(?P<file>[^:]+): (/\S*: .+|not a usable flattened "
                  r"device tree \(.+\))")


def test_all_trees(ctx):
    trees = sorted(debian_dtbs().glob("*/*.dtb"))
    if len(trees) < 100:
        fail("only %d trees in %s" % (len(trees), debian_dtbs()))
    accepted, reasons = [], {}
    hypervisor = hypervisor_bin(ctx)
    for dtb in trees:
        output = ctx.tmp / "out.dts"
        result = tool(ctx, "config", "create", dtb, "-o", output,
                      "--hypervisor", hypervisor)
        if result.returncode == EXIT_OK:
            if not output.is_file():
                fail("%s: exit 0 but nothing written" % dtb.name)
            output.unlink()
            accepted.append(dtb.stem)
            continue
        if result.returncode != EXIT_INVALID or output.exists():
            fail("%s: %s" % (dtb.name, result.describe()))
        for line in result.stderr_lines():
            match = LINE.fullmatch(line)
            if not match or match.group("file") != str(dtb):
                fail("%s: line %r is not FILE: /NODE: message" %
                     (dtb.name, line))
            reason = re.sub(r"\"[^\"]*\"|0x[0-9a-f]+", "X",
                            line.split(": ", 2)[-1])[:40]
            reasons[reason] = reasons.get(reason, 0) + 1
    top = sorted(reasons.items(), key=lambda r: -r[1])[:3]
    return "%d trees: %d accepted (%s); refusals led by %s" % (
        len(trees), len(accepted), excerpt(accepted, 4),
        "; ".join("%s... x%d" % r for r in top))


def collect(options):
    return [("create-board/" + name[len("test_"):].replace("_", "-"), function)
            for name, function in globals().items()
            if name.startswith("test_")]
