#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# man_pages.sh DIR: every page DIR/*.[1-9] renders without a warning
# (groff -ww, the man macros) and through man -l.  Needs groff-base and
# man-db (Debian); exit 77 (skipped) when they are missing.
set -uo pipefail
dir=$1
for tool in groff man; do
  if ! command -v "$tool" > /dev/null; then
    echo "man-pages: $tool missing (Debian packages groff-base, man-db): skipped"
    exit 77
  fi
done
shopt -s nullglob
pages=("$dir"/*.[1-9])
if [ ${#pages[@]} -eq 0 ]; then
  echo "man-pages: no page in $dir" >&2
  exit 1
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
passed=0 failed=0
for page in "${pages[@]}"; do
  name=$(basename "$page")
  ok=1
  # -ww: every warning; -z: no output, only the diagnostics.
  if ! LC_ALL=C.UTF-8 groff -ww -z -b -t -man -Tutf8 "$page" > "$tmp" 2>&1 || [ -s "$tmp" ]; then
    echo "man-pages: $name: groff warns:" >&2
    sed 's/^/  /' "$tmp" >&2
    ok=0
  fi
  if ! MANWIDTH=80 MAN_KEEP_FORMATTING=0 LC_ALL=C.UTF-8 man --warnings -l "$page" > "$tmp" 2> "$tmp.err" ||
    [ -s "$tmp.err" ] || [ ! -s "$tmp" ]; then
    echo "man-pages: $name: man -l fails or warns:" >&2
    sed 's/^/  /' "$tmp.err" >&2
    ok=0
  fi
  rm -f "$tmp.err"
  if [ "$ok" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "man-pages: ${#pages[@]} page(s) in $dir"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
