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

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

# Does apt know any source repository? Look for deb-src in one-line lists and deb822 files.
has_deb_src() {
	grep -rqsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list &&
		return 0
	grep -rqsiE '^[[:space:]]*Types:.*deb-src' /etc/apt/sources.list.d/*.sources && return 0
	return 1
}

if ! has_deb_src; then
	# Mirror the first "Types: deb" stanza of Debian's own deb822 file as a deb-src stanza.
	src=/etc/apt/sources.list.d/debian.sources
	out=/etc/apt/sources.list.d/kestrel-deb-src.sources
	if [ -f "$src" ]; then
		awk 'BEGIN { RS = ""; ORS = "\n\n" }
		     /Types:[ \t]*deb([ \t\n]|$)/ {
			sub(/Types:[ \t]*deb/, "Types: deb-src"); print
		     }' "$src" | $SUDO tee "$out" >/dev/null
	else
		# No deb822 file: derive the suite from os-release (Debian only).
		. /etc/os-release
		printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\n' \
			"${VERSION_CODENAME:?unknown Debian codename}" | $SUDO tee "$out" >/dev/null
	fi
	echo "libfdt.sh: added $out" >&2
	$SUDO apt-get update -qq >&2
fi

command -v dpkg-source >/dev/null 2>&1 || "$ROOT/scripts/deps.sh" >&2

mkdir -p "$DEST"
# apt-get source must run in the destination: it downloads, verifies and extracts there.
fetch_source() {
	(cd "$DEST" && apt-get source -qq "$PKG" >&2)
}

# The fallback: only scripts/dtc/libfdt/ of the Linux source tarball inside linux-source-6.1.
fetch_linux_source() {
	lpkg=linux-source-6.1
	echo "libfdt.sh: apt-get source $PKG failed; taking libfdt from $lpkg" >&2
	(cd "$DEST" && apt-get download -qq "$lpkg" >&2)
	deb=$(ls "$DEST"/"$lpkg"_*.deb | head -n 1)
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards "*/$lpkg.tar.xz" |
		tar -xJ -C "$DEST" --wildcards "$lpkg/scripts/dtc/libfdt/*"
	rm -f "$deb"
}

if ! fetch_source; then
	# A fresh deb-src entry whose package lists were never fetched: update once and retry.
	$SUDO apt-get update -qq >&2 || true
	fetch_source || fetch_linux_source
fi

if dir=$(find_libfdt); then
	echo "$dir"
	exit 0
fi
echo "libfdt.sh: no libfdt/ found under $DEST after apt-get source" >&2
exit 1
