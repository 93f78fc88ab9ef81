#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# OSS-Fuzz / ClusterFuzzLite build script of poxauth's fuzz targets.
#
# Contract (OSS-Fuzz "Setting up a new project",
# https://google.github.io/oss-fuzz/getting-started/new-project-guide/): compile with $CC
# $CFLAGS, link with $CXX $CXXFLAGS $LIB_FUZZING_ENGINE, put the fuzzers
# (no extension) in $OUT with <fuzzer>_seed_corpus.zip, <fuzzer>.dict and
# <fuzzer>.options.  Everything is static: expat is compiled from source
# ($SRC/expat, a git clone of libexpat made by the Dockerfile) with the same
# $CFLAGS, so the sanitizer and coverage instrumentation reach it (and MSan
# has no uninstrumented dependency).
#
# Knobs: POXAUTH_SRC (default: this checkout, else $SRC/poxauth),
# POXAUTH_EXPAT_SRC (default $SRC/expat).  ci/fuzz-ossfuzz-sim.sh runs this
# very script without docker.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -z "${POXAUTH_SRC:-}" ]; then
  if [ -f "$here/../../fuzz/CMakeLists.txt" ]; then POXAUTH_SRC=$(cd "$here/../.." && pwd)
  else POXAUTH_SRC=$SRC/poxauth; fi
fi
POXAUTH_EXPAT_SRC=${POXAUTH_EXPAT_SRC:-$SRC/expat}
[ -f "$POXAUTH_SRC/fuzz/CMakeLists.txt" ] || { echo "build.sh: no poxauth tree at $POXAUTH_SRC" >&2; exit 1; }
[ -f "$POXAUTH_EXPAT_SRC/expat/lib/xmlparse.c" ] || [ -f "$POXAUTH_EXPAT_SRC/lib/xmlparse.c" ] ||
  { echo "build.sh: no expat source at $POXAUTH_EXPAT_SRC (git clone https://github.com/libexpat/libexpat)" >&2; exit 1; }

build=${WORK:-/tmp}/poxauth-fuzz-build
rm -rf "$build"
gen=()
command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)

# The fuzzers are C; the C++ compiler only links them (some engines are C++).
cmake -S "$POXAUTH_SRC" -B "$build" "${gen[@]}" \
  -DCMAKE_BUILD_TYPE= \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DBUILD_SHARED_LIBS=OFF \
  -DPOXAUTH_OSSFUZZ_BUILD=ON -DPOXAUTH_FUZZ_ENGINE=ossfuzz -DPOXAUTH_SANITIZE= \
  -DPOXAUTH_EXPAT_SOURCE_DIR="$POXAUTH_EXPAT_SRC" \
  -DPOXAUTH_BUILD_TESTS=OFF -DPOXAUTH_BUILD_TOOLS=OFF -DPOXAUTH_BUILD_BENCH=OFF -DPOXAUTH_INSTALL=OFF
cmake --build "$build" --target poxauth_fuzz -j"$(nproc)"

for src in "$POXAUTH_SRC"/fuzz/*_fuzzer.c; do
  t=$(basename "$src" .c)
  [ -x "$build/fuzz/$t" ] || { echo "build.sh: $t was not built" >&2; exit 1; }
  cp "$build/fuzz/$t" "$OUT/$t"
  [ -f "$POXAUTH_SRC/fuzz/$t.dict" ] && cp "$POXAUTH_SRC/fuzz/$t.dict" "$OUT/$t.dict"
  [ -f "$POXAUTH_SRC/fuzz/$t.options" ] && cp "$POXAUTH_SRC/fuzz/$t.options" "$OUT/$t.options"
  if [ -d "$POXAUTH_SRC/corpus/$t" ] && [ -n "$(ls -A "$POXAUTH_SRC/corpus/$t")" ]; then
    rm -f "$OUT/${t}_seed_corpus.zip"
    (cd "$POXAUTH_SRC/corpus/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" . -x '.*')
  fi
done
echo "build.sh: built $(ls "$POXAUTH_SRC"/fuzz/*_fuzzer.c | wc -l) fuzzers into $OUT"
