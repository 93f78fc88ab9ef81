#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-smoke.sh: the fuzzing part of CI (about 3 minutes on 2 cores, plus
# the builds).  Fails on any crash, leak, timeout or broken invariant.
#   1. builds: standalone replay (ASan+UBSan), libfuzzer-asan, AFL++ (afl,
#      afl-asan, afl-cmplog), expat compiled from source into each;
#   2. the replay driver over every file of corpus/<target>/ (ctest's
#      fuzz-replay-* tests do the same in the asan-ubsan preset);
#   3. every target under libFuzzer+ASan+UBSan for FUZZ_SMOKE_SECONDS
#      (default 15) each, nothing merged into corpus/ (the metamorphic
#      oracles of poxauth_metamorphic_fuzzer included);
#   3a. ci/fuzz-minimize-check.sh: the corpus minimisation, end to end on
#      a scratch copy of one target's corpus (corpus/ is never touched);
#   3b. a short MSan replay: every corpus file through the libFuzzer+MSan
#      build (expat built with MSan too), no fuzzing (-runs=0);
#   4. AFL++ on poxauth_fuzzer for FUZZ_SMOKE_AFL_SECONDS (default 60), in
#      CI mode (ci/fuzz-afl.sh -C: a secondary instance on the ASan+UBSan
#      build with CmpLog, AFL_FAST_CAL, AFL_CMPLOG_ONLY_NEW, seeded from
#      the minimised corpus plus the queue kept from the last CI run in
#      build/fuzz-runs/afl-ci/), hangs count as failures.
# FUZZ_SMOKE_SKIP="replay afl libfuzzer msan" skips steps (ci/test.sh skips the
# replay: its asan-ubsan ctest run replays corpus/ already).
set -uo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
secs=${FUZZ_SMOKE_SECONDS:-15}
afl_secs=${FUZZ_SMOKE_AFL_SECONDS:-60}
skip=" ${FUZZ_SMOKE_SKIP:-} "
start=$(date +%s)
status=0
step() { fz_log "---- $*"; }

step "build"
flavours=()
[[ $skip == *" replay "* ]] || flavours+=(standalone)
[[ $skip == *" libfuzzer "* ]] || flavours+=(libfuzzer-asan)
[[ $skip == *" msan "* ]] || flavours+=(libfuzzer-msan)
[[ $skip == *" afl "* ]] || flavours+=(afl afl-asan afl-cmplog)
# One expat fetch (or look-up) for every script below (FZ_EXPAT_DIR).
fz_expat_dir > /dev/null
if [ ${#flavours[@]} -gt 0 ]; then
  "$FUZZ_ROOT/ci/fuzz-build.sh" "${flavours[@]}" || { fz_log "FAILED: build"; exit 1; }
fi

if [[ $skip != *" replay "* ]]; then
  step "replay every corpus file"
  for t in $(fz_targets); do
    [ -d "$FUZZ_ROOT/corpus/$t" ] || continue
    if "$(fz_bin standalone "$t")" "$FUZZ_ROOT/corpus/$t" > "$FUZZ_BUILD_ROOT/fuzz-smoke-replay-$t.log" 2>&1; then
      fz_log "$t: $(tail -1 "$FUZZ_BUILD_ROOT/fuzz-smoke-replay-$t.log")"
    else
      status=1
      fz_log "FAILED: replay of corpus/$t (log: $FUZZ_BUILD_ROOT/fuzz-smoke-replay-$t.log)"
      grep -E 'invariant|ERROR|SUMMARY|replay:' "$FUZZ_BUILD_ROOT/fuzz-smoke-replay-$t.log" | head -5 >&2
      fz_log "find the failing file with: REPLAY_VERBOSE=1 $(fz_bin standalone "$t") corpus/$t"
    fi
  done
fi

if [[ $skip != *" libfuzzer "* ]]; then
  step "libFuzzer, ${secs}s per target"
  "$FUZZ_ROOT/ci/fuzz-libfuzzer.sh" -n -t "$secs" all || { status=1; fz_log "FAILED: libFuzzer smoke"; }
  step "corpus minimisation on a scratch copy"
  "$FUZZ_ROOT/ci/fuzz-minimize-check.sh" || { status=1; fz_log "FAILED: ci/fuzz-minimize-check.sh"; }
fi
if [[ $skip != *" msan "* ]]; then
  step "MSan replay of every corpus file"
  for t in $(fz_targets); do
    [ -d "$FUZZ_ROOT/corpus/$t" ] || continue
    # An empty first directory: libFuzzer writes into its first one.
    scratch=$(mktemp -d)
    log=$FUZZ_BUILD_ROOT/fuzz-smoke-msan-$t.log
    if "$(fz_bin libfuzzer-msan "$t")" -runs=0 -rss_limit_mb=2560 -timeout=25 \
         "$scratch" "$FUZZ_ROOT/corpus/$t" > "$log" 2>&1; then
      fz_log "$t: MSan replay clean ($(grep -o 'INITED.*' "$log" | head -1))"
    else
      status=1
      fz_log "FAILED: MSan replay of corpus/$t (log: $log)"
      grep -E 'MemorySanitizer|SUMMARY|invariant' "$log" | head -5 >&2
    fi
    rm -rf "$scratch"
  done
fi
if [[ $skip != *" afl "* ]]; then
  step "AFL++, ${afl_secs}s on poxauth_fuzzer"
  FUZZ_FAIL_ON_HANGS=1 "$FUZZ_ROOT/ci/fuzz-afl.sh" -C -f -n 1 -t "$afl_secs" poxauth_fuzzer || { status=1; fz_log "FAILED: AFL++ smoke"; }
fi
fz_log "fuzz smoke $([ $status = 0 ] && echo PASSED || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
