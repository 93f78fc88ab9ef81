#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-minimize.sh [-d EXTRA_DIR]... [TARGET...|all]: minimise corpora.
# For each target, the fuzz units in corpus/<target> (files named by a bare
# 40-hex content hash, as libFuzzer's merge writes them) and those of any extra
# directory given (-d, e.g. a work corpus or an AFL++ queue) are reduced with
# libFuzzer's -merge=1 to a set with the same edge coverage, which replaces
# them.  Edges only (-use_counters=0): with hit-count features as well the
# set is three times larger (16,778 units instead of 5,594 over all targets
# after the campaign of 2026-12-01, fuzz/CAMPAIGNS.md), too many for git
# and for the replay tests; the work folders keep the finer corpus.
# Every other file (hand-written seed-*, conformance exports named after
# their case, regress-* reproducers) is always kept as it is.
# FUZZ_CORPUS_ROOT (default corpus/) names another tree of <target> folders
# to minimise instead (the fuzz smoke test runs it on a scratch copy).
# To shrink one crashing input instead, use ci/fuzz-triage.sh (it minimises).
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
extra=()
while getopts "d:" o; do
  case $o in
    # The merge runs in a scratch folder: a relative -d must be made absolute
    # here, and a missing one named before anything is built.
    d) [ -d "$OPTARG" ] || { echo "fuzz-minimize.sh: -d $(printf '%q' "$OPTARG"): no such directory" >&2; exit 2; }
       extra+=("$(cd "$OPTARG" && pwd)") ;;
    *) sed -n '3,17p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
corpus_root=${FUZZ_CORPUS_ROOT:-$FUZZ_ROOT/corpus}
mapfile -t targets < <(fz_select_targets "$@")
is_unit() { [[ $1 =~ ^[0-9a-f]{40}$ ]]; }
fz_need_base
[ -x "$(fz_bin libfuzzer-asan "${targets[0]}")" ] || fz_build_flavour libfuzzer-asan
for t in "${targets[@]}"; do
  c=$corpus_root/$t
  [ -d "$c" ] || continue
  bin=$(fz_bin libfuzzer-asan "$t")
  tmp=$FUZZ_BUILD_ROOT/fuzz-runs/minimize/$t
  rm -rf "$tmp"; mkdir -p "$tmp/keep" "$tmp/units" "$tmp/out"
  # what is kept verbatim, and what is up for minimisation
  for f in "$c"/* "$c"/.[!.]*; do
    [ -f "$f" ] || continue
    if is_unit "$(basename "$f")"; then cp "$f" "$tmp/units/"; else cp "$f" "$tmp/keep/"; fi
  done
  before=$(ls "$tmp/units" | wc -l)
  # The kept files count as covered already: merge units into a copy of them.
  cp -r "$tmp/keep/." "$tmp/out/"
  (cd "$tmp" && "$bin" -merge=1 -use_counters=0 -timeout=25 -max_len="$(fz_option "$t" max_len 8192)" "$tmp/out" "$tmp/units" "${extra[@]}") \
    > "$tmp/merge.log" 2>&1 || { tail -5 "$tmp/merge.log" >&2; fz_die "$t: merge failed"; }
  # replace the units in corpus/<target>
  for f in "$c"/*; do if is_unit "$(basename "$f")"; then rm -f "$f"; fi; done
  for f in "$tmp"/out/*; do
    b=$(basename "$f")
    [ -e "$tmp/keep/$b" ] || cp "$f" "$c/$b"
  done
  fz_log "$t: $before unit(s)$([ ${#extra[@]} -gt 0 ] && echo " + ${extra[*]}") -> $(ls "$c" | grep -cE '^[0-9a-f]{40}$' || true) unit(s); $(ls "$tmp/keep" | wc -l) seed/regression file(s) kept"
done
