#!/bin/sh
# busybox.sh - build BusyBox for riscv64 from Debian's busybox source package: static, with
# glibc (riscv64-linux-gnu-gcc), configured as Debian configures its own busybox-static
# (debian/config/pkg/static of the source package: the applets as links, /proc/self/exe to
# re-run itself, no PAM or SELinux). Result: $B/busybox/busybox. Never committed.
#
#   scripts/busybox.sh      (make runs it when $B/busybox/.stamp is missing; root or sudo the
#                            first time, to add a deb-src entry when the machine has none)
#
# Environment: B (build directory, default build), CROSS (default riscv64-linux-gnu-), JOBS.
# The build log is $B/busybox-build.log.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B ;; esac
CROSS=${CROSS:-riscv64-linux-gnu-}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
OUT=$B/busybox
STAMP=$OUT/.stamp

log() { echo "busybox.sh: $*" >&2; }

if [ -f "$STAMP" ] && [ -x "$OUT/busybox" ]; then
	exit 0
fi
command -v "${CROSS}gcc" >/dev/null || { log "missing ${CROSS}gcc (run scripts/deps.sh)"; exit 1; }

APT_SOURCE_WHO=busybox.sh
. "$ROOT/scripts/apt-source.sh"
find_src() { find "$B/src" -maxdepth 1 -type d -name 'busybox-[0-9]*' 2>/dev/null | sort | tail -n 1; }
src=$(find_src)
if [ -z "$src" ] || [ ! -f "$src/debian/config/pkg/static" ]; then
	log "fetching the busybox source package"
	apt_source busybox "$B/src"
	src=$(find_src)
fi
if [ -z "$src" ] || [ ! -f "$src/debian/config/pkg/static" ]; then
	log "no busybox source in $B/src"
	exit 1
fi
log "source: $src"

WORK=$B/busybox-work
LOG=$B/busybox-build.log
rm -rf "$WORK" "$OUT"
cp -a "$src" "$WORK"
cp "$WORK/debian/config/pkg/static" "$WORK/.config"
log "building (log: $LOG)"
if ! (
	cd "$WORK" &&
		yes '' | make CROSS_COMPILE="$CROSS" oldconfig &&
		make -j"$JOBS" CROSS_COMPILE="$CROSS" busybox
) >"$LOG" 2>&1; then
	tail -n 30 "$LOG" >&2
	log "build failed"
	exit 1
fi
mkdir -p "$OUT"
cp "$WORK/busybox" "$OUT/busybox"
"${CROSS}strip" "$OUT/busybox" 2>/dev/null || true
touch "$STAMP"
log "built $OUT/busybox ($(wc -c <"$OUT/busybox") bytes)"
