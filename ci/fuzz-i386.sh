#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-i386.sh: the 32-bit (i386) build and its tests, which check the
# size_t arithmetic of the limits and of buffer growth where size_t is 32
# bits; the reason ci/oss-fuzz/project.yaml may declare i386.  gcc -m32
# (package gcc-multilib), expat compiled from source with the same flags
# (no libexpat1-dev:i386 needed), Debug, warnings as errors; then ctest.
# Output: build/i386/.  FUZZ_JOBS (default 2) builds in parallel.
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
fz_need cmake cmake
fz_need ninja ninja-build
fz_need gcc gcc
if ! echo 'int main(void){return 0;}' | gcc -m32 -x c - -o /dev/null 2>/dev/null; then
  [ "${FUZZ_NO_APT:-0}" = 1 ] && fz_die "gcc -m32 does not link and FUZZ_NO_APT=1 (package gcc-multilib)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends gcc-multilib >&2 || fz_die "could not install gcc-multilib"
fi
expat=$(fz_expat_dir)
dir=$FUZZ_BUILD_ROOT/i386
# No C++ here: g++ -m32 needs g++-multilib; the C++ header check runs in
# the 64-bit builds.
CXX=/bin/false cmake -S "$FUZZ_ROOT" -B "$dir" -G Ninja -DCMAKE_C_COMPILER=gcc -DCMAKE_C_FLAGS=-m32 \
  -DCMAKE_BUILD_TYPE=Debug -DPOXAUTH_EXPAT_SOURCE_DIR="$expat" -DPOXAUTH_BUILD_TESTS=ON \
  -DPOXAUTH_BUILD_BENCH=OFF -DPOXAUTH_INSTALL=OFF -DPOXAUTH_WARNINGS_AS_ERRORS=ON > "$dir.configure.log" 2>&1 ||
  { tail -20 "$dir.configure.log" >&2; fz_die "i386 configure failed"; }
cmake --build "$dir" -j "$FUZZ_JOBS"
ctest --test-dir "$dir" -j "$FUZZ_JOBS" --output-on-failure
fz_log "i386 build and tests passed ($dir)"
