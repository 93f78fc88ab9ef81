#!/bin/sh
# SPDX-License-Identifier: MIT
# manifest-current.sh RUNNER MANIFEST: the committed MANIFEST is current.
set -u
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
"$1" --manifest "$tmp" || exit 1
if ! cmp -s "$tmp" "$2"; then
  diff "$2" "$tmp" | head -20
  echo "MANIFEST is stale: run poxauth-conformance --manifest conformance/MANIFEST"
  exit 1
fi
echo "MANIFEST current ($(grep -vc '^#' "$2") cases)"
