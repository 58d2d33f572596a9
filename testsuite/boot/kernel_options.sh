#!/bin/bash
# Boot arguments: ktest runs the in-kernel tests (their TAP lines are passed through), loglevel=
# silences info lines, hz= changes the tick, echo reads a console line through the UART's
# receive interrupt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

for smp in 1 4; do
	log=$LOGDIR/ktest-smp$smp.log
	boot "$log" -n -s "$smp" -a "ktest"
	check_rc "ktest smp=$smp: QEMU exits 0" "$RC" 0
	# Pass the in-kernel TAP lines through, renumbered, so each counts on its own.
	while read -r line; do
		case $line in
		"ok "*) ok "ktest smp=$smp: ${line#ok * - }" ;;
		"not ok "*) not_ok "ktest smp=$smp: ${line#not ok * - }" ;;
		esac
	done < <(grep -E '^(not )?ok [0-9]+ - ' "$log")
	check "ktest smp=$smp: summary line with no failure" "$log" '^ktest: [1-9][0-9]* passed, 0 failed$'
done

log=$LOGDIR/loglevel.log
boot "$log" -n -a "loglevel=4"
check_rc "loglevel=4: QEMU exits 0" "$RC" 0
check_not "loglevel=4: info lines suppressed" "$log" '^(memory|Kestrel: boot complete)'

log=$LOGDIR/hz.log
boot "$log" -n -a "hz=250"
check "hz=250: tick rate taken" "$log" '^timer: (sstc|sbi), 250 Hz tick$'

log=$LOGDIR/echo.log
set +e
(sleep 3; printf 'hello kestrel\r') | "$TOP/scripts/qemu.sh" -k "$TOP/kernel-rv" -n -t 30 -a echo 2>&1 |
	tr -d '\r' >"$log"
RC=${PIPESTATUS[1]}
set -e
check_rc "echo: QEMU exits 0" "$RC" 0
check "echo: line read through the UART interrupt" "$log" "^selftest: read 'hello kestrel' \([1-9][0-9]* uart interrupts\)$"
finish
