#!/bin/sh
# SPDX-License-Identifier: MIT
# cli.sh RUNNER TOOL MANIFEST: selection, levels, known failures and the
# usage errors of poxauth-conformance.
set -u
conf=$1 tool=$2 manifest=$3 here=$(dirname "$0")
. "$here/impl-word.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "cli.sh: $*"; exit 1; }
expect() { # STATUS COMMAND...: run, keep the output in $out
  want=$1; shift
  out=$("$@" 2>&1); got=$?
  [ "$got" -eq "$want" ] || { printf '%s\n' "$out" | tail -5; fail "$* exited $got, want $want"; }
}
qtool=$(impl_word "$tool")   # one word, wherever the build lives
tool_impl="$qtool --format canonical"
np=$("$conf" --version | sed -n 's/^profiles: //p' | wc -w)   # runs per case

# Usage errors: before any case runs, one line each.
expect 64 "$conf" --impl /nonexistent/adapter
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "nonexistent --impl: more than one line"
printf '%s\n' "$out" | grep -q 'cannot run' || fail "nonexistent --impl: no clear message"
printf '#!/bin/sh\n' > "$tmp/not-executable"; chmod 644 "$tmp/not-executable"
expect 64 "$conf" --impl "$(impl_word "$tmp/not-executable")"
# The word limit is 64 (README.md): 64 words are taken, 65 refused.
expect 0 "$conf" --impl "$qtool $(seq 1 63 | tr '\n' ' ')" --run value/ntlm-lower --list
expect 64 "$conf" --impl "$qtool $(seq 1 64 | tr '\n' ' ')"
printf '%s\n' "$out" | grep -q 'at most 64' || fail "long --impl: no word limit named"
expect 64 "$conf" --run nomatch
expect 64 "$conf" --skip nomatch
expect 64 "$conf" --rule NOPE-1
expect 64 "$conf" --tag no-such-tag
expect 64 "$conf" --run 'value/*' --tag doctype   # each matches, together nothing
expect 64 "$conf" --level most

# --rule selects exactly the cases that list the rule, at level values.
n=$(awk -F'\t' '!/^#/ && (" " $3 " ") ~ / VER-1 /' "$manifest" | wc -l)
expect 0 "$conf" --rule VER-1 --impl "$tool_impl" --level values --jobs 2
printf '%s\n' "$out" | grep -qx "$((np * n)) passed, 0 failed" || fail "--rule VER-1: want $((np * n)) runs"
printf '%s\n' "$out" | grep -q 'level values' || fail "--rule VER-1: the level is not named"
printf '%s\n' "$out" | grep -q 'reaches full (pox), full (oxdscli)' || fail "--rule VER-1: no level reached"
expect 0 "$conf" --rule=VER-1 --list
[ "$(printf '%s\n' "$out" | wc -l)" -eq "$n" ] || fail "--list: want $n lines"
expect 0 "$conf" --tag doctype --skip 'reject/doctype-plain' --list
printf '%s\n' "$out" | grep -q '^reject/doctype-plain' && fail "--skip did not leave the case out"

# Levels: without notes an implementation reaches violations, not full.
nn="sh $(impl_word "$here/nonotes.sh") $qtool"
expect 0 "$conf" --impl "$nn" --run 'value/*' --level violations --jobs 2
printf '%s\n' "$out" | grep -q 'reaches violations (pox), violations (oxdscli)' || fail "nonotes: want level violations reached"
expect 1 "$conf" --impl "$nn" --run 'value/*' --level full --jobs 2
printf '%s\n' "$out" | grep -q '^  reproduce: sh ' || fail "no reproduce line"

# Known failures: a listed case that fails is fine; one that passes fails.
wv="sh $(impl_word "$here/wrong-value.sh") $qtool"
printf '# wrong-value fails the ntlm cases\nfail value/ntlm-*\n' > "$tmp/known"
expect 0 "$conf" --impl "$wv" --run 'value/ntlm-*' --run 'value/basic-*' --skip-file "$tmp/known" --jobs 2
printf '%s\n' "$out" | grep -q 'known failures failed as listed' || fail "known failures not counted"
printf 'fail value/basic-lower\n' > "$tmp/known"
expect 1 "$conf" --impl "$wv" --run 'value/basic-lower' --skip-file "$tmp/known"
printf '%s\n' "$out" | grep -q '^UNEXPECTED-PASS value/basic-lower' || fail "no UNEXPECTED-PASS block"
printf 'fail value/no-such-case\n' > "$tmp/known"
expect 64 "$conf" --impl "$wv" --skip-file "$tmp/known"
# The coverage check takes its rules from the SPEC.md beside the corpus.
mkdir "$tmp/corpus"
cases=$("$conf" --version | sed -n 's/^corpus version [0-9a-f]*, [0-9]* cases in //p')
cp -R "$cases" "$tmp/corpus/cases"   # a symlink would make cases/.. the real one
{ cat "$cases/../SPEC.md"; printf '\n### NEW-9 A rule without a case\n'; } > "$tmp/corpus/SPEC.md"
expect 1 "$conf" --cases "$tmp/corpus/cases" --coverage-check
printf '%s\n' "$out" | grep -q '^rule .*NEW-9 .*MISSING' || fail "a new SPEC.md rule is not checked"
echo "ok"
