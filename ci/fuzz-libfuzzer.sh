#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-libfuzzer.sh [options] [TARGET...|all]: a time-boxed libFuzzer run.
#   -t SECONDS   run time per target (default 60)
#   -s asan|msan which build (default asan: ASan+UBSan)
#   -j N         libFuzzer -fork=N (default 1: one core)
#   -n           skip the merge into the work folder .../new
#   -k           keep going after a target crashed (default: stop at the end anyway)
# Work corpora live in build/fuzz-runs/libfuzzer-<s>/<target>/corpus and are
# kept between runs (a run resumes from them); findings go to .../artifacts.
# corpus/<target> is only ever read (libFuzzer writes new units into its
# FIRST directory argument, the work corpus).  After the run, the units
# that add coverage over corpus/<target> are merged (-merge=1) into the
# work folder .../new; nothing reaches the tracked corpus/ from here.
# Promoting them is a separate, minimising step:
#   ci/fuzz-minimize.sh -d build/fuzz-runs/libfuzzer-<s>/<target>/new TARGET
# Exit status: 0 when no target crashed, leaked or timed out, 1 otherwise.
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"

secs=60 san=asan fork=1 merge=1
while getopts "t:s:j:nk" o; do
  case $o in
    t) secs=$OPTARG ;; s) san=$OPTARG ;; j) fork=$OPTARG ;; n) merge=0 ;; k) ;;
    *) sed -n '3,15p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
fl=libfuzzer-$san
mapfile -t targets < <(fz_select_targets "$@")
fz_need_base
fz_build_flavour "$fl"

runs=$FUZZ_BUILD_ROOT/fuzz-runs/$fl
summary=$runs/summary-$(date -u +%Y%m%dT%H%M%SZ).tsv
mkdir -p "$runs"
printf 'target\tseconds\tjobs\texecs\texec_per_s\tcov\tft\tcorpus\tnew_artifacts\n' > "$summary"
bad=0
for t in "${targets[@]}"; do
  bin=$(fz_bin "$fl" "$t")
  w=$runs/$t
  mkdir -p "$w/corpus" "$w/artifacts" "$FUZZ_ROOT/corpus/$t"
  before=$(ls "$w/artifacts" | wc -l)
  fz_log "$t: fuzzing $secs s ($fl, fork=$fork)"
  args=(-max_total_time="$secs" -timeout="$(fz_option "$t" timeout 25)" -max_len="$(fz_option "$t" max_len 8192)"
        -rss_limit_mb="$(fz_option "$t" rss_limit_mb 2560)" -print_final_stats=1 -artifact_prefix="$w/artifacts/")
  [ -f "$(fz_dict "$t")" ] && args+=(-dict="$(fz_dict "$t")")
  [ "$fork" -gt 1 ] && args+=(-fork="$fork" -ignore_crashes=0)
  set +e
  (cd "$w" && "$bin" "${args[@]}" "$w/corpus" "$FUZZ_ROOT/corpus/$t") > "$w/last.log" 2>&1
  rc=$?
  set -e
  after=$(ls "$w/artifacts" | wc -l)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$w/last.log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$w/last.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$w/last.log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$w/last.log" | tail -1 | cut -d' ' -f2)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$secs" "$fork" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" \
    "$(ls "$w/corpus" | wc -l)" "$((after - before))" >> "$summary"
  if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
    bad=1
    fz_log "$t: FAILED (exit $rc); last lines of $w/last.log:"
    grep -E 'ERROR|invariant|SUMMARY|Test unit written|artifact' "$w/last.log" | tail -8 >&2 || true
    fz_log "$t: triage with: ci/fuzz-triage.sh -t $t $w/artifacts"
  fi
  if [ "$merge" = 1 ]; then
    # Merge into a copy of corpus/<target>, then drop the copy's files:
    # what is left in new/ is what corpus/<target> does not cover.
    rm -rf "$w/new"; mkdir -p "$w/new"
    cp -r "$FUZZ_ROOT/corpus/$t/." "$w/new/"
    (cd "$w" && "$bin" -merge=1 -timeout=25 -max_len="$(fz_option "$t" max_len 8192)" \
       "$w/new" "$w/corpus") > "$w/merge.log" 2>&1 || fz_log "$t: merge failed (see $w/merge.log)"
    for f in "$FUZZ_ROOT/corpus/$t"/*; do rm -f "$w/new/$(basename "$f")"; done
    fz_log "$t: $(ls "$w/new" | wc -l) new unit(s) in $w/new (promote: ci/fuzz-minimize.sh -d $w/new $t)"
  fi
done
column -t "$summary" >&2 || cat "$summary" >&2
fz_log "summary: $summary"
exit $bad
