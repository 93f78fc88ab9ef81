#!/bin/sh
# SPDX-License-Identifier: MIT
# tool-variants.sh RUNNER TOOL: a wrong-value adapter fails exactly the
# cases it breaks, and a reordering CRLF adapter passes everything.
set -u
conf=$1 tool=$2 here=$(dirname "$0")
. "$here/impl-word.sh"
fail() { echo "tool-variants.sh: $*"; exit 1; }
out=$("$conf" --impl "sh $(impl_word "$here/wrong-value.sh") $(impl_word "$tool")" --run 'value/ntlm-*' --run 'value/basic-*' --jobs 2 2>&1)
status=$?
printf '%s\n' "$out" | tail -5
[ "$status" -eq 1 ] || fail "wrong-value: exit status $status, want 1"
printf '%s\n' "$out" | grep -qx '24 passed, 24 failed' || fail "wrong-value: want '24 passed, 24 failed'"
printf '%s\n' "$out" | grep '^FAIL ' | grep -v 'value/ntlm-' && fail "wrong-value: a case without ntlm failed"
out=$("$conf" --impl "sh $(impl_word "$here/reorder.sh") $(impl_word "$tool")" --run 'build/*' --run 'realistic/*' --jobs 2 2>&1)
status=$?
printf '%s\n' "$out" | tail -5
[ "$status" -eq 0 ] || fail "reorder: exit status $status, want 0"
echo ok
