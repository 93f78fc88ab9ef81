#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/bench.sh: the poxauth benchmark (src/bench/README.md).
#
#   ci/bench.sh [--quick] [--runs N] [--no-peers] [--no-callgrind]
#               [--no-update] [--fuzz] [--fuzz-seconds S] [--fuzz-runs N]
#               [--out DIR]
#
# In one run, on the same bytes:
#   1. builds poxauth-bench (Release, -g) in build/bench;
#   2. peers: exchangelib's Autodiscover parser on the 5 KB response
#      (installs python3-exchangelib when missing; --no-peers skips it);
#   3. callgrind: instructions per parse of every input on each path the
#      tables report, bare expat and poxauth (--no-callgrind skips it);
#   4. --fuzz: exec/s of fuzz/poxauth_fuzzer against src/bench/
#      fuzz_bare_expat.c, same flags, same instrumented expat, same corpus
#      copy (off by default: about 2 x runs x seconds);
#   5. poxauth-bench itself: wall times, memory, limits, the instruction
#      ratios against their targets; the report on stdout, everything as
#      JSON in DIR/bench.json, the Markdown tables in DIR/tables.md;
#   6. unless --quick or --no-update: the tables into README.md
#      ("Performance") and src/bench/RESULTS.md, between their
#      <!-- bench:NAME --> markers (ctest bench.tables checks the format).
# Everything else lands in DIR (default build/bench-results).  It reports;
# it never fails on a figure: exit non-zero means it could not measure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/bench-results
BUILD=$ROOT/build/bench
REPLAY_NOTE=""
QUICK=0 RUNS="" PEERS=1 CALLGRIND=1 UPDATE=1 FUZZ=0 FUZZ_SECONDS=30 FUZZ_RUNS=3

usage() { sed -n '3,27p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --runs) RUNS=$2; shift ;;
    --no-peers) PEERS=0 ;;
    --no-callgrind) CALLGRIND=0 ;;
    --no-update) UPDATE=0 ;;
    --fuzz) FUZZ=1 ;;
    --fuzz-seconds) FUZZ_SECONDS=$2; shift ;;
    --fuzz-runs) FUZZ_RUNS=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ci/bench.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd); rm -f "$OUT/fuzz.how"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

. "$ROOT/ci/lib/deps.sh"
# need CMD PACKAGE: install PACKAGE (ci/lib/deps.sh) when CMD is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 (for $1)"
  ensure_packages "$2" || die "$1 missing; install package $2"
}

# shellcheck disable=SC2086
ensure_packages $POXAUTH_PKGS_BUILD bsdextrautils || die "cannot install the build packages"

# ---- 1. build ----------------------------------------------------------
log "building poxauth-bench (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS=-g \
  -DPOXAUTH_WARNINGS_AS_ERRORS=ON -DPOXAUTH_BUILD_BENCH=ON -DPOXAUTH_BUILD_TESTS=OFF \
  -DPOXAUTH_BUILD_TOOLS=OFF -DPOXAUTH_INSTALL=OFF >"$OUT/configure.log" 2>&1 ||
  { tail -30 "$OUT/configure.log" >&2; die "configure failed ($OUT/configure.log)"; }
cmake --build "$BUILD" --target poxauth-bench -j2 >"$OUT/build.log" 2>&1 ||
  { tail -40 "$OUT/build.log" >&2; die "build failed ($OUT/build.log)"; }
BIN=$BUILD/src/bench/poxauth-bench
[ -x "$BIN" ] || die "no $BIN"
QARG=(); [ $QUICK = 1 ] && QARG=(--quick)
"$BIN" --write-sample "$OUT/sample-5k.xml" >&2

EXTRA=()

# ---- 2. peers ------------------------------------------------------------
if [ $PEERS = 1 ]; then
  # Debian's python3-exchangelib installs for the system interpreter.
  PY=/usr/bin/python3
  if ! "$PY" -c 'import exchangelib' 2>/dev/null; then
    log "installing python3-exchangelib (peer)"
    ensure_packages python3-exchangelib || die "cannot install python3-exchangelib (use --no-peers)"
  fi
  log "peer: exchangelib on $OUT/sample-5k.xml"
  PR=(--runs 7 --min-time 1.0); [ $QUICK = 1 ] && PR=(--runs 3 --min-time 0.2)
  "$PY" "$ROOT/src/bench/exchangelib_bench.py" "$OUT/sample-5k.xml" "${PR[@]}" \
    --json "$OUT/peer-exchangelib.json" | tee "$OUT/peer-exchangelib.txt" >&2
  line=$(sed -n 's/^PEER //p' "$OUT/peer-exchangelib.txt" | tail -1)
  [ -n "$line" ] && EXTRA+=(--peer "$line")
