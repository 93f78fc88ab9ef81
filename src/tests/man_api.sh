#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# man_api.sh POXAUTH.H PAGE: every poxauth_* and POXAUTH_* name that the
# API man page uses exists in the header, so the page cannot name a
# function, type, field or constant that is gone or misspelt.
set -euo pipefail
header=$1 page=$2
missing=0 n=0
for name in $(grep -oE '(poxauth|POXAUTH)_[A-Za-z0-9_]+' "$page" | sort -u); do
  n=$((n + 1))
  if ! grep -qw -- "$name" "$header"; then
    echo "man-api: $(basename "$page") names $name, which $(basename "$header") does not declare" >&2
    missing=$((missing + 1))
  fi
done
echo "man-api: $n names in $(basename "$page"), $missing unknown"
[ "$missing" -eq 0 ]
