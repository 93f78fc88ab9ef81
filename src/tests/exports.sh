#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# exports.sh LIBPOXAUTH.so POXAUTH.H SOVERSION: the shared library's dynamic
# symbols are exactly the functions the header declares POXAUTH_API (no
# internal px_* helper, no expat symbol), and its SONAME carries SOVERSION.
set -euo pipefail
lib=$1 header=$2 soversion=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# Defined, exported symbols (code and data).
nm -D --defined-only "$lib" | awk '{print $NF}' | sort -u > "$tmp/exported"
# Declarations: join the header into statements, keep the POXAUTH_API ones,
# take the name before the parameter list.
tr '\n' ' ' < "$header" | tr ';' '\n' | grep 'POXAUTH_API' |
  sed -nE 's/.*[ *](poxauth_[a-z0-9_]+)[ ]*\(.*/\1/p' | sort -u > "$tmp/declared"
if [ ! -s "$tmp/declared" ]; then
  echo "exports: no POXAUTH_API declaration found in $header" >&2
  exit 1
fi
if grep -v '^poxauth_' "$tmp/exported" > "$tmp/foreign"; then
  echo "exports: symbols outside poxauth_*:" >&2
  sed 's/^/  /' "$tmp/foreign" >&2
  fail=1
fi
if ! diff -u "$tmp/declared" "$tmp/exported" > "$tmp/diff"; then
  echo "exports: the header's API (-) and the library's symbols (+) differ:" >&2
  cat "$tmp/diff" >&2
  fail=1
fi
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
if [ "$soname" != "libpoxauth.so.$soversion" ]; then
  echo "exports: SONAME is '$soname', expected libpoxauth.so.$soversion" >&2
  fail=1
fi
n=$(wc -l < "$tmp/exported")
if [ "$fail" -eq 0 ]; then
  echo "exports: $n symbols, all poxauth_*, all declared; SONAME $soname"
fi
exit "$fail"
