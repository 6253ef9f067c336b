# SPDX-License-Identifier: GPL-2.0-only
"""The boots of `make bench` (bench/run.py): QEMU runs through the test
suite's runner (tests/system/qemu.py), so benchmarks and tests run the
board the same way, and the `bench NAME k=v ...` result lines the
benchmark inmates print in them. Not run on its own.
"""

import re
import shutil
import struct
import sys
from pathlib import Path

# The test suite's QEMU runner and its helpers (tests/system, tests/lib).
for _directory in ("tests/system", "tests/lib"):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent /
                           _directory))
import qemu  # noqa: E402

WALL_CLOCK_LIMIT = 120  # seconds per boot; each takes about one
TICK_NS = 16            # 62.5 MHz counter, 1 ns per instruction
LOAD_ADDRESS = 0x40200000
# build/inmates/launch.elf and its block (inmates/tests/launch.S).
LAUNCH_BLOCK = 0x401ff000
LAUNCH_MAGIC = 0x4b434f4c4248434c

ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    pass


class Boot:
    """One QEMU run: its console lines and the `bench` results in them."""

    LINE = re.compile(r"^(?:\[([^\]]+)\] )?(.*)$")
    RESULT = re.compile(r"bench ([a-z][a-z-]*)((?: [a-z_]+=\S+)*)\s*$")

    def __init__(self, name, command, output, returncode):
        self.name = name
        self.command = command
        self.returncode = returncode
        self.lines = output.decode("utf-8", "replace").splitlines()
        self.results = {}       # (cell or None, name) -> {key: value}
        for line in self.lines:
            cell, text = self.LINE.match(line.rstrip("\r")).groups()
            found = self.RESULT.search(text)
            if not found:
                continue
            fields = dict(f.split("=", 1) for f in found.group(2).split())
            self.results[(cell, found.group(1))] = fields

    def get(self, name, cell=None):
        """The fields of result @name (printed by @cell), as numbers where
        they are numbers; fails naming the boot and its log if absent."""
        fields = self.results.get((cell, name))
        if fields is None:
            raise BenchError("%s: no `bench %s` line%s in the output (see "
                             "%s)" % (self.name, name,
                                      " from cell %s" % cell if cell else "",
                                      self.log))
        return {k: number_of(v) for k, v in fields.items()}


def number_of(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def run_qemu(name, extra_args, logs):
    """One boot through the test suite's QEMU runner (tests/system/qemu.py),
    so benchmarks and tests run the board the same way."""
    if not shutil.which(qemu.QEMU):
        raise BenchError("%s is not installed (Debian package "
                         "qemu-system-arm)" % qemu.QEMU)
    try:
        result = qemu.boot(ROOT, extra=extra_args, limit=WALL_CLOCK_LIMIT)
    except qemu.Hang as hang:
        raise BenchError("%s: no power-off: %s" % (name, hang))
    command, output = result.command, result.output
    process = result
    log = logs / (name + ".log")
    log.write_bytes(output)
    boot = Boot(name, command, output, process.returncode)
    boot.log = log
    if process.returncode != 0:
        errors = [line for line in result.stderr.splitlines()
                  if line.strip() and "icount sleep disabled" not in line]
        raise BenchError("%s: QEMU exited with %d, expected 0 (PSCI "
                         "SYSTEM_OFF); stderr: %s; output in %s" % (
                             name, process.returncode,
                             " | ".join(errors[:4]) or "(none)", log))
    return boot


def launch_args(build, binary, params, scratch, name=None):
    """QEMU arguments that enter @binary at EL2, as -kernel would, but
    with x0 = @params (launch.elf; see inmates/tests/launch.S). The files
    it writes in @scratch are named after @name (default: the binary)."""
    launcher = build / "inmates" / "launch.elf"
    if not launcher.is_file():
        raise BenchError("%s is missing (make inmates)" % launcher)
    data = binary.read_bytes()
    name = name or binary.stem
    image = scratch / (name + "-params.img")
    block = scratch / (name + "-launch.bin")
    image.write_bytes(data + params.encode() + b"\0")
    block.write_bytes(struct.pack("<4Q", LAUNCH_MAGIC, LOAD_ADDRESS,
                                  LOAD_ADDRESS + len(data), 2))
    return ["-device", "loader,file=%s,cpu-num=0" % short_path(launcher),
            "-device", "loader,file=%s,addr=0x%x,force-raw=on" %
            (short_path(image), LOAD_ADDRESS),
            "-device", "loader,file=%s,addr=0x%x,force-raw=on" %
            (short_path(block), LAUNCH_BLOCK)]


def need(path, hint="make bench-build"):
    if not path.is_file():
        raise BenchError("%s is missing (%s)" % (path, hint))
    return path


def short_path(arg):
    """@arg as a path relative to the source tree, where it is inside."""
    text = str(arg)
    return text[len(str(ROOT)) + 1:] if text.startswith(str(ROOT) + "/") \
        else text
