#!/bin/bash
# make gdb's pieces work: QEMU halted with its gdbstub, gdb-multiarch with the kernel's symbols,
# a breakpoint on a kernel function, and a backtrace through the boot path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command -v gdb-multiarch >/dev/null || { skip "gdb backtrace" "no gdb-multiarch"; finish; exit; }

port=$(( $(id -u) % 5000 + 30000 + $$ % 1000 ))
qlog=$LOGDIR/gdb-qemu.log
glog=$LOGDIR/gdb.log
"$TOP/scripts/qemu.sh" -k "$TOP/kernel-rv" -n -g "$port" -t 60 </dev/null >"$qlog" 2>&1 &
qpid=$!
sleep 1
timeout 60 gdb-multiarch -nx -batch \
	-ex "set architecture riscv:rv64" -ex "file $TOP/kernel-rv" \
	-ex "target remote localhost:$port" -ex "break uart_init" -ex "continue" \
	-ex "bt" -ex "print/x board.uart.mmio.base" -ex "kill" >"$glog" 2>&1 || true
kill "$qpid" 2>/dev/null || true
wait "$qpid" 2>/dev/null || true
check "gdb: breakpoint at uart_init hit" "$glog" '^Breakpoint 1, uart_init \(\) at drivers/uart/ns16550\.c:[0-9]+$'
check "gdb: backtrace frame 1 is the boot path" "$glog" '^#1 .*(kmain_late|kmain_late_trampoline)'
check "gdb: kernel data readable with symbols" "$glog" '^\$1 = 0x10000000$'

# The same through `make gdb` itself (generated .gdbinit, QEMU started by the target).
mlog=$LOGDIR/make-gdb.log
timeout 90 make -C "$TOP" --no-print-directory gdb GDBPORT=$((port + 1)) \
	GDB_ARGS='-batch -ex "break plic_init" -ex continue -ex bt -ex kill' </dev/null >"$mlog" 2>&1 || true
check "make gdb: .gdbinit generated with the port" "$TOP/.gdbinit" "^target remote localhost:$((port + 1))$"
check "make gdb: breakpoint hit" "$mlog" '^Breakpoint 1, plic_init \(\) at drivers/irq/plic\.c:[0-9]+$'
check "make gdb: backtrace through kmain" "$mlog" '^#[12] .*kmain'
finish
