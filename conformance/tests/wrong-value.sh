#!/bin/sh
# SPDX-License-Identifier: MIT
# An adapter around the poxauth tool that reports ntlm as basic: a plausible
# implementation bug.  Usage: wrong-value.sh TOOL [context options]
tool=$1; shift
out=$("$tool" --format canonical "$@")
status=$?
printf '%s\n' "$out" | sed 's/ ntlm yes$/ basic yes/'
exit $status
