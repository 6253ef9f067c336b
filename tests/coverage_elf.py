# SPDX-License-Identifier: GPL-2.0-only
"""The hypervisor ELF for tests/coverage.py: its executable bytes (to tell
its instructions from other EL2 code in a trace) and its DWARF line table
(which source lines of hypervisor/ and common/ each instruction address
belongs to). Python 3 standard library and binutils only.

- A source line has code if the line table maps an address to it (line 0
  and files outside hypervisor/ and common/ left out). A line whose row is
  empty (the next row starts at the same address: code merged or moved by
  the optimizer) belongs to the instruction at that address.
"""

import bisect
import collections
import os
import re
import struct
import subprocess
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
DIRECTORIES = ("hypervisor/", "common/")
READELF = "aarch64-linux-gnu-readelf"


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