else
  log "peers skipped (--no-peers)"
fi

# ---- 3. callgrind ------------------------------------------------------
# poxauth-bench --mode list: "INPUT ITERATIONS PATH..." per input.  Each
# (input, path) runs under callgrind, counting only poxauth_bench_loop (the
# parses, with a constant hash salt: the same count every run).
if [ $CALLGRIND = 1 ]; then
  need valgrind valgrind
  printf 'input\tpath\tIr_total\titerations\tIr_per_parse\n' >"$OUT/callgrind.tsv"
  "$BIN" --mode list "${QARG[@]}" >"$OUT/inputs.txt"
  while read -r input iters paths; do
    for p in $paths; do
      f=$OUT/callgrind.$input.$p.out
      log "callgrind: $input $p x $iters"
      valgrind --tool=callgrind --callgrind-out-file="$f" --collect-atstart=no \
        "--toggle-collect=poxauth_bench_loop*" \
        "$BIN" --mode loop --input "$input" --path "$p" --iterations "$iters" "${QARG[@]}" \
        >"$OUT/callgrind.$input.$p.log" 2>&1 </dev/null ||
        die "callgrind run of $input $p failed ($OUT/callgrind.$input.$p.log)"
      ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f" | tail -1)
      [ -n "$ir" ] || ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$f" | tail -1)
      [ -n "$ir" ] || die "no totals in $f"
      per=$(( ir / iters ))
      printf '%s\t%s\t%s\t%s\t%s\n' "$input" "$p" "$ir" "$iters" "$per" >>"$OUT/callgrind.tsv"
      callgrind_annotate --auto=no "$f" >"$OUT/callgrind.$input.$p.txt" 2>/dev/null || true
      EXTRA+=(--callgrind-ir "$input:$p=$per")
    done
  done <"$OUT/inputs.txt"
  column -t "$OUT/callgrind.tsv" >&2 || cat "$OUT/callgrind.tsv" >&2
else
  log "callgrind skipped (--no-callgrind)"
fi

