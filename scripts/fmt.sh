#!/bin/bash
# fmt.sh [--check] - format the tracked C sources with the committed .clang-format;
# --check only reports files that would change (exit 1 if any).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h')
if [ "${1:-}" = --check ]; then
	bad=0
	for f in "${files[@]}"; do
		if ! clang-format --style=file "$f" | cmp -s - "$f"; then echo "needs formatting: $f"; bad=1; fi
	done
	exit $bad
fi
clang-format --style=file -i "${files[@]}"
