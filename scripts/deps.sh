#!/bin/sh
# deps.sh - install every Debian package Kestrel needs (idempotent).
# Run as root (or with sudo available). Safe to run again: installs only what is missing.
set -eu

PKGS="make gcc python3 git qemu-system-misc opensbi gcc-riscv64-unknown-elf gcc-riscv64-linux-gnu
libc6-dev-riscv64-cross linux-libc-dev-riscv64-cross device-tree-compiler gdb-multiarch e2fsprogs cpio
dpkg-dev patch xz-utils clang-format u-boot-qemu"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "deps.sh: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
