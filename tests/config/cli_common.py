# SPDX-License-Identifier: GPL-2.0-only
"""Helpers shared by the cli_*_tests.py modules (not a test module itself).

They run build/tools/cellblock and judge what it did; a helper fails the
test by raising AssertionError (see tests/run.py).

Exit codes of the tool: 0 ok, 1 the input is wrong, 2 usage error.
"""

from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def fail(reason):
    raise AssertionError(reason)


def excerpt(lines, limit=4):
    """The first few of @lines, joined with ' | '."""
    shown = " | ".join(lines[:limit])
    if len(lines) > limit:
        shown += " | ... (%d lines)" % len(lines)
    return shown


def tool(ctx, *args, cwd=None):
    """Runs build/tools/cellblock with @args."""
    path = ctx.build / "tools" / "cellblock"
    if not path.exists():
        fail("%s is missing (run make all)" % path)
    return ctx.run([path] + list(args), cwd=cwd)


def expect_exit(result, code):
    if result.returncode != code:
        fail("`%s`: expected exit code %d, got %s" %
             (short(result), code, result.describe()))


def short(result):
    """The command without the directories of its arguments."""
    return " ".join(Path(a).name if "/" in a else a for a in result.args)


def built_config(ctx, name):
    path = ctx.build / "configs" / "qemu-virt" / (name + ".cell")
    if not path.is_file():
        fail("%s is missing (run make all)" % path)
    return path
