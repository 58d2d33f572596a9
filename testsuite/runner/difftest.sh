#!/bin/bash
# difftest.sh - the differential runner: each user test program runs on Kestrel
# (scripts/run-on-kestrel) and, when the reference Linux is there, on Linux (run-on-linux);
# output (stdout+stderr) and exit status must be the same byte for byte. Without the reference,
# a program passes when it exits 0 and prints no "not ok" line.
#
# Usage: testsuite/runner/difftest.sh [-t TIMEOUT_S] [-s SMP] [-k] [PROGRAM...]
#   PROGRAM   paths of built test programs (default: every program under
#             build/user/{musl,glibc}/AREA/NAME; build them with `make user-progs`)
#   -t        per-run timeout (default 60)     -s  harts for both kernels (default 1)
#   -k        Kestrel only, even when the reference is there: for tests that assert the
#             documented policy where Kestrel and Linux differ (testsuite/user/POLICY)
#   env: KESTREL_REF_LINUX (default ../shared/ref/linux-Image from the repository; the runner
#        run-on-linux must be beside it), B (build directory, default build)
# A program named *_dyn gets its loader and libraries (scripts/user-libs.sh musl|glibc), one
# named *_sh the stand-in shell testsuite/runner/mini_sh.c as /bin/sh.
# Linux results are cached in $B/ref-cache/<sha256 of the binary, the extra files and the
# arguments> (.out and .status), so Linux runs once per program version.
# Prints TAP ("ok N - musl/AREA/NAME", "not ok N - ..." followed by a "# "-prefixed unified
# diff, Linux first), then "# P passed, F failed"; exits 1 if anything failed.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
B=${B:-build}
TIMEOUT=60 SMP=1 ONLY_KESTREL=0
while getopts "t:s:kh" o; do
	case $o in
	t) TIMEOUT=$OPTARG ;; s) SMP=$OPTARG ;; k) ONLY_KESTREL=1 ;;
	*) sed -n '2,20p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

REF_IMAGE=${KESTREL_REF_LINUX:-$ROOT/../shared/ref/linux-Image}
REF_RUN=$(dirname "$REF_IMAGE")/run-on-linux
HAVE_REF=0
[ -f "$REF_IMAGE" ] && [ -x "$REF_RUN" ] && [ "$ONLY_KESTREL" = 0 ] && HAVE_REF=1

