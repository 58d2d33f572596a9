#!/bin/bash
# The syscall tracer (boot argument strace=) prints "tid name(args) = ret" for the chosen calls
# only; an unimplemented or unknown syscall is logged once per number.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
B=$TOP/build
hello=$B/user/musl/hello/hello
enosys=$B/user/musl/sys/enosys_unknown
[ -x "$hello" ] && [ -x "$enosys" ] || { not_ok "user programs built" "run make user-progs"; finish; exit 1; }

log=$LOGDIR/strace.log
out=$(APPEND="strace=set_tid_address,writev,exit_group" "$TOP/scripts/run-on-kestrel" -l "$log" "$hello") || true
check "strace: set_tid_address traced with its result" "$log" '^[0-9]+ set_tid_address\(0x[0-9a-f]+\) = [0-9]+$'
check "strace: writev traced with fd, pointer, count and result" "$log" '^[0-9]+ writev\(1, 0x[0-9a-f]+, 2\) = 22$'
check "strace: exit_group printed before the call" "$log" '^[0-9]+ exit_group\(0\) = \?$'
check_not "strace: untraced calls stay silent" "$log" '^[0-9]+ (ioctl|execve)\('
case $out in *"hello from user space"*) ok "strace: program output unchanged" ;;
*) not_ok "strace: program output unchanged" "got: $out" ;; esac

log=$LOGDIR/strace-str.log
APPEND="strace=execve,openat" "$TOP/scripts/run-on-kestrel" -l "$log" "$hello" >/dev/null || true
check "strace: string arguments quoted" "$log" '^[0-9]+ execve\("/prog", 0x[0-9a-f]+, 0x[0-9a-f]+\) = 0$'

log=$LOGDIR/enosys.log
APPEND="loglevel=7" "$TOP/scripts/run-on-kestrel" -l "$log" "$enosys" >/dev/null || true
n=$(grep -c 'syscall: unimplemented unknown (500) called by tid [0-9]*$' "$log" || true)
if [ "$n" = 1 ]; then ok "ENOSYS: an unknown number is logged exactly once"; else
	not_ok "ENOSYS: an unknown number is logged exactly once" "seen $n times"; fi
check "ENOSYS: the process goes on" "$log" '^ok 5 - still alive'
finish
