# SPDX-License-Identifier: MIT
# Shared by ci/fuzz-*.sh; source it, do not run it.
# Knobs (environment): FUZZ_BUILD_ROOT (default build), FUZZ_JOBS (default 2),
# POXAUTH_EXPAT_SOURCE_DIR (skip the fetch), FUZZ_NO_APT=1 (never apt-get).

FUZZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FUZZ_BUILD_ROOT=${FUZZ_BUILD_ROOT:-$FUZZ_ROOT/build}
FUZZ_JOBS=${FUZZ_JOBS:-2}
FUZZ_FLAVOURS="standalone libfuzzer-asan libfuzzer-msan afl afl-asan afl-cmplog"
. "$FUZZ_ROOT/ci/lib/deps.sh"

fz_log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
fz_die() { fz_log "ERROR: $*"; exit 1; }

# fz_packages PACKAGE...: install what is missing (ci/lib/deps.sh).
fz_packages() {
  [ "${FUZZ_NO_APT:-0}" = 1 ] && return 0
  command -v dpkg-query > /dev/null || return 0
  ensure_packages "$@" || fz_die "could not install: $*"
}
# fz_need CMD PACKAGE: install PACKAGE when CMD is missing.
fz_need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  [ "${FUZZ_NO_APT:-0}" = 1 ] && fz_die "$1 missing (package $2) and FUZZ_NO_APT=1"
  command -v apt-get >/dev/null || fz_die "$1 missing; install package $2"
  fz_packages "$2"
}

# Everything the fuzz scripts use (POXAUTH_PKGS_FUZZ); the sanitizer and
# libFuzzer runtimes are a package of their own, not a command.
fz_need_base() {
  # shellcheck disable=SC2086
  fz_packages cmake $POXAUTH_PKGS_FUZZ
}
fz_need_afl() { fz_need afl-fuzz afl++; fz_need afl-clang-fast afl++; }
fz_need_llvm() {
  fz_need llvm-profdata llvm
  fz_need llvm-cov llvm
}

