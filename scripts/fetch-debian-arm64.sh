#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetches Debian's own arm64 kernel, its headers and busybox, as Debian
# ships them:
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
#   DEST/libfdt/   libfdt.a and its headers from libfdt-dev:arm64, for the
#                  arm64 `cellblock` command (tools/target.mk)
#   DEST/headers/  the kernel's headers, to build driver/ (our module)
#                  out of tree against that very kernel (driver/driver.mk):
#                  linux-headers-ABI:arm64, linux-headers-ABI-common (named
#                  ABI without -arm64) and the kbuild tools of this machine's
#                  architecture (linux-kbuild-6.1:amd64: fixdep and modpost
#                  run on the build machine), unpacked into one root as a
#                  Debian system would have them under /usr; headers/build
#                  and headers/source are relative links to the first two
#                  (kbuild's `make -C build -f source/Makefile`)
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
# installed) and unpacked with dpkg-deb -x, as are busybox-static and the
# three header packages (the names of -common and kbuild are read from
# `apt-cache depends linux-headers-ABI:arm64`; all three are taken at its
# version). Never `apt-get install` the arm64 headers: apt would swap the
# cross compiler for gcc-12:arm64. Only the files above are kept. A cache
# whose kernel is the current ABI but has no headers (one filled before
# the headers were fetched) gets only the headers; otherwise everything is
# fetched again, so the headers always match the kernel.
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

# kbuild's entry points and one host tool: a half-unpacked tree fails here.
have_headers() {
	[ -f "$dest/headers/build/Module.symvers" ] &&
		[ -f "$dest/headers/build/.config" ] &&
		[ -f "$dest/headers/source/Makefile" ] &&
		[ -x "$dest/headers/build/scripts/basic/fixdep" ]
}

# libfdt for arm64 (libfdt-dev:arm64, downloaded: installed, it would
# replace the build machine's own libfdt-dev), for the arm64 `cellblock`
# command's device-tree generator (tools/target.mk, `cell linux`).
have_libfdt() {
	[ -f "$dest/libfdt/libfdt.a" ] && [ -f "$dest/libfdt/include/libfdt.h" ]
}

have_kernel() {
	[ -d "$dest/dtbs" ] && [ -f "$dest/ABI" ] && [ -f "$dest/Image" ] &&
		[ -f "$dest/busybox" ] && [ -f "$dest/VERSIONS" ] && have_modules
}

if have_kernel && have_headers && have_libfdt; then
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

# The kernel, its dtbs and modules, and busybox, into $dest; their lines
# of VERSIONS into $work/versions-kernel.
fetch_kernel() {
	mkdir "$work/kernel-debs"
	chmod 755 "$work/kernel-debs"
	# The -unsigned package has the same files without the signed EFI
	# image. Prefer it, as docs/ and qemu-virt.md name it.
	(cd "$work/kernel-debs" &&
		{ apt-get download -q -o APT::Sandbox::User=root "linux-image-$abi-unsigned:arm64" ||
		  apt-get download -q -o APT::Sandbox::User=root "linux-image-$abi:arm64"; } &&
		apt-get download -q -o APT::Sandbox::User=root busybox-static:arm64)
	kernel_deb=$(ls "$work"/kernel-debs/linux-image-*.deb)
	busybox_deb=$(ls "$work"/kernel-debs/busybox-static_*.deb)
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
	for deb in "$kernel_deb" "$busybox_deb"; do
		dpkg-deb -f "$deb" Package Version | paste -sd ' '
	done > "$work/versions-kernel"
}

