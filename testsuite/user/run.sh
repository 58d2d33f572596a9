#!/bin/bash
# run.sh [-s SMP] - the user suite of `make test`: every program of testsuite/user, for musl and
# glibc, through testsuite/runner/difftest.sh (Kestrel, and the reference Linux when present,
# both with SMP harts, default 1), except those listed in testsuite/user/PENDING, which are
# reported as SKIP with their reason, and those in testsuite/user/POLICY, which assert the
# documented policy where Kestrel and Linux differ and run on Kestrel only.
set -uo pipefail
cd "$(dirname "$0")/../.."
B=${B:-build}
SMP=1
[ "${1:-}" = -s ] && SMP=$2
progs=()
policy=()
skips=()
for p in $(ls -d "$B"/user/{musl,glibc}/*/* 2>/dev/null | grep -v '\.d$' | sort); do
	rel=${p#"$B"/user/*/}
	reason=$(awk -v t="$rel" '$1 == t { $1 = ""; sub(/^ /, ""); print }' testsuite/user/PENDING)
	if [ -n "$reason" ]; then
		skips+=("${p#"$B"/user/} # SKIP $reason")
	elif awk -v t="$rel" '$1 == t { f = 1 } END { exit !f }' testsuite/user/POLICY; then
		policy+=("$p")
	else
		progs+=("$p")
	fi
done
[ ${#progs[@]} -gt 0 ] || { echo "not ok 1 - no user test programs built"; exit 1; }
testsuite/runner/difftest.sh -s "$SMP" "${progs[@]}"
rc=$?
if [ ${#policy[@]} -gt 0 ]; then
	testsuite/runner/difftest.sh -k -s "$SMP" "${policy[@]}" || rc=1
fi
n=${#progs[@]}
for s in "${skips[@]+"${skips[@]}"}"; do
	n=$((n + 1))
	echo "ok $n - $s"
done
exit $rc