# Every fuzz target: fuzz/<name>.c with LLVMFuzzerTestOneInput.
fz_targets() {
  local f
  for f in "$FUZZ_ROOT"/fuzz/*_fuzzer.c; do basename "$f" .c; done
}
# fz_check_targets NAME...: keep the names that are targets ("all" = every one).
fz_select_targets() {
  if [ $# -eq 0 ] || [ "$1" = all ]; then fz_targets; return; fi
  local t
  for t in "$@"; do
    [ -f "$FUZZ_ROOT/fuzz/$t.c" ] || fz_die "no such target: $t (have: $(fz_targets | tr '\n' ' '))"
    echo "$t"
  done
}

fz_dict() { echo "$FUZZ_ROOT/fuzz/$1.dict"; }
fz_options() { echo "$FUZZ_ROOT/fuzz/$1.options"; }
# fz_option TARGET KEY DEFAULT: a [libfuzzer] value from fuzz/<target>.options
fz_option() {
  local v
  v=$(sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$(fz_options "$1")" 2>/dev/null | head -1)
  echo "${v:-$3}"
}

fz_builddir() { echo "$FUZZ_BUILD_ROOT/fuzz-$1"; }
# The binary of TARGET in FLAVOUR (replay drivers are <target>_replay).
fz_bin() {
  local fl=$1 t=$2
  if [ "$fl" = standalone ] || [ "$fl" = coverage ]; then echo "$(fz_builddir "$fl")/fuzz/${t}_replay"
  else echo "$(fz_builddir "$fl")/fuzz/$t"; fi
}

fz_expat_dir() {
  if [ -z "${FZ_EXPAT_DIR:-}" ]; then
    FZ_EXPAT_DIR=$("$FUZZ_ROOT/ci/expat-source.sh" "$FUZZ_BUILD_ROOT/fuzz-expat-src" | tail -1) ||
      fz_die "no expat source (ci/expat-source.sh failed)"
    export FZ_EXPAT_DIR
  fi
  echo "$FZ_EXPAT_DIR"
}

# fz_configure FLAVOUR: configure and build every fuzz target of FLAVOUR.
fz_build_flavour() {
  local fl=$1 dir cc san="" engine flags tests=OFF
  dir=$(fz_builddir "$fl")
  local extra_env=()
  mkdir -p "$FUZZ_BUILD_ROOT"
  case $fl in
    standalone)     cc=${FUZZ_STANDALONE_CC:-clang}; san=${FUZZ_STANDALONE_SANITIZE-address-undefined}
                    engine=standalone; flags="-O1 -g -fno-omit-frame-pointer"; tests=ON ;;
    coverage)       cc=clang; engine=standalone; tests=ON
                    flags="-O0 -g -fprofile-instr-generate -fcoverage-mapping" ;;
    libfuzzer-asan) cc=clang; san=address-undefined; engine=libfuzzer; flags="-O1 -g -fno-omit-frame-pointer" ;;
    libfuzzer-msan) cc=clang; san=memory; engine=libfuzzer; flags="-O1 -g -fno-omit-frame-pointer" ;;
    afl)            cc=afl-clang-fast; engine=afl; flags="-O2 -g" ;;
    afl-asan)       cc=afl-clang-fast; san=address-undefined; engine=afl; flags="-O1 -g -fno-omit-frame-pointer" ;;
    afl-cmplog)     cc=afl-clang-fast; engine=afl; flags="-O2 -g"; extra_env=(AFL_LLVM_CMPLOG=1) ;;
    *) fz_die "unknown flavour $fl (have: $FUZZ_FLAVOURS coverage)" ;;
  esac
  case $cc in afl-*) fz_need_afl ;; clang) fz_need clang clang ;; gcc) fz_need gcc gcc ;; esac
  # Called in this shell (not in $(...)) so that FZ_EXPAT_DIR is kept for
  # the next flavour and for the scripts this one runs.
  fz_expat_dir > /dev/null
  local expat=$FZ_EXPAT_DIR
  fz_log "building $fl in $dir (cc=$cc sanitize='${san}' engine=$engine expat=$expat)"
  # A changed compiler makes CMake drop the cache (and our -D values with
  # it): start afresh whenever the configuration differs from last time.
  local stamp="cc=$cc san=$san engine=$engine flags=$flags ${FUZZ_EXTRA_CFLAGS:-} expat=$expat env=${extra_env[*]:-}"
  if [ -f "$dir/CMakeCache.txt" ] && [ "$(cat "$dir/.fuzz-config" 2>/dev/null)" != "$stamp" ]; then
    fz_log "configuration of $fl changed: wiping $dir"
    rm -rf "$dir"
  fi
  mkdir -p "$dir"; echo "$stamp" > "$dir/.fuzz-config"
  env "${extra_env[@]}" AFL_QUIET=1 cmake -S "$FUZZ_ROOT" -B "$dir" -G Ninja \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS="$flags ${FUZZ_EXTRA_CFLAGS:-}" \
    -DPOXAUTH_SANITIZE="$san" -DPOXAUTH_FUZZ_ENGINE="$engine" -DPOXAUTH_BUILD_FUZZERS=$([ "$engine" = libfuzzer ] && echo ON || echo OFF) \
    -DPOXAUTH_EXPAT_SOURCE_DIR="$expat" -DPOXAUTH_BUILD_TESTS=$tests -DPOXAUTH_BUILD_TOOLS=$tests \
    -DPOXAUTH_BUILD_BENCH=OFF -DPOXAUTH_INSTALL=OFF -DPOXAUTH_WARNINGS_AS_ERRORS=${FUZZ_WERROR:-OFF} >"$dir.configure.log" 2>&1 ||
    { mkdir -p "$dir"; tail -30 "$dir.configure.log" >&2; fz_die "configure of $fl failed (log: $dir.configure.log)"; }
  env "${extra_env[@]}" AFL_QUIET=1 cmake --build "$dir" --target poxauth_fuzz -j "$FUZZ_JOBS" >"$dir.build.log" 2>&1 ||
    { tail -40 "$dir.build.log" >&2; fz_die "build of $fl failed (log: $dir.build.log)"; }
  fz_log "built $fl: $(ls "$dir/fuzz" | grep -c '_fuzzer' ) binaries in $dir/fuzz"
}

# Sanitizer settings shared by every run.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:allocator_may_return_null=1:handle_abort=1:handle_sigill=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:abort_on_error=1}
export MSAN_OPTIONS=${MSAN_OPTIONS:-abort_on_error=1:print_stats=0}
