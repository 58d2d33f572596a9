#!/bin/bash
# bench.sh - the microbenchmarks of `make bench` (docs/bench.md): every case of the bench program
# (testsuite/bench/bench.c), musl and glibc builds, on Kestrel through scripts/run-on-kestrel and,
# when the reference Linux is present, on it through run-on-linux in the same run, the two runs
# of each case alternating. Prints a table: case, libc, Kestrel ns/op, Linux ns/op and the ratio
# Kestrel/Linux, each figure the median of RUNS runs (one boot each), then the geometric mean of
# the ratios.
#
# Usage: scripts/bench.sh [-s SMP] [-r RUNS] [-t TIMEOUT_S] [-c LIBC] [CASE...]
#   -s  harts, passed to both runners (default 1)   -r  runs per case (default 3)
#   -t  timeout of one run, seconds (default 120)   -c  musl or glibc only (default both)
#   CASE...  only these cases (default: all, in the order below)
#   env: B (build directory, default build), KESTREL_KERNEL (for run-on-kestrel),
#        KESTREL_REF_LINUX (reference image; default ../shared/ref/linux-Image from the repo)
# The reference is used when that image and ../shared/ref/run-on-linux both exist. A case that
# fails (non-zero exit, timeout, no "bench CASE N" line) shows "fail" and the run goes on; its
# output is kept in $B/bench/logs/. Exit status 1 if anything failed, 2 on bad usage.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B ;; esac
export B

# The cases of testsuite/bench/bench.c ("bench list").
ALL_CASES=(null_syscall fork_wait vfork_wait execve cow_fault mmap_touch_munmap pipe_roundtrip
	vdso_clock_gettime futex_roundtrip signal_roundtrip clone3_thread pthread_create_join)
SMP=1 RUNS=3 TIMEOUT=120 LIBCS=(musl glibc)
usage() { sed -n '9,17p' "$0" >&2; exit 2; }
while getopts "s:r:t:c:h" o; do
	case $o in
	s) SMP=$OPTARG ;; r) RUNS=$OPTARG ;; t) TIMEOUT=$OPTARG ;; c) LIBCS=("$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $SMP =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ && $TIMEOUT =~ ^[1-9][0-9]*$ ]] || usage
CASES=("$@")
[ ${#CASES[@]} = 0 ] && CASES=("${ALL_CASES[@]}")
for c in "${CASES[@]}"; do
	[[ " ${ALL_CASES[*]} " == *" $c "* ]] || { echo "bench.sh: no case $c" >&2; usage; }
done
for l in "${LIBCS[@]}"; do
	case $l in musl | glibc) ;; *) usage ;; esac
	[ -f "$B/bench/$l/bench" ] || { echo "bench.sh: no $B/bench/$l/bench (make bench-progs)" >&2; exit 2; }
done

REFDIR=$ROOT/../shared/ref
REF_IMAGE=${KESTREL_REF_LINUX:-$REFDIR/linux-Image}
REF_RUNNER=$REFDIR/run-on-linux
HAVE_REF=0
if [ -f "$REF_IMAGE" ] && [ -x "$REF_RUNNER" ]; then
	HAVE_REF=1
	export KESTREL_REF_LINUX=$REF_IMAGE
fi

LOGDIR=$B/bench/logs
mkdir -p "$LOGDIR"
rm -f "$LOGDIR"/*.log

# run_one KERNEL LIBC CASE RUN: one boot; prints ns/op, or nothing when the run failed.
run_one() {
	local kernel=$1 libc=$2 case=$3 run=$4 runner log rc
	case $kernel in
	kestrel) runner=$HERE/run-on-kestrel ;;
	linux) runner=$REF_RUNNER ;;
	esac
	log=$LOGDIR/$kernel-$libc-$case-$run.log
	"$runner" -s "$SMP" -t "$TIMEOUT" "$B/bench/$libc/bench" "$case" > "$log" 2>&1
	rc=$?
	echo "exit status $rc" >> "$log"
	[ "$rc" = 0 ] || return 0
	sed -n "s/^bench $case \([0-9][0-9]*\)\$/\1/p" "$log" | tail -1
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "# Kestrel: ${KESTREL_KERNEL:-$ROOT/kernel-rv}; -smp $SMP; median of $RUNS runs; ns per operation"
if [ "$HAVE_REF" = 1 ]; then
	echo "# Linux: $REF_IMAGE (run in alternation with Kestrel)"
else
	echo "# Linux: no reference kernel ($REF_IMAGE, $REF_RUNNER): Kestrel only"
fi
printf '%-18s %-6s %14s %14s %8s\n' case libc kestrel linux ratio

failed=0 ratios=()
for c in "${CASES[@]}"; do
	for l in "${LIBCS[@]}"; do
		kv=() lv=() kfail=0 lfail=0
		for ((r = 1; r <= RUNS; r++)); do
			if [ "$kfail" = 0 ]; then
				v=$(run_one kestrel "$l" "$c" "$r")
				if [ -n "$v" ]; then kv+=("$v"); else kfail=1; fi
			fi
			if [ "$HAVE_REF" = 1 ] && [ "$lfail" = 0 ]; then
				v=$(run_one linux "$l" "$c" "$r")
				if [ -n "$v" ]; then lv+=("$v"); else lfail=1; fi
			fi
		done
		k=fail lnx=- ratio=-
		[ "$kfail" = 0 ] && k=$(median "${kv[@]}")
		if [ "$HAVE_REF" = 1 ]; then
			lnx=fail
			[ "$lfail" = 0 ] && lnx=$(median "${lv[@]}")
		fi
		[ "$kfail" = 1 ] && failed=1
		[ "$HAVE_REF" = 1 ] && [ "$lfail" = 1 ] && failed=1
		if [ "$kfail" = 0 ] && [ "$HAVE_REF" = 1 ] && [ "$lfail" = 0 ] && [ "$lnx" -gt 0 ]; then
			ratio=$(awk -v k="$k" -v l="$lnx" 'BEGIN { printf "%.2f", k / l }')
			ratios+=("$ratio")
		fi
		printf '%-18s %-6s %14s %14s %8s\n' "$c" "$l" "$k" "$lnx" "$ratio"
	done
done
if [ ${#ratios[@]} -gt 0 ]; then
	printf '%s\n' "${ratios[@]}" | awk '$1 > 0 { s += log($1); n++ }
		END { if (n) printf "# geometric mean of the %d ratios: %.2f\n", n, exp(s / n) }'
fi
[ "$failed" = 0 ] || echo "# some runs failed: outputs in $LOGDIR"
exit "$failed"
