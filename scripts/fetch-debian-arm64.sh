#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetches Debian's own arm64 kernel and busybox, as Debian ships them:
#   DEST/Image     the kernel (/boot/vmlinuz-ABI of linux-image-ABI-arm64:
#                  an uncompressed arm64 Image), for Linux cells
#   DEST/busybox   /bin/busybox of busybox-static:arm64, for their
#                  initramfs (scripts/make-initramfs.sh)
#   DEST/modules/  the kernel's own modules their initramfs loads, from
#                  the same package: uio.ko and uio_pci_generic.ko
#                  (drivers/uio; Debian 12 ships them uncompressed,
#                  CONFIG_MODULE_COMPRESS_NONE, and signed, which the
#                  kernel checks without requiring: busybox insmod loads
#                  them as they are), for the link device (docs/ivshmem.md)
#   DEST/dtbs/     the real boards' device trees the kernel package ships
#                  (/usr/lib/linux-image-ABI/VENDOR/BOARD.dtb), for the
#                  tests of `cellblock config create`
#   DEST/ABI       the kernel's ABI name, e.g. 6.1.0-28-arm64
#   DEST/VERSIONS  "PACKAGE VERSION" of each package, for the build output
# Nothing of it is committed. DEST is the first argument, else
# $CELLBLOCK_DEBIAN_ARM64, else /var/cache/cellblock/debian-arm64: a
# machine-wide cache like the packages scripts/install-deps.sh installs,
# kept by `make clean` and shared by every work tree.
#
# The package comes from the Debian mirror apt already has, through apt
# itself: arm64 is added as a foreign architecture (dpkg
# --add-architecture, which changes no installed package), the package
# lists are updated, the current kernel's ABI is read from the
# linux-image-arm64 metapackage, and the kernel package is downloaded (not
# installed) and unpacked with dpkg-deb -x, as is busybox-static. Only the
# files above are kept.
#
# Needs root for dpkg --add-architecture and apt-get update (as
# scripts/install-deps.sh does); without root it prints what to run and
# fails. Does nothing when DEST already holds all of it.
set -eu

dest=${1:-${CELLBLOCK_DEBIAN_ARM64:-/var/cache/cellblock/debian-arm64}}

# The modules the initramfs takes from the kernel package, under
# /lib/modules/ABI/kernel/.
modules="drivers/uio/uio.ko drivers/uio/uio_pci_generic.ko"

have_modules() {
	for module in $modules; do
		[ -f "$dest/modules/${module##*/}" ] || return 1
	done
}

if [ -d "$dest/dtbs" ] && [ -f "$dest/ABI" ] && [ -f "$dest/Image" ] &&
	[ -f "$dest/busybox" ] && [ -f "$dest/VERSIONS" ] && have_modules; then
	exit 0
fi
for tool in apt-get apt-cache dpkg dpkg-deb; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "fetch-debian-arm64: $tool is missing (a Debian system is needed)" >&2
		exit 1
	fi
done
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	if [ "$(id -u)" != 0 ]; then
		echo "fetch-debian-arm64: run as root: dpkg --add-architecture arm64 && apt-get update" >&2
		exit 1
	fi
	dpkg --add-architecture arm64
	apt-get update -q
fi

# "Depends: linux-image-6.1.0-28-arm64" names the current ABI.
abi=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
	sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-arm64\)\(:arm64\)\{0,1\}$/\1/p' |
	head -n 1)
if [ -z "$abi" ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -q
		abi=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
			sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-arm64\)\(:arm64\)\{0,1\}$/\1/p' |
			head -n 1)
	fi
fi
if [ -z "$abi" ]; then
	echo "fetch-debian-arm64: apt knows no linux-image-arm64:arm64 (run apt-get update as root)" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fetch-debian-arm64.XXXXXX")
# apt-get download drops root for the download: _apt must reach the
# directory.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
# The -unsigned package has the same files without the signed EFI image.
# Prefer it, as docs/ and qemu-virt.md name it.
(cd "$work" && { apt-get download -q -o APT::Sandbox::User=root "linux-image-$abi-unsigned:arm64" ||
		 apt-get download -q -o APT::Sandbox::User=root "linux-image-$abi:arm64"; } &&
	apt-get download -q -o APT::Sandbox::User=root busybox-static:arm64)
kernel_deb=$(ls "$work"/linux-image-*.deb)
busybox_deb=$(ls "$work"/busybox-static_*.deb)
dpkg-deb -x "$kernel_deb" "$work/root"
dpkg-deb -x "$busybox_deb" "$work/busybox"
if [ ! -d "$work/root/usr/lib/linux-image-$abi" ]; then
	echo "fetch-debian-arm64: the package has no /usr/lib/linux-image-$abi (no dtbs)" >&2
	exit 1
fi
if [ ! -f "$work/root/boot/vmlinuz-$abi" ] || [ ! -x "$work/busybox/bin/busybox" ]; then
	echo "fetch-debian-arm64: no /boot/vmlinuz-$abi or /bin/busybox in the packages" >&2
	exit 1
fi
for module in $modules; do
	if [ ! -f "$work/root/lib/modules/$abi/kernel/$module" ]; then
		echo "fetch-debian-arm64: the package has no /lib/modules/$abi/kernel/$module" \
			"(expected it uncompressed, as Debian 12 ships it)" >&2
		exit 1
	fi
done
mkdir -p "$dest"
rm -rf "$dest/dtbs" "$dest/modules"
mkdir "$dest/modules"
for module in $modules; do
	cp "$work/root/lib/modules/$abi/kernel/$module" "$dest/modules/"
done
cp -r "$work/root/usr/lib/linux-image-$abi" "$dest/dtbs"
# Through a new name and mv: a build reading the old file meanwhile
# (another work tree's) sees one whole file or the other.
cp "$work/root/boot/vmlinuz-$abi" "$dest/Image.new"
mv "$dest/Image.new" "$dest/Image"
cp "$work/busybox/bin/busybox" "$dest/busybox.new"
mv "$dest/busybox.new" "$dest/busybox"
{
	dpkg-deb -f "$kernel_deb" Package Version | paste -sd ' '
	dpkg-deb -f "$busybox_deb" Package Version | paste -sd ' '
} | sed 's/Package: //; s/ Version: / /' > "$dest/VERSIONS.new"
mv "$dest/VERSIONS.new" "$dest/VERSIONS"
echo "$abi" > "$dest/ABI.new"
mv "$dest/ABI.new" "$dest/ABI"
echo "fetch-debian-arm64: $(find "$dest/dtbs" -name '*.dtb' | wc -l) device trees, the kernel, $(ls "$dest/modules" | wc -l) modules and busybox in $dest:"
sed 's/^/  /' "$dest/VERSIONS"
