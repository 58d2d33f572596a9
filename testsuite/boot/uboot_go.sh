#!/bin/bash
# The VisionFive2 competition flow, on QEMU virt: OpenSBI (Debian's fw_jump.bin) starts U-Boot in
# S-mode (Debian's u-boot-qemu), its autoboot is interrupted, the raw image (`make image`, staged
# in RAM by QEMU's loader device) is copied to 0x80200000 and started with `go 0x80200000`.
# Under `go`, a0/a1 hold argc/argv: Kestrel must use its built-in tree and take the hart id from
# tp. Skips when u-boot-qemu is neither installed nor installable.
#
# Usage: testsuite/boot/uboot_go.sh [IMAGE]
#   IMAGE   raw kernel binary built for BOARD=qemu-virt (default: `make BOARD=qemu-virt image`,
#           which writes build/kernel-qemu-virt.bin). Serial log: $LOGDIR/uboot-go.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$TOP"

UBOOT=/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin
FWJUMP=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
STAGE_PA=0x84000000 # where QEMU's loader puts the image: U-Boot's kernel_addr_r, unused here
LOAD_PA=0x80200000
QEMU_LIMIT=60       # seconds for the whole run
STEP_LIMIT=20       # seconds for any one expected output

# verdict NAME RESULT [diagnostic lines...]: RESULT 0 is a pass.
verdict() {
	local name=$1 res=$2
	shift 2
	if [ "$res" = 0 ]; then
		ok "$name"
	else
		not_ok "$name"
		for line in "$@"; do echo "#   $line"; done
	fi
}

# Debian's S-mode U-Boot for QEMU riscv64; install it when we may.
if [ ! -f "$UBOOT" ]; then
	SUDO=
	if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
	if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
		export DEBIAN_FRONTEND=noninteractive
		$SUDO apt-get install -y -qq --no-install-recommends u-boot-qemu >/dev/null 2>&1 ||
			{ $SUDO apt-get update -qq >/dev/null 2>&1 &&
				$SUDO apt-get install -y -qq --no-install-recommends u-boot-qemu \
					>/dev/null 2>&1; } || true
	fi
	if [ ! -f "$UBOOT" ]; then
		skip "uboot_go" "u-boot-qemu is not installed and cannot be installed here"
		finish
		exit 0
	fi
fi