# The headers of linux-image-$abi into $dest/headers; their lines of
# VERSIONS into $work/versions-headers. "Depends:
# <linux-headers-6.1.0-28-common:arm64>" (an arch-all package) and
# "Depends: linux-kbuild-6.1:arm64" name the other two; kbuild's tools
# (fixdep, modpost) run on this machine, so that package is taken for its
# architecture. All three at the headers' own version: one source package
# builds them.
fetch_headers() {
	headers_pkg="linux-headers-$abi:arm64"
	headers_version=$(apt-cache show --no-all-versions "$headers_pkg" 2>/dev/null |
		sed -n 's/^Version: //p' | head -n 1)
	headers_deps=$(apt-cache depends "$headers_pkg" 2>/dev/null)
	common=$(echo "$headers_deps" |
		sed -n 's/^ *Depends: <\{0,1\}\(linux-headers-[^ :>]*-common\)[:>].*$/\1/p' |
		head -n 1)
	kbuild=$(echo "$headers_deps" |
		sed -n 's/^ *Depends: <\{0,1\}\(linux-kbuild-[^ :>]*\).*$/\1/p' | head -n 1)
	if [ -z "$headers_version" ] || [ -z "$common" ] || [ -z "$kbuild" ]; then
		echo "fetch-debian-arm64: apt knows no $headers_pkg depending on linux-headers-*-common and linux-kbuild-*" >&2
		exit 1
	fi
	mkdir "$work/headers-debs"
	chmod 755 "$work/headers-debs"
	(cd "$work/headers-debs" && apt-get download -q -o APT::Sandbox::User=root \
		"$headers_pkg=$headers_version" "$common=$headers_version" \
		"$kbuild:$(dpkg --print-architecture)=$headers_version")
	for deb in "$work"/headers-debs/*.deb; do
		dpkg-deb -x "$deb" "$work/headers-root"
	done
	# Only /usr is kept (lib/modules/ABI/build and source point into it).
	mkdir "$work/headers"
	mv "$work/headers-root/usr" "$work/headers/usr"
	# A link the packages make absolute (to /usr/lib/linux-kbuild-*, say)
	# would leave the tree for the build machine's own /usr: each becomes
	# relative, to the same path inside the tree. (Debian 12's are
	# relative already; this keeps a later package working.)
	find "$work/headers" -type l | while read -r link; do
		target=$(readlink "$link")
		case $target in
		/*) ;;
		*) continue ;;
		esac
		rel=${link#"$work/headers/"}
		up=$(echo "$rel" | sed 's|[^/]*/|../|g; s|[^/]*$||')
		ln -sfn "$up${target#/}" "$link"
	done
	ln -s "usr/src/linux-headers-$abi" "$work/headers/build"
	ln -s "usr/src/$common" "$work/headers/source"
	if [ ! -f "$work/headers/build/Module.symvers" ] ||
		[ ! -f "$work/headers/source/Makefile" ] ||
		[ ! -x "$work/headers/build/scripts/basic/fixdep" ]; then
		echo "fetch-debian-arm64: the header packages have no /usr/src/linux-headers-$abi/Module.symvers," \
			"/usr/src/$common/Makefile or $kbuild's scripts/basic/fixdep" >&2
		exit 1
	fi
	# The new tree goes into place whole, then the old one is removed.
	mkdir -p "$dest"
	rm -rf "$dest/headers.new" "$dest/headers.old"
	cp -a "$work/headers" "$dest/headers.new"
	if [ -e "$dest/headers" ]; then
		mv "$dest/headers" "$dest/headers.old"
	fi
	mv "$dest/headers.new" "$dest/headers"
	rm -rf "$dest/headers.old"
	for deb in "$work"/headers-debs/*.deb; do
		dpkg-deb -f "$deb" Package Version | paste -sd ' '
	done > "$work/versions-headers"
}

fetch_libfdt() {
	mkdir "$work/libfdt-debs"
	chmod 755 "$work/libfdt-debs"
	(cd "$work/libfdt-debs" &&
		apt-get download -q -o APT::Sandbox::User=root libfdt-dev:arm64)
	dpkg-deb -x "$work"/libfdt-debs/libfdt-dev_*.deb "$work/libfdt-root"
	if [ ! -f "$work/libfdt-root/usr/lib/aarch64-linux-gnu/libfdt.a" ]; then
		echo "fetch-debian-arm64: libfdt-dev:arm64 has no /usr/lib/aarch64-linux-gnu/libfdt.a" >&2
		exit 1
	fi
	rm -rf "$dest/libfdt.new"
	mkdir -p "$dest/libfdt.new/include"
	cp "$work/libfdt-root/usr/lib/aarch64-linux-gnu/libfdt.a" "$dest/libfdt.new/"
	cp "$work"/libfdt-root/usr/include/*.h "$dest/libfdt.new/include/"
	rm -rf "$dest/libfdt"
	mv "$dest/libfdt.new" "$dest/libfdt"
}

# libfdt alone when that is all that is missing.
if have_kernel && have_headers; then
	fetch_libfdt
	echo "fetch-debian-arm64: libfdt for arm64 in $dest/libfdt"
	exit 0
fi
fetch_libfdt

# A cache from before the headers were fetched gets only them, if its
# kernel is still the current one; else everything is fetched again, so
# the headers always match the kernel.
if have_kernel && [ "$(cat "$dest/ABI")" = "$abi" ]; then
	grep -v '^linux-headers-\|^linux-kbuild-' "$dest/VERSIONS" > "$work/versions-kernel"
else
	fetch_kernel
fi
fetch_headers
cat "$work/versions-kernel" "$work/versions-headers" |
	sed 's/^Package: //; s/ Version: / /' > "$dest/VERSIONS.new"
mv "$dest/VERSIONS.new" "$dest/VERSIONS"
echo "$abi" > "$dest/ABI.new"
mv "$dest/ABI.new" "$dest/ABI"
echo "fetch-debian-arm64: $(find "$dest/dtbs" -name '*.dtb' | wc -l) device trees, the kernel, its headers, $(ls "$dest/modules" | wc -l) modules and busybox in $dest:"
sed 's/^/  /' "$dest/VERSIONS"