# ---- 4. fuzzing speed --------------------------------------------------
# The main target and the bare-expat harness: the same clang flags, the
# same SanitizerCoverage+ASan+UBSan expat, the same corpus (a fresh copy
# per run, never corpus/ itself), the same seed, dictionary and max_len.
fuzz_section() {
  need clang clang
  # Reuse the fuzz helper's libfuzzer-asan build when it is there; else make
  # one with its script in a root of our own (never touching its build).
  local fzdir=$ROOT/build/fuzz-libfuzzer-asan main expat_a expat_inc flags how
  main=$fzdir/fuzz/poxauth_fuzzer
  if [ -x "$main" ] && [ -n "$(find "$ROOT/src/lib" "$ROOT/src/include" "$ROOT/fuzz" -name '*.[ch]' -newer "$main" 2>/dev/null | head -1)" ]; then
    log "fuzz: $main is older than the sources: not reused"
    main=/nonexistent
  fi
  if [ ! -x "$main" ] && [ -x "$ROOT/ci/fuzz-build.sh" ]; then
    local own=$ROOT/build/bench-fuzz src=""
    fzdir=$own/fuzz-libfuzzer-asan; main=$fzdir/fuzz/poxauth_fuzzer
    if [ -x "$ROOT/ci/expat-source.sh" ]; then
      src=$("$ROOT/ci/expat-source.sh" "$ROOT/build/fuzz-expat-src" 2>/dev/null | tail -1 || true)
    fi
    log "fuzz: building the libfuzzer-asan flavour with ci/fuzz-build.sh into $own"
    FUZZ_BUILD_ROOT=$own POXAUTH_EXPAT_SOURCE_DIR=${POXAUTH_EXPAT_SOURCE_DIR:-$src} \
      "$ROOT/ci/fuzz-build.sh" libfuzzer-asan >&2 || log "fuzz: ci/fuzz-build.sh failed"
  fi
  expat_a=$(find "$fzdir" -name 'libexpat*.a' 2>/dev/null | head -1 || true)
  if [ -x "$main" ] && [ -n "$expat_a" ]; then
    # Flags of the flavour (ci/lib/fuzz-common.sh libfuzzer-asan) plus the
    # sanitizers of cmake/Sanitizers.cmake address-undefined.
    flags=$(sed -n 's/.* flags=\(.*\) expat=.*/\1/p' "$fzdir/.fuzz-config" 2>/dev/null)
    [ -n "$flags" ] || flags="-O1 -g -fno-omit-frame-pointer"
    expat_inc=$(sed -n 's/.*expat=\([^ ]*\).*/\1/p' "$fzdir/.fuzz-config")
    [ -d "$expat_inc/lib" ] && expat_inc=$expat_inc/lib
    [ -d "$expat_inc/expat/lib" ] && expat_inc=$expat_inc/expat/lib
    how="instrumented expat from source ($expat_a), flags: $flags -fsanitize=address,undefined"
    # shellcheck disable=SC2086
    clang $flags -fsanitize=address,undefined -fno-sanitize-recover=undefined \
      -fsanitize=fuzzer -I"$expat_inc" "$ROOT/src/bench/fuzz_bare_expat.c" "$expat_a" \
      -o "$OUT/fuzz_bare_expat" || die "fuzz: building fuzz_bare_expat failed"
  else
    how="SYSTEM expat (uninstrumented: the fuzzers are nearly blind to expat; exec/s not representative)"
    log "fuzz: no instrumented build in $fzdir; falling back to $how"
    local sysb=$ROOT/build/bench-fuzz-sysexpat
    cmake -S "$ROOT" -B "$sysb" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE= \
      -DCMAKE_C_FLAGS="-O1 -g -fno-omit-frame-pointer" -DPOXAUTH_SANITIZE=address-undefined \
      -DPOXAUTH_BUILD_FUZZERS=ON -DPOXAUTH_BUILD_BENCH=ON -DPOXAUTH_BUILD_TESTS=OFF \
      -DPOXAUTH_BUILD_TOOLS=OFF -DPOXAUTH_INSTALL=OFF >"$OUT/fuzz-configure.log" 2>&1 ||
      die "fuzz: configure failed ($OUT/fuzz-configure.log)"
    cmake --build "$sysb" --target poxauth_fuzzer fuzz_bare_expat -j2 >"$OUT/fuzz-build.log" 2>&1 ||
      die "fuzz: build failed ($OUT/fuzz-build.log)"
    main=$sysb/fuzz/poxauth_fuzzer
    cp "$sysb/src/bench/fuzz_bare_expat" "$OUT/fuzz_bare_expat"
  fi
  local corpus=$ROOT/corpus/poxauth_fuzzer dict=$ROOT/fuzz/poxauth_fuzzer.dict maxlen
  [ -d "$corpus" ] || die "fuzz: no $corpus"
  maxlen=$(sed -n 's/^[[:space:]]*max_len[[:space:]]*=[[:space:]]*//p' "$ROOT/fuzz/poxauth_fuzzer.options" 2>/dev/null | head -1)
  local common=(-max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -rss_limit_mb=4096 -timeout=25)
  [ -n "$maxlen" ] && common+=(-max_len="$maxlen")
  [ -f "$dict" ] && common+=(-dict="$dict")
  # Seeds the main target already fails on would end every run at once:
  # leave them out of the shared copy (for both targets), and say so.
  # (Replay the copy; each failure leaves an artifact named by the input's
  # SHA-1: drop that seed and replay again.)
  local seeds=$OUT/fuzz-seeds art=$OUT/fuzz-seedcheck nbad=0 tries=0 sha victim
  rm -rf "$seeds" "$art"; mkdir -p "$seeds" "$art"; cp "$corpus"/* "$seeds"/
  while ! "$main" -runs=0 -artifact_prefix="$art/" "$seeds" >"$art/log" 2>&1; do
    tries=$((tries + 1)); [ $tries -le 50 ] || die "fuzz: too many failing seeds"
    sha=$( (ls "$art" | sed -n 's/^[a-z-]*-\([0-9a-f]\{40\}\)$/\1/p' | head -1) || true)
    [ -n "$sha" ] || die "fuzz: poxauth_fuzzer fails on the seeds without an artifact ($art/log)"
    victim=$( (cd "$seeds" && sha1sum -- * | awk -v s="$sha" '$1==s && !f{print $2; f=1}') || true)
    [ -n "$victim" ] || die "fuzz: cannot find the failing seed $sha"
    log "fuzz: seed $victim fails in poxauth_fuzzer ($(grep -m1 -o 'invariant broken.*\|ERROR: [A-Za-z]*Sanitizer[^ ]*\|ERROR: libFuzzer[^(]*' "$art/log" || echo crash)): left out"
    rm -f "$seeds/$victim" "$art"/*-"$sha"; nbad=$((nbad + 1))
  done
  corpus=$seeds
  if [ $nbad -gt 0 ]; then how="$how; $nbad seed(s) that poxauth_fuzzer fails on left out"; fi
  log "fuzz: $how"
  log "fuzz: ${FUZZ_RUNS} runs x ${FUZZ_SECONDS} s per target, options ${common[*]}"
  printf 'target\trun\texec_per_s\tcov\tcorpus_files\tcrashed\n' >"$OUT/fuzz.tsv"
  local r t bin dir eps cov crashed ncrash=0
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
  # Replay: each target runs the same seeds once, no mutation (-runs=0): the
  # same inputs for both, whatever the fuzzing finds.  Median of 3.
  local nseeds t0 t1 rr
  nseeds=$(ls "$corpus" | wc -l)
  printf 'target\treplay_run\tseeds\tseconds\texec_per_s\n' >"$OUT/fuzz-replay.tsv"
  for rr in 1 2 3; do
    for t in poxauth_fuzzer fuzz_bare_expat; do
      bin=$main; [ $t = fuzz_bare_expat ] && bin=$OUT/fuzz_bare_expat
      t0=$(date +%s.%N)
      "$bin" -runs=0 ${maxlen:+-max_len=$maxlen} "$corpus" >"$OUT/fuzz-replay.$t.log" 2>&1 || log "fuzz: replay of $t failed"
      t1=$(date +%s.%N)
      awk -v t="$t" -v r="$rr" -v n="$nseeds" -v a="$t0" -v b="$t1" \
        'BEGIN{printf "%s\t%s\t%s\t%.3f\t%.0f\n", t, r, n, b-a, n/(b-a)}' >>"$OUT/fuzz-replay.tsv"
    done
  done
  local rep_main rep_bare
  rep_main=$(awk -F'\t' '$1=="poxauth_fuzzer"{print $5}' "$OUT/fuzz-replay.tsv" | sort -n | sed -n 2p)
  rep_bare=$(awk -F'\t' '$1=="fuzz_bare_expat"{print $5}' "$OUT/fuzz-replay.tsv" | sort -n | sed -n 2p)
  log "fuzz: replay of $nseeds seeds, median exec/s: poxauth_fuzzer $rep_main, fuzz_bare_expat $rep_bare"
  REPLAY_NOTE="replay of the same $nseeds seeds (-runs=0, median of 3): poxauth_fuzzer $rep_main exec/s, fuzz_bare_expat $rep_bare exec/s, ratio $(awk -v a="$rep_main" -v b="$rep_bare" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')"
  for r in $(seq 1 "$FUZZ_RUNS"); do
    for t in poxauth_fuzzer fuzz_bare_expat; do
      bin=$main; [ $t = fuzz_bare_expat ] && bin=$OUT/fuzz_bare_expat
      dir=$OUT/fuzz-corpus/$t-run$r
      rm -rf "$dir"; mkdir -p "$dir"; cp "$corpus"/* "$dir"/
      mkdir -p "$OUT/fuzz-artifacts"
      "$bin" "${common[@]}" -seed="$r" -artifact_prefix="$OUT/fuzz-artifacts/$t-run$r-" "$dir" \
        >"$OUT/fuzz.$t.run$r.log" 2>&1 || true
      eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/fuzz.$t.run$r.log" | tail -1 || true)
      cov=$( (grep -o 'cov: [0-9]*' "$OUT/fuzz.$t.run$r.log" || true) | tail -1 | cut -d' ' -f2)
      crashed=no
      if grep -q '^SUMMARY: \|ERROR: libFuzzer\|fuzz invariant broken' "$OUT/fuzz.$t.run$r.log"; then
        crashed=yes; ncrash=$((ncrash + 1))
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$r" "${eps:-0}" "${cov:-?}" "$(ls "$dir" | wc -l)" "$crashed" >>"$OUT/fuzz.tsv"
      log "fuzz: $t run $r: ${eps:-?} exec/s (cov ${cov:-?})$([ $crashed = yes ] && echo ", CRASHED: see $OUT/fuzz.$t.run$r.log; exec/s not meaningful")"
    done
  done
  local med_main med_bare
  # Medians over the runs that did not crash.
  med_main=$(awk -F'\t' '$1=="poxauth_fuzzer" && $6=="no"{print $3}' "$OUT/fuzz.tsv" | sort -n | awk '{a[NR]=$1} END{print NR==0?0:(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
  med_bare=$(awk -F'\t' '$1=="fuzz_bare_expat" && $6=="no"{print $3}' "$OUT/fuzz.tsv" | sort -n | awk '{a[NR]=$1} END{print NR==0?0:(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
  if [ $ncrash -gt 0 ]; then how="$how; $ncrash run(s) CRASHED and are left out of the medians (fuzz.tsv)"; fi
  echo "$how" >"$OUT/fuzz.how"
  column -t "$OUT/fuzz.tsv" >&2 || cat "$OUT/fuzz.tsv" >&2
  log "fuzz: median exec/s poxauth_fuzzer $med_main, fuzz_bare_expat $med_bare ($how)"
  if [ "$med_main" != 0 ] && [ "$med_bare" != 0 ]; then
    EXTRA+=(--fuzz-execs "$med_main,$med_bare")
  fi
}
if [ $FUZZ = 1 ]; then fuzz_section; fi

# ---- 5. the benchmark ----------------------------------------------------
RARG=(); [ -n "$RUNS" ] && RARG=(--runs "$RUNS")
log "running poxauth-bench ${QARG[*]} ${RARG[*]}"
"$BIN" "${QARG[@]}" "${RARG[@]}" --json "$OUT/bench.json" --markdown "$OUT/tables.md" \
  "${EXTRA[@]}" | tee "$OUT/bench.txt"
if [ -f "$OUT/fuzz.how" ]; then
  { echo "fuzzing build: $(cat "$OUT/fuzz.how")"
    [ -n "${REPLAY_NOTE:-}" ] && echo "fuzzing, $REPLAY_NOTE"
    echo "fuzzing runs (fuzz.tsv):"; sed 's/^/  /' "$OUT/fuzz.tsv"; } | tee -a "$OUT/bench.txt"
fi

# ---- 6. the tables into the docs -------------------------------------------
# splice FILE: each <!-- bench:NAME ... --> .. <!-- /bench:NAME --> block of
# FILE replaced by the block of that name in $OUT/tables.md.
splice() {
  awk -v T="$OUT/tables.md" '
    BEGIN {
      while ((getline l < T) > 0) {
        if (l ~ /^<!-- bench:/) { split(l, a, /[: ]/); name = a[3] }
        if (name != "") blk[name] = blk[name] l "\n"
        if (l ~ /^<!-- \/bench:/) name = ""
      }
    }
    /^<!-- bench:/ { split($0, a, /[: ]/); if (a[3] in blk) { printf "%s", blk[a[3]]; skip = 1; next } }
    skip && /^<!-- \/bench:/ { skip = 0; next }
    !skip { print }
  ' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}
if [ $UPDATE = 1 ] && [ $QUICK = 0 ] && [ $CALLGRIND = 1 ]; then
  for f in "$ROOT/README.md" "$ROOT/src/bench/RESULTS.md"; do
    splice "$f"
    log "tables written into $f"
  done
  "$BIN" --check-tables "$ROOT/README.md" --check-tables "$ROOT/src/bench/RESULTS.md" >&2 ||
    die "the tables written do not pass --check-tables"
else
  log "README.md and RESULTS.md left as they are (--quick, --no-callgrind or --no-update)"
fi
log "results in $OUT (bench.txt, bench.json, the tables, callgrind.*, peer-*, fuzz.*)"