if [ $# -ge 1 ]; then
	IMAGE=$1
else
	make --no-print-directory -s BOARD=qemu-virt image >&2
	IMAGE=build/kernel-qemu-virt.bin
fi
if [ ! -f "$FWJUMP" ] || [ ! -f "$IMAGE" ]; then
	not_ok "uboot_go: inputs" "$FWJUMP (package opensbi) or $IMAGE missing"
	finish
	exit 1
fi
SIZE=$(stat -c %s "$IMAGE")
SIZE_HEX=$(printf '%#x' "$SIZE")

log=$LOGDIR/uboot-go.log
: >"$log"
work=$(mktemp -d)
qpid=
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
		kill "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/in"
# Opened read-write: the open does not block, and QEMU never sees EOF on its console.
exec 3<>"$work/in"
"$TOP/scripts/qemu.sh" -k "$UBOOT" -b "$FWJUMP" -s 1 -m 1G -n -t "$QEMU_LIMIT" -- \
	-device "loader,file=$IMAGE,addr=$STAGE_PA,force-raw=on" <&3 >"$log" 2>&1 3>&- &
qpid=$!

# The console after byte offset $mark (CR stripped); expect PATTERN waits there, bounded.
mark=0
since_mark() { tail -c "+$((mark + 1))" "$log" | tr -d '\r'; }
expect() {
	local end=$((SECONDS + STEP_LIMIT))
	until since_mark | grep -qF -- "$1"; do
		if ! kill -0 "$qpid" 2>/dev/null || [ "$SECONDS" -ge "$end" ]; then
			return 1
		fi
		sleep 0.1
	done
}
# send LINE: type it at U-Boot's prompt; later expectations look only at what follows.
send() {
	mark=$(stat -c %s "$log")
	printf '%s\n' "$1" >&3
}
tail_log() { tail -n "$1" "$log" | tr -d '\r'; }

# Interrupt autoboot (any key) and reach the prompt.
res=1
if expect "Hit any key to stop autoboot"; then
	mark=$(stat -c %s "$log")
	printf ' ' >&3
	expect "=> " && res=0
fi
mapfile -t d < <(tail_log 20)
verdict "uboot_go: U-Boot prompt, autoboot stopped" "$res" "${d[@]}"
if [ "$res" != 0 ]; then
	finish || true
	exit 1
fi

# U-Boot has relocated itself to the top of RAM, clear of the staged and the copied image, and
# none of the ranges it still reserves (lmb) overlaps them.
send bdinfo
expect "=> " || true
bd=$(since_mark)
reloc=$(sed -n 's/^relocaddr *= *\(0x[0-9a-fA-F]*\).*/\1/p' <<<"$bd")
res=1
why=("relocaddr not found in bdinfo")
if [ -n "$reloc" ]; then
	res=0
	why=("relocaddr $reloc")
	hi=$((STAGE_PA > LOAD_PA ? STAGE_PA + SIZE : LOAD_PA + SIZE))
	if [ $((reloc)) -lt $hi ]; then
		res=1
		why+=("U-Boot is not above the image ($(printf '%#x' $hi))")
	fi
	while read -r lo end; do
		for base in $STAGE_PA $LOAD_PA; do
			if [ $((lo)) -lt $((base + SIZE)) ] && [ $((end)) -ge $((base)) ]; then
				res=1
				why+=("U-Boot reserves $lo-$end, over $(printf '%#x' "$base")+$SIZE_HEX")
			fi
		done
	done < <(sed -n 's/^ *reserved\[[0-9]*\][[:space:]]*\[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\].*/\1 \2/p' <<<"$bd")
fi
verdict "uboot_go: U-Boot relocated to the top of RAM ($reloc), clear of the image" "$res" "${why[@]}"

# Copy the image to its load address, as loady/tftpboot put it there on the board.
send "cp.b $STAGE_PA $LOAD_PA $SIZE_HEX"
expect "=> " || true
send "cmp.b $STAGE_PA $LOAD_PA $SIZE_HEX"
res=1
expect "=> " && since_mark | grep -q "Total of $SIZE byte(s) were the same" && res=0
mapfile -t d < <(since_mark)
verdict "uboot_go: $SIZE_HEX bytes copied to $LOAD_PA" "$res" "${d[@]}"

# go; Kestrel powers the machine off (or the time limit ends QEMU: 124).
send "go $LOAD_PA"
set +e
wait "$qpid"
qrc=$?
set -e
qpid=
out=$(since_mark)
mapfile -t d < <(tail_log 40)

boot_hart=$(tr -d '\r' <"$log" | sed -n 's/^Boot HART ID *: *\([0-9]*\).*/\1/p' | head -n 1)
kernel_hart=$(sed -n 's/^Kestrel [0-9.]* (riscv64) booting on hart \([0-9]*\)$/\1/p' <<<"$out" |
	head -n 1)
res=1
[ -n "$boot_hart" ] && [ "$kernel_hart" = "$boot_hart" ] && res=0
verdict "uboot_go: hart id from tp (Kestrel: ${kernel_hart:-?}, OpenSBI's boot hart: ${boot_hart:-?})" \
	"$res" "${d[@]}"

res=1
grep -Eq '^dt: built-in at [0-9a-f]+, [0-9]+ bytes, model "riscv-virtio,qemu"$' <<<"$out" && res=0
verdict "uboot_go: built-in device tree (no tree in a1 under go)" "$res" "${d[@]}"

res=1
grep -Eq '^Kestrel: boot complete in [0-9]+ us$' <<<"$out" && res=0
verdict "uboot_go: boot complete" "$res" "${d[@]}"

# This OpenSBI reports a failure power-off to QEMU as a success: look for a panic as well.
res=0
grep -q "Kernel panic" <<<"$out" && res=1
verdict "uboot_go: no kernel panic" "$res" "${d[@]}"

res=1
[ "$qrc" = 0 ] && res=0
verdict "uboot_go: QEMU exits 0 after SBI shutdown (status $qrc)" "$res" "${d[@]}"
finish
