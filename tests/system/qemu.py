# SPDX-License-Identifier: GPL-2.0-only
"""Running QEMU virt for the system tests (Python 3 standard library only).

One place for the command line of the development board
(/work/shared/reference/qemu-virt.md): AArch64 `virt` with EL2, GICv3
without ITS, cortex-a57, 4 CPUs, 1 GiB, under `-icount shift=0,sleep=off`
(one instruction is one nanosecond of virtual time, so counter values are
exact and two runs print the same bytes) and `-no-reboot -nographic
-nic none` (no device the tests do not use).

A run ends by itself: PSCI SYSTEM_OFF makes QEMU exit with status 0. The
wall-clock limit only catches a run that never ends; it is reported as a
hang with what was printed so far, never used to judge speed.

Test modules import it with tests/system and tests/lib on sys.path (see
tests/lib/helpers.py):

    from qemu import boot
    result = boot(cwd, kernel=IMAGE)            # or bios=..., extra=[...]
    result.returncode, result.output (bytes), result.lines (str list)

Typing into the console: boot(..., typed=[(pattern, text), ...]) keeps
QEMU's stdin open (a pipe; otherwise it is /dev/null) and, for each pair
in turn, waits until the console has printed @pattern (a bytes regular
expression, searched from the end of the previous step's match; or a
function of the output so far and that position, returning where its
match ends or None) and then types @text (bytes) on the board's UART. Input arrives at a virtual time
that depends on the host, even under -icount: tests assert what is
printed, not when. A pattern the run ends without printing fails the
test; one never printed is a hang at the wall-clock limit. With
-nographic the UART shares stdio with QEMU's monitor through a
multiplexer whose escape key is Ctrl-A: a Ctrl-A meant for the board is
sent twice (serial_bytes()), as typing Ctrl-A Ctrl-A in QEMU does.

Tracing for coverage (tests/coverage.py, `make coverage`): when the
environment variable CELLBLOCK_TRACE_DIR names a directory, every run also
logs QEMU's translated blocks and their executions (TRACE_LOG_ITEMS) to a
file of its own there, NAME-XXXXXXXX.log, NAME being the test's
temporary directory that holds @cwd (named after the test by
tests/run.py), and renames it to .trace once QEMU has exited; its
wall-clock limit is multiplied by TRACE_SLOWDOWN.
CELLBLOCK_TRACE_DFILTER, if set too, is passed as -dfilter (the address
ranges whose blocks are logged). Without CELLBLOCK_TRACE_DIR nothing
changes.
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import helpers  # tests/lib, put on sys.path by the importing test module

QEMU = "qemu-system-aarch64"
MACHINE_ARGS = [
    "-machine", "virt,virtualization=on,gic-version=3,its=off",
    "-cpu", "cortex-a57", "-smp", "4", "-m", "1G",
]
# -nic none: virt's default network card needs an option ROM
# (efi-virtio.rom) from a package nothing else here needs, and no test
# uses a network.
ICOUNT_ARGS = ["-icount", "shift=0,sleep=off"]
RUN_ARGS = ICOUNT_ARGS + ["-no-reboot", "-nographic", "-nic", "none"]
# Seconds of wall-clock time; a cellblock run takes well under one, a boot
# through u-boot a few.
WALL_CLOCK_LIMIT = 30
# QEMU says this on stderr whenever every CPU idles with no timer armed
# under sleep=off, which is how every run ends: not a problem.
BENIGN_STDERR = ("icount sleep disabled",)
# The stdio multiplexer's escape key (-nographic: "C-a C-a" sends C-a).
MUX_ESCAPE = b"\x01"


# Coverage tracing (see the module docstring): in_asm lists each
# translation block's instructions once, exec,nochain logs every execution
# of a block with its flags (exception level), int every exception (where
# an abort cut a block short).
TRACE_DIR_VARIABLE = "CELLBLOCK_TRACE_DIR"
TRACE_DFILTER_VARIABLE = "CELLBLOCK_TRACE_DFILTER"
TRACE_LOG_ITEMS = "in_asm,exec,nochain,int"
TRACE_SLOWDOWN = 4


class Hang(AssertionError):
    """The run did not end within the wall-clock limit."""


def excerpt(lines, limit=6, tail=False):
    """A few of @lines joined with ' | ' (the last few with @tail)."""
    return helpers.excerpt(lines, limit, tail, empty="(no output)")


class Result:
    """What one QEMU run printed and how it ended."""

    def __init__(self, command, output, returncode, stderr):
        self.command = command
        self.output = output            # bytes, exactly as QEMU wrote them
        self.returncode = returncode
        self.stderr = stderr
        self.text = output.decode("utf-8", "replace")
        self.lines = self.text.splitlines()

    def stderr_problems(self):
        return [line for line in self.stderr.splitlines() if line.strip()
                and not any(b in line for b in BENIGN_STDERR)]

    def describe(self, tail=True):
        """The end (or start) of the console, for failure messages."""
        text = "console: %s" % excerpt(self.lines, tail=tail)
        problems = self.stderr_problems()
        if problems:
            text += "; QEMU stderr: %s" % excerpt(problems)
        return text


def command_line(kernel=None, bios=None, extra=(), icount=True):
    """The QEMU command for the board with @kernel (-kernel), @bios
    (-bios) and @extra arguments; with @icount False, without
    ICOUNT_ARGS (real time: for tests of races that virtual time hides)."""
    qemu = shutil.which(QEMU)
    if not qemu:
        raise AssertionError("%s is not installed (Debian package "
                             "qemu-system-arm)" % QEMU)
    run = RUN_ARGS if icount else RUN_ARGS[len(ICOUNT_ARGS):]
    command = [qemu] + MACHINE_ARGS + run
    if bios is not None:
        command += ["-bios", str(bios)]
    if kernel is not None:
        command += ["-kernel", str(kernel)]
    return command + [str(a) for a in extra]


def trace_log(cwd):
    """With CELLBLOCK_TRACE_DIR set: a new empty log file there, named
    after @cwd, for this run's trace. None without it."""
    directory = os.environ.get(TRACE_DIR_VARIABLE)
    if not directory:
        return None
    # The test's directory: the one below tests/run.py's temporary root.
    parts = os.path.abspath(str(cwd)).split(os.sep)
    name = next((parts[i + 1] for i in range(len(parts) - 1)
                 if parts[i].startswith("cellblock-tests-")), parts[-1])
    descriptor, path = tempfile.mkstemp(prefix=name + "-", suffix=".log",
                                        dir=directory)
    os.close(descriptor)
    return path


