#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-afl.sh [options] [TARGET]: a time-boxed, resumable AFL++ campaign
# of one target (default poxauth_fuzzer).
#   -t SECONDS  run time (default 600)
#   -n 1|2      instances (default 2): the main instance (-M, fast build, with
#               the CmpLog build via -c) and a secondary (-S, ASan+UBSan
#               build).  At most 2 on a 2-core machine.  With one instance
#               it runs the ASan+UBSan build: a one-core run must still
#               catch memory errors.
#   -a          main instance on the ASan+UBSan build even with two
#   -f          fresh: throw the previous output away instead of resuming
#   -C          CI mode, as AFL++'s CI guidance says (docs/ci_fuzzing.md in
#               the AFL++ sources): only secondary instances (-S; no -M
#               deterministic stage), AFL_FAST_CAL, AFL_CMPLOG_ONLY_NEW, and
#               a reused corpus: seeds are the minimised corpus of the last
#               CI run plus corpus/<target>, and the queue is minimised
#               (afl-cmin) back into it afterwards, in
#               build/fuzz-runs/afl-ci/<target>.reuse (cache it in CI).
# Output: build/fuzz-runs/afl/<target>/ (afl-fuzz -o; afl-ci/ with -C); a
# later run resumes it (AFL_AUTORESUME).  Seeds: corpus/<target> minimised
# with afl-cmin (kept in <out>.seeds until corpus/<target> changes).
# Nothing is written to corpus/: promote finds with
#   ci/fuzz-minimize.sh -d <out>/<instance>/queue TARGET
# Ends with each instance's fuzzer_stats (afl-whatsup's report:
# <out>/whatsup.txt).
# Exit status: 0 when no crash (and, with FUZZ_FAIL_ON_HANGS=1, no hang) was
# found, 1 otherwise.  Triage: ci/fuzz-triage.sh -t TARGET <out>/*/crashes
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"

secs=600 n=2 asan_main=0 fresh=0 ci=0
while getopts "t:n:afC" o; do
  case $o in t) secs=$OPTARG ;; n) n=$OPTARG ;; a) asan_main=1 ;; f) fresh=1 ;; C) ci=1 ;; *) sed -n '3,29p' "$0"; exit 2 ;; esac
done
[ "$n" = 1 ] && asan_main=1
shift $((OPTIND - 1))
target=${1:-poxauth_fuzzer}
fz_select_targets "$target" >/dev/null
fz_need_base; fz_need_afl
for fl in afl afl-asan afl-cmplog; do fz_build_flavour "$fl"; done

kind=afl; [ "$ci" = 1 ] && kind=afl-ci
out=$FUZZ_BUILD_ROOT/fuzz-runs/$kind/$target
reuse=$out.reuse
[ "$fresh" = 1 ] && rm -rf "$out"
mkdir -p "$out" "$reuse"
seeds=$out.seeds
# afl-fuzz wants these exact sanitizer settings when it sees the variables.
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1:handle_sigill=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:symbolize=0
unset MSAN_OPTIONS

# Seeds: a minimised set (afl-cmin on the fast build), remade only when its
# sources changed.  AFL++ refuses inputs over 1 MB; they are left out.
pool=$out.pool
rm -rf "$pool"; mkdir -p "$pool"
find "$FUZZ_ROOT/corpus/$target" -maxdepth 1 -type f -size -1000k ! -name '.*' -exec cp {} "$pool/" \;
[ "$ci" = 1 ] && find "$reuse" -maxdepth 1 -type f -size -1000k -exec cp {} "$pool/" \;
stamp=$(cd "$pool" && ls | LC_ALL=C sort | xargs cat 2>/dev/null | sha1sum | cut -d' ' -f1)
if [ "$(cat "$seeds/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$seeds"
  if AFL_QUIET=1 afl-cmin -i "$pool" -o "$seeds" -t 5000 -- "$(fz_bin afl "$target")" > "$out.cmin.log" 2>&1 &&
     [ -n "$(ls "$seeds" 2>/dev/null)" ]; then
    fz_log "$target: seeds minimised by afl-cmin: $(ls "$pool" | wc -l) -> $(ls "$seeds" | wc -l)"
  else
    fz_log "$target: afl-cmin failed (log: $out.cmin.log): seeding with all $(ls "$pool" | wc -l) files"
    rm -rf "$seeds"; cp -r "$pool" "$seeds"
  fi
  echo "$stamp" > "$seeds/.stamp"
fi
rm -rf "$pool"
[ -n "$(ls "$seeds")" ] || printf '\0' > "$seeds/empty"

export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_SKIP_CRASHES=1 AFL_TESTCACHE_SIZE=50 AFL_IMPORT_FIRST=1
# On a shared machine afl-fuzz may find "no more free CPU cores" for a
# second instance: do not pin unless FUZZ_AFL_BIND=1.
[ "${FUZZ_AFL_BIND:-0}" = 1 ] || export AFL_NO_AFFINITY=1
# The XML-aware mutator (fuzz/xml_mutator.c) as a plain shared object:
# no AFL++ instrumentation in what afl-fuzz itself loads.
mutator=""
if [ "${FUZZ_AFL_XML_MUTATOR:-1}" != 0 ]; then
  mutator=$(fz_builddir afl)/fuzz/libpoxauth_afl_mutator.so
  clang -std=c11 -O2 -g -shared -fPIC -Wall -Wextra -Werror -o "$mutator" \
    "$FUZZ_ROOT/fuzz/afl_xml_mutator.c" "$FUZZ_ROOT/fuzz/xml_mutator.c" ||
    fz_die "could not build the AFL++ custom mutator"
fi

dict=$(fz_dict "$target")
dargs=(); [ -f "$dict" ] && dargs=(-x "$dict")
main_bin=$(fz_bin afl "$target"); [ "$asan_main" = 1 ] && main_bin=$(fz_bin afl-asan "$target")
cmplog=$(fz_bin afl-cmplog "$target")
tmo=${AFL_TIMEOUT_MS:-1000}

fz_log "$target: AFL++ for $secs s, $n instance(s)$([ "$ci" = 1 ] && echo ", CI mode"), output $out"
role=-M
if [ "$ci" = 1 ]; then
  role=-S
  export AFL_FAST_CAL=1 AFL_CMPLOG_ONLY_NEW=1
fi
pids=()
env ${mutator:+AFL_CUSTOM_MUTATOR_LIBRARY="$mutator"} \
  afl-fuzz "$role" main -V "$secs" -t "$tmo" -i "$seeds" -o "$out" "${dargs[@]}" -c "$cmplog" -- "$main_bin" \
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
if [ "$ci" = 1 ]; then
  # Keep the minimised queue for the next CI run (AFL++'s advice).
  q=$out.q; rm -rf "$q"; mkdir -p "$q"
  find "$out"/*/queue -maxdepth 1 -type f -name 'id*' -exec cp {} "$q/" \; 2>/dev/null || true
  rm -rf "$reuse.new"
  if [ -n "$(ls "$q")" ] && AFL_QUIET=1 afl-cmin -i "$q" -o "$reuse.new" -t 5000 -- "$(fz_bin afl "$target")" \
       > "$out.cmin-reuse.log" 2>&1; then
    rm -rf "$reuse"; mv "$reuse.new" "$reuse"
    fz_log "$target: reused corpus for the next CI run: $(ls "$reuse" | wc -l) files in $reuse"
  fi
  rm -rf "$q"
fi
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
