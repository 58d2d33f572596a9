#!/bin/bash
# qemu.sh - the one QEMU command line of Kestrel (make run, make gdb, make judge and the tests).
# Its base is the competition's riscv64 command line (docs/judge.md); options vary only what the
# tests need to vary.
#
# Usage: scripts/qemu.sh [options] [-- extra qemu args]
#   -k KERNEL     kernel ELF (default: kernel-rv)
#   -b BIOS       default (QEMU's own OpenSBI), dynamic, jump (Debian's fw_*.bin), or a path
#   -s SMP        harts (default 1)            -m MEM   memory (default 1G)
#   -a ARGS       kernel command line (-append; none by default, as in the judge)
#   -i INITRD     initramfs (-initrd)          -d DISK  raw disk for virtio-mmio-bus.0
#   -e DISK2      second disk on virtio-mmio-bus.1
#   -n            no network device            -g PORT  gdbstub on PORT, CPUs halted (-S)
#   -t SECONDS    wall-clock limit (timeout; exit 124 when hit)
#   -p            print the command line to stderr before running it
set -euo pipefail

KERNEL=kernel-rv BIOS=default SMP=1 MEM=1G APPEND= INITRD= DISK= DISK2= NET=1 GDB= TIMEOUT= PRINT=0
while getopts "k:b:s:m:a:i:d:e:ng:t:ph" o; do
	case $o in
	k) KERNEL=$OPTARG ;; b) BIOS=$OPTARG ;; s) SMP=$OPTARG ;; m) MEM=$OPTARG ;;
	a) APPEND=$OPTARG ;; i) INITRD=$OPTARG ;; d) DISK=$OPTARG ;; e) DISK2=$OPTARG ;;
	n) NET=0 ;; g) GDB=$OPTARG ;; t) TIMEOUT=$OPTARG ;; p) PRINT=1 ;;
	*) sed -n '2,17p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

FWDIR=/usr/lib/riscv64-linux-gnu/opensbi/generic
case $BIOS in
default) FW=default ;;
dynamic) FW=$FWDIR/fw_dynamic.bin ;;
jump) FW=$FWDIR/fw_jump.bin ;;
*) FW=$BIOS ;;
esac

cmd=(qemu-system-riscv64 -machine virt -kernel "$KERNEL" -m "$MEM" -nographic -smp "$SMP"
	-bios "$FW")
if [ -n "$DISK" ]; then
	cmd+=(-drive "file=$DISK,if=none,format=raw,id=x0"
		-device virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0)
fi
if [ -n "$DISK2" ]; then
	cmd+=(-drive "file=$DISK2,if=none,format=raw,id=x1"
		-device virtio-blk-device,drive=x1,bus=virtio-mmio-bus.1)
fi
cmd+=(-no-reboot)
if [ "$NET" = 1 ]; then
	cmd+=(-device virtio-net-device,netdev=net -netdev user,id=net)
fi
cmd+=(-rtc base=utc)
[ -n "$APPEND" ] && cmd+=(-append "$APPEND")
[ -n "$INITRD" ] && cmd+=(-initrd "$INITRD")
[ -n "$GDB" ] && cmd+=(-S -gdb "tcp::$GDB")
cmd+=("$@")
[ -n "$TIMEOUT" ] && cmd=(timeout --foreground "$TIMEOUT" "${cmd[@]}")
[ "$PRINT" = 1 ] && echo "${cmd[*]}" >&2
exec "${cmd[@]}"
