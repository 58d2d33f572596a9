#!/bin/bash
# run-tests.sh - run every test suite of `make test` and count their TAP lines.
# Each suite prints "ok N - name" / "not ok N - name" lines; a suite that exits non-zero without
# printing a "not ok" line counts as one failure of its own. The last line is the total:
# "N passed, N failed" (skips count as passed and are listed). Exit status 1 on any failure.
# Usage: scripts/run-tests.sh [SUITE...]   (default: every suite; names as in the list below)
set -uo pipefail
cd "$(dirname "$0")/.."
LOGDIR=build/test-logs
mkdir -p "$LOGDIR"

all_suites=(fmt host boot_configs panic_paths kernel_options gdb_backtrace uboot_go syscall_log user user_smp4 busybox busybox_smp4)
suites=("$@")
[ ${#suites[@]} = 0 ] && suites=("${all_suites[@]}")

suite_cmd() {
	case $1 in
	host) echo "make --no-print-directory host-test" ;;
	fmt) echo "scripts/fmt.sh --tap" ;;
	user) echo "testsuite/user/run.sh" ;;
	user_smp4) echo "testsuite/user/run.sh -s 4" ;;
	busybox) echo "testsuite/busybox/run.sh" ;;
	busybox_smp4) echo "testsuite/busybox/run.sh -s 4" ;;
	*) [ -x "testsuite/boot/$1.sh" ] && echo "testsuite/boot/$1.sh" ;;
	esac
}

passed=0 failed=0 skipped=0
for s in "${suites[@]}"; do
	cmd=$(suite_cmd "$s") || true
	if [ -z "$cmd" ]; then
		echo "# suite $s: not present, skipped"
		continue
	fi
	start=$(date +%s)
	$cmd >"$LOGDIR/suite-$s.log" 2>&1
	rc=$?
	p=$(grep -cE '^ok [0-9]+' "$LOGDIR/suite-$s.log")
	f=$(grep -cE '^not ok [0-9]+' "$LOGDIR/suite-$s.log")
	k=$(grep -cE '^ok [0-9]+ .*# SKIP' "$LOGDIR/suite-$s.log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; echo "not ok - suite $s exited with $rc"; fi
	grep -E '^not ok [0-9]+' -A2 "$LOGDIR/suite-$s.log" | sed "s/^/  [$s] /"
	echo "# suite $s: $p passed, $f failed, $k skipped ($(($(date +%s) - start)) s; log $LOGDIR/suite-$s.log)"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + k))
done
[ "$skipped" != 0 ] && echo "# $skipped skipped (see the suite logs for the reasons)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
