#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Where the instructions of a benchmark path go, from a QEMU trace.

Record one instruction per trace line (QEMU 7.2; -singlestep puts one
instruction in each translation block, which -icount counts the same way):

    qemu-system-aarch64 <the usual bench options> -singlestep \\
        -d exec,nochain -D run.trace -kernel build/bench/solo.img

then

    python3 bench/trace.py run.trace build/hypervisor/hypervisor.elf

prints (1) for each CPU, the EL2 instructions before it first ran at EL1,
by function: the boot; (2) every distinct path from the hypervisor's
exception vector back to the cell: how often it ran, its length in
instructions (= ns of virtual time), the CPUs, and the instructions by
function. Keep runs short (n=10 and the like): a trace line is ~100 bytes
per instruction. EL2 is told from the translation block flags (MMU index
6, QEMU 7.2's "E2"); an instruction that QEMU rewound to recompile it for
I/O (cpu_io_recompile) is counted once.
"""

import argparse
import bisect
import collections
import subprocess
import sys

MMU_INDEX_E2 = 6
LOWER_SYNC, LOWER_IRQ = 0x400, 0x480    # offsets in hv_vectors


class Symbols:
    def __init__(self, elf):
        self.table = []
        if elf:
            output = subprocess.run(["aarch64-linux-gnu-nm", "-n", elf],
                                    capture_output=True, text=True,
                                    check=True).stdout
            for line in output.splitlines():
                fields = line.split()
                if len(fields) == 3 and fields[1] in "tTwW":
                    self.table.append((int(fields[0], 16), fields[2]))
        self.addresses = [a for a, _ in self.table]

    def name(self, pc):
        i = bisect.bisect_right(self.addresses, pc) - 1
        return self.table[i][1] if i >= 0 else "0x%x" % pc

    def address(self, name):
        for address, symbol in self.table:
            if symbol == name:
                return address
        return None


def read_trace(path):
    """Per CPU, the list of (pc, at_el2) in execution order."""
    cpus = collections.defaultdict(list)
    last = None
    with open(path, errors="replace") as trace:
        for line in trace:
            if line.startswith("Trace "):
                fields = line.split()
                cpu = int(fields[1].rstrip(":"))
                _, pc, flags, _ = fields[3].strip("[]").split("/")
                el2 = (int(flags, 16) >> 4) & 0xf == MMU_INDEX_E2
                cpus[cpu].append((int(pc, 16), el2))
                last = cpu
            elif "rewound execution of TB to" in line and last is not None:
                pc = int(line.split()[-1], 16)
                if cpus[last] and cpus[last][-1][0] == pc:
                    cpus[last].pop()
    return cpus


def boot_profile(cpus, hv, top):
    print("Boot: EL2 instructions before each CPU first ran at EL1")
    for cpu in sorted(cpus):
        count = collections.Counter()
        for pc, el2 in cpus[cpu]:
            if not el2:
                break
            count[hv.name(pc)] += 1
        print("  CPU %d: %d" % (cpu, sum(count.values())))
        for name, n in count.most_common(top):
            print("    %8d  %s" % (n, name))


def trap_paths(cpus, hv, vectors):
    paths = collections.defaultdict(list)
    for cpu, seq in cpus.items():
        i = 0
        while i < len(seq):
            pc, el2 = seq[i]
            if not el2 or pc not in (vectors + LOWER_SYNC,
                                     vectors + LOWER_IRQ):
                i += 1
                continue
            j = i
            while j < len(seq) and seq[j][1]:
                j += 1
            names = [hv.name(p) for p, _ in seq[i:j]]
            kind = "sync" if pc == vectors + LOWER_SYNC else "irq"
            paths[(kind, tuple(dict.fromkeys(names)))].append(
                (cpu, j - i, collections.Counter(names)))
            i = j
    print("Traps: vector to return, by path (a path that never returns to "
          "the cell, such as a cell stopping, runs to the next EL1 "
          "instruction of that CPU)")
    for (kind, names), runs in sorted(paths.items(),
                                      key=lambda kv: -len(kv[1])):
        lengths = collections.Counter(n for _, n, _ in runs)
        print("  %d x %s, %s instructions, CPUs %s" % (
            len(runs), kind,
            ", ".join("%d (%dx)" % (n, k) for n, k in
                      sorted(lengths.items())),
            ",".join(str(c) for c in sorted({c for c, _, _ in runs}))))
        print("      " + " > ".join(names))
        print("      " + ", ".join("%s %d" % kv for kv in
                                   runs[-1][2].most_common()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trace")
    parser.add_argument("hypervisor_elf")
    parser.add_argument("--top", type=int, default=12,
                        help="functions shown per CPU in the boot profile")
    args = parser.parse_args()
    hv = Symbols(args.hypervisor_elf)
    vectors = hv.address("hv_vectors")
    if vectors is None:
        print("trace.py: %s has no hv_vectors symbol" % args.hypervisor_elf,
              file=sys.stderr)
        return 1
    cpus = read_trace(args.trace)
    boot_profile(cpus, hv, args.top)
    print()
    trap_paths(cpus, hv, vectors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
