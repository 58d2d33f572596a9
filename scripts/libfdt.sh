#!/bin/sh
# libfdt.sh - fetch Debian's device-tree-compiler source package into build/src/ and print the
# path of its libfdt/ directory. libfdt is built from this download; it is never committed.
#
# Idempotent: an already extracted tree is reused without touching apt. Needs root (or sudo) only
# the first time, to add a deb-src entry when the machine has none and to run apt-get update.
#
# Fallback: where the archive serves the source package's index but not its tarballs (seen on
# mirrors that proxy binary packages only), the same libfdt is taken from the binary package
# linux-source-6.1 (Linux carries libfdt in scripts/dtc/libfdt/), fetched with apt-get download
# and unpacked for that one directory only.
# Usage: scripts/libfdt.sh [destdir]     (default: build/src, relative to the repository root)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$ROOT/build/src}
PKG=device-tree-compiler

find_libfdt() {
	for d in "$DEST"/"$PKG"-*/libfdt "$DEST"/linux-source-*/scripts/dtc/libfdt; do
		[ -f "$d/fdt_ro.c" ] && { echo "$d"; return 0; }
	done
	return 1
}

if dir=$(find_libfdt); then
	echo "$dir"
	exit 0
fi

APT_SOURCE_WHO=libfdt.sh
. "$ROOT/scripts/apt-source.sh"
command -v dpkg-source >/dev/null 2>&1 || "$ROOT/scripts/deps.sh" >&2

# The fallback: only scripts/dtc/libfdt/ of the Linux source tarball inside linux-source-6.1.
fetch_linux_source() {
	lpkg=linux-source-6.1
	echo "libfdt.sh: apt-get source $PKG failed; taking libfdt from $lpkg" >&2
	mkdir -p "$DEST"
	(cd "$DEST" && apt-get download -qq "$lpkg" >&2)
	deb=$(ls "$DEST"/"$lpkg"_*.deb | head -n 1)
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards "*/$lpkg.tar.xz" |
		tar -xJ -C "$DEST" --wildcards "$lpkg/scripts/dtc/libfdt/*"
	rm -f "$deb"
}

apt_source "$PKG" "$DEST" || fetch_linux_source

if dir=$(find_libfdt); then
	echo "$dir"
	exit 0
fi
echo "libfdt.sh: no libfdt/ found under $DEST after apt-get source" >&2
exit 1
