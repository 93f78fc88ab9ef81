#!/bin/sh
# SPDX-License-Identifier: MIT
# fake-adapter.sh RUNNER ADAPTER MODE: run a few cases through a broken
# adapter and pass only when the runner reports them the right way.
set -u
conf=$1 adapter=$2 mode=$3 here=$(dirname "$0")
. "$here/impl-word.sh"
case $mode in
  silent)  want='CRASH.*no output' ;;
  crash)   want='^CRASH ' ;;   # a signal, or a sanitizer's exit status
  abort)   want='CRASH.*killed by signal 6' ;;
  hang|ok-then-hang|shell-hang) want='TIMEOUT' ;;
  wrong)   want='^FAIL ' ;;
  garbage) want='CRASH.*unparseable output' ;;
  exit3)   want='CRASH.*exit status 3' ;;
  flood)   want='CRASH.*more than' ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
if [ "$mode" = shell-hang ]; then impl="sh $(impl_word "$adapter")"; else impl="$(impl_word "$adapter") $mode"; fi
start=$(date +%s)
out=$("$conf" --impl "$impl" --run 'value/ntlm-lower' --run 'reject/doctype-plain' \
      --timeout 2 --jobs 2 2>&1)
status=$?
end=$(date +%s)
printf '%s\n' "$out"
fail() { echo "fake-adapter.sh ($mode): $*"; exit 1; }
[ "$status" -eq 1 ] || fail "runner exit status $status, want 1"
printf '%s\n' "$out" | grep -q "$want" || fail "no line matching '$want'"
printf '%s\n' "$out" | grep -qx '0 passed, 6 failed' || fail "want the closing line '0 passed, 6 failed'"
[ $((end - start)) -lt 60 ] || fail "took $((end - start)) s"
echo "ok: $mode reported as failures"
