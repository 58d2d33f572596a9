#!/bin/bash
# run.sh [-s SMP] - the busybox suite of `make test`: testsuite/busybox/cases.sh run by BusyBox's
# sh ($B/busybox/busybox from `make busybox`, started as "busybox" through $B/runner/exec_as)
# on Kestrel and, when the reference Linux is there (as difftest.sh finds it), on Linux with
# the same hart count. One TAP line per case, in the judge's words
# ("testcase busybox <command> success|fail"): ok when Kestrel reports success and Linux's
# line is the same. Linux's output is cached in $B/ref-cache like difftest's.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
B=${B:-build}
SMP=1
[ "${1:-}" = -s ] && SMP=$2
BB=$B/busybox/busybox
EX=$B/runner/exec_as
CASES=testsuite/busybox/cases.sh
if [ ! -x "$BB" ] || [ ! -x "$EX" ]; then
	echo "not ok 1 - busybox is not built (make busybox)"
	exit 1
fi
REF_IMAGE=${KESTREL_REF_LINUX:-$ROOT/../shared/ref/linux-Image}
REF_RUN=$(dirname "$REF_IMAGE")/run-on-linux
files=(-f "$BB:/bin/busybox" -f "$CASES:/cases.sh")
TMP=$(mktemp -d /tmp/bbtest.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

scripts/run-on-kestrel -s "$SMP" -t 300 "${files[@]}" "$EX" /bin/busybox sh /cases.sh \
	>"$TMP/k" 2>"$TMP/k.err"
kst=$?
have_ref=0
if [ -f "$REF_IMAGE" ] && [ -x "$REF_RUN" ]; then
	key=$({ sha256sum "$BB" "$EX" "$CASES" | cut -d' ' -f1; echo "busybox smp=$SMP"; } |
		sha256sum | cut -d' ' -f1)
	cache=$B/ref-cache/$key
	mkdir -p "$B/ref-cache"
	if [ ! -f "$cache.out" ]; then
		KESTREL_REF_LINUX=$REF_IMAGE "$REF_RUN" -s "$SMP" -t 300 "${files[@]}" "$EX" \
			/bin/busybox sh /cases.sh >"$TMP/l" 2>"$TMP/l.err" && mv "$TMP/l" "$cache.out"
	fi
	if [ -f "$cache.out" ]; then
		have_ref=1
	else
		echo "# the reference run failed:"
		sed 's/^/# /' "$TMP/l.err"
	fi
else
	echo "# no reference Linux at $REF_IMAGE: checking Kestrel's results only"
fi

n=0 failed=0
while IFS= read -r line; do
	n=$((n + 1))
	name=${line#testcase busybox }
	name=${name% success}
	name=${name% fail}
	good=0
	case $line in "testcase busybox "*" success") good=1 ;; esac
	if [ "$have_ref" = 1 ]; then
		lline=$(sed -n "${n}p" "$cache.out")
		[ "$lline" = "$line" ] || good=0
	fi
	if [ "$good" = 1 ]; then
		echo "ok $n - $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name"
		echo "# kestrel: $line"
		[ "$have_ref" = 1 ] && echo "# linux:   $lline"
	fi
done < <(grep -a '^testcase busybox ' "$TMP/k")
want=$(grep -c '^t ' "$CASES")
if [ "$n" != "$want" ] || [ "$kst" != 0 ]; then
	echo "not ok $((n + 1)) - cases.sh ran $n of $want cases, exit status $kst"
	sed 's/^/# /' "$TMP/k.err" | tail -n 5
	failed=$((failed + 1))
fi
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