progs=("$@")
if [ ${#progs[@]} = 0 ]; then
	while IFS= read -r p; do progs+=("$p"); done < <(
		find "$B/user/musl" "$B/user/glibc" -mindepth 2 -maxdepth 2 -type f -perm -u+x \
			2>/dev/null | sort)
fi
if [ ${#progs[@]} = 0 ]; then
	echo "# no test programs (make user-progs)"
	echo "# 0 passed, 0 failed"
	exit 0
fi
if [ "$ONLY_KESTREL" = 1 ]; then
	echo "# Kestrel only (-k): checking TAP output"
elif [ "$HAVE_REF" = 0 ]; then
	echo "# no reference Linux at $REF_IMAGE: checking TAP output only"
fi

TMP=$(mktemp -d /tmp/difftest.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$B/ref-cache"
n=0 passed=0 failed=0

# The name shown for a program: LIBC/AREA/NAME when it lies under $B/user.
label() {
	case $1 in
	"$B"/user/*) echo "${1#"$B"/user/}" ;;
	*) echo "$1" ;;
	esac
}

# extra_files PROGRAM: -f options for a dynamic program (its loader and libraries) and for a
# program named *_sh (the stand-in shell $B/runner/mini_sh as /bin/sh, from make user-progs).
extra_files() {
	local libc
	case $1 in
	*_sh)
		printf -- '-f\n%s\n' "$B/runner/mini_sh:/bin/sh"
		return 0
		;;
	*/musl/*_dyn) libc=musl ;;
	*/glibc/*_dyn) libc=glibc ;;
	*) return 0 ;;
	esac
	B=$B "$ROOT/scripts/user-libs.sh" "$libc" | sed 's/^/-f\n/'
}

report() { # report OK NAME [DIFF-FILE]
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		passed=$((passed + 1))
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && sed 's/^/# /' "$3"
	fi
}

for prog in "${progs[@]}"; do
	name=$(label "$prog")
	if [ ! -f "$prog" ]; then
		echo "# no such program: $prog" > "$TMP/diff"
		report 0 "$name" "$TMP/diff"
		continue
	fi
	mapfile -t extra < <(extra_files "$prog")
	"$ROOT/scripts/run-on-kestrel" -t "$TIMEOUT" -s "$SMP" -l "$TMP/k.log" \
		"${extra[@]+"${extra[@]}"}" "$prog" > "$TMP/k.out" 2> "$TMP/k.err"
	kst=$?
	# Free memory must be back after the program and its children are gone (no leak). More
	# free memory after than before is no leak: something of the boot was still being
	# released when kinit took its first figure (seen under heavy host load at 4 harts).
	mem=$(sed -n 's/.*@@KESTREL-MEM@@ before=\([0-9-]*\) after=\([0-9-]*\).*/\1 \2/p' "$TMP/k.log")
	if [ -n "$mem" ] && [ "${mem#* }" -lt "${mem% *}" ]; then
		echo "kestrel: free memory before ${mem% *} kB, after ${mem#* } kB: leaked" >> "$TMP/k.err"
		kst="$kst (leak)"
	fi
	if [ "$HAVE_REF" = 1 ]; then
		key=$({ sha256sum "$prog" | cut -d' ' -f1
			for e in "${extra[@]+"${extra[@]}"}"; do
				[ "$e" = -f ] && continue
				echo "$e"; sha256sum "${e%%:*}" | cut -d' ' -f1
			done
			echo "smp=$SMP"; } | sha256sum | cut -d' ' -f1)
		cache=$B/ref-cache/$key
		if [ ! -f "$cache.status" ]; then
			KESTREL_REF_LINUX=$REF_IMAGE "$REF_RUN" -t "$TIMEOUT" -s "$SMP" \
				"${extra[@]+"${extra[@]}"}" "$prog" > "$cache.out" 2> "$TMP/l.err"
			lst=$?
			if [ "$lst" -ge 124 ] && [ "$lst" -le 125 ]; then
				echo "# reference run failed ($lst):" > "$TMP/diff"
				cat "$TMP/l.err" >> "$TMP/diff"
				rm -f "$cache.out"
				report 0 "$name" "$TMP/diff"
				continue
			fi
			echo "$lst" > "$cache.status"
		fi
		{ cat "$cache.out"; echo "[exit status $(cat "$cache.status")]"; } > "$TMP/linux"
		{ cat "$TMP/k.out"; echo "[exit status $kst]"; } > "$TMP/kestrel"
		own_fails=$(grep -a '^not ok' "$TMP/kestrel" || true)
		if cmp -s "$TMP/linux" "$TMP/kestrel" && [ -n "$own_fails" ]; then
			# Same on both kernels but the test's own checks fail: the test is wrong.
			{ echo "# the program's own checks fail on both kernels:"; echo "$own_fails"; } > "$TMP/diff"
			report 0 "$name" "$TMP/diff"
		elif cmp -s "$TMP/linux" "$TMP/kestrel"; then
			report 1 "$name"
		else
			diff -u --label linux --label kestrel "$TMP/linux" "$TMP/kestrel" > "$TMP/diff"
			[ -s "$TMP/k.err" ] && { echo "run-on-kestrel said:"; cat "$TMP/k.err"; } >> "$TMP/diff"
			report 0 "$name" "$TMP/diff"
		fi
	else
		if [ "$kst" = 0 ] && ! grep -q '^not ok' "$TMP/k.out"; then
			report 1 "$name"
		else
			{ echo "exit status $kst; output:"; cat "$TMP/k.out" "$TMP/k.err"; } > "$TMP/diff"
			report 0 "$name" "$TMP/diff"
		fi
	fi
done
echo "# $passed passed, $failed failed"
[ "$failed" = 0 ]
