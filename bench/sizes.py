# SPDX-License-Identifier: GPL-2.0-only
"""Size figures of the hypervisor for bench/run.py: lines of code by part
(counted with cloc) and the sizes of the built binary (binutils size and
nm on build/hypervisor/hypervisor.elf, the system config's reservation).

Parts, all counted as cloc's "code" lines (no blanks, no comments):
- generic: hypervisor/core, hypervisor/include, hypervisor/drivers
- arm64: hypervisor/arch/arm64
- boot: hypervisor/core/boot.c and every function marked __boot (the code
  the linker script puts in .boot, unmapped before the first cell runs);
  a part of generic + arm64, not added to the total again
- validator: common/config_check*.[ch] (with the link rules), common/image_check.[ch]
- common: the other common/ files linked into the hypervisor
  (crc32, format) with their headers
- abi: include/cellblock/*.h, the ABI headers the hypervisor includes
- total: generic + arm64 + validator + common + abi, what is compiled in
- runtime: total - boot - validator - crc32: what stays mapped at run time

And the frozen variant (hypervisor/hypervisor.mk), whose objects are the
full hypervisor's with hypervisor/core/mgmt*.c (mgmt_files()) swapped
for hypervisor/variant/frozen/mgmt.c: its runtime lines (the full runtime
with that swap) and the sizes of build/hypervisor/hypervisor-frozen.elf,
each with its cut against the full variant in percent, to compare with
the issue's goal (FROZEN_GOAL_PERCENT).
"""

import json
import re
import shutil
import subprocess

CROSS = "aarch64-linux-gnu-"
GENERIC = ["hypervisor/core", "hypervisor/include", "hypervisor/drivers"]
ARM64 = ["hypervisor/arch/arm64"]
BOOT_FILES = ["hypervisor/core/boot.c"]
# Every common/config_check*.c and .h, and the image validator.
VALIDATOR = ["common/config_check.c", "common/config_check.h",
             "common/config_check_link.c", "common/config_check_manage.c",
             "common/config_check_policy.c", "common/config_check_internal.h",
             "common/image_check.c", "common/image_check.h"]
COMMON = ["common/crc32.c", "common/crc32.h", "common/format.c",
          "common/format.h"]
BOOT_ONLY_COMMON = ["common/crc32.c", "common/crc32.h"]
ABI = ["include/cellblock"]
# The files the frozen variant does not link (hypervisor/hypervisor.mk:
# core/mgmt.c, every core/mgmt_*.c with the header they share, and
# arch/arm64/mgmt_*.c), and
# the one it links instead.
MGMT = "hypervisor/core/mgmt.c"
FROZEN_MGMT = "hypervisor/variant/frozen/mgmt.c"


def mgmt_files(root):
    """The management sources the frozen variant leaves out, MGMT first."""
    parts = sorted(str(p.relative_to(root)) for folder in
                   ("core", "arch/arm64") for p in
                   (root / "hypervisor" / folder).glob("mgmt_*.[ch]"))
    return [MGMT] + parts
# Issue 10: the frozen runtime at least 15% smaller than the full one
# (Jailhouse's detention prototype cut 16% of .text).
FROZEN_GOAL_PERCENT = 15


class SizeError(Exception):
    pass


def _run(command, cwd):
    try:
        result = subprocess.run(command, cwd=str(cwd), capture_output=True,
                                text=True, check=False)
    except OSError as error:
        raise SizeError("%s: %s" % (command[0], error))
    if result.returncode != 0:
        raise SizeError("%s exited with %d: %s" % (
            " ".join(command), result.returncode, result.stderr.strip()))
    return result.stdout


def cloc_code(root, paths):
    """cloc's code-line count over @paths (files or directories)."""
    if not paths:
        return 0
    output = _run(["cloc", "--json", "--quiet", "--skip-uniqueness"] +
                  [str(p) for p in paths], root)
    if not output.strip():
        return 0
    return int(json.loads(output).get("SUM", {}).get("code", 0))


def _strip_code(text):
    """@text with comments, strings and character literals blanked, so
    that braces inside them do not count."""
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"|'
                  r"'(?:\\.|[^'\\])*'",
                  lambda m: re.sub(r"[^\n]", " ", m.group(0)), text,
                  flags=re.S)


def boot_functions(root):
    """(file, name, text) of every function definition marked __boot in
    hypervisor/**/*.c, from the line that holds __boot to its closing
    brace."""
    found = []
    for path in sorted((root / "hypervisor").rglob("*.c")):
        text = path.read_text()
        code = _strip_code(text)
        for match in re.finditer(r"^[^\n]*\b__boot\b[^\n]*$", code, re.M):
            if match.group(0).lstrip().startswith("#"):
                continue
            start = match.start()
            brace = code.find("{", start)
            semicolon = code.find(";", start)
            if brace < 0 or (0 <= semicolon < brace):
                continue        # a declaration
            depth, end = 0, brace
            while end < len(code):
                if code[end] == "{":
                    depth += 1
                elif code[end] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                end += 1
            name = re.search(r"(\w+)\s*\(", code[start:brace])
            found.append((path.relative_to(root),
                          name.group(1) if name else "?",
                          text[start:end + 1] + "\n"))
    return found


