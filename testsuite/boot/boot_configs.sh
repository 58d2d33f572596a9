#!/bin/bash
# Boot Kestrel under every supported configuration and check the banner's facts and a clean
# power-off: the judge's command line (QEMU's own OpenSBI, a virtio-blk drive, network),
# Debian's fw_dynamic.bin and fw_jump.bin, one to four harts (OpenSBI picks the boot hart at
# random, so multi-hart configurations run twice).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
DISK=$(empty_disk)

for cfg in default:1 default:2 default:4 dynamic:1 dynamic:2 dynamic:3 dynamic:4 jump:1 jump:4; do
	bios=${cfg%%:*} smp=${cfg#*:}
	runs=1
	[ "$smp" -gt 1 ] && runs=2
	for r in $(seq "$runs"); do
		name="boot bios=$bios smp=$smp run=$r"
		log=$LOGDIR/boot-$bios-$smp-$r.log
		boot "$log" -b "$bios" -s "$smp" -d "$DISK"
		check_rc "$name: QEMU exits 0 after SBI shutdown" "$RC" 0
		hart=$(sed -n 's/^Kestrel [0-9.]* (riscv64) booting on hart \([0-9]*\)$/\1/p' "$log")
		if [ -n "$hart" ] && [ "$hart" -lt "$smp" ]; then
			ok "$name: banner names boot hart $hart"
		else
			not_ok "$name: banner names a valid boot hart" "got '$hart'"
		fi
		check "$name: device tree from firmware" "$log" '^dt: from firmware at [0-9a-f]+, [0-9]+ bytes, model "riscv-virtio,qemu"$'
		check "$name: memory 1 GiB at 0x80000000" "$log" '^memory: 80000000-c0000000 \(1024 MiB\)$'
		check "$name: OpenSBI's range reserved" "$log" '^reserved: 80000000-800[0-9a-f]{5}$'
		check "$name: timebase" "$log" '^timebase: 10000000 Hz'
		check "$name: uart" "$log" '^uart: ns16550a at 10000000 irq 10, reg-shift 0, reg-io-width 1$'
		check "$name: plic" "$log" '^plic: c000000, 9[56] sources$'
		n=$(grep -c '^virtio-mmio: 1000[1-8]000 irq [1-8]$' "$log" || true)
		if [ "$n" = 8 ]; then ok "$name: 8 virtio-mmio slots"; else not_ok "$name: 8 virtio-mmio slots" "saw $n"; fi
		n=$(grep -c '^hart [0-9]: isa rv64' "$log" || true)
		if [ "$n" = "$smp" ]; then ok "$name: $smp harts in the tree"; else not_ok "$name: $smp harts in the tree" "saw $n"; fi
		check "$name: plic context of hart 0 is 1" "$log" '^hart 0: isa [^,]*, plic context 1'
		check "$name: frames counted" "$log" '^frames: [0-9]+ free of [0-9]+ \((9|10)[0-9]{2} MiB\)$'
		check "$name: paging on" "$log" '^paging: kernel page table on'
		check "$name: timer" "$log" '^timer: (sstc|sbi), 100 Hz tick$'
		check "$name: all harts online" "$log" "^smp: $smp of $smp harts online$"
		check "$name: boot complete" "$log" '^Kestrel: boot complete in [0-9]+ us$'
		check_not "$name: no panic" "$log" 'panic'
	done
done
finish
