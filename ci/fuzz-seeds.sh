#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-seeds.sh [RUNNER]: refresh the seed corpora.
# 1. the hand-written seeds (fuzz/tools/make_seeds.py: seed-* files);
# 2. the conformance cases, exported by the conformance runner in the fuzz
#    input format (`poxauth-conformance --fuzz-corpus corpus/poxauth_fuzzer`),
#    when the runner binary exists (RUNNER, or build/*/conformance/poxauth-conformance);
# 3. a check that every seed passes the replay driver.
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
python3 "$FUZZ_ROOT/fuzz/tools/make_seeds.py" >&2
runner=${1:-}
if [ -z "$runner" ]; then
  for r in "$FUZZ_BUILD_ROOT"/*/conformance/poxauth-conformance; do
    [ -x "$r" ] && { runner=$r; break; }
  done
fi
if [ -n "$runner" ] && [ -x "$runner" ]; then
  n0=$(ls "$FUZZ_ROOT/corpus/poxauth_fuzzer" | wc -l)
  (cd "$FUZZ_ROOT" && "$runner" --fuzz-corpus corpus/poxauth_fuzzer) >&2
  # Every case is kept, the 1 MiB limit-boundary ones too (the
  # fuzz-corpus-has-cases test checks it; git compresses them to about
  # 1.5 KB each).  libFuzzer cuts them to max_len, ci/fuzz-afl.sh leaves
  # out what AFL++ refuses (1 MB and over).
  fz_log "conformance export: corpus/poxauth_fuzzer $n0 -> $(ls "$FUZZ_ROOT/corpus/poxauth_fuzzer" | wc -l) files"
else
  fz_log "no conformance runner binary found (build it, or pass its path): conformance seeds not exported"
fi
if [ "${FUZZ_SEEDS_NO_CHECK:-0}" != 1 ]; then
  [ -x "$(fz_bin standalone poxauth_fuzzer)" ] || fz_build_flavour standalone
  for t in $(fz_targets); do
    [ -d "$FUZZ_ROOT/corpus/$t" ] && "$(fz_bin standalone "$t")" "$FUZZ_ROOT/corpus/$t" 2>&1 | tail -1 | sed "s/^/$t: /" >&2 || true
  done
fi