def lines_of_code(root, scratch):
    """The lines-of-code figures, a dict part -> lines."""
    if not shutil.which("cloc"):
        raise SizeError("cloc is not installed: the size figures count "
                        "lines with Debian's cloc (apt-get install cloc)")
    functions = boot_functions(root)
    scratch.mkdir(parents=True, exist_ok=True)
    for old in scratch.glob("*.c"):
        old.unlink()
    for index, (path, name, text) in enumerate(functions):
        (scratch / ("%02d-%s-%s.c" % (index, path.stem, name))).write_text(
            text)
    parts = {
        "generic": cloc_code(root, GENERIC),
        "arm64": cloc_code(root, ARM64),
        "boot": cloc_code(root, BOOT_FILES) +
        (cloc_code(root, [scratch]) if functions else 0),
        "validator": cloc_code(root, VALIDATOR),
        "common": cloc_code(root, COMMON),
        "abi": cloc_code(root, ABI),
    }
    parts["total"] = (parts["generic"] + parts["arm64"] +
                      parts["validator"] + parts["common"] + parts["abi"])
    parts["runtime"] = (parts["total"] - parts["boot"] -
                        parts["validator"] -
                        cloc_code(root, BOOT_ONLY_COMMON))
    parts["boot_functions"] = ["%s:%s" % (p, n) for p, n, _ in functions]
    return parts


def _runtime_lines(root, scratch, path):
    """cloc's code lines of @path (a .c file) less its __boot functions,
    which the runtime figures count as boot code."""
    scratch.mkdir(parents=True, exist_ok=True)
    for old in scratch.glob("*.c"):
        old.unlink()
    functions = [(n, text) for p, n, text in boot_functions(root)
                 if str(p) == path]
    for index, (name, text) in enumerate(functions):
        (scratch / ("%02d-%s.c" % (index, name))).write_text(text)
    boot = cloc_code(root, [scratch]) if functions else 0
    return cloc_code(root, [path]) - boot


def cut_percent(full, frozen):
    """How much smaller @frozen is than @full, in percent of @full."""
    return 100.0 * (full - frozen) / full if full else 0.0


def frozen_lines(root, scratch, loc):
    """The frozen variant's line figures, a dict: mgmt (the runtime lines
    of mgmt_files()), mgmt_frozen (of variant/frozen/mgmt.c), runtime
    (@loc's runtime with the one swapped for the other) and cut (percent)."""
    for path in (MGMT, FROZEN_MGMT):
        if not (root / path).is_file():
            raise SizeError("%s is missing: the frozen variant's figures "
                            "swap %s for %s" % (path, MGMT, FROZEN_MGMT))
    mgmt = sum(_runtime_lines(root, scratch, path)
               for path in mgmt_files(root))
    mgmt_frozen = _runtime_lines(root, scratch, FROZEN_MGMT)
    runtime = loc["runtime"] - mgmt + mgmt_frozen
    return {"mgmt": mgmt, "mgmt_frozen": mgmt_frozen, "runtime": runtime,
            "cut": cut_percent(loc["runtime"], runtime)}


def text_section(elf, root):
    """The size of @elf's .text section alone (size -A), without .rodata
    and .boot, which size's Berkeley "text" column adds in."""
    for line in _run([CROSS + "size", "-A", str(elf)], root).splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[0] == ".text":
            return int(fields[1])
    raise SizeError("%s has no .text section" % elf)


def object_text(obj, root):
    """The size of object file @obj's .text section (size -A): the code
    one source file adds to the hypervisor's .text, before alignment."""
    if not obj.is_file():
        raise SizeError("%s is missing (make hypervisor)" % obj)
    return text_section(obj, root)


def _symbols(elf, root):
    symbols = {}
    for line in _run([CROSS + "nm", str(elf)], root).splitlines():
        fields = line.split()
        if len(fields) == 3:
            symbols[fields[2]] = int(fields[0], 16)
    return symbols


def binary_sizes(root, elf, tool, system_cell):
    """Section and memory sizes in bytes, a dict."""
    if not elf.is_file():
        raise SizeError("%s is missing (make hypervisor)" % elf)
    lines = _run([CROSS + "size", str(elf)], root).splitlines()
    if len(lines) < 2:
        raise SizeError("unexpected output of %ssize" % CROSS)
    text, data, bss = (int(v) for v in lines[1].split()[:3])
    symbols = _symbols(elf, root)
    for name in ("__boot_start", "__boot_end", "__hv_start", "__hv_end"):
        if name not in symbols:
            raise SizeError("%s has no symbol %s" % (elf, name))
    dump = _run([str(tool), "config", "dump", str(system_cell)], root)
    reserved = re.search(r"hypervisor\s*\{[^}]*?size\s*=\s*<([^>]+)>", dump)
    if not reserved:
        raise SizeError("no hypervisor size in `cellblock config dump %s`"
                        % system_cell)
    cells = [int(c, 0) for c in reserved.group(1).split()]
    size = 0
    for cell in cells:
        size = size << 32 | cell
    return {
        "text": text, "data": data, "bss": bss,
        "text_section": text_section(elf, root),
        "boot": symbols["__boot_end"] - symbols["__boot_start"],
        "footprint": symbols["__hv_end"] - symbols["__hv_start"],
        "reserved": size,
    }
