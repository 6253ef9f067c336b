#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Installs the Debian 12 packages cellblock builds and tests with. The
# Makefile runs it when something is missing. Each line below is "how to
# tell it is there" and "the package that provides it". As root it installs
# what is missing and says so; otherwise it prints the exact apt-get line and
# fails, so a build never half-works on a machine that lacks a tool.
set -eu

missing=""
need() { # need TEST-EXPRESSION PACKAGE
	if ! sh -c "$1" >/dev/null 2>&1; then
		missing="$missing $2"
	fi
}

need 'command -v make'                    make
need 'command -v gcc'                     gcc
need 'command -v python3'                 python3
need 'command -v dtc'                     device-tree-compiler
need 'test -f /usr/include/libfdt.h'      libfdt-dev
need 'command -v clang'                   clang
need 'ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' libclang-rt-dev
need 'command -v aarch64-linux-gnu-gcc'   gcc-aarch64-linux-gnu
need 'command -v qemu-system-aarch64'     qemu-system-arm
need 'test -f /usr/lib/u-boot/qemu_arm64/u-boot.bin' u-boot-qemu
need 'command -v cloc'                    cloc
need 'command -v cppcheck'                cppcheck

[ -z "$missing" ] && exit 0

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
