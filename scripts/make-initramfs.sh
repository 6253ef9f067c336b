#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make-initramfs.sh BUSYBOX INIT OUT [PROGRAM...]: builds the initramfs of
# a Linux cell, an uncompressed newc cpio archive (the kernel unpacks it
# itself) holding Debian's static busybox as /bin/busybox, INIT as /init
# and each PROGRAM in /bin. Every other command is a busybox applet, linked
# by /init at boot. The archive is reproducible: owner root, fixed
# modification times.
set -eu

if [ $# -lt 3 ]; then
	echo "usage: make-initramfs.sh BUSYBOX INIT OUT [PROGRAM...]" >&2
	exit 2
fi
busybox=$1 init=$2 out=$3
shift 3
for f in "$busybox" "$init" "$@"; do
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
for program in "$@"; do
	cp "$program" "$root/bin/"
	chmod 755 "$root/bin/${program##*/}"
done
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc \
	--owner=0:0 --reproducible) > "$out.new"
mv "$out.new" "$out"
