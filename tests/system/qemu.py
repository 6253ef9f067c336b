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
import shutil
import signal
import subprocess
import tempfile

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
         icount=True):
    """Runs QEMU until it exits; stdin is /dev/null. Raises Hang (an
    AssertionError) with the console so far if it is still running after
    @limit seconds of wall-clock time. @icount: see command_line()."""
    log = trace_log(cwd)
    if log is not None:
        extra = list(extra) + ["-d", TRACE_LOG_ITEMS, "-D", log]
        if os.environ.get(TRACE_DFILTER_VARIABLE):
            extra += ["-dfilter", os.environ[TRACE_DFILTER_VARIABLE]]
        limit *= TRACE_SLOWDOWN
        try:
            return run_qemu(cwd, kernel, bios, extra, limit, icount)
        finally:
            # Complete: tests/coverage.py may read it (and delete it).
            os.replace(log, log[:-len(".log")] + ".trace")
    return run_qemu(cwd, kernel, bios, extra, limit, icount)


def run_qemu(cwd, kernel, bios, extra, limit, icount=True):
    """boot() without the trace."""
    command = command_line(kernel, bios, extra, icount)
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
