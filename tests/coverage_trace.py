# SPDX-License-Identifier: GPL-2.0-only
"""One boot's QEMU execution trace, for tests/coverage.py: which
instructions ran at EL2 (Python 3 standard library only).

The log (tests/system/qemu.py: `-d in_asm,exec,nochain,int`) is QEMU
7.2's. Under -icount one TCG thread runs all CPUs and the log is in
execution order; a boot without -icount has a thread per CPU, whose lines
interleave: blocks are then told apart by host address and CPU number,
and two threads translating one block at once are matched in order.

- `-d in_asm` lists a translation block's instructions (address and
  instruction word) when it is translated, just before its first
  execution; `-d exec` with `nochain` logs every execution of a block,
  with its host address (which identifies the block) and its flags.
- A block ran at EL2 if the MMU index in its flags (TBFLAG_ANY.MMUIDX,
  bits 4-7) is E2 (6), or E20_2/E20_2_PAN (3, 5) with VHE, which the
  hypervisor does not enable. Cells run at EL1 (E10_1 = 2, E10_0 = 0) at
  guest addresses that overlap the hypervisor's: their blocks never count.
- Every instruction of an EL2 block that executed counts as executed,
  except the block's tail after the instruction at which it stopped when
  the log says so: `cpu_io_recompile: rewound execution of TB to X`
  (icount: X and what follows are executed again by new blocks), an
  exception from EL2 to EL2 with ELR X (an abort on X: X counts, the rest
  not), or `Stopped execution of TB chain before` (the block did not run).
  Left: a synchronous exception to EL3 that does not come back (none
  here: QEMU's PSCI returns after the SMC, the last instruction of its
  block).
- The boot image's first page run where the loader put it (anywhere: a
  page-aligned address, from which head.S moves the image to its linked
  one, or any other, at which it halts), before the move, counts at its
  linked address. A boot that never ran at EL2 (the hypervisor entered at
  EL1 and refusing to go on) counts its EL1 blocks instead. Whether an
  instruction is the hypervisor's (its word is the ELF's at its address)
  is checked by the caller.
"""

import collections

# QEMU 7.2's ARMMMUIdx core indexes of the EL2 regimes (target/arm/cpu.h):
# E20_2 3, E20_2_PAN 5, E2 6.
EL2_MMU_INDEXES = (3, 5, 6)
# Asynchronous exceptions (IRQ, FIQ, VIRQ, VFIQ, VSERR): taken between
# blocks, they never cut one short.
ASYNC_EXCEPTIONS = (5, 6, 14, 15, 24)
PAGE = 4096


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
                    pc % 4 == 0 and \
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
