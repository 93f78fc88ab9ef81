#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every test, as CI runs it: gcc and clang builds with warnings as errors,
# ctest (unit, conformance, corpus replay), the unit tests under valgrind,
# the fuzz smoke runs, and last the whole ctest suite again under
# ASan+UBSan.
# Installs what it needs (Debian 12, as root).  Usage: bash ci/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/deps.sh
ensure_build_packages
ensure_packages valgrind python3 python3-hypothesis

jobs=${POXAUTH_JOBS:-$(nproc)}
step() { printf '\n== %s\n' "$*"; }

step "gcc, warnings as errors (preset dev)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs"
ctest --preset dev -j"$jobs"

step "install, then build a consumer with find_package and pkg-config"
bash ci/install-check.sh build/dev

step "clang, warnings as errors (preset clang)"
cmake --preset clang >/dev/null
cmake --build --preset clang -j"$jobs"
ctest --preset clang -j"$jobs" -L unit

step "valgrind over the unit tests"
for t in build/dev/src/tests/test_*; do
  [ -x "$t" ] || continue
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all "$t" >/dev/null
  echo "valgrind clean: $t"
done

step "fuzz smoke runs (libFuzzer and AFL++ on an instrumented expat)"
ensure_packages clang llvm afl++ ninja-build zip unzip dpkg-dev binutils
# The corpus replay is left to the asan-ubsan ctest run below.
FUZZ_SMOKE_SKIP=replay bash ci/fuzz-smoke.sh

step "ASan + UBSan (preset asan-ubsan)"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan-ubsan -j"$jobs"
