#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/format-check.sh [-i]: every tracked .c and .h file is formatted as
# .clang-format says; lists the files that are not.  -i reformats them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. ci/lib/deps.sh
ensure_packages clang-format git
fix=0
[ "${1:-}" = -i ] && fix=1
mapfile -t files < <(git ls-files -- '*.c' '*.h')
[ ${#files[@]} -gt 0 ] || { echo "format-check: no tracked .c/.h file (not a git checkout?)" >&2; exit 1; }
if [ "$fix" = 1 ]; then
  clang-format -i "${files[@]}"
  echo "format-check: ${#files[@]} files formatted"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" > /dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "format-check: not formatted with .clang-format (fix: bash ci/format-check.sh -i):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format-check: ${#files[@]} files formatted as .clang-format says"
