#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the dev build into a scratch prefix, then build a consumer two
# ways: CMake find_package(poxauth) and pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/poxauth.h"
test -x "$prefix/bin/poxauth"
cmake -S src/tests/consumer -B "$prefix/consumer-cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/consumer-cmake" >/dev/null
"$prefix/consumer-cmake/consumer"
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc -std=c11 -Wall -Werror src/tests/consumer/main.c \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs --static poxauth) -o "$prefix/consumer-pc"
"$prefix/consumer-pc"
echo "install-check: 2 passed, 0 failed"
