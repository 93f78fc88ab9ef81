#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# ClusterFuzzLite build: the same script OSS-Fuzz runs.
exec "$SRC/poxauth/ci/oss-fuzz/build.sh"
