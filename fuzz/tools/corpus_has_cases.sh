#!/bin/sh
# SPDX-License-Identifier: MIT
# corpus_has_cases.sh RUNNER CORPUS_DIR: the committed corpus holds every
# conformance case, byte for byte as the runner exports it (the
# limit-boundary cases of 1 MiB included), so that the replay tests and the
# fuzzers start from all of them.  Refresh with ci/fuzz-seeds.sh.
set -u
runner=$1 corpus=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$runner" --fuzz-corpus "$tmp" > /dev/null || { echo "export failed"; exit 1; }
total=0 bad=0
for f in "$tmp"/*; do
  b=$(basename "$f")
  total=$((total + 1))
  if [ ! -f "$corpus/$b" ]; then
    echo "missing from the corpus: $b"; bad=$((bad + 1))
  elif ! cmp -s "$f" "$corpus/$b"; then
    echo "differs from the export: $b"; bad=$((bad + 1))
  fi
done
[ "$total" -gt 0 ] || { echo "the runner exported nothing"; exit 1; }
if [ "$bad" -gt 0 ]; then
  echo "$bad of $total conformance cases missing or stale in $corpus: run ci/fuzz-seeds.sh"
  exit 1
fi
echo "all $total conformance cases are in the corpus"
