#!/bin/bash
# run.sh [-s SMP] - the user suite of `make test`: every program of testsuite/user, for musl and
# glibc, through testsuite/runner/difftest.sh (Kestrel, and the reference Linux when present,
# both with SMP harts, default 1), except those listed in testsuite/user/PENDING, which are
# reported as SKIP with their reason.
set -uo pipefail
cd "$(dirname "$0")/../.."
B=${B:-build}
SMP=1
[ "${1:-}" = -s ] && SMP=$2
progs=()
skips=()
for p in $(ls -d "$B"/user/{musl,glibc}/*/* 2>/dev/null | grep -v '\.d$' | sort); do
	rel=${p#"$B"/user/*/}
	reason=$(awk -v t="$rel" '$1 == t { $1 = ""; sub(/^ /, ""); print }' testsuite/user/PENDING)
	if [ -n "$reason" ]; then
		skips+=("${p#"$B"/user/} # SKIP $reason")
	else
		progs+=("$p")
	fi
done
[ ${#progs[@]} -gt 0 ] || { echo "not ok 1 - no user test programs built"; exit 1; }
testsuite/runner/difftest.sh -s "$SMP" "${progs[@]}"
rc=$?
n=${#progs[@]}
for s in "${skips[@]+"${skips[@]}"}"; do
	n=$((n + 1))
	echo "ok $n - $s"
done
exit $rc
