#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-minimize-check.sh [TARGET]: ci/fuzz-minimize.sh end to end on a
# scratch copy of corpus/<target> (default poxauth_header_fuzzer, the
# quickest), the way CAMPAIGNS.md runs it: from another directory, with a
# relative -d.  The work folder holds copies of corpus units under new names
# (no new coverage); afterwards every seed, case and regress-* file must be
# unchanged, every unit must be named by its content's SHA-1 and come from
# the inputs, and corpus/ itself is never touched.
# Needs the libfuzzer-asan build (ci/fuzz-smoke.sh runs it after building).
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
t=${1:-poxauth_header_fuzzer}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/corpus" "$scratch/work"
cp -r "$FUZZ_ROOT/corpus/$t" "$scratch/corpus/"
is_unit() { [[ $1 =~ ^[0-9a-f]{40}$ ]]; }
kept_before=$(cd "$scratch/corpus/$t" && for f in *; do is_unit "$f" || sha1sum "$f"; done)
units_before=$(ls "$scratch/corpus/$t" | grep -cE '^[0-9a-f]{40}$' || true)
before_tree=$(cd "$FUZZ_ROOT/corpus/$t" && sha1sum -- * | sha1sum)
n=0
for f in "$scratch/corpus/$t"/*; do
  [ $n -lt 5 ] || break
  cp "$f" "$scratch/work/copy-$n"; n=$((n + 1))
done
inputs=$(sha1sum "$scratch/corpus/$t"/* "$scratch/work"/* | cut -d' ' -f1 | sort -u)
(cd "$scratch" && FUZZ_CORPUS_ROOT="$scratch/corpus" "$FUZZ_ROOT/ci/fuzz-minimize.sh" -d work "$t") ||
  fz_die "fuzz-minimize.sh failed on a scratch copy of corpus/$t with a relative -d"
kept_after=$(cd "$scratch/corpus/$t" && for f in *; do is_unit "$f" || sha1sum "$f"; done)
units_after=$(ls "$scratch/corpus/$t" | grep -cE '^[0-9a-f]{40}$' || true)
[ "$kept_before" = "$kept_after" ] || fz_die "fuzz-minimize.sh changed or dropped a seed, case or regress-* file of $t"
for f in "$scratch/corpus/$t"/*; do
  b=$(basename "$f")
  is_unit "$b" || continue
  [ "$(sha1sum < "$f" | cut -d' ' -f1)" = "$b" ] || fz_die "unit $b is not named by its content"
  grep -qx "$b" <<< "$inputs" || fz_die "unit $b came from none of the inputs"
done
[ "$(cd "$FUZZ_ROOT/corpus/$t" && sha1sum -- * | sha1sum)" = "$before_tree" ] || fz_die "corpus/$t itself was changed"
fz_log "$t: minimisation of a scratch copy with a relative -d: $units_before -> $units_after unit(s), other files intact"
