#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job.  With FILE arguments: check those responses with the
# poxauth tool (any poxauth option may come first; the profile is union
# unless --profile says otherwise).  Without: run the
# conformance suite against the reference and print its summary.
# Installs what it needs (Debian 12, as root).  Usage: bash ci/main.sh [ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/deps.sh
ensure_build_packages
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$(nproc)" >/dev/null
if [ $# -gt 0 ]; then
  exec build/dev/src/tool/poxauth "$@"
fi
if [ -f ci/conformance.sh ]; then
  exec bash ci/conformance.sh
fi
exec build/dev/src/tool/poxauth src/tests/data/acceptance.xml
