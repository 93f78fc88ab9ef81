#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# man_api.sh POXAUTH.H PAGE: every poxauth_* and POXAUTH_* name that the
# API man page uses exists in the header, so the page cannot name a
# function, type, field or constant that is gone or misspelt; and the
# default limits it gives are the header's POXAUTH_DEFAULT_* values.
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
# The default limits the page states are the header's.
defaults=0
if command -v man > /dev/null; then
  text=$(MANWIDTH=500 man -l "$page" 2> /dev/null | tr -s ' \n' '  ')
  while read -r macro value; do
    field=$(echo "${macro#POXAUTH_DEFAULT_}" | tr 'A-Z' 'a-z')
    case $value in
      '((size_t)1 << 20)') want="1 MiB" ;;
      *) want=$(echo "$value" | tr -dc '0-9') ;;
    esac
    defaults=$((defaults + 1))
    case $text in
      *"$field ($want)"*) ;;
      *)
        echo "man-api: $(basename "$page") does not give $field's default as ($want), the header's $value" >&2
        missing=$((missing + 1))
        ;;
    esac
  done < <(sed -nE 's/^#define (POXAUTH_DEFAULT_[A-Z_]+) (.*)$/\1 \2/p' "$header")
fi
echo "man-api: $n names in $(basename "$page"), $defaults default limits, $missing unknown or wrong"
[ "$missing" -eq 0 ]
