#!/bin/sh
# SPDX-License-Identifier: MIT
# man-options.sh RUNNER MANPAGE: the man page lists exactly the options of
# --help, and renders without warnings when man is installed.
set -u
conf=$1 page=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$conf" --help | grep '^  -' | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/help"
# The tagged paragraphs of OPTIONS: the line after each .TP.
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | awk 'p { print; p = 0 } /^\.TP/ { p = 1 }' |
  sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/man"
if ! cmp -s "$tmp/help" "$tmp/man"; then
  echo "man page and --help differ (< --help, > man page):"
  diff "$tmp/help" "$tmp/man"
  exit 1
fi
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -z "$page" 2> "$tmp/warn"
  if [ -s "$tmp/warn" ]; then cat "$tmp/warn"; exit 1; fi
fi
echo "ok: $(wc -l < "$tmp/help") options in both"
