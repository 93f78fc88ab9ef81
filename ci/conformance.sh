#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the conformance corpus against the reference, for each profile, then
# through the poxauth tool as an external implementation, and checks the
# corpus covers every rule.  Configures and builds build/dev if needed.
# Exit status 0 only when every must case passed everywhere.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
# Configure when there is no build yet, or when it predates conformance/.
if [ ! -f build/dev/CMakeCache.txt ] || [ ! -f build/dev/conformance/CTestTestfile.cmake ]; then
  cmake --preset dev || exit 1
fi
cmake --build --preset dev -j2 || exit 1
runner=build/dev/conformance/poxauth-conformance
tool=build/dev/src/tool/poxauth
status=0
summary=""
step() {
  name=$1; shift
  echo "== $name"
  "$runner" "$@" > "build/dev/conformance-$name.txt" 2>&1
  rc=$?
  grep -E '^(FAIL|CRASH|TIMEOUT) ' "build/dev/conformance-$name.txt" | head -20
  tail -4 "build/dev/conformance-$name.txt"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "build/dev/conformance-$name.txt" | tail -1)
  summary="$summary$name: ${line:-no summary (exit $rc)}
"
  [ "$rc" -eq 0 ] || status=1
}
step reference-pox --profile pox --jobs 2 --junit build/dev/conformance-pox.xml
step reference-oxdscli --profile oxdscli --jobs 2 --junit build/dev/conformance-oxdscli.xml
step reference-union --profile union --jobs 2 --junit build/dev/conformance-union.xml
step tool-impl --jobs 2 --impl "$tool --format canonical" --name tool
echo "== coverage"
if "$runner" --coverage-check > build/dev/conformance-coverage.txt 2>&1; then
  tail -1 build/dev/conformance-coverage.txt
else
  grep -E 'MISSING|unknown rule' build/dev/conformance-coverage.txt
  tail -1 build/dev/conformance-coverage.txt
  status=1
fi
echo "== summary"
printf '%s' "$summary"
exit $status
