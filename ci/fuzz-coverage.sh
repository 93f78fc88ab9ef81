#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-coverage.sh [-w] [-a] [TARGET...|all]: source-based coverage (clang
# -fprofile-instr-generate -fcoverage-mapping) of the library over the
# corpus: every target's replay driver runs over corpus/<target>/, then
# llvm-profdata merges the profiles and llvm-cov reports src/lib with line,
# region, function and branch figures.
#   -w   also replay the work corpora of ci/fuzz-libfuzzer.sh (build/fuzz-runs)
#   -a   report expat and the harnesses too, not only src/lib
# Output: build/fuzz-coverage-report/{report.txt,summary.json,html/index.html}; the
# TOTAL line is printed.
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
work=0 all=0
while getopts "wa" o; do case $o in w) work=1 ;; a) all=1 ;; *) sed -n '3,12p' "$0"; exit 2 ;; esac; done
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
for t in "${targets[@]}"; do
  bin=$(fz_bin coverage "$t")
  dirs=()
  [ -d "$FUZZ_ROOT/corpus/$t" ] && dirs+=("$FUZZ_ROOT/corpus/$t")
  if [ "$work" = 1 ]; then
    for d in "$FUZZ_BUILD_ROOT"/fuzz-runs/libfuzzer-*/"$t"/corpus "$FUZZ_BUILD_ROOT"/fuzz-runs/afl/"$t"/*/queue; do
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
filter=(-ignore-filename-regex='(/fuzz/|/conformance/|fuzz-expat-src|/_expat/|/usr/)')
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
fz_log "report: $out/report.txt, html: $out/html/index.html"
