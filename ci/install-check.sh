#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/install-check.sh [BUILD]: install BUILD (default build/dev) into a
# scratch prefix and use it as a consumer would:
#   - what is installed: header, libpoxauth.so (SONAME) and .a, the tool
#     (runs from the prefix), CMake package, poxauth.pc, every doc/man page;
#   - pkg-config --cflags --libs (shared): builds, needs libpoxauth.so, runs;
#   - pkg-config --static: a fully static program builds and runs;
#   - find_package: poxauth::poxauth (shared) and poxauth::poxauth_static;
#   - a build configured for /usr, installed with DESTDIR: the paths in its
#     poxauth.pc are the real folders (multiarch libdir), and a consumer
#     builds against the staged tree through PKG_CONFIG_SYSROOT_DIR.
# Ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build/dev}
case $build in /*) ;; *) build=$root/$build ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# check NAME CMD...: run CMD quietly; its output is shown when it fails.
check() {
  local name=$1
  shift
  if "$@" > "$tmp/log" 2>&1; then pass "$name"; else fail "$name"; sed 's/^/     /' "$tmp/log" | tail -20; fi
}
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
consumer=$root/src/tests/consumer
prefix=$tmp/prefix
jobs=${POXAUTH_JOBS:-2}

if ! cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "0 passed, 1 failed"
  exit 1
fi
libdir=$(find "$prefix" -name 'libpoxauth.so' -printf '%h\n' | head -1)
pcdir=$libdir/pkgconfig
soname=$(objdump -p "$libdir/libpoxauth.so" | awk '$1 == "SONAME" {print $2}')

installed() {
  local f pkgname=cmake/poxauth
  for f in include/poxauth.h bin/poxauth; do test -e "$prefix/$f" || { echo "missing $f"; return 1; }; done
  for f in libpoxauth.so libpoxauth.a "$soname" pkgconfig/poxauth.pc "$pkgname/poxauthConfig.cmake"; do
    test -e "$libdir/$f" || { echo "missing $libdir/$f"; return 1; }
  done
  for page in "$root"/doc/man/*.[1-9]; do
    f=share/man/man${page##*.}/$(basename "$page")
    test -f "$prefix/$f" || { echo "missing $f"; return 1; }
  done
}
check "install: header, libpoxauth.so ($soname) and .a, tool, CMake package, .pc, man pages" installed
# The acceptance response breaks rules: exit 1 with its canonical result.
tool_runs() {
  local rc=0
  "$prefix/bin/poxauth" --format canonical "$root/src/tests/data/acceptance.xml" > "$tmp/tool.out" || rc=$?
  [ "$rc" -eq 1 ] && grep -q '^kind settings$' "$tmp/tool.out"
}
check "the installed tool runs from the prefix" tool_runs

pc() { PKG_CONFIG_PATH=$pcdir pkg-config "$@" poxauth; }
# pc_paths: the .pc's folders are the installed ones.
pc_paths() {
  test "$(pc --variable=includedir)" -ef "$prefix/include" && test "$(pc --variable=libdir)" -ef "$libdir"
}
check "poxauth.pc: includedir and libdir are the installed folders" pc_paths
shared_pc() {
  # Word splitting of the flags is intended.
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Werror "$consumer/main.c" $(pc --cflags --libs) -o "$tmp/consumer-pc" &&
    needed "$tmp/consumer-pc" | grep -qx "$soname" &&
    LD_LIBRARY_PATH=$(pc --variable=libdir) "$tmp/consumer-pc"
}
check "pkg-config --cflags --libs poxauth: builds against $soname and runs" shared_pc
static_pc() {
  # shellcheck disable=SC2046
  cc -static -std=c11 -Wall -Werror "$consumer/main.c" $(pc --static --cflags --libs) -o "$tmp/consumer-static" &&
    [ -z "$(needed "$tmp/consumer-static")" ] && "$tmp/consumer-static"
}
check "pkg-config --static: a static program builds and runs" static_pc
cmake_consumer() { # cmake_consumer DIR [-DCONSUMER_STATIC=ON]
  local dir=$tmp/$1
  shift
  cmake -S "$consumer" -B "$dir" -DCMAKE_PREFIX_PATH="$prefix" "$@" && cmake --build "$dir" &&
    "$dir/consumer" && needed "$dir/consumer" > "$dir/needed"
}
find_shared() { cmake_consumer cmake-shared && grep -qx "$soname" "$tmp/cmake-shared/needed"; }
find_static() { cmake_consumer cmake-static -DCONSUMER_STATIC=ON && ! grep -q libpoxauth "$tmp/cmake-static/needed"; }
check "find_package: poxauth::poxauth links $soname and runs" find_shared
check "find_package: poxauth::poxauth_static links libpoxauth.a and runs" find_static

# The Debian layout: configured for /usr, staged with DESTDIR.
usr_install() {
  cmake -S "$root" -B "$tmp/usr-build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=Release \
    -DPOXAUTH_BUILD_TESTS=OFF -DPOXAUTH_BUILD_BENCH=OFF &&
    cmake --build "$tmp/usr-build" -j"$jobs" && DESTDIR=$tmp/root cmake --install "$tmp/usr-build"
}
usr_pc() {
  local pcfile inc lib pcpath
  pcfile=$(find "$tmp/root/usr/lib" -name poxauth.pc | head -1)
  [ -n "$pcfile" ] || { echo "no poxauth.pc under $tmp/root/usr/lib"; return 1; }
  # The staged .pc first, then the system's (expat.pc).
  pcpath=$(dirname "$pcfile"):$(pkg-config --variable pc_path pkg-config)
  inc=$(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$pcpath pkg-config --variable=includedir poxauth)
  lib=$(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$pcpath pkg-config --variable=libdir poxauth)
  echo "includedir=$inc libdir=$lib ($pcfile)"
  [ "$lib/pkgconfig/poxauth.pc" -ef "$pcfile" ] || [ "$tmp/root$lib/pkgconfig/poxauth.pc" -ef "$pcfile" ] ||
    { echo "libdir $lib is not the folder of the .pc"; return 1; }
  test -f "$tmp/root$inc/poxauth.h" || { echo "includedir $inc holds no poxauth.h"; return 1; }
  test -e "$tmp/root$lib/libpoxauth.so" || { echo "libdir $lib holds no libpoxauth.so"; return 1; }
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Werror "$consumer/main.c" -o "$tmp/consumer-usr" \
    $(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$pcpath PKG_CONFIG_SYSROOT_DIR=$tmp/root pkg-config --cflags --libs poxauth) &&
    LD_LIBRARY_PATH=$tmp/root$lib "$tmp/consumer-usr"
}
check "configure for /usr, build, DESTDIR install" usr_install
check "/usr DESTDIR install: poxauth.pc names the real include and library folders; a consumer builds and runs" usr_pc

echo "install-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