def boot(cwd, kernel=None, bios=None, extra=(), limit=WALL_CLOCK_LIMIT,
         icount=True, typed=None):
    """Runs QEMU until it exits; stdin is /dev/null, or with @typed what
    the module docstring says. Raises Hang (an AssertionError) with the
    console so far if it is still running after @limit seconds of
    wall-clock time. @icount: see command_line()."""
    log = trace_log(cwd)
    if log is not None:
        extra = list(extra) + ["-d", TRACE_LOG_ITEMS, "-D", log]
        if os.environ.get(TRACE_DFILTER_VARIABLE):
            extra += ["-dfilter", os.environ[TRACE_DFILTER_VARIABLE]]
        limit *= TRACE_SLOWDOWN
        try:
            return run_qemu(cwd, kernel, bios, extra, limit, icount, typed)
        finally:
            # Complete: tests/coverage.py may read it (and delete it).
            os.replace(log, log[:-len(".log")] + ".trace")
    return run_qemu(cwd, kernel, bios, extra, limit, icount, typed)


def serial_bytes(text):
    """@text as typed into QEMU's stdio multiplexer for the board's UART."""
    return text.replace(MUX_ESCAPE, MUX_ESCAPE * 2)


def run_qemu(cwd, kernel, bios, extra, limit, icount=True, typed=None):
    """boot() without the trace."""
    command = command_line(kernel, bios, extra, icount)
    if typed is not None:
        return run_typing(command, cwd, typed, limit)
    process = subprocess.Popen(command, cwd=str(cwd),
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        output, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        try:
            process.send_signal(signal.SIGKILL)
        except OSError:
            pass
        output, stderr = process.communicate()
        lines = output.decode("utf-8", "replace").splitlines()
        raise Hang("hang: QEMU still running after %d s of wall-clock time "
                   "(killed; the run should end by itself in virtual "
                   "time); console so far: %s; command: %s" %
                   (limit, excerpt(lines, tail=True), " ".join(command)))
    return Result(command, output, process.returncode,
                  stderr.decode("utf-8", "replace"))


class _Collector:
    """What a process writes on one pipe, as it comes (a thread)."""

    def __init__(self, stream, changed):
        self.data = bytearray()
        self.ended = False
        self.changed = changed
        self.thread = threading.Thread(target=self._read, args=(stream,),
                                       daemon=True)
        self.thread.start()

    def _read(self, stream):
        while True:
            chunk = os.read(stream.fileno(), 65536)
            with self.changed:
                if chunk:
                    self.data += chunk
                else:
                    self.ended = True
                self.changed.notify_all()
            if not chunk:
                return


def _hang(process, output, limit, command, waiting):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()
    lines = bytes(output.data).decode("utf-8", "replace").splitlines()
    return Hang("hang: %s after %d s of wall-clock time (QEMU killed); "
                "console so far: %s; command: %s" %
                (waiting, limit, excerpt(lines, tail=True), " ".join(command)))


def _described(pattern):
    """A typed= step's pattern, for a message: a function by the first line
    of its docstring."""
    if callable(pattern):
        return " ".join((pattern.__doc__ or pattern.__name__).split()[:12])
    return repr(pattern)


def _searcher(pattern):
    """@pattern (bytes) as a typed= step's function."""
    compiled = re.compile(pattern)

    def search(output, start):
        match = compiled.search(output, start)
        return match.end() if match else None
    return search


def run_typing(command, cwd, typed, limit):
    """run_qemu() with stdin a pipe, typing @typed (module docstring)."""
    process = subprocess.Popen(command, cwd=str(cwd), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE,
                               start_new_session=True)
    changed = threading.Condition()
    output = _Collector(process.stdout, changed)
    errors = _Collector(process.stderr, changed)
    deadline = time.monotonic() + limit
    position = 0
    try:
        for pattern, text in typed:
            found = pattern if callable(pattern) else _searcher(pattern)
            with changed:
                while True:
                    end = found(bytes(output.data), position)
                    if end is not None:
                        position = end
                        break
                    if output.ended:
                        lines = bytes(output.data).decode(
                            "utf-8", "replace").splitlines()
                        raise AssertionError(
                            "the run ended without printing %s; console: "
                            "%s" % (_described(pattern),
                                    excerpt(lines, tail=True)))
                    if time.monotonic() >= deadline:
                        raise _hang(process, output, limit, command,
                                    "still waiting for %s" %
                                    _described(pattern))
                    changed.wait(deadline - time.monotonic())
            process.stdin.write(serial_bytes(text))
            process.stdin.flush()
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise _hang(process, output, limit, command,
                        "QEMU still running") from None
    finally:
        try:
            process.stdin.close()
        except OSError:
            pass
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        output.thread.join()
        errors.thread.join()
    return Result(command, bytes(output.data), process.returncode,
                  bytes(errors.data).decode("utf-8", "replace"))
