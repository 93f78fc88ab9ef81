#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job.  With FILE arguments: check those responses with the
# poxauth tool (any poxauth option may come first; the profile is union
# unless --profile says otherwise; FILEs are relative to the directory it is
# run from).  Without: run the conformance suite against the reference and
# print its summary.
# Installs what it needs (Debian 12, as root).  Usage: bash ci/main.sh [ARGS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/ci/lib/deps.sh"
ensure_build_packages
# The build talks only when it fails.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! (cd "$root" && cmake --preset dev && cmake --build --preset dev -j"$(nproc)") > "$log" 2>&1; then
  tail -40 "$log" >&2
  echo "main: the build failed" >&2
  exit 1
fi
if [ $# -gt 0 ]; then
  # Run from the caller's directory, so that relative FILEs resolve.
  "$root/build/dev/src/tool/poxauth" "$@"
  exit
fi
exec bash "$root/ci/conformance.sh"
