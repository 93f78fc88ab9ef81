#!/bin/sh
# SPDX-License-Identifier: MIT
# The poxauth tool's contract: output formats, exit codes (0 conformant,
# 1 violations, 2 rejected, 64 usage, 66 unreadable) and FILE:LINE:COLUMN.
# usage: tool_cli.sh POXAUTH DATA_DIR
tool=$1
data=$2
tmp=${TMPDIR:-/tmp}/poxauth-cli.$$
passed=0
failed=0
trap 'rm -f "$tmp".*' EXIT

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# run EXPECTED_EXIT ARGS... : output in $tmp.out, stderr in $tmp.err
run() {
  want=$1
  shift
  "$tool" "$@" >"$tmp.out" 2>"$tmp.err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "exit $got, want $want: $*"; cat "$tmp.out" "$tmp.err" >&2; fi
}

has() {
  if grep -q -- "$1" "$tmp.out" "$tmp.err"; then ok; else bad "no '$1' in output of the last run"; cat "$tmp.out" >&2; fi
}

hasnt() {
  if grep -q -- "$1" "$tmp.out"; then bad "unexpected '$1'"; else ok; fi
}

# The acceptance response: EXCH(kerbntlm), EXPR(Negotiate, 73C083E3),
# EXHTTP(basic), WEB(ntlm), no X-ClientCanHandle.
run 1 --format canonical "$data/acceptance.xml"
cat >"$tmp.want" <<'WANT'
poxauth-canonical 1
kind settings
protocol 0 EXCH kerbntlm yes
protocol 1 EXPR negotiate yes
protocol 2 EXHTTP basic yes
protocol 3 WEB ntlm no
finding 1 negotiate-unrequested violation
finding 1 value-case note
finding 2 build-assumed note
finding 2 exhttp-unrequested violation
finding 3 not-applicable note
end
WANT
if cmp -s "$tmp.out" "$tmp.want"; then ok; else bad "acceptance canonical output"; diff "$tmp.want" "$tmp.out" >&2; fi

run 0 --format canonical --client-can-handle 'Negotiate,ExHttpInfo' "$data/acceptance.xml"
hasnt violation
has "protocol 0 EXCH kerbntlm yes"

# Text output names FILE:LINE:COLUMN and hints.
run 1 "$data/acceptance.xml"
has "acceptance.xml:14:9: violation negotiate-unrequested \[VER-1\] protocol 1"
has "hint: "
has "2 violations, 3 notes"

# Standard input, JSON.
"$tool" --format json - <"$data/acceptance.xml" >"$tmp.out" 2>"$tmp.err"
if [ $? -eq 1 ]; then ok; else bad "json from stdin exit"; fi
has '"file":"<stdin>"'
has '"code":"negotiate-unrequested","rule":"VER-1","severity":"violation","protocol":1'
has '"x_client_can_handle":null'
run 1 --format json --client-can-handle '' "$data/acceptance.xml"
has '"x_client_can_handle":\[""\]'
# Bytes from argv that are not UTF-8 still give valid JSON.
run 1 --format json --client-can-handle "$(printf 'a\377b\303\251')" "$data/acceptance.xml"
has '"x_client_can_handle":\["a\\ufffdb'"$(printf '\303\251')"'"\]'

# DOCTYPEs are rejected, whatever they declare; nothing is expanded.
for f in entity-bomb system-entity external-entity; do
  run 2 "$data/$f.xml"
  has "$f.xml:[0-9]*:[0-9]*: rejected (doctype)"
  hasnt root
  run 2 --format canonical "$data/$f.xml"
  has "reject doctype"
done

# Limits from the command line.
run 2 --format canonical --max-depth 3 "$data/acceptance.xml"
has "reject limit depth"
run 2 --format canonical --max-input-bytes 64 "$data/acceptance.xml"
has "reject limit input-bytes"

# Profiles and builds.
run 0 --format canonical --profile oxdscli --server-build 15.0.995.13 "$data/acceptance.xml"
has "protocol 2 EXHTTP basic yes"

# The default profile union accepts what Exchange Online sends, with a
# note naming the one source of anonymous; pox does not [PRO-3].
run 0 "$data/exchange-online.xml"
has "profile union, --profile union|pox|oxdscli chooses"
has "note value-one-source \[PRO-3\] protocol 0"
has "MS-OXDSCLI"
run 1 --format canonical --profile pox "$data/exchange-online.xml"
has "finding 0 value-unknown violation"
# An ActiveSync response is no broken Outlook one [KND-4].
run 0 --format canonical "$data/activesync.xml"
has "kind mobilesync"
# A UTF-8 BOM with a Latin-1 declaration is rejected [REJ-5].
run 2 "$data/utf8-bom-latin1.xml"
has "rejected (unsupported-encoding)"

# Several files: the worst status wins.
run 2 "$data/acceptance.xml" "$data/entity-bomb.xml"
run 66 "$data/acceptance.xml" "$data/no-such-file.xml"
has "no-such-file.xml"

# Usage errors.
run 64 --bogus
run 64 --profile nope "$data/acceptance.xml"
run 64 --server-build 15.0.x "$data/acceptance.xml"
run 64 --server-build "" "$data/acceptance.xml"
run 64 --format xml "$data/acceptance.xml"
run 64 --max-depth -1 "$data/acceptance.xml"
run 64 --client-can-handle
run 0 --help
has "usage: poxauth"
run 0 --version
has "poxauth [0-9]"

echo "tool-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
