#!/bin/sh
# SPDX-License-Identifier: MIT
# installed.sh BUILD SOURCE: install into a scratch prefix, move the prefix,
# hide the source tree (a tmpfs over it, when unshare is allowed), and run
# the whole corpus with the installed runner from another directory.
set -u
build=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "installed.sh: $*"; exit 1; }
cmake --install "$build" --prefix "$tmp/first" > /dev/null || fail "cmake --install failed"
mv "$tmp/first" "$tmp/moved"
bin=$tmp/moved/bin/poxauth-conformance data=$tmp/moved/share/poxauth/conformance
[ -x "$bin" ] || fail "no installed runner"
[ -d "$data/cases" ] && [ -f "$data/MANIFEST" ] && [ -f "$data/SPEC.md" ] || fail "corpus not installed"
[ ! -e "$tmp/moved/bin/poxauth-conformance.tree" ] || fail "the build-tree marker was installed"
want=$(sed -n 's/^# corpus-version //p' "$src/conformance/MANIFEST")
[ -n "$want" ] || fail "MANIFEST has no corpus-version line"
hide=""
if unshare --mount true 2> /dev/null; then
  # shellcheck disable=SC2016
  hide='mount -t tmpfs none "$0" && cd / && exec "$@"'
  echo "the source tree is hidden under a tmpfs for the run"
else
  echo "unshare not allowed: the source tree stays in place (the corpus path is still checked)"
fi
run() {
  if [ -n "$hide" ]; then unshare --mount sh -c "$hide" "$src" "$@"
  else (cd / && "$@"); fi
}
out=$(run "$bin" --version) || fail "--version failed"
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q "^corpus version $want, [0-9]* cases in $data/" ||
  fail "--version does not name corpus version $want in the moved prefix"
printf '%s\n' "$out" | grep -q stale && fail "MANIFEST is stale"
out=$(run "$bin" --jobs 2 --coverage-check) || fail "--coverage-check failed"
out=$(run "$bin" --jobs 2) || { printf '%s\n' "$out" | tail; fail "the corpus does not pass"; }
printf '%s\n' "$out" | tail -6
printf '%s\n' "$out" | grep -q '^[0-9]* passed, 0 failed$' || fail "no pass line"
echo "ok: the moved install runs the whole corpus"
