#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-ossfuzz-sim.sh [CONFIG...]: run ci/oss-fuzz/build.sh exactly as
# OSS-Fuzz's `compile` would, without docker, then check what it produced.
# CONFIG is SANITIZER/ENGINE; default: address/libfuzzer undefined/libfuzzer
# memory/libfuzzer address/afl (also: coverage/libfuzzer).
# For each: $SRC, $WORK, $OUT under build/fuzz-ossfuzz/<sanitizer>-<engine>/,
# $SRC/poxauth a copy of this tree, $SRC/expat -> the expat source
# (ci/expat-source.sh), CC/CXX/CFLAGS/CXXFLAGS/LIB_FUZZING_ENGINE set as the
# base-clang/base-builder images set them.  Then, like check_build: every
# fuzzer is there with its seed corpus zip, dictionary and options; the
# sanitizer's calls are in the binary (objdump counts); each fuzzer runs on
# an empty input (-runs=4) and then for FUZZ_SIM_SECONDS (default 5) on its
# seed corpus with its dictionary (afl-fuzz -V for AFL++).
# Differences from the real thing: Debian's clang-14 instead of OSS-Fuzz's
# LLVM, and no -stdlib=libc++ (it does not link with Debian's libFuzzer).
set -euo pipefail
. "$(dirname "$0")/fuzz-common.sh"
fz_need_base; fz_need zip zip; fz_need unzip unzip; fz_need objdump binutils
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(address/libfuzzer undefined/libfuzzer memory/libfuzzer address/afl)
secs=${FUZZ_SIM_SECONDS:-5}
expat=$(fz_expat_dir)
mapfile -t targets < <(fz_targets)

flags_address="-fsanitize=address -fsanitize-address-use-after-scope"
ub_list=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr
# unsigned overflow is recoverable (and silenced at run time) as in base-builder
flags_undefined="-fsanitize=$ub_list -fno-sanitize-recover=${ub_list/unsigned-integer-overflow,/}"
flags_memory="-fsanitize=memory -fsanitize-memory-track-origins"
flags_coverage="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm"
base_cflags="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"

