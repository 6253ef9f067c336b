#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make-initramfs.sh BUSYBOX INIT OUT [FILE...]: builds the initramfs of a
# Linux cell, or of Linux on the whole machine, an uncompressed newc cpio
# archive (the kernel unpacks it itself) holding Debian's static busybox as
# /bin/busybox, INIT as /init and each FILE: a plain FILE is a program
# and goes in /bin (mode 755); FILE=/PATH puts FILE at the absolute PATH
# instead, directories made as needed (mode 755 under /bin, otherwise
# 644), e.g. hypervisor.bin=/lib/firmware/cellblock/hypervisor.bin. Every
# other command is a busybox applet, linked by /init at boot. The archive
# is reproducible: owner root, fixed modification times.
set -eu

if [ $# -lt 3 ]; then
	echo "usage: make-initramfs.sh BUSYBOX INIT OUT [FILE[=/PATH]...]" >&2
	exit 2
fi
busybox=$1 init=$2 out=$3
shift 3
# The file of an argument: FILE of FILE=/PATH, else all of it.
source_of() {
	case $1 in
	*=/*) echo "${1%%=/*}" ;;
	*) echo "$1" ;;
	esac
}
for f in "$busybox" "$init" "$@"; do
	f=$(source_of "$f")
	if [ ! -f "$f" ]; then
		echo "make-initramfs: $f: no such file" >&2
		exit 1
	fi
done
root=$(mktemp -d "${TMPDIR:-/tmp}/initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/tmp"
cp "$busybox" "$root/bin/busybox"
cp "$init" "$root/init"
chmod 755 "$root/bin/busybox" "$root/init"
for arg in "$@"; do
	file=$(source_of "$arg")
	case $arg in
	*=/*) path=${arg#"$file"=} ;;
	*) path=/bin/${file##*/} ;;
	esac
	mkdir -p "$root${path%/*}"
	cp "$file" "$root$path"
	case $path in
	/bin/*) chmod 755 "$root$path" ;;
	*) chmod 644 "$root$path" ;;
	esac
done
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc \
	--owner=0:0 --reproducible) > "$out.new"
mv "$out.new" "$out"
