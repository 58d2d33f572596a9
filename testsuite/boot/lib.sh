# lib.sh - shared helpers of the boot tests (sourced). TAP output: "ok N - name" / "not ok N - name".
# Boots go through scripts/qemu.sh, the one QEMU command line.
TAP_N=0
TAP_FAILED=0
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOGDIR=${LOGDIR:-$TOP/build/test-logs}
mkdir -p "$LOGDIR"

ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }
not_ok() {
	TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"
	[ -n "${2:-}" ] && echo "#   $2"
	return 0
}
skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1 # SKIP $2"; }

# check NAME LOG PATTERN: ok if the extended regex PATTERN matches a line of LOG.
check() {
	if grep -Eq -- "$3" "$2"; then ok "$1"; else not_ok "$1" "no line matching '$3' in $2"; fi
}
# check_not NAME LOG PATTERN: ok if no line of LOG matches.
check_not() {
	if grep -Eq -- "$3" "$2"; then not_ok "$1" "unexpected line matching '$3' in $2"; else ok "$1"; fi
}
# check_rc NAME GOT WANT
check_rc() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "exit status $2, expected $3"; fi
}

# boot LOG [qemu.sh options...]: boot the kernel, console to LOG (CR stripped); sets RC.
boot() {
	local log=$1
	shift
	set +e
	"$TOP/scripts/qemu.sh" -k "$TOP/kernel-rv" -t "${BOOT_TIMEOUT:-60}" "$@" </dev/null 2>&1 |
		tr -d '\r' >"$log"
	RC=${PIPESTATUS[0]}
	set -e
}

# An empty raw disk, so that boots use the judge's command line with its virtio-blk drive.
empty_disk() {
	local img=$TOP/build/test-empty.img
	[ -f "$img" ] || dd if=/dev/zero of="$img" bs=1M count=1 status=none
	echo "$img"
}

finish() {
	echo "# $((TAP_N - TAP_FAILED)) passed, $TAP_FAILED failed"
	[ "$TAP_FAILED" = 0 ]
}
