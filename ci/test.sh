#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every test, as CI runs it, in stages: the format check; gcc and clang
# builds with warnings as errors, Debug and Release, with ctest (unit,
# conformance, corpus replay); the install check; the unit tests under
# valgrind; the fuzz smoke runs; coverage of src/lib (ci/fuzz-coverage.sh -c:
# every reachable line, >= 95 % of branches); and last the whole ctest suite again under
# ASan+UBSan.  A failed stage does not stop the others; the run ends with
# one line per stage (result, seconds) and "N passed, N failed", and exits
# non-zero when a stage failed.  Build output: build/test-logs/.
# Installs what it needs (Debian 12, as root).  Usage: bash ci/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/lib/deps.sh
ensure_build_packages
# shellcheck disable=SC2086
ensure_packages $POXAUTH_PKGS_TEST $POXAUTH_PKGS_FUZZ

jobs=${POXAUTH_JOBS:-$(nproc)}
logs=build/test-logs
mkdir -p "$logs"
names=() results=() times=()
# stage NAME FUNCTION: run one stage, go on whatever it gives, and keep its
# result and time for the summary.
stage() {
  local name=$1 fn=$2 t0=$SECONDS rc=0
  printf '\n== %s\n' "$name"
  "$fn" || rc=$?
  names+=("$name")
  times+=($((SECONDS - t0)))
  if [ "$rc" -eq 0 ]; then results+=(pass); else results+=("FAIL (exit $rc)"); fi
}
# quiet LOG CMD...: the output of CMD goes to build/test-logs/LOG, and its
# tail to the terminal only when CMD fails.
quiet() {
  local log=$logs/$1
  shift
  "$@" > "$log" 2>&1 && return 0
  tail -40 "$log"
  echo "(full output: $log)"
  return 1
}
build_preset() { # build_preset PRESET: configure and build, quietly
  quiet "$1-configure.log" cmake --preset "$1" && quiet "$1-build.log" cmake --build --preset "$1" -j"$jobs"
}

format() { bash ci/format-check.sh; }
gcc_dev() { build_preset dev && ctest --preset dev -j"$jobs"; }
install_check() { bash ci/install-check.sh build/dev; }
clang_dev() { build_preset clang && ctest --preset clang -j"$jobs" -L unit; }
release_gcc() { build_preset release && ctest --preset release -j"$jobs" -L unit; }
release_clang() { build_preset release-clang && ctest --preset release-clang -j"$jobs" -L unit; }
valgrind_unit() {
  local t bad=0
  for t in build/dev/src/tests/test_*; do
    [ -x "$t" ] || continue
    if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all "$t" > /dev/null; then
      echo "valgrind clean: $t"
    else
      echo "valgrind FAILED: $t"
      bad=1
    fi
  done
  return "$bad"
}
fuzz_smoke() {
  # The corpus replay is left to the asan-ubsan ctest run below.
  FUZZ_SMOKE_SKIP=replay bash ci/fuzz-smoke.sh
}
coverage() {
  # Fails when a reachable line of src/lib is not run, or under 95 % of
  # its reachable branches are, by the unit tests and the corpus replay.
  bash ci/fuzz-coverage.sh -c
}
asan_ubsan() {
  build_preset asan-ubsan &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --preset asan-ubsan -j"$jobs"
}

stage "format: every tracked .c/.h as .clang-format says" format
stage "gcc, warnings as errors (preset dev)" gcc_dev
stage "install, then consumers: pkg-config (shared, static), find_package, /usr DESTDIR" install_check
stage "clang, warnings as errors (preset clang)" clang_dev
stage "Release, gcc, warnings as errors (preset release)" release_gcc
stage "Release, clang, warnings as errors (preset release-clang)" release_clang
stage "valgrind over the unit tests" valgrind_unit
stage "fuzz smoke runs (libFuzzer and AFL++ on an instrumented expat)" fuzz_smoke
stage "coverage of src/lib: every reachable line, >= 95 % of branches" coverage
stage "ASan + UBSan (preset asan-ubsan)" asan_ubsan

passed=0 failed=0
printf '\n== summary\n'
for i in "${!names[@]}"; do
  printf '%-16s %5d s  %s\n' "${results[$i]}" "${times[$i]}" "${names[$i]}"
  if [ "${results[$i]}" = pass ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "total $SECONDS s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
