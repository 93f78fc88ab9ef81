#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The differential matrix: the reference against exchangelib, written to
# build/conformance-matrix.html (and .json).  Informational: whatever the
# two answer, this script exits 0 unless it cannot run at all.
#   ci/conformance-matrix.sh [extra poxauth-conformance options]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
# POXAUTH_CONFORMANCE: an already-built runner (another build directory).
runner=${POXAUTH_CONFORMANCE:-build/dev/conformance/poxauth-conformance}
if [ ! -x "$runner" ]; then
  cmake --preset dev && cmake --build --preset dev -j2 --target poxauth-conformance || exit 1
fi
# Debian's exchangelib lives in the system python, whatever python3 is first on PATH.
py=/usr/bin/python3
if ! "$py" -c 'import exchangelib' 2>/dev/null; then
  . "$root/ci/lib/deps.sh"
  ensure_packages python3 python3-exchangelib || { echo "conformance-matrix: could not install python3-exchangelib"; exit 1; }
fi
version=$("$py" -c 'import exchangelib; print(exchangelib.__version__)')
echo "reference vs exchangelib $version"
# The adapter's path quoted for --impl: the clone may live under a space.
. "$root/conformance/tests/impl-word.sh"
"$runner" --reference --impl "$py $(impl_word "$root/conformance/adapters/exchangelib.py")" --name "exchangelib-$version" \
  --jobs 2 --timeout 30 --html build/conformance-matrix.html --json build/conformance-matrix.json "$@" \
  > build/conformance-matrix.txt 2>&1
status=$?
sed -n '/^Differential matrix/,$p' build/conformance-matrix.txt | tail -12
echo "runner exit status $status (informational); full report build/conformance-matrix.txt"
echo "matrix: $root/build/conformance-matrix.html"
exit 0
