# SPDX-License-Identifier: GPL-2.0-only
"""Helpers of the tests of `cellblock config create`, `create-cell` and
`map` (not a test module itself): used by create_tests.py,
create_board_tests.py, map_tests.py and tests/system/generated_tests.py.

- Variant: a QEMU virt command line (ITS, CPU model, CPUs, RAM) whose
  device tree QEMU dumps with `-machine ...,dumpdtb=FILE` (the same
  options as the boot, so the tree is the booted board's);
- create() and create_cell(): the commands, failing the test on a
  non-zero exit;
- read_system(): a compiled system config (include/cellblock/config.h)
  as a dict, to compare two of them;
- expect_refusal(): exit 1, one stderr line holding given texts, and no
  output file.

Modules import it with tests/config and tests/lib on sys.path (see
tests/lib/helpers.py).
"""

import struct
from pathlib import Path

from helpers import (EXIT_INVALID, EXIT_OK, debian_arm64, expect_exit, fail,
                     tool)

QEMU = "qemu-system-aarch64"
FDTPUT = "fdtput"
LINK_ADDRESS = 0x40200000           # tools/hv_budget.h HV_LINK_ADDRESS


class Variant:
    """One QEMU virt board: `-machine virt,virtualization=on,
    gic-version=3,its=...`, -cpu, -smp and -m."""

    def __init__(self, name, its, cpu, cpus, ram):
        self.name, self.its, self.cpu, self.cpus, self.ram = \
            name, its, cpu, cpus, ram

    def machine(self):
        return "virt,virtualization=on,gic-version=3,its=%s" % (
            "on" if self.its else "off")

    def qemu_args(self):
        """The arguments that override tests/system/qemu.py's board."""
        return ["-machine", self.machine(), "-cpu", self.cpu,
                "-smp", str(self.cpus), "-m", self.ram]

    def describe(self):
        return "its=%s -cpu %s -smp %d -m %s" % (
            "on" if self.its else "off", self.cpu, self.cpus, self.ram)


# configs/qemu-virt/system.dts targets this one.
DEMO_BOARD = Variant("demo", False, "cortex-a57", 4, "1G")


def dump_dtb(ctx, variant, machine=None, name="board.dtb"):
    """QEMU's device tree of @variant (with @machine instead of its
    -machine value if given), in the test's tmp."""
    output = ctx.tmp / name
    args = [QEMU, "-machine", "%s,dumpdtb=%s" % (machine or
                                                 variant.machine(), output),
            "-cpu", variant.cpu, "-smp", str(variant.cpus),
            "-m", variant.ram, "-nographic", "-nic", "none"]
    result = ctx.run(args)
    if result.returncode != 0 or not output.is_file():
        fail("QEMU did not dump its tree: %s" % result.describe())
    return output


def hypervisor_bin(ctx):
    path = ctx.build / "hypervisor" / "hypervisor.bin"
    if not path.is_file():
        fail("%s is missing (run make all)" % path)
    return path


def create(ctx, dtb, output, *options):
    """`config create DTB -o OUTPUT --hypervisor hypervisor.bin`."""
    result = tool(ctx, "config", "create", dtb, "-o", output,
                  "--hypervisor", hypervisor_bin(ctx), *options)
    expect_exit(result, EXIT_OK)
    if not Path(output).is_file():
        fail("config create exited 0 but wrote no %s" % output)
    return result


def create_cell(ctx, system, name, *options):
    """`config create-cell SYSTEM NAME OPTIONS -o TMP/NAME.dts`, returns
    the source's path."""
    output = ctx.tmp / (name + ".dts")
    result = tool(ctx, "config", "create-cell", system, name, *options,
                  "-o", output)
    expect_exit(result, EXIT_OK)
    return output


def compile_config(ctx, source):
    output = Path(str(source)[:-len(".dts")] + ".cell")
    expect_exit(tool(ctx, "config", "compile", source, "-o", output),
                EXIT_OK)
    return output


def fdtput(ctx, dtb, *args):
    """Edits @dtb in place with fdtput (device-tree-compiler)."""
    result = ctx.run([FDTPUT, dtb] + list(args))
    if result.returncode != 0:
        fail("fdtput %s: %s" % (" ".join(args), result.describe()))


def expect_refusal(result, output, *needles):
    """Exit 1, exactly one stderr line, holding every one of @needles,
    and @output not written. Returns the line."""
    expect_exit(result, EXIT_INVALID)
    lines = result.stderr_lines()
    if len(lines) != 1:
        fail("expected one stderr line, got %d: %s" %
             (len(lines), " | ".join(lines)))
    for needle in needles:
        if needle not in lines[0]:
            fail("stderr %r does not hold %r" % (lines[0], needle))
    if output is not None and Path(output).exists():
        fail("%s was written although the command failed" % output)
    return lines[0]


def debian_dtbs():
    """The directory of the Debian arm64 kernel's device trees."""
    root = debian_arm64()
    if not (root / "dtbs").is_dir():
        fail("no real boards' device trees in %s/dtbs: run "
             "scripts/fetch-debian-arm64.sh as root (or set "
             "CELLBLOCK_DEBIAN_ARM64)" % root)
    return root / "dtbs"


# ------------------------------------------------ compiled system configs

HEADER = struct.Struct("<IHHII")
BODY = struct.Struct("<32sQQ IIQ IIIIQQQQ QIIII IIIIII 4Q")
WINDOW = struct.Struct("<32sQQII")


def read_system(path):
    """A compiled system config (config.h struct cb_system_config) as a
    dict: model, hypervisor, console, gic, mpidrs, ram and devices (lists
    of (name, start, size, dma))."""
    data = Path(path).read_bytes()
    magic, revision, kind, size, _ = HEADER.unpack_from(data, 0)
    if magic != 0x46434243 or kind != 1 or size != len(data):
        fail("%s is not a system config" % path)
    (model, hv_start, hv_size, con_type, con_irq, con_addr, version,
     maintenance, interrupt_count, _, distributor, redistributor, stride,
     its, _, _, _, _, _, _, cpus, rams, devices, _, _, _, _, _, _) = \
        BODY.unpack_from(data, HEADER.size)
    offset = HEADER.size + BODY.size
    mpidrs = list(struct.unpack_from("<%dQ" % cpus, data, offset))
    offset += 8 * cpus
    windows = []
    for _ in range(rams + devices):
        name, start, length, flags, _ = WINDOW.unpack_from(data, offset)
        windows.append((name.rstrip(b"\0").decode(), start, length,
                        bool(flags & 1)))
        offset += WINDOW.size
    return {
        "model": model.rstrip(b"\0").decode(),
        "hypervisor": (hv_start, hv_size),
        "console": (con_type, con_addr, con_irq),
        "gic": {"version": version, "distributor": distributor,
                "redistributor": redistributor, "stride": stride,
                "its": its, "maintenance": maintenance,
                "interrupt-count": interrupt_count},
        "mpidrs": mpidrs,
        "ram": windows[:rams],
        "devices": windows[rams:],
    }


def elf_entry(path):
    """e_entry of an ELF64 file (the hypervisor's link address)."""
    data = Path(path).read_bytes()[:64]
    if data[:4] != b"\x7fELF" or data[4] != 2:
        fail("%s is not an ELF64 file" % path)
    return struct.unpack_from("<Q", data, 24)[0]
