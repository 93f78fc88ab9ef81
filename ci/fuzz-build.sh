#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fuzz-build.sh [FLAVOUR...]: build every fuzz target in each flavour
# (default: all of them), each in build/fuzz-<flavour>/fuzz/:
#   standalone      replay drivers (<target>_replay), clang, ASan+UBSan
#                   (FUZZ_STANDALONE_CC=gcc, FUZZ_STANDALONE_SANITIZE= to change)
#   libfuzzer-asan  libFuzzer, ASan+UBSan
#   libfuzzer-msan  libFuzzer, MSan (+origins)
#   afl             AFL++ afl-clang-fast, persistent + shared memory, no sanitizer
#   afl-asan        the same with ASan+UBSan
#   afl-cmplog      AFL_LLVM_CMPLOG build for afl-fuzz -c
#   coverage        replay drivers with clang source-based coverage
# expat is compiled from source into each (ci/expat-source.sh).
set -euo pipefail
. "$(dirname "$0")/lib/fuzz-common.sh"
fz_need_base
flavours=("$@")
[ ${#flavours[@]} -gt 0 ] || read -r -a flavours <<< "$FUZZ_FLAVOURS"
start=$(date +%s)
for fl in "${flavours[@]}"; do
  fz_build_flavour "$fl"
done
fz_log "done in $(( $(date +%s) - start )) s: ${flavours[*]}"
