#!/bin/sh
# SPDX-License-Identifier: MIT
# fuzz-export.sh RUNNER DIR: one seed per case, flags byte first.
set -u
rm -rf "$2"
"$1" --fuzz-corpus "$2" || exit 1
cases=$(grep -vc '^#' "$(dirname "$0")/../MANIFEST")
seeds=$(ls "$2" | wc -l)
[ "$seeds" -eq "$cases" ] || { echo "want $cases seeds, got $seeds"; exit 1; }
# reject/empty-input: flags 0, nothing else.
[ "$(od -An -tx1 "$2/reject__empty-input" | tr -d ' \n')" = 00 ] || { echo "bad empty seed"; exit 1; }
# header/two... : flags 2, n = 1 (two lines), "Negotiate", "ExHttpInfo".
od -An -c "$2/version-negotiate__ntlm--two-lines--none" | head -2
echo ok
