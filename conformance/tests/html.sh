#!/bin/sh
# SPDX-License-Identifier: MIT
# html.sh RUNNER TOOL [chromium]: the HTML page of the reference, the tool
# and an adapter that fails some cases counts only what ran, per
# implementation and per rule, and is rebuilt byte for byte from --json.
# With "chromium": the page fits a 1,400-pixel window with every cell
# open, and the filters show the right rows (exit 77, skipped, without a
# chromium binary).
set -u
conf=$1 tool=$2 mode=${3:-}
here=$(dirname "$0")
. "$here/impl-word.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "html.sh: $*"; exit 1; }
if [ "$mode" = chromium ]; then
  command -v chromium >/dev/null || { echo "chromium not installed: skipped"; exit 77; }
fi
"$conf" --reference --impl "$(impl_word "$tool") --format canonical" --name tool \
  --impl "sh $(impl_word "$here/wrong-value.sh") $(impl_word "$tool")" --name wrong-value \
  --run 'value/*' --run 'reject/*' --jobs 2 \
  --json "$tmp/r.json" --html "$tmp/r.html" > "$tmp/out" 2>&1
[ $? -eq 1 ] || fail "want exit status 1 (wrong-value fails)"
cases=$("$conf" --run 'value/*' --run 'reject/*' --list | wc -l)
np=$("$conf" --version | sed -n 's/^profiles: //p' | wc -w)
runs=$((np * cases))
bad=$(grep -c '^FAIL .*(wrong-value)' "$tmp/out")
[ "$bad" -gt 0 ] || fail "wrong-value failed nothing"
# The summary row of each implementation: name, level, ran, pass, fail.
row() { grep -o "<tr><td title=\"[^\"]*\">$1</td><td>[^<]*</td><td>[0-9]*</td><td>[0-9]*</td><td[^>]*>[0-9]*</td>" "$tmp/r.html" | sed 's/<[^>]*>/ /g' | awk '{print $(NF-2), $(NF-1), $NF}'; }
[ "$(row reference)" = "$runs $runs 0" ] || fail "reference row: $(row reference), want $runs $runs 0"
[ "$(row tool)" = "$runs $runs 0" ] || fail "tool row: $(row tool)"
[ "$(row wrong-value)" = "$runs $((runs - bad)) $bad" ] || fail "wrong-value row: $(row wrong-value), want $runs $((runs - bad)) $bad"
[ "$(grep -c '<tr data-c=' "$tmp/r.html")" -eq "$runs" ] || fail "want $runs rows"
grep -q "$cases of [0-9]* cases: --run value/\* --run reject/\*" "$tmp/r.html" || fail "the selection is not recorded"
grep -q '<dt>level</dt><dd>full</dd>' "$tmp/r.html" || fail "the level is not recorded"
grep -q '<dt>corpus</dt><dd>version [0-9a-f]\{16\}' "$tmp/r.html" || fail "the corpus version is not recorded"
grep -q '<td>VAL-1</td><td class="pass">[0-9]*/[0-9]*</td><td class="pass">[0-9]*/[0-9]*</td><td class="fail">' "$tmp/r.html" \
  || fail "no per-rule pass counts for VAL-1"
"$conf" --html-from-json "$tmp/r.json" --html "$tmp/again.html" || fail "--html-from-json failed"
cmp -s "$tmp/r.html" "$tmp/again.html" || fail "the page rebuilt from --json differs"
echo "ok: counts ($runs runs, wrong-value $bad failures), rebuilt from JSON"
[ "$mode" = chromium ] || exit 0

# In a 1,400-pixel window, with every cell open and each filter applied,
# the page must not scroll sideways and must show the expected rows.
probe='<script>document.querySelectorAll("details").forEach(function(d){d.open=true});
var fi=document.getElementById("fi"),fo=document.getElementById("fo"),r=[];
function n(i,o){fi.value=i;fo.value=o;f();return document.getElementById("shown").textContent;}
r.push(n("2","fail"),n("0","fail"),n("all","all"));
document.title="W="+document.documentElement.scrollWidth+" C="+document.documentElement.clientWidth+" R="+r.join(",");</script>'
sed "s#</body>#$(printf '%s' "$probe" | tr '\n' ' ')</body>#" "$tmp/r.html" > "$tmp/probe.html"
title=$(chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --no-first-run --user-data-dir="$tmp/profile" --window-size=1400,900 --dump-dom \
  "file://$tmp/probe.html" 2>/dev/null | grep -o '<title>[^<]*</title>')
echo "chromium: $title"
w=$(printf '%s' "$title" | sed -n 's/.*W=\([0-9]*\) C=\([0-9]*\).*/\1 \2/p')
[ -n "$w" ] || fail "no measurement from chromium"
set -- $w
[ "$1" -le "$2" ] || fail "scrolls sideways: scrollWidth $1 > clientWidth $2"
printf '%s' "$title" | grep -q "R=$bad,0,$runs<" || fail "filters: want R=$bad,0,$runs"
echo "ok: fits 1,400 pixels, filters right"
