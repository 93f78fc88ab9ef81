# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# Sourced by tool_cli.sh: option syntax, limit values, --no-notes, and the
# tool's own failures (exit 74 when the output cannot be written).
acc=$data/acceptance.xml

# --option=value is --option value, for every long option with a value.
run 0 --format=canonical --client-can-handle=Negotiate,ExHttpInfo "$acc"
has "protocol 0 EXCH kerbntlm yes"
hasnt violation
run 1 --format=canonical --client-can-handle= "$acc"
has "finding 1 negotiate-unrequested violation"
run 0 --format=canonical --profile=oxdscli --server-build=15.0.995.13 "$acc"
has "protocol 2 EXHTTP basic yes"
for opt in max-input-bytes max-depth max-elements max-protocols max-text-bytes; do
  run 1 --format=canonical --$opt=0 "$acc"
  run 1 --format=canonical --$opt 0 "$acc"
done
run 2 --format=canonical --max-depth=3 "$acc"
has "reject limit depth"
run 2 --format=canonical --max-input-bytes=64 "$acc"
has "reject limit input-bytes"
run 2 --format=canonical --max-protocols=1 "$acc"
has "reject limit protocols"
run 2 --format=canonical --max-elements=5 "$acc"
has "reject limit elements"
run 2 --format=canonical --max-text-bytes=3 "$acc"
has "reject limit text-bytes"

# A limit is decimal digits: negative, empty, signed, spaced, hex, suffixed
# and overflowing values are refused, naming the option.
for v in -1 '' ' 5' '5 ' +5 0x10 5k 1e3 99999999999999999999999; do
  for opt in max-input-bytes max-text-bytes; do
    run 64 --$opt "$v" "$acc"
    has "^poxauth: --$opt takes a decimal number"
    run 64 "--$opt=$v" "$acc"
    has "^poxauth: --$opt takes a decimal number"
  done
done
run 64 --max-depth
has "^poxauth: --max-depth needs a value"
for opt in help version no-notes; do
  run 64 --$opt=1
  has "^poxauth: --$opt takes no value"
done
run 64 --profile=
run 64 --format= "$acc"
run 64 --server-build= "$acc"
run 64 -x "$acc"
has "unknown option"
run 64 --max-dept=1 "$acc"
has "unknown option"
run 0 -h
has "usage: poxauth"

# --no-notes: violations only; the counts stay.
run 1 --no-notes "$acc"
hasnt ": note "
has "violation negotiate-unrequested"
has "2 violations, 3 notes (not shown)"
run 1 --no-notes --format json "$acc"
hasnt '"severity":"note"'
has '"severity":"violation"'
has '"violations":2,"notes":3,"notes_shown":false'
run 1 --format json "$acc"
has '"severity":"note"'
has '"violations":2,"notes":3,"notes_shown":true'
run 64 --no-notes --format canonical "$acc"
has "does not apply to --format canonical"

# The output cannot be written: a message on stderr and 74, never a
# verdict on the input.  Full disk, closed standard output, closed pipe.
# (Each call's words as separate arguments: the clone's path may hold a space.)
write_errors() {
  if [ -w /dev/full ]; then
    "$tool" "$@" >/dev/full 2>"$tmp.err"
    st=$?
    if [ "$st" -eq 74 ]; then ok; else bad "exit $st, want 74: $* >/dev/full"; fi
    if grep -q "^poxauth: cannot write the output" "$tmp.err"; then ok; else bad "no message: $* >/dev/full"; fi
  else
    echo "SKIP: /dev/full is not writable here"
  fi
  "$tool" "$@" >&- 2>"$tmp.err"
  st=$?
  if [ "$st" -eq 74 ]; then ok; else bad "exit $st, want 74: $* >&-"; fi
}
write_errors "$acc"
write_errors --format json "$acc"
write_errors --format canonical "$acc"
write_errors --help
write_errors --version
# Many files: the tool stops at the first failed write.
"$tool" "$acc" "$acc" "$acc" >/dev/full 2>"$tmp.err"
if [ "$(grep -c 'cannot write' "$tmp.err")" -eq 1 ]; then ok; else bad "one write-error message"; fi
if [ -n "$python" ]; then
  # The read end is closed before the tool starts: the write must fail.
  "$python" -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
sys.stderr.write(p.stderr.decode("utf-8", "replace"))
sys.exit(p.returncode)' "$tool" "$acc" 2>"$tmp.err"
  st=$?
  if [ "$st" -eq 74 ]; then ok; else bad "closed pipe: exit $st, want 74"; fi
  if grep -q "^poxauth: cannot write the output: Broken pipe" "$tmp.err"; then ok; else bad "closed pipe: no message"; cat "$tmp.err" >&2; fi
else
  echo "SKIP: closed-pipe case (no python3)"
fi
