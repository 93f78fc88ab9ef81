#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs proptest.py with the first python3 on PATH that has Hypothesis
# (Debian: python3-hypothesis), so that a python3 shadowing the system one
# does not hide it; exit 77 (ctest: skipped) when none has it.
# usage: proptest.sh POXAUTH [proptest.py options]
here=$(cd "$(dirname "$0")" && pwd)
for py in $(type -ap python3); do
  if "$py" -c 'import hypothesis' 2>/dev/null; then
    exec "$py" "$here/proptest.py" "$@"
  fi
done
echo "proptest: no python3 on PATH has the module hypothesis (Debian: apt-get install python3-hypothesis): skipped"
exit 77
