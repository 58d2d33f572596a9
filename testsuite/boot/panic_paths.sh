#!/bin/bash
# The panic path: a kernel stack overflow hits the guard page and is reported as such; a kernel
# null-pointer store and an explicit panic print scause/sepc/stval, the registers and a
# backtrace with symbol names; every panic powers off with a failure reason (QEMU exits non-zero).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

log=$LOGDIR/panic-stack.log
boot "$log" -n -a "crash=stack"
check "stack overflow: reported as such" "$log" '^Kernel panic on hart 0 \(cpu 0, tid 0\): kernel stack overflow \(guard page hit at ffffffd0[0-9a-f]+'
check "stack overflow: backtrace names the recursing function" "$log" '^  [0-9a-f]{16} recurse(\.isra\.0)?\+0x[0-9a-f]+$'
check "stack overflow: register dump" "$log" '^sepc [0-9a-f]{16} sstatus [0-9a-f]{16} scause 000000000000000f stval ffffffd0'
check "stack overflow: failure power-off" "$log" 'end Kernel panic: powering off with failure'
if [ "$RC" != 0 ] && [ "$RC" != 124 ]; then ok "stack overflow: QEMU exits non-zero ($RC)"; else not_ok "stack overflow: QEMU exits non-zero" "rc=$RC"; fi

log=$LOGDIR/panic-null.log
boot "$log" -n -a "crash=null"
check "null store: reported as a user-half access outside uaccess" "$log" 'kernel access to user memory outside uaccess \(store/AMO page fault at 8, pc ffffffc0[0-9a-f]+\)$'
check "null store: backtrace from the faulting function" "$log" '^  [0-9a-f]{16} crash_null\+0x[0-9a-f]+$'
check "null store: backtrace reaches kmain_late" "$log" '^  [0-9a-f]{16} (kmain_late|kmain_late_trampoline|selftest_crash)\+0x[0-9a-f]+$'
check "null store: registers" "$log" '^ ra [0-9a-f]{16}   sp [0-9a-f]{16}   gp [0-9a-f]{16}   tp [0-9a-f]{16}$'
if [ "$RC" != 0 ] && [ "$RC" != 124 ]; then ok "null store: QEMU exits non-zero ($RC)"; else not_ok "null store: QEMU exits non-zero" "rc=$RC"; fi

log=$LOGDIR/panic-wild.log
boot "$log" -n -a "crash=wild"
check "wild kernel store: cause and address" "$log" 'kernel exception: store/AMO page fault \(scause 15\) at ffffffc0[0-9a-f]+, stval ffffffe0fffff000$'
check "wild kernel store: backtrace" "$log" '^  [0-9a-f]{16} selftest_crash\+0x[0-9a-f]+$'
if [ "$RC" != 0 ] && [ "$RC" != 124 ]; then ok "wild kernel store: QEMU exits non-zero ($RC)"; else not_ok "wild kernel store: QEMU exits non-zero" "rc=$RC"; fi

log=$LOGDIR/panic-explicit.log
boot "$log" -n -s 2 -a "crash=panic"
check "panic(): message" "$log" 'Kernel panic on hart [01] \(cpu 0, tid 0\): selftest: panic requested$'
check "panic(): backtrace" "$log" '^  [0-9a-f]{16} selftest_crash\+0x[0-9a-f]+$'
if [ "$RC" != 0 ] && [ "$RC" != 124 ]; then ok "panic(): QEMU exits non-zero ($RC)"; else not_ok "panic(): QEMU exits non-zero" "rc=$RC"; fi
finish
