# SPDX-License-Identifier: GPL-2.0-only
"""Helpers shared by the test modules of every tests/ directory (not a
test module itself).

tests/run.py loads test modules by path, so a module that uses these puts
this directory on sys.path first:

    HERE = Path(__file__).resolve().parent
    for directory in (str(HERE), str(HERE.parent / "lib")):
        if directory not in sys.path:  # tests/run.py loads modules by path
            sys.path.insert(0, directory)

A helper fails the test by raising AssertionError (see tests/run.py).

Exit codes of build/tools/cellblock: 0 ok, 1 the input is wrong, 2 usage
error.
"""

import os
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def fail(reason):
    raise AssertionError(reason)


def excerpt(lines, limit=4, tail=False, empty=""):
    """The first @limit of @lines (the last with @tail) joined with ' | ',
    marked when some are left out; @empty when there is nothing."""
    lines = list(lines)
    text = " | ".join(lines[-limit:] if tail else lines[:limit])
    if len(lines) > limit:
        text = ("... | " + text if tail else text + " | ...") + \
            " (%d lines)" % len(lines)
    return text or empty


def build_product(path, target="all"):
    """@path, a file that `make TARGET` builds; fails naming it if it is
    missing."""
    if not path.is_file():
        fail("%s is missing (run make %s)" % (path, target))
    return path


def built_config(ctx, name):
    """A QEMU virt config of build/configs/qemu-virt/."""
    return build_product(ctx.build / "configs" / "qemu-virt" /
                         (name + ".cell"))


def tool(ctx, *args, cwd=None):
    """Runs build/tools/cellblock with @args."""
    path = ctx.build / "tools" / "cellblock"
    if not path.exists():
        fail("%s is missing (run make all)" % path)
    return ctx.run([path] + list(args), cwd=cwd)


def short(result):
    """The command without the directories of its arguments."""
    return " ".join(Path(a).name if "/" in a else a for a in result.args)


def expect_exit(result, code):
    if result.returncode != code:
        fail("`%s`: expected exit code %d, got %s" %
             (short(result), code, result.describe()))



# What a refused compile must leave in place (compile_text_refused()).
KNOWN_OUTPUT = b"not a config: must survive a failed compile\n"


def compile_text_refused(ctx, text, name="broken.dts"):
    """Compiles @text as @name in ctx.tmp, once to the default output and
    once onto an existing file: both must exit 1 with the same stderr,
    print nothing on stdout and leave the directory as it was. Returns the
    stderr lines."""
    (ctx.tmp / name).write_text(text)
    (ctx.tmp / "existing.cell").write_bytes(KNOWN_OUTPUT)
    before = sorted(p.name for p in ctx.tmp.iterdir())
    stderr = None
    for args in ([name], [name, "-o", "existing.cell"]):
        result = tool(ctx, "config", "compile", *args, cwd=ctx.tmp)
        expect_exit(result, 1)
        if result.stdout:
            fail("`%s` printed on stdout: %r" % (short(result),
                                                 result.stdout[:200]))
        after = sorted(p.name for p in ctx.tmp.iterdir())
        if after != before:
            fail("`%s` changed the directory: %s -> %s" %
                 (short(result), before, after))
        if (ctx.tmp / "existing.cell").read_bytes() != KNOWN_OUTPUT:
            fail("`%s` overwrote existing.cell" % short(result))
        if stderr is not None and result.stderr_lines() != stderr:
            fail("stderr depends on -o: %s vs %s" %
                 (excerpt(stderr), excerpt(result.stderr_lines())))
        stderr = result.stderr_lines()
    return stderr

def debian_arm64():
    """Where scripts/fetch-debian-arm64.sh keeps Debian's arm64 kernel,
    busybox and the kernel package's device trees: $CELLBLOCK_DEBIAN_ARM64,
    else its machine-wide cache (inmates/linux/linux.mk reads the same)."""
    return Path(os.environ.get("CELLBLOCK_DEBIAN_ARM64") or
                "/var/cache/cellblock/debian-arm64")
