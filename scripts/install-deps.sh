#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Installs the Debian 12 packages cellblock builds and tests with. The
# Makefile runs it before anything is built. Each line of find_missing is
# "how to tell it is there" and "the package that provides it"; together
# they are everything `make`, `make run`, `make check` and `make bench`
# use. As root it installs what is missing, says so, and checks again; as
# another user it prints the exact apt-get line and fails, so a build never
# half-works on a machine that lacks a tool.
set -eu

missing=""
need() { # need TEST-EXPRESSION PACKAGE
	if ! sh -c "$1" >/dev/null 2>&1; then
		missing="$missing $2"
	fi
}

find_missing() {
	missing=""
	# The host build: the tool and the unit tests (the C library's
	# headers too: gcc only recommends them).
	need 'command -v make'                    make
	need 'command -v gcc'                     gcc
	need 'test -f /usr/include/stdio.h'       libc6-dev
	need 'command -v dtc'                     device-tree-compiler
	need 'test -f /usr/include/libfdt.h'      libfdt-dev
	# The fuzzers: clang with libFuzzer and the sanitizers' runtimes.
	need 'command -v clang'                   clang
	need 'ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' libclang-rt-dev
	# The hypervisor and the inmates: the cross compiler with its own
	# headers, and its binutils (ld, objcopy, ar).
	need 'test -f "$(aarch64-linux-gnu-gcc -print-file-name=include)/stdint.h"' gcc-aarch64-linux-gnu
	need 'command -v aarch64-linux-gnu-ld && command -v aarch64-linux-gnu-objcopy && command -v aarch64-linux-gnu-ar' binutils-aarch64-linux-gnu
	# The arm64 Linux `cellblock` command (tools/target.mk): the cross
	# C library, linked statically.
	need 'test -f /usr/aarch64-linux-gnu/lib/libc.a' libc6-dev-arm64-cross
	# The tests and benchmarks: the runner, QEMU (started with -nic none
	# everywhere, so no network option ROM is needed), u-boot for the
	# booti path, the static analysis of make check, cloc for the sizes.
	need 'command -v python3'                 python3
	need 'command -v qemu-system-aarch64'     qemu-system-arm
	need 'test -f /usr/lib/u-boot/qemu_arm64/u-boot.bin' u-boot-qemu
	need 'command -v cppcheck'                cppcheck
	need 'command -v cloc'                    cloc
	# The initramfs of Linux cells (scripts/make-initramfs.sh).
	need 'command -v cpio'                    cpio
}

# Debian's arm64 kernel and busybox-static (downloaded, never installed)
# for Linux cells, and the real boards' device trees of the kernel package
# for tests/config/create_board_tests.py: fetched once into a
# machine-wide cache; nothing to do once there.
fetch_board_dtbs() {
	sh "$(dirname "$0")/fetch-debian-arm64.sh"
}

find_missing
if [ -z "$missing" ]; then
	fetch_board_dtbs
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "cellblock: missing Debian packages:$missing" >&2
	echo "cellblock: run as root: apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "cellblock: installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # the list is meant to split into words
apt-get install -y -q --no-install-recommends $missing
find_missing
if [ -n "$missing" ]; then
	echo "cellblock: still missing after apt-get install:$missing" >&2
	exit 1
fi
fetch_board_dtbs
