#!/bin/sh
# gen_ksyms.sh ELF NM > ksyms.S - the text symbols of ELF, sorted, as an assembler table.
# With ELF "-", emits an empty table (first link pass).
set -eu
elf=$1
nm=${2:-riscv64-unknown-elf-nm}
{
	if [ "$elf" != "-" ]; then
		"$nm" -n "$elf" | awk '$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 !~ /^\$/ { print $1, $3 }'
	fi
} | awk '
BEGIN { n = 0 }
{ if ($1 == last) next; addr[n] = $1; name[n] = $2; last = $1; n++ }
END {
	print "\t.section .rodata.ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl ksyms_count\nksyms_count:\n\t.quad " n
	print "\t.globl ksyms_addrs\nksyms_addrs:"
	for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
	print "\t.globl ksyms_offs\nksyms_offs:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
	print "\t.globl ksyms_names\nksyms_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
	if (n == 0) print "\t.byte 0"
}'
