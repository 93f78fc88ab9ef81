#!/bin/sh
# SPDX-License-Identifier: MIT
# signals.sh RUNNER FAKE: SIGTERM to a runner whose adapter hangs kills
# every adapter process and exits 143 after its report; a grandchild left
# in the background by an adapter that answered is killed with its group.
set -u
conf=$1 fake=$2 here=$(dirname "$0")
. "$here/impl-word.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "signals.sh: $*"; exit 1; }
alive() { # the noted pids still running (a zombie has ended)
  for f in "$tmp"/pids/*; do
    [ -e "$f" ] || continue
    state=$(sed 's/.*) //' "/proc/${f##*/}/stat" 2>/dev/null | cut -c1)
    [ -n "$state" ] && [ "$state" != Z ] && echo "${f##*/}"
  done
}
mkdir "$tmp/pids"
FAKE_PIDDIR=$tmp/pids "$conf" --impl "$(impl_word "$fake") hang" --run 'value/*' --jobs 2 \
  --timeout 60 --json "$tmp/r.json" > "$tmp/out" 2>&1 &
runner=$!
n=0
while [ "$(ls "$tmp/pids" | wc -l)" -lt 2 ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(ls "$tmp/pids" | wc -l)" -ge 2 ] || fail "the adapters did not start"
kill -TERM "$runner"
wait "$runner"
status=$?
tail -6 "$tmp/out"
[ "$status" -eq 143 ] || fail "exit status $status, want 143"
[ -s "$tmp/r.json" ] || fail "no JSON report written"
grep -q 'interrupted by signal 15' "$tmp/out" || fail "the summary does not say it was interrupted"
sleep 0.2
left=$(alive)
[ -z "$left" ] || fail "adapter processes left behind: $left"
rm -f "$tmp"/pids/*
FAKE_PIDDIR=$tmp/pids "$conf" --impl "$(impl_word "$fake") background" --run 'value/ntlm-lower' \
  --timeout 10 > "$tmp/out" 2>&1
# Two profiles: two adapters and two grandchildren.
[ "$(ls "$tmp/pids" | wc -l)" -ge 4 ] || fail "the background child did not start"
sleep 0.2
left=$(alive)
[ -z "$left" ] || fail "background grandchild left behind: $left"
echo "ok: nothing left behind"
