#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-triage.sh [-t TARGET] [-n] [-m SECONDS] CRASH_FILE_OR_DIR...
# Reproduce fuzzer findings (libFuzzer artifacts, AFL++ crashes/ and hangs/
# directories, or any file) with the replay driver under ASan+UBSan, group
# them by stack, minimise one input per group, and turn each into a
# regression input corpus/<target>/regress-<sha1> that ctest then replays.
#   -t TARGET   the fuzz target (default: guessed from the paths)
#   -n          do not add regression inputs to corpus/ (report only)
#   -m SECONDS  time for minimisation per group (default 60; 0: none)
# Report: build/fuzz-runs/triage/<target>/<signature>/{input,minimized,stack.txt}
# Exit status: 0 when nothing reproduced, 1 when something did, 2 on usage.
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"

target="" add=1 msecs=60
while getopts "t:nm:" o; do
  case $o in t) target=$OPTARG ;; n) add=0 ;; m) msecs=$OPTARG ;; *) sed -n '3,12p' "$0"; exit 2 ;; esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '3,12p' "$0"; exit 2; }
if [ -z "$target" ]; then
  for t in $(fz_targets); do
    case "$*" in *"/$t/"*|*"/$t"|*"$t"/*) target=$t ;; esac
  done
  # the longest name wins (poxauth_fuzzer is inside poxauth_alloc_fuzzer's paths? no, but be safe)
  [ -n "$target" ] || fz_die "cannot guess the target from the paths: use -t"
fi
fz_log "target $target"

# Inputs: files given, and the files of directories given (AFL's README.txt skipped).
inputs=()
for a in "$@"; do
  if [ -d "$a" ]; then
    while IFS= read -r f; do inputs+=("$f"); done < <(find "$a" -maxdepth 1 -type f ! -name 'README.txt' ! -name '.*' | sort)
  elif [ -f "$a" ]; then inputs+=("$a")
  else fz_die "no such file: $a"; fi
done
[ ${#inputs[@]} -gt 0 ] || { fz_log "no inputs"; exit 0; }

[ -x "$(fz_bin standalone "$target")" ] || fz_build_flavour standalone
replay=$(fz_bin standalone "$target")
lf=$(fz_bin libfuzzer-asan "$target")
out=$FUZZ_BUILD_ROOT/fuzz-runs/triage/$target
mkdir -p "$out"

# The signature of a failure: the kind of error plus the top frames of the
# stack that are ours (neither the sanitizer, libc, the driver nor fuzz_fail).
signature() {
  local log=$1 kind frames
  kind=$(grep -m1 -oE 'invariant broken: [^ ]+|ERROR: [A-Za-z]+Sanitizer: [a-z-]+|runtime error: [a-z ]+|ERROR: libFuzzer: [a-z-]+' "$log" || true)
  frames=$(grep -E '^ +#[0-9]+ ' "$log" | grep -vE '__sanitizer|__asan|__ubsan|__msan|fuzz_fail|libc\.so|libc-start|standalone_main|afl_main|LLVMFuzzerTestOneInput|fuzzer::|_start|abort|raise' |
           sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in ([^ ]+).*/\1/' | head -3 | tr '\n' ' ')
  printf '%s | %s' "${kind:-unknown}" "${frames:-no-frames}"
}

reproduces() { # reproduces FILE LOG: 0 when the replay driver fails on FILE
  ! { timeout 60 "$replay" "$1" > "$2" 2>&1; } 2>/dev/null
}

declare -A group_of=() first_of=()
n_repro=0
for f in "${inputs[@]}"; do
  log=$(mktemp)
  if reproduces "$f" "$log"; then
    n_repro=$((n_repro + 1))
    sig=$(signature "$log")
    id=$(printf '%s' "$sig" | sha1sum | cut -c1-12)
    if [ -z "${first_of[$id]:-}" ]; then
      first_of[$id]=$f
      group_of[$id]=$sig
      rm -rf "$out/$id"; mkdir -p "$out/$id"
      cp "$f" "$out/$id/input"
      cp "$log" "$out/$id/stack.txt"
      echo "$sig" > "$out/$id/signature"
    fi
    echo "$f" >> "$out/$id/members"
  else
    fz_log "does not reproduce: $f"
  fi
  rm -f "$log"
done
fz_log "${#inputs[@]} input(s), $n_repro reproduce(s), ${#first_of[@]} distinct stack(s)"
[ ${#first_of[@]} -gt 0 ] || exit 0

for id in "${!first_of[@]}"; do
  dir=$out/$id sig=${group_of[$id]}
  fz_log "group $id: $sig ($(wc -l < "$dir/members") input(s))"
  best=$dir/input
  if [ "$msecs" != 0 ]; then
    [ -x "$lf" ] || fz_build_flavour libfuzzer-asan
    rm -rf "$dir/min"; mkdir -p "$dir/min"
    # libFuzzer's crash minimiser keeps any crash: check the result has the same stack.
    (cd "$dir/min" && timeout $((msecs + 60)) "$lf" -minimize_crash=1 -max_total_time="$msecs" -runs=100000 \
        -artifact_prefix="$dir/min/" "$dir/input") > "$dir/minimize.log" 2>&1 || true
    cand=$(ls -S -r "$dir"/min/minimized-from-* 2>/dev/null | head -1 || true)
    # the smallest candidate is the last written; prefer the smallest that keeps the signature
    for c in $(ls -S -r "$dir"/min/minimized-from-* 2>/dev/null); do
      log=$(mktemp)
      if reproduces "$c" "$log" && [ "$(signature "$log")" = "$sig" ]; then best=$c; rm -f "$log"; break; fi
      rm -f "$log"
    done
    [ -n "$cand" ] || fz_log "group $id: minimisation produced nothing (see $dir/minimize.log)"
  fi
  cp "$best" "$dir/minimized"
  sha=$(sha1sum "$dir/minimized" | cut -d' ' -f1)
  fz_log "group $id: reproducer $(stat -c %s "$dir/input") -> $(stat -c %s "$dir/minimized") bytes, sha1 $sha"
  if [ "$add" = 1 ]; then
    mkdir -p "$FUZZ_ROOT/corpus/$target"
    cp "$dir/minimized" "$FUZZ_ROOT/corpus/$target/regress-$sha"
    fz_log "group $id: added corpus/$target/regress-$sha (ctest's fuzz-replay-$target now fails until it is fixed)"
  fi
  { echo "signature: $sig"; echo "reproducer: $dir/minimized (sha1 $sha)";
    echo "replay: $replay $dir/minimized"; echo "--- stack:"; grep -vE '^\s*$' "$dir/stack.txt" | head -40; } > "$dir/REPORT.txt"
  sed -n '1,3p' "$dir/REPORT.txt" >&2
done
exit 1
