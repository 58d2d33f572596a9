#!/bin/bash
# fmt.sh [--check|--tap] - format the tracked C sources with the committed .clang-format;
# --check only reports files that would change (exit 1 if any); --tap reports it as a TAP line.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h')
if [ "${1:-}" = --tap ]; then
	# One TAP line for the whole tree (a test suite of make test).
	bad=$("$0" --check || true)
	if [ -z "$bad" ]; then echo "ok 1 - every C file is formatted (.clang-format)"; else
		echo "not ok 1 - every C file is formatted (.clang-format)"; echo "$bad" | sed 's/^/#   /'; fi
	[ -z "$bad" ]
	exit
fi
if [ "${1:-}" = --check ]; then
	bad=0
	for f in "${files[@]}"; do
		if ! clang-format --style=file "$f" | cmp -s - "$f"; then echo "needs formatting: $f"; bad=1; fi
	done
	exit $bad
fi
clang-format --style=file -i "${files[@]}"
