#!/bin/sh
# user-libs.sh - the runtime files a dynamic user test program needs on the target, one
# HOSTFILE:/TARGETPATH pair a line (the form run-on-linux's -f option takes).
#
#   scripts/user-libs.sh musl     musl's libc.so as /lib/ld-musl-riscv64.so.1 (loader and libc)
#   scripts/user-libs.sh glibc    the cross glibc's loader, libc.so.6 and libgcc_s.so.1 in /lib
#                                 (libgcc_s.so.1 is needed by programs that call pthread_exit)
#   scripts/user-libs.sh          both
# Environment: B (build directory, default build). Fails if a file is missing.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B ;; esac
GLIBC_LIB=${GLIBC_LIB:-/usr/riscv64-linux-gnu/lib}

pair() {
	[ -f "$1" ] || { echo "user-libs.sh: missing $1" >&2; exit 1; }
	echo "$1:$2"
}

musl() {
	pair "$B/musl/lib/libc.so" /lib/ld-musl-riscv64.so.1
}

glibc() {
	pair "$GLIBC_LIB/ld-linux-riscv64-lp64d.so.1" /lib/ld-linux-riscv64-lp64d.so.1
	pair "$GLIBC_LIB/libc.so.6" /lib/libc.so.6
	pair "$GLIBC_LIB/libgcc_s.so.1" /lib/libgcc_s.so.1
}

case ${1:-all} in
musl) musl ;;
glibc) glibc ;;
all) musl; glibc ;;
*) echo "usage: $0 [musl|glibc]" >&2; exit 2 ;;
esac
