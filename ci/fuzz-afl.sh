#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-afl.sh [options] [TARGET]: a time-boxed, resumable AFL++ campaign
# of one target (default poxauth_fuzzer).
#   -t SECONDS  run time (default 600)
#   -n 1|2      instances (default 2): the main instance (-M, fast build, with
#               the CmpLog build via -c) and a secondary (-S, ASan+UBSan
#               build).  At most 2 on a 2-core machine.
#   -a          main instance on the ASan+UBSan build (what CI smoke uses)
#   -f          fresh: throw the previous output away instead of resuming
# Output: build/fuzz-runs/afl/<target>/ (afl-fuzz -o); a later run resumes it
# (AFL_AUTORESUME).  Seeds: corpus/<target>.  Ends with each instance's
# fuzzer_stats (afl-whatsup's report: <out>/whatsup.txt).
# Exit status: 0 when no crash (and, with FUZZ_FAIL_ON_HANGS=1, no hang) was
# found, 1 otherwise.  Triage: ci/fuzz-triage.sh -t TARGET <out>/*/crashes
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"

secs=600 n=2 asan_main=0 fresh=0
while getopts "t:n:af" o; do
  case $o in t) secs=$OPTARG ;; n) n=$OPTARG ;; a) asan_main=1 ;; f) fresh=1 ;; *) sed -n '3,16p' "$0"; exit 2 ;; esac
done
shift $((OPTIND - 1))
target=${1:-poxauth_fuzzer}
fz_select_targets "$target" >/dev/null
fz_need_base; fz_need_afl
for fl in afl afl-asan afl-cmplog; do fz_build_flavour "$fl"; done

out=$FUZZ_BUILD_ROOT/fuzz-runs/afl/$target
[ "$fresh" = 1 ] && rm -rf "$out"
mkdir -p "$out"
seeds=$FUZZ_BUILD_ROOT/fuzz-runs/afl/$target.seeds
rm -rf "$seeds"; mkdir -p "$seeds"
# AFL++ refuses inputs over 1 MB; keep the seeds it can use.
find "$FUZZ_ROOT/corpus/$target" -maxdepth 1 -type f -size -1000k ! -name '.*' -exec cp {} "$seeds/" \;
[ -n "$(ls "$seeds")" ] || printf '\0' > "$seeds/empty"

export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_SKIP_CRASHES=1 AFL_TESTCACHE_SIZE=50 AFL_IMPORT_FIRST=1
# On a shared machine afl-fuzz may find "no more free CPU cores" for a
# second instance: do not pin unless FUZZ_AFL_BIND=1.
[ "${FUZZ_AFL_BIND:-0}" = 1 ] || export AFL_NO_AFFINITY=1
# afl-fuzz wants these exact sanitizer settings when it sees the variables.
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1:handle_sigill=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:symbolize=0
unset MSAN_OPTIONS

dict=$(fz_dict "$target")
dargs=(); [ -f "$dict" ] && dargs=(-x "$dict")
main_bin=$(fz_bin afl "$target"); [ "$asan_main" = 1 ] && main_bin=$(fz_bin afl-asan "$target")
cmplog=$(fz_bin afl-cmplog "$target")
tmo=${AFL_TIMEOUT_MS:-1000}

fz_log "$target: AFL++ for $secs s, $n instance(s), output $out"
pids=()
afl-fuzz -M main -V "$secs" -t "$tmo" -i "$seeds" -o "$out" "${dargs[@]}" -c "$cmplog" -- "$main_bin" \
  > "$out/main.log" 2>&1 &
pids+=($!)
if [ "$n" -ge 2 ]; then
  afl-fuzz -S asan -V "$secs" -t "$tmo" -i "$seeds" -o "$out" "${dargs[@]}" -- "$(fz_bin afl-asan "$target")" \
    > "$out/asan.log" 2>&1 &
  pids+=($!)
fi
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=$?; done
[ $rc -eq 0 ] || { fz_log "afl-fuzz exited with $rc"; tail -20 "$out/main.log" >&2; }

# afl-whatsup counts the instances that have ended as dead and leaves them
# out of its totals: keep its report in a file; the lines below say what
# each instance did.  It colours with tput, which fails without a terminal.
TERM=dumb afl-whatsup -s "$out" > "$out/whatsup.txt" 2>&1 || true
crashes=$(find "$out"/*/crashes -type f -name 'id*' 2>/dev/null | wc -l)
hangs=$(find "$out"/*/hangs -type f -name 'id*' 2>/dev/null | wc -l)
for s in "$out"/*/fuzzer_stats; do
  [ -f "$s" ] || continue
  fz_log "$(basename "$(dirname "$s")"): $(grep -E '^(execs_done|execs_per_sec|corpus_count|edges_found|total_edges|bitmap_cvg|stability|target_mode) ' "$s" | tr -s ' ' | tr '\n' ' ')"
done
fz_log "$target: $crashes crash(es), $hangs hang(s) in $out"
bad=$rc
[ "$crashes" -gt 0 ] && { bad=1; fz_log "triage with: ci/fuzz-triage.sh -t $target $out/*/crashes"; }
[ "$hangs" -gt 0 ] && [ "${FUZZ_FAIL_ON_HANGS:-0}" = 1 ] && bad=1
exit $(( bad ? 1 : 0 ))
