#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile.sh RUNNER FAKE: an adapter that writes terminal escapes
# (ESC [2J, an OSC title ended by BEL, a UTF-8 C1 CSI) on stdout and stderr;
# no byte of them may reach the text, TAP or JSON report raw.
set -u
conf=$1 fake=$2 here=$(dirname "$0")
. "$here/impl-word.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "hostile.sh: $*"; exit 1; }
"$conf" --impl "$(impl_word "$fake") hostile" --run 'value/ntlm-lower' --json "$tmp/r.json" \
  > "$tmp/out" 2>&1
[ $? -eq 1 ] || fail "want exit status 1"
"$conf" --impl "$(impl_word "$fake") hostile" --run 'value/ntlm-lower' --tap > "$tmp/tap" 2>&1
for f in out tap r.json; do
  # ESC, BEL and the two bytes of U+009B.
  if LC_ALL=C grep -q "$(printf '[\033\007]')" "$tmp/$f"; then fail "$f: raw ESC or BEL"; fi
  if LC_ALL=C grep -q "$(printf '\302\233')" "$tmp/$f"; then fail "$f: raw C1 CSI"; fi
done
grep -q '2J' "$tmp/out" || fail "the escaped stdout is not shown"
grep -q 'stderr:' "$tmp/out" || fail "stderr is not shown"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/r.json" || fail "invalid JSON"
fi
sed -n '1,20p' "$tmp/out"
echo "ok: no raw control bytes"
