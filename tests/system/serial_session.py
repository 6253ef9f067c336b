# SPDX-License-Identifier: GPL-2.0-only
"""One QEMU run driven through its serial console, for tests that type
(not a test module). qemu.boot() runs a board to its end with stdin
closed; a Session keeps stdin open, collects the console as it comes and
lets a test wait for a line, type, and wait again:

    with Session(ctx.tmp, image) as s:
        s.expect(r"\\[linux\\] init: ready")
        s.type("echo hi\\n")
        s.expect(r"hi", source="linux")
    s.lines                         # everything printed, as str lines

Waiting is bounded by wall-clock time only to catch a run that never gets
there (a hang, reported with the console so far); it never judges speed.
Every expectation names the line it waited for. Input arrives at virtual
times that depend on the host, so tests assert what is printed, not when.
"""

import os
import re
import signal
import subprocess
import threading
import time

import qemu
from helpers import excerpt, fail

# Seconds of wall-clock time one expectation may wait: a Linux cell's
# boot takes about 5 s under -icount on this machine.
WAIT_LIMIT = 90
PREFIX = re.compile(r"\[([^\]\s]+)\] ?(.*)")


class Session:
    def __init__(self, cwd, image, icount=True, extra=()):
        self.command = qemu.command_line(kernel=image, extra=extra,
                                         icount=icount)
        self.process = subprocess.Popen(self.command, cwd=str(cwd),
                                        stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE,
                                        start_new_session=True)
        self.lines = []
        self.partial = ""
        self.stderr = b""
        self.ended = False
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.err_reader = threading.Thread(target=self._read_stderr,
                                           daemon=True)
        self.err_reader.start()

    def _read(self):
        pending = b""
        while True:
            chunk = os.read(self.process.stdout.fileno(), 65536)
            with self.changed:
                if not chunk:
                    self.ended = True
                    self.changed.notify_all()
                    return
                pending += chunk
                *whole, pending = pending.split(b"\n")
                for line in whole:
                    self.lines.append(line.decode("utf-8", "replace")
                                      .rstrip("\r"))
                self.partial = pending.decode("utf-8", "replace")
                self.changed.notify_all()

    def _read_stderr(self):
        self.stderr = self.process.stderr.read()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except OSError:
                pass
        self.process.wait()
        self.reader.join(5)

    def describe(self):
        text = "console: %s" % excerpt(self.lines + [self.partial], 8,
                                       tail=True)
        problems = [line for line in
                    self.stderr.decode("utf-8", "replace").splitlines()
                    if line.strip() and not any(
                        b in line for b in qemu.BENIGN_STDERR)]
        if problems:
            text += "; QEMU stderr: %s" % excerpt(problems)
        return text

    @staticmethod
    def split(line):
        """(source, text) of a console line; source None without one."""
        found = PREFIX.fullmatch(line)
        return (found.group(1), found.group(2)) if found else (None, line)

    def expect(self, pattern, source=None, after=0, partial=False,
               limit=WAIT_LIMIT):
        """Waits for the first line from index @after on whose text (of
        @source, prefix removed, when given; else the whole line) matches
        @pattern in full; with @partial, the unfinished last line counts
        too. Returns (index, match); fails when the run ends or @limit
        seconds pass first."""
        deadline = time.monotonic() + limit
        with self.changed:
            while True:
                for index in range(after, len(self.lines)):
                    found = self._match(self.lines[index], pattern, source)
                    if found:
                        return index, found
                if partial:
                    found = self._match(self.partial, pattern, source)
                    if found:
                        return len(self.lines), found
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    fail("waited for %s%r%s: %s; %s" % (
                        "[%s] " % source if source else "", pattern,
                        " (or a partial line)" if partial else "",
                        "QEMU exited with %s" % self.process.poll()
                        if self.ended else "not there after %d s" % limit,
                        self.describe()))
                self.changed.wait(min(left, 1.0))

    def _match(self, line, pattern, source):
        if source is None:
            return re.fullmatch(pattern, line)
        got, text = self.split(line)
        return re.fullmatch(pattern, text) if got == source else None

    def type(self, text):
        """Sends @text to the board's serial input."""
        self.process.stdin.write(text.encode())
        self.process.stdin.flush()

    def wait_exit(self, limit=WAIT_LIMIT):
        """Waits until QEMU exits by itself; returns its status."""
        try:
            return self.process.wait(limit)
        except subprocess.TimeoutExpired:
            fail("QEMU still running after %d s; %s" % (limit,
                                                        self.describe()))

    def of(self, source, start=0, end=None):
        """The texts of @source's lines in [@start, @end)."""
        texts = []
        for line in self.lines[start:end]:
            got, text = self.split(line)
            if got == source:
                texts.append(text)
        return texts