fail=0
report=()
for cfg in "${configs[@]}"; do
  san=${cfg%/*} engine=${cfg#*/}
  root=$FUZZ_BUILD_ROOT/fuzz-ossfuzz/$san-$engine
  rm -rf "$root"; mkdir -p "$root/src" "$root/work" "$root/out"
  # a copy of the tree, as the Dockerfile's clone/COPY makes (build/ and .git left out)
  mkdir -p "$root/src/poxauth"
  (cd "$FUZZ_ROOT" && tar --exclude=./build --exclude=./.git -cf - .) | (cd "$root/src/poxauth" && tar xf -)
  ln -s "$expat" "$root/src/expat"
  cp "$FUZZ_ROOT/ci/oss-fuzz/build.sh" "$root/src/build.sh"
  sflags=flags_$san
  # FUZZ_SIM_EXTRA_CFLAGS: extra flags for a one-off experiment
  cflags="$base_cflags ${!sflags} ${FUZZ_SIM_EXTRA_CFLAGS:-}"
  (
    export SRC=$root/src WORK=$root/work OUT=$root/out SANITIZER=$san FUZZING_ENGINE=$engine
    export ARCHITECTURE=x86_64 FUZZING_LANGUAGE=c POXAUTH_SRC=$root/src/poxauth
    [ "$san" = undefined ] && export UBSAN_OPTIONS=silence_unsigned_overflow=1:halt_on_error=1
    if [ "$engine" = afl ]; then
      fz_need_afl
      cp /usr/lib/afl/libAFLDriver.a "$WORK/libAFLDriver.a"
      export CC=afl-clang-fast CXX=afl-clang-fast++ LIB_FUZZING_ENGINE=$WORK/libAFLDriver.a
      export AFL_QUIET=1 AFL_IGNORE_PROBLEMS=1
      export CFLAGS="$cflags"
    else
      export CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer
      if [ "$san" = coverage ]; then export CFLAGS="$cflags"
      else export CFLAGS="$cflags -fsanitize=fuzzer-no-link"; fi
    fi
    export CXXFLAGS="$CFLAGS"   # OSS-Fuzz adds -stdlib=libc++ here (G3)
    cd "$SRC/poxauth"
    bash -eu "$SRC/build.sh"
  ) > "$root/build.log" 2>&1 || { fz_log "$cfg: build.sh FAILED"; tail -30 "$root/build.log" >&2; fail=1; report+=("$cfg: build failed"); continue; }

  bad=0
  # the base-runner image runs UBSan builds with silence_unsigned_overflow=1
  # (expat's siphash wraps on purpose)
  if [ "$san" = undefined ]; then
    export UBSAN_OPTIONS=silence_unsigned_overflow=1:halt_on_error=1:print_stacktrace=1:abort_on_error=1
  fi
  for t in "${targets[@]}"; do
    o=$root/out
    for f in "$t" "${t}_seed_corpus.zip" "$t.dict" "$t.options"; do
      [ -e "$o/$f" ] || { fz_log "$cfg: missing $f"; bad=1; }
    done
    [ -x "$o/$t" ] || continue
    case $san in
      address) n=$(objdump -dC "$o/$t" | grep -c 'call.*__asan' || true); min=1000 ;;
      memory) n=$(objdump -dC "$o/$t" | grep -c 'call.*__msan' || true); min=1000 ;;
      undefined) n=$(objdump -dC "$o/$t" | grep -c 'call.*__ubsan' || true); min=168 ;;
      *) n=0; min=0 ;;
    esac
    [ "$n" -ge "$min" ] || { fz_log "$cfg: $t has only $n $san calls (< $min)"; bad=1; }
    seeds=$root/work/seeds-$t; rm -rf "$seeds"; mkdir -p "$seeds"
    unzip -q -o "$o/${t}_seed_corpus.zip" -d "$seeds"
    # FUZZ_SIM_SKIP_REGRESS=1: leave out the reproducers of still open bugs
    [ "${FUZZ_SIM_SKIP_REGRESS:-0}" = 1 ] && rm -f "$seeds"/regress-*
    if [ "$engine" = afl ]; then
      msg=$( (cd "$root/work" && AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
               ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:symbolize=0 MSAN_OPTIONS=exit_code=86:symbolize=0 \
               afl-fuzz -V "$secs" -i "$seeds" -o "$root/work/afl-$t" -x "$o/$t.dict" -- "$o/$t") > "$root/work/$t.run.log" 2>&1 && echo ok || echo FAILED)
      eps=$(sed -n 's/^execs_per_sec *: *//p' "$root/work/afl-$t/default/fuzzer_stats" 2>/dev/null || true)
      crashes=$( (find "$root/work/afl-$t"/*/crashes -name 'id*' 2>/dev/null || true) | wc -l)
      [ "$msg" = ok ] && [ "$crashes" = 0 ] || { bad=1; msg="FAILED ($crashes crash(es))"; }
      report+=("$cfg $t: afl-fuzz ${secs}s $msg, $eps exec/s, $n calls")
    else
      e=$(mktemp); : > "$e"
      (cd "$root/work" && "$o/$t" -runs=4 "$e") > "$root/work/$t.empty.log" 2>&1 || { fz_log "$cfg: $t fails on an empty input"; bad=1; }
      rm -f "$e"
      if [ "$san" = coverage ]; then
        (cd "$root/work" && LLVM_PROFILE_FILE="$root/work/$t.profraw" "$o/$t" -runs=0 "$seeds") > "$root/work/$t.run.log" 2>&1 &&
          msg=ok || { msg=FAILED; bad=1; }
        report+=("$cfg $t: corpus replay $msg")
      else
        mkdir -p "$root/work/corpus-$t"
        (cd "$root/work" && "$o/$t" -max_total_time="$secs" -dict="$o/$t.dict" -print_final_stats=1 \
            -artifact_prefix="$root/work/" "$root/work/corpus-$t" "$seeds") > "$root/work/$t.run.log" 2>&1 &&
          msg=ok || { msg=FAILED; bad=1; }
        eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$root/work/$t.run.log" | tail -1 || true)
        report+=("$cfg $t: ${secs}s $msg, ${eps:-?} exec/s, $n $san calls")
      fi
    fi
  done
  [ $bad = 0 ] || fail=1
  fz_log "$cfg: $([ $bad = 0 ] && echo OK || echo FAILED) ($(ls "$root/out" | wc -l) files in $root/out)"
done
printf '%s\n' "${report[@]}" >&2
exit $fail
