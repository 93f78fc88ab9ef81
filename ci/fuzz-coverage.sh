#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-coverage.sh [-w] [-a] [-u] [-c] [TARGET...|all]: source-based coverage
# (clang -fprofile-instr-generate -fcoverage-mapping) of the library from
# the unit tests (ctest -L unit: the unit tests, the tool's tests, the
# block-edge test of every conformance case) plus the corpus: every
# target's replay driver runs over corpus/<target>/, then llvm-profdata
# merges the profiles and llvm-cov reports src/lib with line, region,
# function and branch figures.
#   -w   also replay the work corpora (build/fuzz-runs: libFuzzer, AFL++)
#   -a   report expat and the harnesses too, not only src/lib
#   -u   corpus replay only, without the unit tests
#   -c   check: exit 1 unless the reachable figures reach the goal, 100 %
#        of lines and 95 % of branches of src/lib
# Output: build/fuzz-coverage-report/{report.txt,summary.json,export.json,
# html/index.html}; the TOTAL line (llvm-cov's own figures) and the
# REACHABLE line (the same without the code marked `cov: unreachable` in
# src/lib, ci/lib/coverage-reachable.py) are printed.
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
work=0 all=0 units=1 check=0
while getopts "wauc" o; do case $o in w) work=1 ;; a) all=1 ;; u) units=0 ;; c) check=1 ;; *) sed -n '3,20p' "$0"; exit 2 ;; esac; done
shift $((OPTIND - 1))
mapfile -t targets < <(fz_select_targets "$@")
fz_need_base
profdata=$(command -v llvm-profdata-14 || command -v llvm-profdata || true)
cov=$(command -v llvm-cov-14 || command -v llvm-cov || true)
if [ -z "$profdata" ] || [ -z "$cov" ]; then fz_need_llvm; profdata=$(command -v llvm-profdata); cov=$(command -v llvm-cov); fi
fz_build_flavour coverage

out=$FUZZ_BUILD_ROOT/fuzz-coverage-report
rm -rf "$out"; mkdir -p "$out/profraw"
objs=()
if [ "$units" = 1 ]; then
  dir=$(fz_builddir coverage)
  cmake --build "$dir" -j "$FUZZ_JOBS" > "$out/build-tests.log" 2>&1 ||
    { tail -20 "$out/build-tests.log" >&2; fz_die "building the unit tests for coverage failed"; }
  LLVM_PROFILE_FILE="$out/profraw/unit-%p.profraw" ctest --test-dir "$dir" -L unit -j "$FUZZ_JOBS" \
    > "$out/ctest.log" 2>&1 || fz_log "some unit tests failed under coverage (see $out/ctest.log)"
  for b in "$dir"/src/tests/test_* "$dir"/src/tool/poxauth "$dir"/fuzz/poxauth_multiblock_check; do
    [ -x "$b" ] && [ -f "$b" ] && objs+=(-object "$b")
  done
fi
for t in "${targets[@]}"; do
  bin=$(fz_bin coverage "$t")
  dirs=()
  [ -d "$FUZZ_ROOT/corpus/$t" ] && dirs+=("$FUZZ_ROOT/corpus/$t")
  if [ "$work" = 1 ]; then
    for d in "$FUZZ_BUILD_ROOT"/fuzz-runs/libfuzzer-*/"$t"/corpus "$FUZZ_BUILD_ROOT"/fuzz-runs/afl*/"$t"/*/queue; do
      [ -d "$d" ] && dirs+=("$d")
    done
  fi
  [ ${#dirs[@]} -gt 0 ] || continue
  # A failing input must not stop the report: each directory runs alone.
  for d in "${dirs[@]}"; do
    if ! (LLVM_PROFILE_FILE="$out/profraw/$t-%p.profraw" "$bin" "$d" > /dev/null 2>>"$out/replay.log") 2>/dev/null; then
      # a failing input (an open regression) kills the process before its
      # profile is written: replay that directory one file at a time
      fz_log "$t: an input of $d fails (see $out/replay.log); replaying it file by file"
      rm -f "$out"/profraw/"$t"-*.profraw.tmp
      find "$d" -maxdepth 1 -type f ! -name '.*' -print0 | while IFS= read -r -d '' f; do
        (LLVM_PROFILE_FILE="$out/profraw/$t-%p.profraw" "$bin" "$f" > /dev/null 2>>"$out/replay.log") 2>/dev/null || true
      done
    fi
  done
  objs+=(-object "$bin")
done
"$profdata" merge -sparse "$out"/profraw/*.profraw -o "$out/merged.profdata"
libonly=(-ignore-filename-regex='(/fuzz/|/conformance/|/src/tests/|/src/tool/|fuzz-expat-src|/_expat/|/usr/)')
filter=("${libonly[@]}")
[ "$all" = 1 ] && filter=(-ignore-filename-regex='/usr/')
first=${objs[1]}; rest=("${objs[@]:2}")
"$cov" report "$first" "${rest[@]}" -instr-profile="$out/merged.profdata" "${filter[@]}" > "$out/report.txt"
"$cov" export -summary-only "$first" "${rest[@]}" -instr-profile="$out/merged.profdata" "${filter[@]}" > "$out/summary.json"
"$cov" show "$first" "${rest[@]}" -instr-profile="$out/merged.profdata" "${filter[@]}" -show-branches=count \
  -format=html -output-dir="$out/html" > /dev/null
cat "$out/report.txt" >&2
python3 - "$out/summary.json" <<'PY' >&2
import json, sys
t = json.load(open(sys.argv[1]))["data"][0]["totals"]
def f(k):
    d = t[k]
    return "%s %d/%d (%.1f %%)" % (k, d["covered"], d["count"], d["percent"])
print("TOTAL: " + "; ".join(f(k) for k in ("lines", "branches", "regions", "functions")))
PY
# The reachable figure is of src/lib alone, whatever -a shows.
"$cov" export "$first" "${rest[@]}" -instr-profile="$out/merged.profdata" "${libonly[@]}" > "$out/export.json"
reach=0
python3 "$FUZZ_ROOT/ci/lib/coverage-reachable.py" "$out/export.json" "$FUZZ_ROOT/src/lib" -c -f >&2 || reach=$?
fz_log "report: $out/report.txt, html: $out/html/index.html"
if [ "$reach" -gt 1 ]; then fz_die "the reachable figure could not be computed"; fi
if [ "$check" = 1 ] && [ "$reach" != 0 ]; then fz_die "below the goal: 100 % of reachable lines, 95 % of branches"; fi
